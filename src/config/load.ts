/** Reads book.yaml, validates it and reports problems with file:line. */

import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { type Document, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { $ZodIssue } from 'zod/v4/core';
import { type DiagnosticSink, Diagnostics, error, OctavoError, warning } from '../diagnostics.js';
import { resolveFeatures } from '../dialects/features.js';
import { isRtl } from '../i18n/language.js';
import { ALL_RIGHTS_RESERVED } from '../licence/catalogue.js';
import { resolveLicence } from '../licence/credit.js';
import { checkAttribution } from '../licence/rules.js';
import { decodeText } from '../manuscript/decode.js';
import { builtinThemes } from '../paths.js';
import { didYouMean } from '../util/did-you-mean.js';
import { stableUuid } from '../util/identifier.js';
import { scrubStrings } from '../util/xml-chars.js';
import { isoSeconds, sourceDateEpoch } from './build-date.js';
import type { BookConfig } from './config.js';
import { detectLayout, loadLayoutConfig } from './layout.js';
import { resolveLimits } from './limits.js';
import { PANDOC_ONLY_KEYS, pandocDate, pandocNames, writtenForPandoc } from './pandoc-keys.js';
import { pdfConfig, printShopConfig } from './print.js';
import { insideFolder, resolveReadingOrder } from './reading-order.js';
import { bookSchema, KEY_ALIASES, KNOWN_KEYS, keysAt } from './schema.js';

export const CONFIG_NAME = 'book.yaml';

interface Located {
  line: number;
  column: number;
}

/** Where a key path sits in the YAML source (the key or item itself, or its nearest parent). */
export function locate(doc: Document, counter: LineCounter, keys: readonly PropertyKey[]): Located {
  let node: unknown = doc.contents;
  let offset = 0;
  for (const key of keys) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
      if (!pair) break;
      if (isScalar(pair.key) && pair.key.range) offset = pair.key.range[0];
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key];
      const range = (item as { range?: [number, number, number] } | undefined)?.range;
      if (!item || !range) break;
      offset = range[0];
      node = item;
    } else break;
  }
  const pos = counter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a map',
  record: 'a map',
};

/** What a wrong value is, for a message: `a number (1984)`, `a list`. */
function describeValue(value: unknown, source?: string): string {
  if (typeof value === 'number') return `a number (${source ?? value})`;
  if (typeof value === 'boolean') return `${value}`;
  if (typeof value === 'string') return `text (${JSON.stringify(value)})`;
  if (Array.isArray(value)) return 'a list';
  return 'a map';
}

/**
 * The types a value of the wrong type should have had: the issue's own, or
 * those of every branch of a union that failed on the value itself (creator:
 * text or a list). Empty when some branch failed deeper (a bad key inside).
 */
function expectedTypes(issue: $ZodIssue): string[] {
  if (issue.code === 'invalid_type') return [issue.expected];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [];
  const types: string[] = [];
  for (const branch of issue.errors) {
    const [only] = branch;
    if (branch.length !== 1 || !only || only.path.length > 0) return [];
    const inner = expectedTypes(only);
    if (inner.length === 0) return [];
    for (const t of inner) if (!types.some((u) => (TYPE_NAMES[u] ?? u) === (TYPE_NAMES[t] ?? t))) types.push(t);
  }
  return types;
}

/**
 * A union none of whose branches fit, narrowed to the one branch that came
 * closest (a single problem inside the value, no unknown key), with its path
 * made whole: `chapters: [{file: a.md, title: 12}]` is about `chapters.0.title`,
 * not "invalid input" at `chapters.0`. Left as it is when no branch stands out.
 */
function narrowUnion(issue: $ZodIssue): $ZodIssue {
  if (issue.code !== 'invalid_union' || expectedTypes(issue).length > 0) return issue;
  const close = issue.errors.filter(
    (branch) => branch.length === 1 && branch[0]!.code !== 'unrecognized_keys' && branch[0]!.path.length > 0,
  );
  const nested = issue.errors.filter((branch) => branch.length === 1 && branch[0]!.code === 'invalid_union');
  for (const branch of [...close, ...nested]) {
    const inner = narrowUnion({ ...branch[0]!, path: [...issue.path, ...branch[0]!.path] } as $ZodIssue);
    if (inner.code !== 'invalid_union') return inner;
  }
  return issue;
}

/** `source` is the value as written in the YAML, when it is a scalar (1.10, not 1.1). */
function describeIssue(issue: $ZodIssue, source?: string): { message: string; hint?: string } {
  const key = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const unknown = issue.keys[0] ?? '';
    const candidates = issue.path.length === 0 ? KNOWN_KEYS : keysAt(issue.path);
    const alias = KEY_ALIASES[unknown];
    const guess = didYouMean(
      unknown,
      issue.path.length === 0 ? [...candidates, ...Object.keys(KEY_ALIASES)] : candidates,
    );
    const suggestion = alias ?? (guess ? (KEY_ALIASES[guess] ?? guess) : undefined);
    return {
      message: `unknown key \`${unknown}\`${issue.path.length ? ` in \`${key}\`` : ''}.`,
      hint: suggestion ? `Did you mean \`${suggestion}\`?` : `Known keys: ${candidates.join(', ')}.`,
    };
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return { message: `missing required field \`${key}\`.`, hint: `Add \`${key}:\` to ${CONFIG_NAME}.` };
  }
  const expected = expectedTypes(issue);
  if (expected.length > 0) {
    if (issue.input === null) {
      return { message: `\`${key}\` is empty.`, hint: `Give \`${key}\` a value.` };
    }
    const got = describeValue(issue.input, source);
    const scalar = typeof issue.input === 'number' || typeof issue.input === 'boolean';
    const written = source ?? String(issue.input);
    const last = String(issue.path.at(-1) ?? key);
    // YAML reads `title: 1984` as a number; quoting keeps the text exactly as written (1.10 stays 1.10).
    const hint =
      scalar && expected.includes('string')
        ? `Quote it: ${typeof issue.path.at(-1) === 'number' ? '- ' : `${last}: `}${JSON.stringify(written)}.`
        : undefined;
    return {
      message: `\`${key}\` must be ${expected.map((t) => TYPE_NAMES[t] ?? t).join(' or ')}, got ${got}.`,
      ...(hint ? { hint } : {}),
    };
  }
  return { message: `\`${key}\` ${issue.message}.`.replace(/\.\.$/, '.') };
}

/**
 * Loads and validates `<root>/book.yaml`, or a configuration file kept
 * elsewhere (chapter paths stay relative to root). Warnings go to the sink;
 * throws OctavoError (its errors) when the configuration cannot be used.
 */
export async function loadConfig(root: string, diagnostics: DiagnosticSink, configFile?: string): Promise<BookConfig> {
  const file = configFile ? path.resolve(configFile) : path.join(root, CONFIG_NAME);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch {
    // No book.yaml: a book laid out for mdBook or GitBook says the same in its own files.
    const layout = configFile ? undefined : await detectLayout(root, diagnostics);
    if (layout) return loadLayoutConfig(layout, diagnostics, parseConfig);
    throw new OctavoError(
      error('config/missing', `no ${CONFIG_NAME} in ${root}.`, {
        file,
        hint: 'Create one (see README.md, "book.yaml fields"), build a single Markdown file (`octavo build file.md`), or a folder laid out for mdBook (book.toml) or GitBook (SUMMARY.md).',
      }),
    );
  }
  // Bad bytes stop here: a value read as `Caf�` would end up in the book's metadata.
  const decoded = decodeText(bytes, file, { strict: true, code: 'config/not-utf8' });
  diagnostics.push(...decoded.diagnostics);
  if (decoded.failure) throw new OctavoError(decoded.failure);
  return parseConfig(decoded.text, file, root, diagnostics);
}

export interface SingleFileOptions {
  /** The Markdown file, relative to root: the book's one chapter. */
  chapter: string;
  /** Title to use when the front matter gives none (the first heading or the file name). */
  fallbackTitle: string;
}

/**
 * A single Markdown file built as a book: its front matter holds what book.yaml
 * would (title, creator, licence…), with line numbers counted in the file.
 */
export async function loadSingleFileConfig(file: string, diagnostics: DiagnosticSink): Promise<BookConfig> {
  // The file is also the chapter: bad bytes are replaced and reported (once, the sink keeps each diagnostic once).
  const decoded = decodeText(new Uint8Array(await readFile(file)), file);
  diagnostics.push(...decoded.diagnostics);
  const text = decoded.text;
  const m = /^---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)\s*(?:\r?\n|$)/.exec(text);
  const body = m ? text.slice(m[0].length) : text;
  const heading = /^#\s+(.+?)\s*#*\s*$/m.exec(body)?.[1];
  const name = path.basename(file).replace(/\.(md|markdown)$/i, '');
  // A blank first line stands for the opening `---`, so YAML line numbers are the file's.
  return parseConfig(m ? `\n${m[1]}` : '', file, path.dirname(file), diagnostics, {
    chapter: path.basename(file),
    fallbackTitle: heading ?? name,
  });
}

export async function parseConfig(
  source: string,
  file: string,
  root: string,
  diagnostics: DiagnosticSink,
  single?: SingleFileOptions,
): Promise<BookConfig> {
  const counter = new LineCounter();
  const doc = parseDocument(source, { lineCounter: counter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new OctavoError(
      doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        const reason = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
        return error('config/yaml-syntax', `YAML syntax error: ${reason}.`, {
          file,
          line: pos?.line,
          column: pos?.col,
          hint: `Fix the syntax of ${CONFIG_NAME} at that line.`,
        });
      }),
    );
  }
  // Characters XML cannot hold never reach a writer (issue 11).
  const raw: unknown = scrubStrings(doc.toJS() ?? {}, file, diagnostics, (keys) => locate(doc, counter, keys));
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new OctavoError(
      error('config/not-a-map', `${CONFIG_NAME} must be a map of keys such as \`title:\` and \`creator:\`.`, {
        file,
        line: 1,
        column: 1,
      }),
    );
  }

  // Accept the common other spellings; remember where each key was written.
  const input: Record<string, unknown> = {};
  const writtenAs: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    const canonical = KEY_ALIASES[key] ?? key;
    if (canonical in input) {
      diagnostics.push(
        warning('config/same-key', `\`${writtenAs[canonical]}\` and \`${key}\` say the same; \`${key}\` is used.`, {
          file,
          line: locate(doc, counter, [key]).line,
          column: 1,
          hint: `Keep one of them (Octavo calls it \`${canonical}\`).`,
        }),
      );
    }
    input[canonical] = value;
    writtenAs[canonical] = key;
  }
  const keyLines: Record<string, number> = {};
  for (const [canonical, key] of Object.entries(writtenAs)) keyLines[canonical] = locate(doc, counter, [key]).line;
  readPandocKeys(input, writtenAs, keyLines, file, diagnostics);

  if (single) {
    if ('chapters' in input) {
      throw new OctavoError(
        error('config/invalid', 'a single-file book cannot list `chapters`.', {
          file,
          line: keyLines.chapters,
          column: 1,
          hint: 'Make a folder with a book.yaml for a book of several files.',
        }),
      );
    }
    input.title ??= single.fallbackTitle;
    input.chapters = [single.chapter];
  }
  // reportInput: the issues carry the wrong value, so a missing field and a wrong type can be told apart.
  const parsed = bookSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    throw new OctavoError(
      parsed.error.issues.map(narrowUnion).map((issue) => {
        const keys = issue.path.map((k, i) => (i === 0 ? (writtenAs[String(k)] ?? k) : k)) as PropertyKey[];
        const where = issue.code === 'unrecognized_keys' ? [...keys, issue.keys[0] ?? ''] : keys;
        const node = doc.getIn(keys, true);
        const { message, hint } = describeIssue(issue, isScalar(node) ? node.source : undefined);
        return error('config/invalid', message, { file, ...locate(doc, counter, where), hint });
      }),
    );
  }
  const y = parsed.data;
  // This file's own problems: they reach the sink together, and decide whether the configuration is usable.
  const problems = new Diagnostics();
  const lineOf = (key: string) => keyLines[key];

  let licence = ALL_RIGHTS_RESERVED;
  if (y.licence) {
    const resolved = resolveLicence(y.licence, { kind: 'book', file, lineOf });
    if ('diagnostic' in resolved) throw new OctavoError(resolved.diagnostic);
    licence = resolved.licence;
  }

  const creators = y.creator ?? [];
  const changes = y.changes?.texts ?? [];
  const licenceDiagnostics = checkAttribution(
    {
      title: y.title,
      creators,
      source: y.source,
      changes,
      changesDeclared: y.changes !== undefined,
      licenceStatement: y['licence-statement'],
      licence,
      licenceDeclared: Boolean(y.licence),
    },
    file,
    lineOf,
  );
  problems.push(...licenceDiagnostics);

  if (!y.language) {
    problems.push(
      warning('config/no-language', 'no `language` given: assuming en.', {
        file,
        line: 1,
        column: 1,
        hint: 'Add `language:` (e.g. en, fr, fa) so readers, hyphenation and screen readers use the right one.',
      }),
    );
  }

  const order = await resolveReadingOrder(
    root,
    file,
    y.chapters,
    (index: PropertyKey[]) => locate(doc, counter, [writtenAs.chapters ?? 'chapters', ...index]),
    problems,
  );
  const theme = await resolveTheme(root, file, y.theme, lineOf('theme'));
  const language = y.language ?? 'en';
  const dir = y.dir ?? (isRtl(language) ? 'rtl' : 'ltr');

  const pdf = pdfConfig(y, dir);
  const column = {
    width: pdf.trim.width - pdf.margins.inner - pdf.margins.outer,
    height: pdf.trim.height - pdf.margins.top - pdf.margins.bottom,
  };
  if (column.width < 40 || column.height < 60) {
    problems.push(
      error(
        'config/invalid',
        `the PDF's margins leave a text column of ${Math.round(column.width)} × ${Math.round(column.height)} mm on a ${Math.round(pdf.trim.width)} × ${Math.round(pdf.trim.height)} mm page.`,
        {
          file,
          line: lineOf('pdf'),
          column: 1,
          hint: 'Make `pdf.margins` smaller, or the page larger: the text needs at least 40 mm across and 60 mm down.',
        },
      ),
    );
  }

  diagnostics.push(...problems.list());
  problems.throwIfErrors();

  const config: BookConfig = {
    root,
    configFile: file,
    title: y.title,
    subtitle: y.subtitle,
    creators,
    language,
    identifier:
      // Tabs and line breaks as spaces: the NCX holds it in an attribute, where a parser reads them so,
      // and EPUBCheck wants it equal to the OPF's (NCX-001).
      y.identifier?.replace(/[\t\n\r]/g, ' ') ??
      `urn:uuid:${stableUuid(y.title, creators.join(';'), language, y.publisher ?? '', y.date ?? '')}`,
    date: y.date,
    modified: modifiedTimestamp(),
    publisher: y.publisher,
    description: y.description,
    subjects: y.subjects ?? [],
    source: y.source,
    licence,
    licenceDeclared: Boolean(y.licence),
    licenceStatement: y['licence-statement'],
    copyright: y.copyright,
    changes,
    adapted: y.changes?.adapted ?? false,
    changesDeclared: y.changes !== undefined,
    chapters: order.chapters,
    parts: order.parts,
    halfTitle: order.halfTitle,
    dir,
    cover: y.cover,
    typography: y.typography ?? true,
    // A lone Markdown file (a README with badges) builds without its remote images unless told otherwise.
    remoteImages: y['remote-images'] ?? (single ? 'omit' : 'error'),
    // A single file (a README) links to the rest of its repository, which is not in the book: warn and unlink.
    brokenLinks: y['broken-links'] ?? (single ? 'warn' : 'error'),
    gitbook: y.gitbook ?? false,
    mdbook: y.mdbook ?? false,
    ...(y['split-level'] ? { splitLevel: y['split-level'] } : {}),
    imageCredits: Object.fromEntries(Object.entries(y['image-credits'] ?? {}).map(([k, v]) => [path.normalize(k), v])),
    variables: Object.fromEntries(Object.entries(y.variables ?? {}).map(([k, v]) => [k, String(v)])),
    ...(y['figure-lines'] ? { figureLines: y['figure-lines'] } : {}),
    theme,
    limits: resolveLimits(y.limits),
    markdown: resolveFeatures(y.markdown),
    bibliography: y.bibliography ?? [],
    ...(y.csl ? { csl: y.csl } : {}),
    numberSections: y['number-sections'] ?? false,
    toc: y.toc ?? true,
    tocDepth: y['toc-depth'] ?? 2,
    pageList: y['page-list'] ?? true,
    pdf,
    ...(y.print ? { print: printShopConfig(y.print) } : {}),
    keyLines,
  };
  return config;
}

/**
 * A book.yaml or front matter written for pandoc: the keys only pandoc reads
 * are warnings (with what to use instead), and so is any other unknown key
 * when the file is plainly pandoc's; pandoc's shapes of `author` and `date`
 * are read. Changes `input` in place.
 */
function readPandocKeys(
  input: Record<string, unknown>,
  writtenAs: Record<string, string>,
  keyLines: Record<string, number>,
  file: string,
  diagnostics: DiagnosticSink,
): void {
  const pandoc = writtenForPandoc(Object.values(writtenAs));
  const at = (key: string) => ({ file, line: keyLines[key], column: 1 });
  for (const key of Object.keys(input)) {
    if (KNOWN_KEYS.includes(key)) continue;
    if (Object.hasOwn(PANDOC_ONLY_KEYS, key)) {
      diagnostics.push(
        warning('config/pandoc-key', `\`${key}\` is a pandoc setting Octavo does not use; it is ignored.`, {
          ...at(key),
          hint: PANDOC_ONLY_KEYS[key] || 'Delete it when the file is no longer used with pandoc.',
        }),
      );
      delete input[key];
    } else if (pandoc) {
      const guess = didYouMean(key, [...KNOWN_KEYS, ...Object.keys(KEY_ALIASES)]);
      diagnostics.push(
        warning('config/unknown-key', `unknown key \`${key}\` (ignored; this file is written for pandoc).`, {
          ...at(key),
          hint: guess ? `Did you mean \`${guess}\`?` : 'See README.md, "book.yaml fields", for what Octavo reads.',
        }),
      );
      delete input[key];
    }
  }
  if ('creator' in input) input.creator = pandocNames(input.creator);
  if ('date' in input) {
    input.date = pandocDate(input.date);
    if (pandoc && typeof input.date === 'string' && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(input.date.trim())) {
      diagnostics.push(
        warning(
          'config/pandoc-date',
          `date \`${input.date}\` is not YYYY, YYYY-MM or YYYY-MM-DD; it is left out of the metadata.`,
          {
            ...at('date'),
            hint: 'EPUB needs a date such as 2024-03-01.',
          },
        ),
      );
      delete input.date;
    }
  }
}

/**
 * SOURCE_DATE_EPOCH or now, as EPUB's dcterms:modified wants it: the date until
 * the manuscript is read; a build then takes the manuscript's (build-date.ts).
 */
export function modifiedTimestamp(env: NodeJS.ProcessEnv = process.env): string {
  const epoch = sourceDateEpoch(env);
  return isoSeconds(epoch === undefined ? new Date() : new Date(epoch * 1000));
}

async function resolveTheme(
  root: string,
  file: string,
  theme: string | undefined,
  line: number | undefined,
): Promise<string> {
  const name = theme ?? 'default';
  // A bare name is a built-in theme; anything with a slash is a folder of the book's.
  const own = /[\\/]/.test(name);
  const candidate = own ? path.resolve(root, name) : path.join(builtinThemes, name);
  // A theme is read into every page: it must be the book's own folder or a built-in one (real paths).
  const confined = own
    ? await insideFolder(root, candidate)
    : /^[A-Za-z0-9_-]+$/.test(name) && (await insideFolder(builtinThemes, candidate));
  if (!confined) {
    throw new OctavoError(
      error('config/invalid', `theme \`${name}\` lies outside the book folder.`, {
        file,
        line,
        column: 1,
        hint: 'Use a built-in theme by name (`default`), or copy the theme into the book folder and name it by a relative path such as `./my-theme`.',
      }),
    );
  }
  const ok = await stat(candidate).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!ok) {
    throw new OctavoError(
      error('config/missing-theme', `theme \`${name}\` not found (looked in ${candidate}).`, {
        file,
        line,
        column: 1,
        hint: 'Use `default`, or a path such as `./my-theme` to a folder laid out like templates/default.',
      }),
    );
  }
  return candidate;
}
