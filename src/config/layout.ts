/**
 * Books laid out for other tools, built without a book.yaml:
 * - mdBook: `book.toml` ([book] title, authors, language, description,
 *   text-direction, src) and `<src>/SUMMARY.md` (default src: `src`);
 * - GitBook / HonKit: `SUMMARY.md`, with an optional `book.json` (title,
 *   author, language, description, variables, and `root`, the folder that
 *   holds SUMMARY.md and the chapters).
 * The layout becomes the text of the book.yaml that says the same, which is
 * what `octavo init --from` writes and what the build reads: one path, so the
 * written file builds the same book. Each line of that text remembers where
 * it came from (book.toml's line, SUMMARY.md's line), so a problem is reported
 * in the author's own file.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import { type Diagnostic, type DiagnosticSink, error, OctavoError, warning } from '../diagnostics.js';
import { decodeText } from '../manuscript/decode.js';
import type { LineOrigin } from '../manuscript/gitbook.js';
import type { SummaryItem } from '../manuscript/summary.js';
import type { ChapterKind } from '../structure/kinds.js';
import type { BookConfig } from './config.js';

export type LayoutKind = 'mdbook' | 'gitbook';

export interface Layout {
  kind: LayoutKind;
  /** The book folder. */
  root: string;
  /** book.toml, book.json, or SUMMARY.md when there is no book.json: the book's configuration file. */
  configFile: string;
  summaryFile: string;
  /** The equivalent book.yaml. */
  yaml: string;
  /** origins[i]: where line i + 1 of `yaml` came from (undefined: generated). */
  origins: (LineOrigin | undefined)[];
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}

async function readConfigText(file: string, diagnostics: DiagnosticSink): Promise<string> {
  const decoded = decodeText(new Uint8Array(await readFile(file)), file, { strict: true, code: 'config/not-utf8' });
  diagnostics.push(...decoded.diagnostics);
  if (decoded.failure) throw new OctavoError(decoded.failure);
  return decoded.text;
}

/** 1-based line of `key = …` in a TOML table (`[book]`), or of the table. */
function tomlLine(text: string, table: string, key: string): number | undefined {
  const lines = text.split('\n');
  let inTable = table === '';
  let tableLine: number | undefined;
  for (const [i, line] of lines.entries()) {
    const header = /^\s*\[([^\]]+)\]\s*(#.*)?$/.exec(line);
    if (header) {
      inTable = header[1]!.trim() === table;
      if (inTable) tableLine = i + 1;
      continue;
    }
    if (inTable && new RegExp(`^\\s*["']?${key}["']?\\s*=`).test(line)) return i + 1;
  }
  return tableLine;
}

/** 1-based line of `"key":` in a JSON file. */
function jsonLine(text: string, key: string): number | undefined {
  const i = text.split('\n').findIndex((l) => l.includes(`"${key}"`));
  return i >= 0 ? i + 1 : undefined;
}

/** Line and column of a character offset. */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

function parseJson(text: string, file: string): Record<string, unknown> {
  try {
    const data: unknown = JSON.parse(text);
    if (!data || typeof data !== 'object' || Array.isArray(data)) {
      throw new OctavoError(
        error('config/not-a-map', `${path.basename(file)} must hold a JSON object.`, { file, line: 1 }),
      );
    }
    return data as Record<string, unknown>;
  } catch (err) {
    if (err instanceof OctavoError) throw err;
    const message = (err as Error).message;
    const at = /line (\d+) column (\d+)/.exec(message);
    const offset = /position (\d+)/.exec(message);
    const where = at ? { line: Number(at[1]), column: Number(at[2]) } : offset ? position(text, Number(offset[1])) : {};
    throw new OctavoError(
      error('config/json-syntax', `JSON syntax error: ${message.replace(/ in JSON at position.*$/, '')}.`, {
        file,
        ...where,
        hint: `Fix the syntax of ${path.basename(file)} at that line.`,
      }),
    );
  }
}

function parseTomlFile(text: string, file: string): Record<string, unknown> {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch (err) {
    if (!(err instanceof TomlError)) throw err;
    const reason = err.message.split('\n')[0]!.replace(/^Invalid TOML document:\s*/, '');
    throw new OctavoError(
      error('config/toml-syntax', `TOML syntax error: ${reason}.`, {
        file,
        line: err.line,
        column: err.column,
        hint: 'Fix the syntax of book.toml at that line.',
      }),
    );
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);

/** A YAML scalar that reads back as exactly this text. */
function q(text: string): string {
  return /^[A-Za-z0-9_][A-Za-z0-9_ ./()-]*$/.test(text) &&
    !/^(true|false|yes|no|on|off|null|~|y|n)$/i.test(text) &&
    !/^[\d.]+$/.test(text) &&
    !/\s$/.test(text)
    ? text
    : JSON.stringify(text);
}

/** A front- or back-matter kind for mdBook's unnumbered chapters, by their title. */
export function matterKind(title: string, matter: 'front' | 'back'): ChapterKind {
  const t = title.toLowerCase();
  if (matter === 'front') {
    if (/dedicat/.test(t)) return 'dedication';
    if (/epigraph/.test(t)) return 'epigraph';
    if (/foreword/.test(t)) return 'foreword';
    if (/introduc|^intro\b/.test(t)) return 'introduction';
    return 'preface';
  }
  if (/afterword/.test(t)) return 'afterword';
  if (/glossary/.test(t)) return 'glossary';
  if (/bibliograph|references/.test(t)) return 'bibliography';
  if (/acknowledg/.test(t)) return 'acknowledgements';
  if (/colophon/.test(t)) return 'colophon';
  return 'appendix';
}

class YamlWriter {
  readonly lines: string[] = [];
  readonly origins: (LineOrigin | undefined)[] = [];
  add(line: string, origin?: LineOrigin): void {
    this.lines.push(line);
    this.origins.push(origin);
  }
}

interface Meta {
  title?: string;
  creators: string[];
  language?: string;
  description?: string;
  dir?: string;
  variables?: Record<string, unknown>;
  /** Where each key was written. */
  lines: Record<string, LineOrigin | undefined>;
}

/** Finds a layout in `root`; undefined when the folder has none. Throws on a malformed book.toml or book.json. */
export async function detectLayout(root: string, diagnostics: DiagnosticSink): Promise<Layout | undefined> {
  const toml = path.join(root, 'book.toml');
  if (await isFile(toml)) return mdbookLayout(root, toml, diagnostics);
  const json = path.join(root, 'book.json');
  const hasJson = await isFile(json);
  if (hasJson || (await isFile(path.join(root, 'SUMMARY.md')))) {
    return gitbookLayout(root, hasJson ? json : undefined, diagnostics);
  }
  return undefined;
}

async function mdbookLayout(root: string, file: string, diagnostics: DiagnosticSink): Promise<Layout> {
  const text = await readConfigText(file, diagnostics);
  const data = parseTomlFile(text, file);
  const book = (data.book && typeof data.book === 'object' ? data.book : {}) as Record<string, unknown>;
  const at = (key: string): LineOrigin | undefined => {
    const line = tomlLine(text, 'book', key);
    return line ? { file, line } : undefined;
  };
  const authors = Array.isArray(book.authors) ? book.authors.filter((a): a is string => !!str(a)) : [];
  const direction = str(book['text-direction']);
  const meta: Meta = {
    title: str(book.title),
    creators: authors,
    language: str(book.language),
    description: str(book.description),
    ...(direction === 'rtl' || direction === 'ltr' ? { dir: direction } : {}),
    lines: {
      title: at('title'),
      creator: at('authors'),
      language: at('language'),
      description: at('description'),
      dir: at('text-direction'),
    },
  };
  const src = str(book.src) ?? 'src';
  const summaryFile = path.join(root, src, 'SUMMARY.md');
  if (!(await isFile(summaryFile))) {
    throw new OctavoError(
      error('layout/no-summary', `this mdBook has no ${path.join(src, 'SUMMARY.md')}.`, {
        file,
        ...(book.src ? { line: tomlLine(text, 'book', 'src') } : {}),
        hint: 'Write the table of contents in SUMMARY.md (see the mdBook guide), or correct `src` under [book].',
      }),
    );
  }
  return assemble('mdbook', root, file, summaryFile, meta, diagnostics);
}

async function gitbookLayout(root: string, json: string | undefined, diagnostics: DiagnosticSink): Promise<Layout> {
  let meta: Meta = { creators: [], lines: {} };
  let summaryDir = root;
  if (json) {
    const text = await readConfigText(json, diagnostics);
    const data = parseJson(text, json);
    const at = (key: string): LineOrigin | undefined => {
      const line = jsonLine(text, key);
      return line ? { file: json, line } : undefined;
    };
    const author = data.author ?? data.authors;
    meta = {
      title: str(data.title),
      creators:
        typeof author === 'string' && author.trim()
          ? [author]
          : Array.isArray(author)
            ? author.filter((a): a is string => !!str(a))
            : [],
      language: str(data.language) ?? str(data.lang),
      description: str(data.description),
      ...(data.direction === 'rtl' || data.direction === 'ltr' ? { dir: data.direction } : {}),
      ...(data.variables && typeof data.variables === 'object' && !Array.isArray(data.variables)
        ? { variables: data.variables as Record<string, unknown> }
        : {}),
      lines: {
        title: at('title'),
        creator: at('author') ?? at('authors'),
        language: at('language') ?? at('lang'),
        description: at('description'),
        dir: at('direction'),
        variables: at('variables'),
      },
    };
    const rootKey = str(data.root);
    if (rootKey) summaryDir = path.resolve(root, rootKey);
  }
  const summaryFile = path.join(summaryDir, 'SUMMARY.md');
  if (!(await isFile(summaryFile))) {
    throw new OctavoError(
      error('layout/no-summary', `this GitBook has no ${path.relative(root, summaryFile)}.`, {
        file: json ?? summaryFile,
        hint: 'Write the table of contents in SUMMARY.md, or correct `root` in book.json.',
      }),
    );
  }
  return assemble('gitbook', root, json ?? summaryFile, summaryFile, meta, diagnostics);
}

async function assemble(
  kind: LayoutKind,
  root: string,
  configFile: string,
  summaryFile: string,
  meta: Meta,
  diagnostics: DiagnosticSink,
): Promise<Layout> {
  const summaryText = await readConfigText(summaryFile, diagnostics);
  const { parseSummary } = await import('../manuscript/summary.js');
  const summary = parseSummary(summaryText, summaryFile, kind);
  diagnostics.push(...summary.problems);
  const summaryDir = path.dirname(summaryFile);
  const toRoot = (p: string) => path.relative(root, path.resolve(summaryDir, p)).split(path.sep).join('/');
  const items: SummaryItem[] = keptWithDepth(summary.items);

  if (kind === 'gitbook') {
    // GitBook opens with the README as the introduction when SUMMARY.md does not list it.
    const readme = path.join(summaryDir, 'README.md');
    if (!items.some((i) => /^readme\.md$/i.test(i.path!)) && (await isFile(readme))) {
      items.unshift({ title: 'Introduction', path: 'README.md', line: 1, depth: 0, section: 'numbered' });
    }
  }

  const title = meta.title ?? (await firstHeading(items[0] ? path.resolve(summaryDir, items[0].path!) : undefined));
  const w = new YamlWriter();
  const rel = path.relative(root, summaryFile).split(path.sep).join('/');
  const sources = configFile === summaryFile ? rel : `${path.basename(configFile)} and ${rel}`;
  w.add(`# The book.yaml of this ${kind === 'mdbook' ? 'mdBook' : 'GitBook'}, from ${sources}.`);
  if (title) w.add(`title: ${q(title)}`, meta.lines.title);
  else {
    const name = path.basename(root);
    diagnostics.push(
      warning('layout/no-title', `the book has no title; it is called “${name}” after its folder.`, {
        file: configFile,
        hint: kind === 'mdbook' ? 'Add `title = "…"` under [book] in book.toml.' : 'Add `"title": "…"` to book.json.',
      }),
    );
    w.add(`title: ${q(name)}`);
  }
  if (meta.creators.length === 1) w.add(`creator: ${q(meta.creators[0]!)}`, meta.lines.creator);
  else if (meta.creators.length > 1) {
    w.add('creator:', meta.lines.creator);
    for (const c of meta.creators) w.add(`  - ${q(c)}`, meta.lines.creator);
  }
  if (meta.language) w.add(`language: ${q(meta.language)}`, meta.lines.language);
  if (meta.dir) w.add(`dir: ${meta.dir}`, meta.lines.dir);
  if (meta.description) w.add(`description: ${JSON.stringify(meta.description)}`, meta.lines.description);
  w.add(kind === 'mdbook' ? 'mdbook: true' : 'gitbook: true');
  if (meta.variables && Object.keys(meta.variables).length > 0) {
    const scalars = Object.entries(meta.variables).filter(
      ([, v]) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean',
    );
    if (scalars.length > 0) {
      w.add('variables:', meta.lines.variables);
      for (const [k, v] of scalars) w.add(`  ${q(k)}: ${JSON.stringify(String(v))}`, meta.lines.variables);
    }
  }
  if (items.length === 0) {
    throw new OctavoError(
      error('manuscript/no-chapters', `${rel} lists no chapter files.`, {
        file: summaryFile,
        hint: 'List the chapters as `- [Title](file.md)`.',
      }),
    );
  }
  w.add('chapters:');
  let previousDepth = 0;
  const chapter = (item: SummaryItem, base: string) => {
    const at = { file: summaryFile, line: item.line };
    const kindOf =
      kind === 'mdbook' && item.section !== 'numbered'
        ? matterKind(item.title, item.section === 'prefix' ? 'front' : 'back')
        : undefined;
    // A sub-chapter opens its parent's `chapters:` (the parent is the item just written).
    if (item.depth > previousDepth) w.add(`${base}${'    '.repeat(item.depth - 1)}  chapters:`, at);
    previousDepth = item.depth;
    const indent = base + '    '.repeat(item.depth);
    w.add(`${indent}- file: ${q(toRoot(item.path!))}`, at);
    if (kindOf) w.add(`${indent}  type: ${kindOf}`, at);
    if (item.title) w.add(`${indent}  title: ${JSON.stringify(item.title)}`, at);
  };
  // Parts in SUMMARY order; a part with no chapter (drafts only) is left out.
  let openPart: number | undefined;
  for (const item of items) {
    if (item.part === undefined) {
      if (openPart !== undefined) previousDepth = 0;
      openPart = undefined;
      chapter(item, '  ');
      continue;
    }
    if (item.part !== openPart) {
      openPart = item.part;
      previousDepth = 0;
      const part = summary.parts[item.part]!;
      w.add(`  - part: ${JSON.stringify(part.title)}`, { file: summaryFile, line: part.line });
      w.add('    chapters:', { file: summaryFile, line: part.line });
    }
    chapter(item, '      ');
  }
  for (const [i, part] of summary.parts.entries()) {
    if (!items.some((it) => it.part === i)) {
      diagnostics.push(
        warning('summary/empty-part', `part “${part.title}” has no chapter with a file; it is left out.`, {
          file: summaryFile,
          line: part.line,
          column: 1,
        }),
      );
    }
  }
  return { kind, root, configFile, summaryFile, yaml: `${w.lines.join('\n')}\n`, origins: w.origins };
}

/**
 * The items that have a file, each with its depth counted in kept ancestors:
 * the sub-chapters of a draft (no file yet) move up to the draft's place, and
 * no item is deeper than the one before it plus one.
 */
export function keptWithDepth(all: readonly SummaryItem[]): SummaryItem[] {
  const out: SummaryItem[] = [];
  // Ancestors of the current item: their SUMMARY depth, and whether they were kept.
  const stack: { depth: number; kept: boolean }[] = [];
  let part: number | undefined;
  for (const item of all) {
    if (item.part !== part || item.section !== 'numbered') stack.length = 0;
    part = item.part;
    while (stack.length && stack[stack.length - 1]!.depth >= item.depth) stack.pop();
    const kept = item.path !== undefined;
    if (kept) out.push({ ...item, depth: stack.filter((a) => a.kept).length });
    stack.push({ depth: item.depth, kept });
  }
  return out;
}

/** GitBook names a book without a title after its README's first heading. */
async function firstHeading(file: string | undefined): Promise<string | undefined> {
  if (!file) return undefined;
  const text = await readFile(file, 'utf8').catch(() => '');
  return /^#\s+(.+?)\s*#*\s*$/m.exec(text)?.[1];
}

/**
 * A layout's diagnostic in the author's own file: a line of the generated
 * book.yaml is reported at the line of book.toml or SUMMARY.md it came from.
 */
export function traceLayout(layout: Layout, d: Diagnostic): Diagnostic {
  if (d.file !== layout.configFile || d.line === undefined) return d;
  const origin = layout.origins[d.line - 1];
  const hint = d.hint
    ?.replace(/under `chapters:`( in book\.yaml)?/g, `in ${path.basename(layout.summaryFile)}`)
    .replace(
      /`language:` \(e\.g\. en, fr, fa\)/,
      layout.kind === 'mdbook' ? '`language = "en"` under [book] in book.toml' : '`"language": "en"` to book.json',
    )
    // Keys with no place in book.toml or book.json: the author keeps a book.yaml, which init --from writes.
    .replace(/ to book\.yaml\b/, ' to a book.yaml (`octavo init --from .` writes one that says what this folder says)');
  const { line: _line, column: _column, ...rest } = d;
  return origin
    ? { ...rest, file: origin.file, line: origin.line, column: 1, ...(hint ? { hint } : {}) }
    : { ...rest, ...(hint ? { hint } : {}) };
}

/** The book configuration of a layout: its book.yaml read as if it were written, diagnostics traced back. */
export async function loadLayoutConfig(
  layout: Layout,
  diagnostics: DiagnosticSink,
  parse: (source: string, file: string, root: string, sink: DiagnosticSink) => Promise<BookConfig>,
): Promise<BookConfig> {
  const local: Diagnostic[] = [];
  try {
    const config = await parse(layout.yaml, layout.configFile, layout.root, local);
    const keyLines: Record<string, number> = {};
    for (const [key, line] of Object.entries(config.keyLines)) {
      const origin = layout.origins[line - 1];
      if (origin?.file === layout.configFile) keyLines[key] = origin.line;
    }
    return { ...config, keyLines };
  } catch (err) {
    if (err instanceof OctavoError) throw new OctavoError(err.diagnostics.map((d) => traceLayout(layout, d)));
    throw err;
  } finally {
    diagnostics.push(...local.map((d) => traceLayout(layout, d)));
  }
}
