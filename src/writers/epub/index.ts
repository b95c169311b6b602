/**
 * The EPUB 3 edition, packaged by epub-gen-memory. Octavo hands it finished
 * XHTML (its own content pass would strip attributes) and its own package
 * documents, built as XML trees in package-document.ts (its defaults say
 * "All rights reserved" and stamp random ids).
 */
import { EPub } from 'epub-gen-memory';
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import type { Asset } from '../../book.js';
import { generatedCover } from '../../cover/index.js';
import { untranslated, wordsMarks } from '../../i18n/bidi.js';
import { joinNames, stringsFor } from '../../i18n/strings.js';
import { collectCredits } from '../../licence/credits.js';
import { licenceUrls } from '../../licence/licence.js';
import { rightsStatement } from '../../licence/notice.js';
import { isUrl } from '../../licence/record.js';
import type { PrintPages } from '../../page-list/print-pages.js';
import type { ComposedBook, Division } from '../../templates/compose.js';
import { buildDocument } from '../../templates/document.js';
import { visit } from '../../util/visit.js';
import { VERSION } from '../../version.js';
import { openDetails } from '../details.js';
import { dropFontCredits } from '../font-credits.js';
import { partHead } from '../head.js';
import { removeByClass } from '../strip.js';
import type { Writer, WriterContext, WriterOutput } from '../writer.js';
import { toXhtml } from '../xhtml.js';
import { bookAccessibility } from './accessibility.js';
import { epubFile, idToFile, rewriteLinks } from './links.js';
import { navEntries } from './nav-tree.js';
import { packageCredits } from './package-credits.js';
import { ncxDocument, type PackageData, packageDocument } from './package-document.js';
import {
  markPageBreaks,
  type PageTarget,
  pageListNav,
  pageTarget,
  printEditionName,
  readingPositions,
} from './page-list.js';

/** epub-gen-memory, plus the book's own images, with every zip entry dated from the book (not the clock). */
class PackagedEpub extends EPub {
  async pack(entryDate: Date, files: readonly { href: string; bytes: Uint8Array }[]): Promise<Buffer> {
    await this.render();
    for (const f of files) this.zip.file(`OEBPS/${f.href}`, f.bytes);
    for (const entry of Object.values(this.zip.files)) entry.date = entryDate;
    return this.zip.generateAsync({
      type: 'nodebuffer',
      mimeType: 'application/epub+zip',
      compression: 'DEFLATE',
      compressionOptions: { level: 9 },
    });
  }
}

interface ContentDoc {
  id: string;
  /** Manifest properties (mathml, svg) of this document. */
  properties: string;
  title: string;
  filename: string;
  /** Finished XHTML, printed raw by our chapterXHTML template. */
  xhtml: string;
  content: '';
}

export const epubWriter: Writer = {
  format: 'epub',
  extensions: ['.epub'],
  async render(composed, context) {
    const { slug, reporter } = context;
    reporter?.phase?.('epub', composed.book.cover ? 'writing the chapters' : 'drawing the cover');
    const cover = composed.book.cover ?? (await generatedCover(composed.book.config, context));
    const printPages = await waitForPages(context, 'epub');
    reporter?.phase?.('epub', 'writing the chapters');
    return [
      await renderEpub(composed, slug, cover, { packing: () => reporter?.phase?.('epub', 'packing'), printPages }),
    ];
  },
};

/** What an EPUB made for one reading system (the KEPUB) changes. */
export interface EpubVariant {
  /** Changes each content document's tree (cover, nav, divisions) before it is serialised. */
  document?: (tree: Root) => void;
  /** The file's name (default `<slug>.epub`). */
  name?: string;
  /** Told when the documents are made and the zip is packed. */
  packing?: () => void;
  /** Where each page of the PDF of the same build begins: the EPUB gets its page list. */
  printPages?: PrintPages | undefined;
}

/** The PDF's page starts, when the build prints too (the PDF writer tells them once it has measured). */
export async function waitForPages(context: WriterContext, format: string): Promise<PrintPages | undefined> {
  if (!context.printPages) return undefined;
  context.reporter?.phase?.(format, "waiting for the PDF's page numbers");
  return context.printPages.pages;
}

/** `cover`: the book's own cover image, or the generated one. */
export async function renderEpub(
  composed: ComposedBook,
  slug: string,
  cover: Asset,
  variant: EpubVariant = {},
): Promise<WriterOutput> {
  const { packing } = variant;
  const { book, theme, divisions } = composed;
  const c = book.config;
  const files = idToFile(divisions);
  const divisionIds = new Set(divisions.map((d) => d.id));

  // No font is embedded: e-readers show the text in their own.
  const credits = collectCredits(book, []);
  const page = (title: string, body: ElementContent[], bodyClass?: string[], extraHead: Element[] = []): string => {
    const tree = buildDocument(theme, {
      lang: c.language,
      dir: c.dir,
      title,
      head: [h('link', { rel: ['stylesheet'], type: 'text/css', href: 'style.css' }), ...extraHead],
      body,
      bodyClass,
    });
    const html = tree.children.find((n): n is Element => n.type === 'element' && n.tagName === 'html');
    if (html) {
      html.properties['xmlns:epub'] = 'http://www.idpf.org/2007/ops';
      html.properties.xmlLang = c.language;
    }
    variant.document?.(tree);
    return toXhtml(tree);
  };

  const targets: (PageTarget & { index: number })[] = [];
  const prepare = (d: Division): Element => {
    const el = structuredClone(d.element);
    // Numbered as the print numbered it: before anything here changes the division.
    const marked = d.kind === 'contents' ? [] : markPageBreaks(el, d.id, variant.printPages);
    rewriteLinks(el, files, divisionIds, epubFile(d));
    openDetails(el);
    if (d.kind === 'colophon') dropFontCredits(el);
    // A page that began in what the EPUB leaves out (the print's font credits) has no marker left.
    const kept = marked.length ? idsIn(el) : new Set<string>();
    for (const start of marked) {
      const target = pageTarget(start, epubFile(d));
      if (kept.has(target.id)) targets.push({ ...target, index: start.index });
    }
    return el;
  };

  const s = stringsFor(c.language);
  const coverAlt = s.coverAlt(c.title, joinNames(c.creators, s));
  const docs: ContentDoc[] = [
    {
      id: 'cover',
      title: c.title,
      filename: 'cover.xhtml',
      content: '',
      properties: '',
      xhtml: page(
        c.title,
        [
          h('section', { 'epub:type': 'cover', className: ['cover'] }, [
            h('img', { src: cover.href, alt: coverAlt, ...wordsMarks(c.language, c.dir) }),
          ]),
        ],
        ['cover-page'],
      ),
    },
  ];
  let contents: Division | undefined;
  const spine = ['cover'];
  // The content documents in reading order, for the NCX's playOrder of page targets.
  const documentTrees: [file: string, tree: Element | undefined][] = [['cover.xhtml', undefined]];
  for (const d of divisions) {
    if (d.kind === 'contents') {
      contents = d;
      spine.push('nav');
      documentTrees.push(['toc.xhtml', undefined]);
      continue;
    }
    const el = prepare(d);
    documentTrees.push([epubFile(d), el]);
    // A chapter with its own credit (anthologies) says so in its own head too.
    const own = credits.find((cr) => cr.kind === 'chapter' && cr.target === d.id);
    docs.push({
      id: d.id,
      title: d.title,
      filename: epubFile(d),
      content: '',
      properties: manifestProperties(el),
      xhtml: page(d.title, [el], undefined, own ? partHead(own) : []),
    });
    spine.push(d.id);
  }
  if (!contents) throw new Error('composed book has no contents division');

  const toc = prepare(contents);
  removeByClass(toc, 'toc-page');
  const bodyStart = divisions.find((d) => d.matter === 'body');
  // The landmarks in the book's words; where those fell back to English, the chapter's title keeps the book's language.
  const landmark = (type: string, href: string, text: string, own = false) =>
    h('li', [
      h('a', { 'epub:type': type, href, ...(own && untranslated(c.language) ? { lang: c.language } : {}) }, text),
    ]);
  const colophon = divisions.find((d) => d.kind === 'colophon');
  const landmarks = h(
    'nav',
    { 'epub:type': 'landmarks', hidden: true, ariaLabel: s.landmarks, ...wordsMarks(c.language, c.dir) },
    [
      h('ol', [
        landmark('cover', 'cover.xhtml', s.cover),
        landmark('titlepage', 'titlepage.xhtml', s.titlePage),
        landmark('toc', 'toc.xhtml', contents.title),
        ...(bodyStart ? [landmark('bodymatter', epubFile(bodyStart), bodyStart.title, true)] : []),
        landmark('colophon', 'colophon.xhtml', colophon?.title ?? s.colophon),
      ]),
    ],
  );
  targets.sort((a, b) => a.index - b.index);
  const pageList = variant.printPages && targets.length ? variant.printPages : undefined;
  const navXhtml = page(contents.title, [
    toc,
    ...(pageList ? [pageListNav(targets, s.pageList, wordsMarks(c.language, c.dir))] : []),
    landmarks,
  ]);
  const accessibility = bookAccessibility(composed, `Octavo ${VERSION}`, pageList !== undefined);

  const data: PackageData = {
    identifier: c.identifier,
    title: c.title,
    subtitle: c.subtitle,
    language: c.language,
    creators: c.creators,
    date: c.date,
    modified: c.modified,
    publisher: c.publisher,
    description: c.description,
    subjects: c.subjects,
    source: c.source,
    rights: rightsStatement(c),
    licenceUrl: c.licence.url,
    licenceUrls: licenceUrls(c.licence),
    attributionUrl: isUrl(c.source) ? c.source.trim() : '',
    credits: packageCredits(
      credits,
      new Map([...docs.map((d) => [d.id, d.id] as const), ...book.assets.map((a) => [a.href, a.id] as const)]),
      new Set([
        ...docs.map((d) => d.id),
        ...book.assets.map((a) => a.id),
        cover.id,
        'nav',
        'ncx',
        'css',
        'pub-id',
        'title',
        'subtitle',
      ]),
    ),
    generator: `Octavo ${VERSION}`,
    spine,
    pageProgression: c.dir,
    accessibility,
    coverId: cover.id,
    assets: [...book.assets.filter((a) => a !== book.cover), cover].map((a) => ({
      id: a.id,
      href: a.href,
      mediaType: a.mediaType,
      properties: a === cover ? 'cover-image' : '',
    })),
    documents: docs,
    toc: navEntries(toc),
    ...(pageList
      ? {
          pageList: {
            label: s.pageList,
            source: printEditionName(c.title, pageList.edition),
            targets,
            totalPageCount: pageList.pageCount,
            maxPageNumber: pageList.maxPageNumber,
            position: readingPositions(documentTrees),
          },
        }
      : {}),
  };
  // Finished documents, printed raw by the pass-through templates below.
  const octavo = { opf: packageDocument(data), ncx: ncxDocument(data), navXhtml };

  const epub = new PackagedEpub(
    {
      title: c.title,
      author: c.creators,
      lang: c.language,
      description: c.description ?? c.title,
      css: `${theme.css.base}\n${theme.css.epub}`,
      contentOPF: '<%- octavo.opf %>',
      tocNCX: '<%- octavo.ncx %>',
      tocXHTML: '<%- octavo.navXhtml %>',
      chapterXHTML: '<%- xhtml %>',
      prependChapterTitles: false,
      tocInTOC: false,
      verbose: false,
      // Extra option fields reach the templates untouched (epub-gen-memory validates a partial shape).
      octavo,
    } as ConstructorParameters<typeof EPub>[0],
    docs,
  );
  packing?.();
  const bytes = await epub.pack(new Date(c.modified), [...book.assets.filter((a) => a !== book.cover), cover]);
  return { name: variant.name ?? `${slug}.epub`, bytes };
}

function idsIn(element: Element): Set<string> {
  const ids = new Set<string>();
  visit(element, 'element', (node) => {
    if (typeof node.properties.id === 'string') ids.add(node.properties.id);
  });
  return ids;
}

/** EPUB wants content documents that hold MathML or inline SVG to say so. */
function manifestProperties(element: Element): string {
  const found = new Set<string>();
  visit(element, 'element', (node) => {
    if (node.tagName === 'math') found.add('mathml');
    if (node.tagName === 'svg') found.add('svg');
  });
  return [...found].sort().join(' ');
}
