/**
 * Citations with citation-js and citeproc: the bibliography files of book.yaml
 * (`bibliography:` BibTeX `.bib`, CSL JSON `.json`, CSL YAML `.yaml`/`.yml`),
 * a CSL style (`csl:`, default Chicago author-date, templates/csl/), and the
 * book's language as the CSL locale (templates/csl/locales/).
 *
 * The `cite` placeholders of citation-syntax.ts are rendered in book order, as
 * one citeproc document (so "Doe 1999a/b" and numbered styles come out right):
 * `[@doe99, p. 33]` → `(Doe 1999, 33)`, `@doe99` → `Doe (1999)`, each name
 * linked to its entry (`#ref-doe99`). The entries of the cited works form a
 * `<section epub:type="bibliography" role="doc-bibliography">`:
 * - where the book has an element with the id `refs` — a heading
 *   (`# References {#refs}`: the entries follow it) or a block
 *   (`<div id="refs"></div>`, `::: {#refs}`: the entries go in it);
 * - else at the end of the last chapter (before a colophon), under a heading
 *   in the book's language ("References").
 *
 * An unknown key in brackets is an error at its file:line (a warning and the
 * text as written with `broken-links: warn`); a narrative `@name` that is no
 * key stays text with a warning (it may be a handle or a mention).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { h } from 'hastscript';
import { parseDocument } from 'yaml';
import type { Chapter } from '../book.js';
import type { BookConfig } from '../config/config.js';
import { insideFolder } from '../config/reading-order.js';
import { type Diagnostic, type DiagnosticSink, error, warning } from '../diagnostics.js';
import { referenceWords } from '../i18n/references.js';
import { packageRoot } from '../paths.js';
import { didYouMean } from '../util/did-you-mean.js';
import { SKIP, visit } from '../util/visit.js';
import { type CiteCluster, isCrossRefKey } from './citation-syntax.js';

/** A CSL JSON item (the fields citeproc reads; `id` is the citation key). */
export type CslItem = { id: string; type?: string } & Record<string, unknown>;

export interface Bibliography {
  items: CslItem[];
  byKey: Map<string, CslItem>;
  /** The name the style is registered under in citation-js (by its content). */
  styleName: string;
  /** The CSL locale citeproc writes in. */
  locale: string;
}

export const DEFAULT_STYLE = path.join(packageRoot, 'templates', 'csl', 'chicago-author-date.csl');
const LOCALES = path.join(packageRoot, 'templates', 'csl', 'locales');

interface CslConfig {
  engine: (data: CslItem[], style: string, locale: string, format: string) => CiteprocEngine;
  styles: { has(name: string): boolean; add(name: string, xml: string): void };
  locales: { has(name: string): boolean; add(name: string, xml: string): void };
}

interface CiteprocCitation {
  citationID: string;
  citationItems: Record<string, unknown>[];
  properties: { noteIndex: number; mode?: string };
}

interface CiteprocEngine {
  updateItems(ids: string[]): void;
  rebuildProcessorState(citations: CiteprocCitation[], format: string, uncited: string[]): [string, number, string][];
  previewCitationCluster(c: CiteprocCitation, pre: unknown[], post: unknown[], format: string): string;
  makeBibliography(): [{ entry_ids: string[][] }, string[]] | false;
}

type CitationJs = Pick<typeof import('@citation-js/core'), 'plugins' | 'logger'>;
let loaded: CitationJs | undefined;

/** citation-js and its BibTeX and CSL plugins, loaded when a book has a bibliography (a large library). */
async function loadCitationJs(): Promise<CitationJs> {
  if (!loaded) {
    const core = await import('@citation-js/core');
    await import('@citation-js/plugin-bibtex');
    await import('@citation-js/plugin-csl');
    loaded = { plugins: core.plugins, logger: core.logger };
  }
  return loaded;
}

function citationJs(): CitationJs {
  if (!loaded) throw new Error('citation-js is used before loadBibliography() loaded it');
  return loaded;
}

function cslConfig(): CslConfig {
  return citationJs().plugins.config.get('@csl') as CslConfig;
}

const DATE_FIELDS = ['issued', 'accessed', 'original-date', 'event-date', 'submitted', 'available-date'];

/** CSL YAML as pandoc writes it (`issued: 2004-03`, `issued: {year: 2004}`) → CSL JSON date-parts. */
function normaliseDate(value: unknown): unknown {
  const parts = (v: unknown): number[] | undefined => {
    if (typeof v === 'number') return [v];
    if (typeof v === 'string') {
      const m = /^(-?\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$/.exec(v.trim());
      return m ? m.slice(1).filter(Boolean).map(Number) : undefined;
    }
    if (v && typeof v === 'object' && 'year' in v) {
      const o = v as Record<string, unknown>;
      return [o.year, o.month, o.day].filter((x) => x !== undefined && x !== null).map(Number);
    }
    return undefined;
  };
  if (value && typeof value === 'object' && !Array.isArray(value) && !('year' in value)) return value;
  if (Array.isArray(value)) {
    const all = value.map(parts);
    return all.every(Boolean) ? { 'date-parts': all } : value;
  }
  const one = parts(value);
  if (one) return { 'date-parts': [one] };
  return typeof value === 'string' ? { literal: value } : value;
}

function lineOfOffset(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/** One bibliography file's entries, or a diagnostic naming the file (and line). */
function parseBibliography(text: string, file: string): CslItem[] | Diagnostic {
  const ext = path.extname(file).toLowerCase();
  const bad = (why: string, place: { line?: number; column?: number } = {}) =>
    error('bibliography/invalid', `bibliography ${path.basename(file)} cannot be read: ${why}`, {
      file,
      ...place,
      hint: 'Correct the file, or export it again from your reference manager.',
    });
  let raw: unknown;
  if (ext === '.bib' || ext === '.bibtex') {
    try {
      raw = citationJs().plugins.input.chain(text, { forceType: '@biblatex/text', generateGraph: false });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const at = /at line (\d+) col (\d+)/.exec(message);
      return bad(message.split('\n')[0]!.replace(/ at line \d+ col \d+:?$/, ''), {
        ...(at ? { line: Number(at[1]), column: Number(at[2]) } : {}),
      });
    } finally {
      // citation-js keeps every log line it is told; a watch session would hold them all.
      citationJs().logger._log.length = 0;
    }
  } else if (ext === '.json') {
    try {
      raw = JSON.parse(text);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const pos = /position (\d+)/.exec(message);
      const lc = /line (\d+) column (\d+)/.exec(message);
      return bad(message.replace(/\s*\(line \d+ column \d+\)/, ''), {
        ...(lc ? { line: Number(lc[1]), column: Number(lc[2]) } : pos ? lineOfOffset(text, Number(pos[1])) : {}),
      });
    }
  } else if (ext === '.yaml' || ext === '.yml') {
    const doc = parseDocument(text, { prettyErrors: false });
    const e = doc.errors[0];
    if (e) {
      const at = e.linePos?.[0];
      return bad(e.message.split('\n')[0]!, at ? { line: at.line, column: at.col } : {});
    }
    raw = doc.toJS();
  } else {
    return error('bibliography/unsupported', `bibliography ${path.basename(file)} is not a format Octavo reads`, {
      file,
      hint: 'Use BibTeX (.bib), CSL JSON (.json) or CSL YAML (.yaml).',
    });
  }
  const list =
    raw && typeof raw === 'object' && !Array.isArray(raw) && Array.isArray((raw as { references?: unknown }).references)
      ? (raw as { references: unknown[] }).references
      : raw;
  if (!Array.isArray(list)) return bad('it holds no list of references');
  const items: CslItem[] = [];
  for (const [i, entry] of list.entries()) {
    if (!entry || typeof entry !== 'object') return bad(`entry ${i + 1} is not a reference`);
    const item = { ...(entry as Record<string, unknown>) };
    const id = item.id ?? item['citation-key'];
    if (typeof id !== 'string' && typeof id !== 'number') return bad(`entry ${i + 1} has no \`id\``);
    item.id = String(id);
    item.type ??= 'document';
    for (const f of DATE_FIELDS) if (f in item) item[f] = normaliseDate(item[f]);
    delete item._graph;
    items.push(item as CslItem);
  }
  return items;
}

async function readInBook(config: BookConfig, rel: string, key: string, diagnostics: DiagnosticSink, what: string) {
  const abs = path.resolve(config.root, rel);
  const where = { file: config.configFile, line: config.keyLines[key], column: 1 };
  if (!(await insideFolder(config.root, abs))) {
    diagnostics.push(
      error(`bibliography/outside-book`, `${what} \`${rel}\` lies outside the book folder`, {
        ...where,
        hint: 'Copy the file into the book folder and name it by a path relative to book.yaml.',
      }),
    );
    return undefined;
  }
  try {
    return { abs, text: await readFile(abs, 'utf8') };
  } catch {
    diagnostics.push(
      error('bibliography/missing', `${what} \`${rel}\` is not there`, {
        ...where,
        hint: 'Correct the path (relative to the book folder) or add the file.',
      }),
    );
    return undefined;
  }
}

/** The book's bibliography, style and locale; undefined when it names none (or they have errors, reported). */
export async function loadBibliography(
  config: BookConfig,
  diagnostics: DiagnosticSink,
): Promise<Bibliography | undefined> {
  if (!config.bibliography.length) return undefined;
  await loadCitationJs();
  let ok = true;
  const items: CslItem[] = [];
  const byKey = new Map<string, CslItem>();
  for (const rel of config.bibliography) {
    const read = await readInBook(config, rel, 'bibliography', diagnostics, 'bibliography');
    if (!read) {
      ok = false;
      continue;
    }
    const parsed = parseBibliography(read.text, read.abs);
    if (!Array.isArray(parsed)) {
      diagnostics.push(parsed);
      ok = false;
      continue;
    }
    for (const item of parsed) {
      if (byKey.has(item.id)) {
        diagnostics.push(
          warning(
            'bibliography/duplicate-key',
            `the key \`${item.id}\` is in the bibliography twice; the first is used`,
            {
              file: read.abs,
            },
          ),
        );
        continue;
      }
      byKey.set(item.id, item);
      items.push(item);
    }
  }
  const csl = cslConfig();
  let styleXml: string;
  let styleFile = DEFAULT_STYLE;
  if (config.csl) {
    const read = await readInBook(config, config.csl, 'csl', diagnostics, 'citation style');
    if (!read) return undefined;
    styleXml = read.text;
    styleFile = read.abs;
  } else styleXml = await readFile(DEFAULT_STYLE, 'utf8');
  if (!/<style\b[^>]*xmlns="http:\/\/purl\.org\/net\/xbiblio\/csl"/.test(styleXml)) {
    diagnostics.push(
      error('bibliography/bad-style', `${path.basename(styleFile)} is not a CSL style`, {
        file: styleFile,
        hint: 'Name a `.csl` file from https://github.com/citation-style-language/styles in `csl:`.',
      }),
    );
    return undefined;
  }
  const styleName = `octavo-${createHash('sha1').update(styleXml).digest('hex').slice(0, 16)}`;
  if (!csl.styles.has(styleName)) csl.styles.add(styleName, styleXml);
  const locale = referenceWords(config.language).cslLocale;
  if (!csl.locales.has(locale)) {
    const xml = await readFile(path.join(LOCALES, `locales-${locale}.xml`), 'utf8').catch(() => undefined);
    if (xml) csl.locales.add(locale, xml);
  }
  if (!ok) return undefined;
  // A style citeproc cannot read fails here, named, rather than in the middle of the book.
  try {
    csl.engine(items, styleName, locale, 'html');
  } catch (err) {
    diagnostics.push(
      error('bibliography/bad-style', `${path.basename(styleFile)} cannot be used: ${(err as Error).message}`, {
        file: styleFile,
      }),
    );
    return undefined;
  }
  return { items, byKey, styleName, locale };
}

export interface CitationOptions {
  brokenLinks: 'error' | 'warn';
  /** The book's language: the bibliography's title. */
  language: string;
  /** Ids the theme's divisions use: never given to an entry. */
  isReserved?: (id: string) => boolean;
}

interface Placed {
  chapter: Chapter;
  span: Element;
  parent: Element | Root;
  cluster: CiteCluster;
}

function isCitation(cluster: CiteCluster): boolean {
  return !cluster.items.some((it) => isCrossRefKey(it.key));
}

/** `[see @a, p. 3]` → a citeproc cite item. */
function citeItem(it: CiteCluster['items'][number]): Record<string, unknown> {
  const item: Record<string, unknown> = { id: it.key };
  if (it.prefix) item.prefix = `${it.prefix} `;
  if (it.suffix) item.suffix = /^[\p{L}\p{N}(]/u.test(it.suffix) ? ` ${it.suffix}` : it.suffix;
  if (it.locator) {
    item.locator = it.locator;
    item.label = it.label ?? 'page';
  }
  if (it.suppressAuthor) item['suppress-author'] = true;
  return item;
}

function fragment(html: string): ElementContent[] {
  return fromHtml(html, { fragment: true }).children as ElementContent[];
}

/** Renders the citations of the book and places its bibliography. */
export function renderCitations(
  chapters: Chapter[],
  bib: Bibliography | undefined,
  diagnostics: DiagnosticSink,
  options: CitationOptions,
): void {
  const taken = new Set<string>(chapters.map((c) => c.id));
  const found: Placed[] = [];
  for (const chapter of chapters) {
    visit(chapter.tree, 'element', (node: Element, _i, parent) => {
      if (typeof node.properties.id === 'string') taken.add(node.properties.id);
      const cluster = node.data?.cite;
      if (cluster && parent && isCitation(cluster)) found.push({ chapter, span: node, parent, cluster });
    });
  }
  if (!found.length) return;
  if (!bib) {
    // The bibliography could not be read (that error is reported): the citations stay as written.
    for (const f of found) replace(f, [{ type: 'text', value: f.cluster.source }]);
    return;
  }
  const keys = [...bib.byKey.keys()];
  const usable: Placed[] = [];
  for (const f of found) {
    const unknown = f.cluster.items.filter((it) => !bib.byKey.has(it.key));
    if (!unknown.length) {
      usable.push(f);
      continue;
    }
    const where = { file: f.chapter.file, line: f.span.position?.start.line, column: f.span.position?.start.column };
    const guess = didYouMean(unknown[0]!.key, keys);
    const hint = guess ? `Did you mean \`@${guess}\`?` : 'Add the work to the bibliography, or correct the key.';
    const names = unknown.map((it) => `\`@${it.key}\``).join(', ');
    if (f.cluster.mode === 'narrative') {
      diagnostics.push(
        warning('markdown/unknown-citation', `${names} is not a key of the bibliography; it is left as text`, {
          ...where,
          hint: guess ? hint : 'Write `\\@` if it is no citation, or add the work to the bibliography.',
        }),
      );
    } else if (options.brokenLinks === 'warn') {
      diagnostics.push(
        warning(
          'markdown/unknown-citation',
          `citation of ${names}, which the bibliography does not hold; it is left as text`,
          {
            ...where,
            hint,
          },
        ),
      );
    } else {
      diagnostics.push(
        error('markdown/unknown-citation', `citation of ${names}, which the bibliography does not hold`, {
          ...where,
          hint,
        }),
      );
    }
    replace(f, [{ type: 'text', value: f.cluster.source }]);
  }
  if (!usable.length) return;

  const idOf = new Map<string, string>();
  const uniqueId = (base: string) => {
    let id = base;
    for (let n = 1; taken.has(id) || options.isReserved?.(id); n++) id = `${base}-${n}`;
    taken.add(id);
    return id;
  };
  for (const f of usable) {
    for (const it of f.cluster.items) {
      if (!idOf.has(it.key)) idOf.set(it.key, uniqueId(`ref-${it.key.replace(/[^\p{L}\p{N}_.-]/gu, '-')}`));
    }
  }

  const csl = cslConfig();
  const engine = csl.engine(bib.items, bib.styleName, bib.locale, 'html');
  engine.updateItems([...idOf.keys()]);
  const citations: CiteprocCitation[] = usable.map((f, i) => ({
    citationID: `c${i + 1}`,
    citationItems: f.cluster.items.map(citeItem),
    properties: { noteIndex: 0, ...(f.cluster.mode === 'narrative' ? { mode: 'composite' } : {}) },
  }));
  const rendered = new Map(engine.rebuildProcessorState(citations, 'html', []).map(([id, , html]) => [id, html]));
  usable.forEach((f, i) => {
    const citation = citations[i]!;
    const html = rendered.get(citation.citationID) ?? f.cluster.source;
    const keys = f.cluster.items.map((it) => it.key);
    const linked = linkItems(
      engine,
      citation,
      html,
      keys.map((k) => idOf.get(k)!),
    );
    const span = h('span', { className: ['citation'], dataCites: keys.join(' ') }, linked);
    replace(f, [span]);
  });

  const made = engine.makeBibliography();
  if (!made) return;
  const [params, entries] = made;
  const list = h(
    'div',
    { className: ['references', 'csl-bib-body'], role: 'list' },
    entries.map((entry, i) => {
      const key = params.entry_ids[i]![0]!;
      const inner = fragment(entry.trim());
      const div = inner.find((c): c is Element => c.type === 'element');
      const children = div && div.tagName === 'div' ? div.children : inner;
      return h(
        'div',
        { id: idOf.get(key) ?? uniqueId(`ref-${key}`), className: ['csl-entry'], role: 'listitem' },
        children,
      );
    }),
  );
  place(chapters, list, options.language, uniqueId);
}

function replace(f: Placed, content: ElementContent[]): void {
  const at = f.parent.children.indexOf(f.span);
  if (at >= 0) f.parent.children.splice(at, 1, ...content);
}

/**
 * The cluster's HTML with each work linked to its entry. citeproc renders a
 * cluster as one string; each work's part is found by rendering it alone
 * (the parts the single renderings share, such as the parentheses, are the
 * cluster's). When a part is not found, the whole cluster links to the first work.
 */
function linkItems(
  engine: CiteprocEngine,
  citation: CiteprocCitation,
  html: string,
  hrefs: string[],
): ElementContent[] {
  const a = (id: string, children: ElementContent[]) => h('a', { href: `#${id}`, role: 'doc-biblioref' }, children);
  if (hrefs.length === 1) return [a(hrefs[0]!, fragment(html))];
  const alone = citation.citationItems.map((item) =>
    engine.previewCitationCluster({ ...citation, citationItems: [item] }, [], [], 'html'),
  );
  let lead = 0;
  while (alone.every((s) => s[lead] !== undefined && s[lead] === alone[0]![lead])) lead++;
  let tail = 0;
  while (
    alone.every((s) => tail < s.length - lead && s[s.length - 1 - tail] === alone[0]![alone[0]!.length - 1 - tail])
  )
    tail++;
  const parts = alone.map((s) => s.slice(lead, s.length - tail));
  let out = '';
  let cursor = 0;
  for (const [i, part] of parts.entries()) {
    const at = part ? html.indexOf(part, cursor) : -1;
    if (at < 0) return [a(hrefs[0]!, fragment(html))];
    out += `${html.slice(cursor, at)}<a href="#${hrefs[i]}">${part}</a>`;
    cursor = at + part.length;
  }
  out += html.slice(cursor);
  const content = fragment(out);
  visit({ type: 'root', children: content } as Root, 'element', (el: Element) => {
    if (el.tagName === 'a') el.properties.role = 'doc-biblioref';
  });
  return content;
}

/** Where the book asked for its bibliography (`#refs`), else at the end of its last chapter. */
function place(chapters: Chapter[], list: Element, language: string, uniqueId: (base: string) => string): void {
  const title = referenceWords(language).references;
  for (const chapter of chapters) {
    let done = false;
    visit(chapter.tree, 'element', (node: Element, index, parent) => {
      if (done || node.properties.id !== 'refs' || !parent || index === undefined) return undefined;
      done = true;
      if (/^h[1-6]$/.test(node.tagName)) {
        const own = chapter.kind === 'bibliography';
        // A chapter of kind bibliography is the bibliography section already (compose.ts).
        const block = own
          ? list
          : h(
              'section',
              {
                'epub:type': 'bibliography',
                role: 'doc-bibliography',
                ariaLabelledBy: ['refs'],
                className: ['bibliography'],
              },
              [list],
            );
        parent.children.splice(index + 1, 0, block);
        return SKIP;
      }
      // A block named refs becomes the section; it gets a title unless a heading is right before it.
      const before = parent.children.slice(0, index).filter((c) => c.type === 'element');
      const prev = before[before.length - 1];
      const titled = prev?.type === 'element' && /^h[1-6]$/.test(prev.tagName);
      const headingId = uniqueId('refs-title');
      node.tagName = 'section';
      node.properties = {
        ...node.properties,
        'epub:type': 'bibliography',
        role: 'doc-bibliography',
        className: ['bibliography'],
        ...(titled ? {} : { ariaLabelledBy: [headingId] }),
      };
      node.children = [...(titled ? [] : [h('h2', { id: headingId }, title)]), ...node.children, list];
      return SKIP;
    });
    if (done) return;
  }
  const last = [...chapters].reverse().find((c) => c.kind !== 'colophon');
  if (!last) return;
  const id = uniqueId('refs');
  const headingId = uniqueId('refs-title');
  last.tree.children.push(
    h(
      'section',
      {
        id,
        'epub:type': 'bibliography',
        role: 'doc-bibliography',
        className: ['bibliography'],
        ariaLabelledBy: [headingId],
      },
      [h('h2', { id: headingId }, title), list],
    ),
  );
  last.headings.push({ id: headingId, depth: 2, text: title });
}
