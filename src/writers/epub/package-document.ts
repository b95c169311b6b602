/**
 * The EPUB package document (content.opf) and the EPUB 2 table of contents
 * (toc.ncx), built as xast trees and serialised by the escaping XML
 * serialiser: no book text is ever pasted into markup. epub-gen-memory packs
 * the finished strings (its templates print them raw).
 */
import type { Element, ElementContent, Root } from 'xast';
import { x } from 'xastscript';
import { serialiseXml } from '../xml.js';
import type { AccessibilityMetadata } from './accessibility.js';
import { type NavEntry, navDepth } from './nav-tree.js';
import type { PackageCredit } from './package-credits.js';
import type { PageTarget } from './page-list.js';

export interface PackageData {
  identifier: string;
  title: string;
  subtitle?: string | undefined;
  language: string;
  creators: readonly string[];
  date?: string | undefined;
  modified: string;
  publisher?: string | undefined;
  description?: string | undefined;
  subjects: readonly string[];
  source?: string | undefined;
  rights: string;
  licenceUrl?: string | null | undefined;
  licenceUrls: readonly string[];
  attributionUrl: string;
  credits: readonly PackageCredit[];
  generator: string;
  spine: readonly string[];
  pageProgression: 'ltr' | 'rtl';
  accessibility: AccessibilityMetadata;
  coverId: string;
  assets: readonly { id: string; href: string; mediaType: string; properties: string }[];
  /** The content documents, in manifest order. */
  documents: readonly { id: string; filename: string; properties: string }[];
  /** The nav's contents, nested as the nav nests them. */
  toc: readonly NavEntry[];
  /** The print edition's pages, when the EPUB marks them (page-list.ts). */
  pageList?: PageListData | undefined;
}

export interface PageListData {
  label: string;
  /** The print edition, as `dc:source` names it. */
  source: string;
  targets: readonly PageTarget[];
  totalPageCount: number;
  maxPageNumber: number;
  /** Each target's place in reading order (page-list.ts readingPositions). */
  position: (href: string) => number | undefined;
}

/** The name epub-gen-memory gives a content document in the zip (it drops other characters). */
export function packedName(filename: string): string {
  return filename.replace(/\s/g, '_').replace(/[^-._A-Za-z0-9]/g, '');
}

/** Children one per line, indented, so the files stay readable. */
function lines(depth: number, children: readonly ElementContent[]): ElementContent[] {
  const pad = `\n${'  '.repeat(depth)}`;
  return [
    ...children.flatMap((c) => [{ type: 'text' as const, value: pad }, c]),
    { type: 'text', value: `\n${'  '.repeat(depth - 1)}` },
  ];
}

function document(root: Element): string {
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'instruction', name: 'xml', value: 'version="1.0" encoding="UTF-8"' },
      { type: 'text', value: '\n' },
      root,
      { type: 'text', value: '\n' },
    ],
  };
  return serialiseXml(tree, { closeEmptyElements: true, tightClose: true });
}

const meta = (property: string, value: string, extra: Record<string, string> = {}) =>
  x('meta', { ...extra, property }, value);

export function packageDocument(d: PackageData): string {
  const m: Element[] = [];
  m.push(x('dc:identifier', { id: 'pub-id' }, d.identifier));
  m.push(x('dc:title', { id: 'title' }, d.title), x('meta', { refines: '#title', property: 'title-type' }, 'main'));
  if (d.subtitle)
    m.push(
      x('dc:title', { id: 'subtitle' }, d.subtitle),
      x('meta', { refines: '#subtitle', property: 'title-type' }, 'subtitle'),
    );
  m.push(x('dc:language', d.language));
  d.creators.forEach((creator, i) => {
    m.push(
      x('dc:creator', { id: `creator-${i + 1}` }, creator),
      x('meta', { refines: `#creator-${i + 1}`, property: 'role', scheme: 'marc:relators' }, 'aut'),
    );
  });
  if (d.date) m.push(x('dc:date', d.date));
  m.push(meta('dcterms:modified', d.modified));
  if (d.publisher) m.push(x('dc:publisher', d.publisher));
  if (d.description) m.push(x('dc:description', d.description));
  for (const subject of d.subjects) m.push(x('dc:subject', subject));
  if (d.source) m.push(x('dc:source', d.source));
  // The edition the page list's numbers come from (EPUB Accessibility: the page source); after the work's own source.
  if (d.pageList)
    m.push(
      x('dc:source', { id: 'page-source' }, d.pageList.source),
      x('meta', { refines: '#page-source', property: 'source-of' }, 'pagination'),
    );
  m.push(x('dc:rights', d.rights));
  if (d.licenceUrl) {
    for (const url of d.licenceUrls) m.push(meta('dcterms:license', url));
    if (d.creators.length) m.push(meta('cc:attributionName', d.creators.join(', ')));
    if (d.attributionUrl) m.push(meta('cc:attributionURL', d.attributionUrl));
  }
  for (const credit of d.credits) {
    m.push(x('meta', { property: 'octavo:credit', id: credit.id }, credit.title));
    for (const cm of credit.metas) m.push(x('meta', { refines: `#${credit.id}`, property: cm.property }, cm.value));
    for (const im of credit.item?.metas ?? [])
      m.push(x('meta', { refines: `#${credit.item!.id}`, property: im.property }, im.value));
  }
  m.push(x('meta', { name: 'cover', content: d.coverId }));
  const a11y = d.accessibility;
  for (const mode of a11y.accessModes) m.push(meta('schema:accessMode', mode));
  m.push(meta('schema:accessModeSufficient', a11y.accessModeSufficient));
  for (const f of a11y.features) m.push(meta('schema:accessibilityFeature', f));
  m.push(meta('schema:accessibilityHazard', 'none'));
  m.push(meta('schema:accessibilitySummary', a11y.summary));
  if (a11y.conformance) {
    m.push(meta('dcterms:conformsTo', a11y.conformance.conformsTo));
    m.push(meta('a11y:certifiedBy', a11y.conformance.certifiedBy));
  }
  m.push(x('meta', { name: 'generator', content: d.generator }));

  const item = (id: string, href: string, mediaType: string, properties?: string) =>
    x('item', { id, href, 'media-type': mediaType, ...(properties ? { properties } : {}) });
  const manifest = [
    item('nav', 'toc.xhtml', 'application/xhtml+xml', 'nav'),
    item('ncx', 'toc.ncx', 'application/x-dtbncx+xml'),
    item('css', 'style.css', 'text/css'),
    ...d.assets.map((a) => item(a.id, a.href, a.mediaType, a.properties)),
    ...d.documents.map((doc) => item(doc.id, packedName(doc.filename), 'application/xhtml+xml', doc.properties)),
  ];
  const spine = d.spine.map((idref) => x('itemref', { idref }));

  return document(
    x(
      'package',
      {
        xmlns: 'http://www.idpf.org/2007/opf',
        version: '3.0',
        'unique-identifier': 'pub-id',
        'xml:lang': d.language,
        prefix: 'cc: http://creativecommons.org/ns# octavo: https://octavo.dev/ns/1.0/',
      },
      lines(1, [
        x('metadata', { 'xmlns:dc': 'http://purl.org/dc/elements/1.1/' }, lines(2, m)),
        x('manifest', lines(2, manifest)),
        x(
          'spine',
          { toc: 'ncx', ...(d.pageProgression === 'rtl' ? { 'page-progression-direction': 'rtl' } : {}) },
          lines(2, spine),
        ),
      ]),
    ),
  );
}

export function ncxDocument(d: Pick<PackageData, 'identifier' | 'title' | 'language' | 'toc' | 'pageList'>): string {
  const pages = d.pageList;
  const head = [
    x('meta', { name: 'dtb:uid', content: d.identifier }),
    x('meta', { name: 'dtb:depth', content: String(Math.max(1, navDepth(d.toc))) }),
    x('meta', { name: 'dtb:totalPageCount', content: String(pages?.totalPageCount ?? 0) }),
    x('meta', { name: 'dtb:maxPageNumber', content: String(pages?.maxPageNumber ?? 0) }),
  ];
  const order = playOrder(d.toc, pages);
  let navPoints = 0;
  const point = (entry: NavEntry, depth: number): Element => {
    navPoints += 1;
    return x(
      'navPoint',
      { id: `navpoint-${navPoints}`, playOrder: String(order.get(entry)) },
      lines(depth + 1, [
        x('navLabel', [x('text', entry.title)]),
        x('content', { src: entry.href }),
        ...entry.children.map((child) => point(child, depth + 1)),
      ]),
    );
  };
  const points = d.toc.map((entry) => point(entry, 2));
  const pageList = pages
    ? [
        x(
          'pageList',
          lines(2, [
            x('navLabel', [x('text', pages.label)]),
            ...pages.targets.map((t, i) =>
              x(
                'pageTarget',
                {
                  id: `pagetarget-${i + 1}`,
                  type: t.front ? 'front' : 'normal',
                  // `value` is a page's number as an integer: the arabic folios only.
                  ...(t.front ? {} : { value: t.folio }),
                  playOrder: String(order.get(t)),
                },
                lines(3, [x('navLabel', [x('text', t.folio)]), x('content', { src: t.href })]),
              ),
            ),
          ]),
        ),
      ]
    : [];
  return document(
    x(
      'ncx',
      { xmlns: 'http://www.daisy.org/z3986/2005/ncx/', version: '2005-1', 'xml:lang': d.language },
      lines(1, [
        x('head', lines(2, head)),
        x('docTitle', [x('text', d.title)]),
        x('navMap', lines(2, points)),
        ...pageList,
      ]),
    ),
  );
}

/**
 * playOrder counts the contents' points and the pages together, in reading
 * order: the points depth first, as the nav lists them, each page where its
 * marker is among them.
 */
function playOrder(toc: readonly NavEntry[], pages: PageListData | undefined): Map<NavEntry | PageTarget, number> {
  const items: { item: NavEntry | PageTarget; at: number }[] = [];
  let last = -1;
  const walk = (entries: readonly NavEntry[]) => {
    for (const entry of entries) {
      // A point whose target is not found keeps its place after the one before it.
      last = pages?.position(entry.href) ?? last;
      items.push({ item: entry, at: last });
      walk(entry.children);
    }
  };
  walk(toc);
  for (const t of pages?.targets ?? []) items.push({ item: t, at: pages!.position(t.href) ?? Number.MAX_SAFE_INTEGER });
  // Stable: points before pages at the same place, points in nav order.
  if (pages) items.sort((a, b) => a.at - b.at);
  return new Map(items.map(({ item }, i) => [item, i + 1]));
}
