/**
 * Issue 11 §6: property-based tests through the whole pipeline. Arbitrary
 * strings (in a chapter, the title, every metadata field) and grammar-made
 * Markdown are built to HTML and EPUB: the build either succeeds or stops
 * with an OctavoError (diagnostics with a code and a message), never any other
 * exception; every XML document the EPUB holds, and the PDF's XMP packet,
 * parses with a strict parser.
 *
 * `npm test` runs a bounded, reproducible run (fixed seed); `npm run fuzz`
 * (scripts/fuzz.mjs) a long one with a random seed. FUZZ_SEED, FUZZ_RUNS and
 * FUZZ_EPUBCHECKS override both; FUZZ_VERBOSE=1 prints each Octavo error met.
 * A failure prints fast-check's counterexample and seed;
 * `FUZZ_SEED=<seed> npx vitest run test/hostile/fuzz.test.ts` replays it.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { fromHtml } from 'hast-util-from-html';
import type { Browser } from 'puppeteer';
import { visit } from 'unist-util-visit';
import { afterAll, describe, expect, it } from 'vitest';
import type { Element as XElement, Root as XRoot } from 'xast';
import { fromXml } from 'xast-util-from-xml';
import { parse as parseYaml } from 'yaml';
import { type BuildResult, build } from '../../src/build.js';
import { type Diagnostic, Diagnostics, OctavoError } from '../../src/diagnostics.js';
import { fontsUsedBy } from '../../src/fonts/used-fonts.js';
import { collectCredits } from '../../src/licence/credits.js';
import { xmpPacket } from '../../src/writers/pdf/metadata.js';
import { writeFiles } from '../helpers/books.js';
import { sharedBrowser } from '../helpers/browser.js';
import { solidPng } from '../helpers/png.js';
import { epubcheck, unzip, zipText } from '../helpers/tools.js';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 1106;
/**
 * Books per property. Each book is one html + epub build, about 1 s now that
 * its cover is drawn by Chromium (a new title each time); 24 keep this file
 * near a minute on two cores, and `npm run fuzz` asks for more.
 */
const RUNS = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 24;
/**
 * EPUBCheck takes 3–15 s a book (Java starting, on a busy machine), too slow
 * for every one: `npm run fuzz` checks the first books of each property, and
 * `npm test` none of them (its one EPUBCheck is on the regression book at the
 * end). Well-formedness is checked on every book.
 */
const EPUBCHECKS = process.env.FUZZ_EPUBCHECKS ? Number(process.env.FUZZ_EPUBCHECKS) : 0;
/** A long run outlasts the suite's two minutes per test: about 0.5 s a book on a busy machine, with room. */
const TIMEOUT = Math.max(120_000, RUNS * 2_000 + EPUBCHECKS * 30_000);

const made: string[] = [];
// The run's Chromium draws the EPUBs' covers: one browser, not one launched per built book.
let browser: Promise<Browser> | undefined;
const runBrowser = () => (browser ??= sharedBrowser());
afterAll(async () => {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  await (await browser)?.disconnect();
});

// ---------------------------------------------------------------- strings

/** Pieces that have broken, or could break, XML, Markdown, the sanitiser or a template. */
const NASTY = [
  ']]>',
  '<',
  '>',
  '&',
  '"',
  "'",
  '\\',
  '\u0000',
  '\u0001',
  '\u0008',
  '\u000B',
  '\u000C',
  '\u001B',
  '\u001F',
  '\u007F',
  '\u0085',
  '\r',
  '\r\n',
  '\n',
  '\t',
  '\uFFFE',
  '\uFFFF',
  '\uFEFF',
  '\uD800',
  '\uDFFF',
  '\u200F',
  '\u202E',
  '\u2028',
  'ﷺ',
  '😀',
  '👩‍👩‍👧',
  '<script>alert(1)</script>',
  '<svg onload=alert(1)>',
  '<img src=x onerror=alert(1)>',
  '{% include "x.md" %}',
  '{{ book.title }}',
  '{% raw %}',
  '$$',
  '$x$',
  '[^1]',
  '[^1]: note',
  '| a | b |\n|---|---|\n| c | d |',
  '---',
  '```',
  '<!--',
  '-->',
  '<![CDATA[',
  '&#0;',
  '&#xD800;',
  '&amp;',
  '&bogus;',
  '#',
  '*',
  '_',
  '`',
  '[',
  ']',
  '(',
  ')',
  '!',
  '|',
  '~~',
  ' ',
  'text',
];

/** Any text: binary code units (lone surrogates too), whole graphemes, and the nasty pieces. */
const anyString = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
      { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
      { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(''));

/**
 * A YAML double-quoted scalar holding exactly `text`: everything outside
 * printable ASCII as `\uXXXX` (YAML's escape, which unlike a UTF-8 file can
 * carry a lone surrogate), `"` and `\` escaped, no line folding.
 */
function yamlString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const ch = text[i]!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (code >= 0x20 && code <= 0x7e) out += ch;
    else out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return `${out}"`;
}

// ---------------------------------------------------------------- Markdown grammar

const word = fc.constantFrom('alpha', 'beta', 'Gamma', 'δέλτα', 'سلام', '中文', 'naïve', "it's", '"quoted"', '1984');
const label = fc.constantFrom('1', 'a', 'note', 'x y', '^', ']]>', '<b>', '注', 'é', '%zz');
const url = fc.constantFrom(
  'https://example.org/?a=1&b=]]>',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:x',
  'mailto:a@example.org',
  '#heading',
  '#alpha',
  '#missing',
  'two.md',
  'two.md#beta',
  'missing.md',
  '../outside.md',
  '/etc/passwd',
  'file:///etc/passwd',
  '<sp ace>',
  '',
);
/** Mostly images that build (or only warn), so that most books reach the writers. */
const imageSrc = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom('logo.png', 'logo.png "a title"', 'missing.png') },
  fc.constantFrom(
    '.',
    'https://example.org/remote.png',
    '../outside.png',
    '/etc/passwd',
    'data:image/png;base64,iVBORw0KGgo=',
    'javascript:alert(1)',
    '',
  ),
);
const rawInline = fc.constantFrom(
  '<span style="color:red" onclick="alert(1)">span</span>',
  '<a href="javascript:alert(1)">js</a>',
  '<a href="#alpha" onmouseover="x()">in</a>',
  '<script>alert(1)</script>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<img src=x onerror=alert(1)>',
  '<img src="logo.png" alt="ok" width="10%" height="x">',
  '<iframe src="https://example.org"></iframe>',
  '<kbd>Ctrl</kbd>',
  '<sup>2</sup>',
  '<br>',
  '</div>',
  '<b><i>mis</b>nested</i>',
  '<!-- a -- comment ]]> -->',
  '<![CDATA[ x ]]>',
  '<?php echo 1 ?>',
  '&#0;',
  '&#xD800;',
  '&#x1F;',
  '&bogus;',
  '<math><mi>x</mi></math>',
  '<style>body{background:url(https://x)}</style>',
  '<object data="x"></object>',
  '<form action="x"><input></form>',
  '{% include "two.md" %}',
  '{% include "../outside.md" %}',
  '{{ book.title }}',
  '{% bogus %}',
);
const rawBlock = fc.constantFrom(
  '<div onclick="alert(1)" style="position:fixed">\n\n**md** inside\n\n</div>',
  '<details><summary>More</summary>\n\nHidden\n\n</details>',
  '<table><tr><td onclick="x">cell</td></tr></table>',
  '<script>\nalert(1)\n</script>',
  '<style>\n* { display: none }\n</style>',
  '<svg width="10" height="10" onload="alert(1)"><rect width="10" height="10"/><foreignObject><p>x</p></foreignObject></svg>',
  '<figure><img src="logo.png"><figcaption>cap</figcaption></figure>',
  '<h1 id="alpha">raw heading</h1>',
  '<h2>&#xFFFE;</h2>',
  '<section epub:type="chapter">s</section>',
  '<!DOCTYPE html>',
  '<![CDATA[\n]]>\n]]>',
  '<pre>\n<b>pre</b> ]]>\n</pre>',
  '<textarea><p></textarea>',
  '{% raw %}\n{{ x }}\n{% endraw %}',
  '{% include "two.md" %}',
);
const fenceLang = fc.constantFrom('', 'js', 'html', 'python', 'no-such-lang', '<script>', 'js {.class}', '"q"');

/** Inline Markdown, `depth` levels of nesting left. */
const inline: (depth: number) => fc.Arbitrary<string> = fc.memo((depth) => {
  const leaf = fc.oneof(
    { weight: 4, arbitrary: word },
    { weight: 2, arbitrary: anyString },
    fc.constantFrom(' ', '  \n', '\\\n', ' -- ', '...', '“', '~~'),
    label.map((l) => `[^${l}]`),
    anyString.map((s) => `\`${s.replace(/`/g, '')}\``),
    anyString.map((s) => `$${s.replace(/\$/g, '')}$`),
    fc.constantFrom('$x^2$', '$\\frac{1}{2}$', '$\\href{javascript:alert(1)}{x}$', '$\\unknown{$', '$a < b & c$'),
    rawInline,
    fc.tuple(word, imageSrc).map(([alt, src]) => `![${alt}](${src})`),
    url.map((u) => `<${u}>`),
  );
  if (depth <= 0) return leaf;
  const inner = fc.array(inline(depth - 1), { minLength: 1, maxLength: 3 }).map((p) => p.join(' '));
  return fc.oneof(
    { weight: 4, arbitrary: leaf },
    inner.map((s) => `*${s}*`),
    inner.map((s) => `**${s}**`),
    inner.map((s) => `~~${s}~~`),
    fc.tuple(inner, url).map(([t, u]) => `[${t}](${u})`),
    fc.tuple(inner, url).map(([t, u]) => `[${t}](${u} "title ]]>")`),
    fc.tuple(inner, imageSrc).map(([t, s]) => `![${t}](${s})`),
  );
});

const paragraph = fc.array(inline(2), { minLength: 1, maxLength: 5 }).map((p) => p.join(' '));

function indent(text: string, prefix: string, first = prefix): string {
  return text
    .split('\n')
    .map((line, i) => (i === 0 ? first : prefix) + line)
    .join('\n');
}

/** Block Markdown: lists and quotes nest while `depth` lasts (at most 6 levels). */
const block: (depth: number) => fc.Arbitrary<string> = fc.memo((depth) => {
  const leaf = fc.oneof(
    { weight: 4, arbitrary: paragraph },
    fc.tuple(fc.integer({ min: 1, max: 7 }), paragraph).map(([n, t]) => `${'#'.repeat(n)} ${t}`),
    fc.tuple(paragraph, fc.constantFrom('=', '-')).map(([t, u]) => `${t}\n${u.repeat(3)}`),
    fc
      .tuple(fenceLang, anyString, fc.constantFrom('```', '~~~', '````'))
      .map(([lang, code, fence]) => `${fence}${lang}\n${code}\n${fence}`),
    anyString.map((code) => indent(code.replace(/\n/g, ' '), '    ')),
    // A GFM table: a header row, the delimiter row, then body rows of any width.
    fc
      .tuple(
        fc.array(inline(1), { minLength: 1, maxLength: 4 }),
        fc.array(fc.array(inline(1), { maxLength: 5 }), { maxLength: 4 }),
        fc.constantFrom('---', ':--', '--:', ':-:'),
      )
      .map(([head, rows, align]) =>
        [head, head.map(() => align), ...rows]
          .map((cells) => `| ${cells.map((c) => c.replace(/\n/g, ' ')).join(' | ')} |`)
          .join('\n'),
      ),
    fc.tuple(label, paragraph).map(([l, t]) => `[^${l}]: ${t}`),
    fc.tuple(label, url).map(([l, u]) => `[${l}]: ${u}`),
    rawBlock,
    fc.constantFrom('***', '---', '___'),
    fc.constantFrom('$$\nx^2 + y^2\n$$', '$$\n\\begin{matrix}a & b\\end{matrix}\n$$', '$$\n\\bad{\n$$', '$$'),
    anyString,
  );
  if (depth <= 0) return leaf;
  const blocks = fc.array(block(depth - 1), { minLength: 1, maxLength: 2 }).map((b) => b.join('\n\n'));
  return fc.oneof(
    { weight: 8, arbitrary: leaf },
    // Lists: bullet or ordered, items of blocks indented under their marker.
    fc
      .tuple(fc.constantFrom('- ', '* ', '+ ', '1. ', '2) ', '- [ ] ', '- [x] '), fc.array(blocks, { maxLength: 3 }))
      .map(([marker, items]) =>
        items.map((item) => indent(item, ' '.repeat(marker.replace(/\[.\] /, '').length), marker)).join('\n'),
      ),
    blocks.map((b) => indent(b, '> ')),
    fc.tuple(label, blocks).map(([l, b]) => indent(b, '    ', `[^${l}]: `)),
  );
});

/** A chapter file: optional front matter, then blocks. */
const chapter = fc
  .tuple(
    fc.option(
      fc.oneof(
        anyString.map((t) => `title: ${yamlString(t)}`),
        fc.constantFrom(
          'title: Front',
          'type: appendix',
          'language: fa',
          'dir: rtl',
          'creator: [Ann]\nlicence: CC-BY-4.0\nsource: https://example.org',
          'unknown: key',
          'title: [not, text]',
          'title: "unclosed',
          ': bad',
        ),
      ),
    ),
    fc.array(block(6), { maxLength: 6 }),
  )
  .map(([front, blocks]) => `${front === null ? '' : `---\n${front}\n---\n\n`}${blocks.join('\n\n')}\n`);

// ---------------------------------------------------------------- books

interface Metadata {
  title: string;
  subtitle: string | null;
  creators: string[];
  publisher: string | null;
  description: string | null;
  subjects: string[];
  identifier: string | null;
  source: string | null;
  licenceStatement: string | null;
  copyright: string | null;
  changes: string | null;
  partTitle: string | null;
  chapterTitle: string | null;
}

/** A value for every metadata field, each made by `anyText`, rarely blank (an error: fields must not be empty). */
function metadata(anyText: fc.Arbitrary<string>): fc.Arbitrary<Metadata> {
  const text = fc.oneof(
    { weight: 9, arbitrary: anyText.filter((t) => t.trim() !== '') },
    { weight: 1, arbitrary: anyText },
  );
  return fc.record({
    title: text,
    subtitle: fc.option(text),
    creators: fc.array(text, { maxLength: 2 }),
    publisher: fc.option(text),
    description: fc.option(text),
    subjects: fc.array(text, { maxLength: 2 }),
    identifier: fc.option(text),
    source: fc.option(fc.oneof(text, fc.constantFrom('https://example.org/a?b=1&c=]]>', 'javascript:alert(1)'))),
    licenceStatement: fc.option(text),
    copyright: fc.option(text),
    changes: fc.option(text),
    partTitle: fc.option(text),
    chapterTitle: fc.option(text),
  });
}

/** Settings weighted towards books that build: a broken link or a remote image is an error by default. */
const settings = fc.record({
  language: fc.constantFrom('en', 'fa', 'zh', 'de', 'ar'),
  licence: fc.oneof(
    { weight: 4, arbitrary: fc.constant('CC0-1.0') },
    fc.constantFrom('CC-BY-4.0', 'CC-BY-NC-ND-4.0', 'All Rights Reserved', 'MIT'),
  ),
  gitbook: fc.boolean(),
  typography: fc.boolean(),
  brokenLinks: fc.oneof({ weight: 4, arbitrary: fc.constant('warn') }, fc.constant('error')),
  remoteImages: fc.oneof({ weight: 4, arbitrary: fc.constant('omit') }, fc.constant('error')),
});
type Settings = typeof settings extends fc.Arbitrary<infer T> ? T : never;

interface Book {
  meta: Metadata;
  settings: Settings;
  /** The first chapter: text, or raw bytes (not necessarily UTF-8). */
  one: string | Uint8Array;
  two: string;
}

function bookYaml(m: Metadata, s: Settings): string {
  const q = yamlString;
  const lines = [`title: ${q(m.title)}`, `language: ${s.language}`, `licence: ${q(s.licence)}`];
  if (m.subtitle !== null) lines.push(`subtitle: ${q(m.subtitle)}`);
  if (m.creators.length) lines.push(`creator: [${m.creators.map(q).join(', ')}]`);
  if (m.publisher !== null) lines.push(`publisher: ${q(m.publisher)}`);
  if (m.description !== null) lines.push(`description: ${q(m.description)}`);
  if (m.subjects.length) lines.push(`subjects: [${m.subjects.map(q).join(', ')}]`);
  if (m.identifier !== null) lines.push(`identifier: ${q(m.identifier)}`);
  if (m.source !== null) lines.push(`source: ${q(m.source)}`);
  if (m.licenceStatement !== null) lines.push(`licence-statement: ${q(m.licenceStatement)}`);
  if (m.copyright !== null) lines.push(`copyright: ${q(m.copyright)}`);
  if (m.changes !== null) lines.push(`changes: ${q(m.changes)}`);
  lines.push(`gitbook: ${s.gitbook}`, `typography: ${s.typography}`);
  lines.push(`broken-links: ${s.brokenLinks}`, `remote-images: ${s.remoteImages}`);
  lines.push(`variables: { title: ${q(m.title)} }`);
  const one = m.chapterTitle === null ? '- one.md' : `- { file: one.md, title: ${q(m.chapterTitle)} }`;
  if (m.partTitle === null) lines.push('chapters:', `  ${one}`, '  - two.md');
  else lines.push('chapters:', `  - part: ${q(m.partTitle)}`, '    chapters:', `      ${one}`, '      - two.md');
  return `${lines.join('\n')}\n`;
}

/** Hostile strings in every field and as the first chapter (text or bytes); a plain second chapter. */
const stringBook: fc.Arbitrary<Book> = fc.record({
  meta: metadata(anyString),
  settings,
  one: fc.oneof(
    { weight: 3, arbitrary: anyString },
    fc.uint8Array({ maxLength: 64 }),
    fc.array(anyString, { maxLength: 6 }).map((lines) => lines.join('\n')),
  ),
  two: fc.constant('# Beta\n\nThe second chapter.\n'),
});

/** Grammar-made Markdown in both chapters; mostly tame metadata. */
const markdownBook: fc.Arbitrary<Book> = fc.record({
  meta: metadata(fc.oneof({ weight: 4, arbitrary: word }, anyString)),
  settings,
  one: chapter,
  two: chapter,
});

// ---------------------------------------------------------------- the property

function parseXml(text: string, name: string): XRoot {
  try {
    return fromXml(text);
  } catch (err) {
    throw new Error(`${name} is not well-formed XML: ${(err as Error).message}`);
  }
}

/** Footnote links are Octavo's own (remark-rehype's `user-content-` ids): they must never dangle. */
function ownLinksDangling(list: readonly Diagnostic[]): string[] {
  return list
    .filter((d) => d.code === 'markdown/dangling-reference' && d.message.includes('#user-content-'))
    .map((d) => d.message);
}

function find(tree: XRoot | XElement, test: (e: XElement) => boolean): XElement[] {
  const out: XElement[] = [];
  for (const child of tree.children) {
    if (child.type !== 'element') continue;
    if (test(child)) out.push(child);
    out.push(...find(child, test));
  }
  return out;
}

/** What a sanitised document must never hold: scripts, event handlers, javascript: links. */
function activeContent(tree: XRoot): string[] {
  const found: string[] = [];
  const walk = (node: XRoot | XElement) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (/(^|:)script$/i.test(child.name)) found.push(`<${child.name}>`);
      for (const [name, value] of Object.entries(child.attributes)) {
        if (/^on/i.test(name)) found.push(`${child.name}@${name}`);
        if (/href$/i.test(name) && /^\s*(javascript|vbscript|data):/i.test(value ?? ''))
          found.push(`${child.name}@${name}=${value}`);
      }
      walk(child);
    }
  };
  walk(tree);
  return found;
}

/**
 * The same in the HTML edition, parsed as HTML; its JSON-LD metadata is data, not a script.
 * An image used twice is an SVG `<image href="data:image/…">` (drawn as an image, never run), like an img's src.
 */
function activeHtml(html: string): string[] {
  const found: string[] = [];
  visit(fromHtml(html), 'element', (node) => {
    if (node.tagName === 'script' && node.properties.type !== 'application/ld+json') found.push('<script>');
    for (const [name, value] of Object.entries(node.properties)) {
      if (/^on/i.test(name)) found.push(`${node.tagName}@${name}`);
      const imageData = node.tagName === 'image' && /^data:image\//i.test(String(value));
      if (name === 'href' && /^\s*(javascript|vbscript|data):/i.test(String(value)) && !imageData)
        found.push(`${node.tagName}@href=${value}`);
    }
  });
  return found;
}

class EpubCheckFailed extends Error {}

/**
 * Builds the book; true when it built, false when it stopped with an
 * OctavoError. Throws (fails the property) on anything else.
 */
async function buildAndCheck(book: Book, options: { epubcheck: boolean }): Promise<boolean> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'octavo-fuzz-'));
  made.push(dir);
  try {
    await writeFiles(dir, {
      'book.yaml': bookYaml(book.meta, book.settings),
      'one.md': typeof book.one === 'string' ? book.one : Buffer.from(book.one),
      'two.md': book.two,
      'logo.png': solidPng(8, 4, [200, 30, 30]),
      'x.md': 'Included ]]> text.\n',
    });
    const diagnostics = new Diagnostics();
    let result: BuildResult;
    try {
      result = await build({
        input: dir,
        outDir: path.join(dir, 'dist'),
        formats: ['html', 'epub'],
        diagnostics,
        browser: await runBrowser(),
      });
    } catch (err) {
      if (!(err instanceof OctavoError)) throw err;
      // An Octavo error: diagnostics, each an error with a code and a message, also in the sink.
      expect(err.diagnostics.length).toBeGreaterThan(0);
      for (const d of err.diagnostics) {
        expect(d.severity).toBe('error');
        expect(d.code).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+$/);
        expect(d.message.length).toBeGreaterThan(0);
      }
      expect(diagnostics.hasErrors()).toBe(true);
      expect(ownLinksDangling(err.diagnostics)).toEqual([]);
      if (process.env.FUZZ_VERBOSE) console.log(err.diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n'));
      return false;
    }
    for (const d of result.diagnostics) {
      expect(d.severity).not.toBe('error');
      expect(d.code).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+$/);
    }
    expect(ownLinksDangling(result.diagnostics)).toEqual([]);
    expect(Object.keys(result.outputs).sort()).toEqual(['epub', 'html']);
    const html = await readFile(result.outputs.html!, 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(activeHtml(html)).toEqual([]);

    const zip = await unzip(result.outputs.epub!);
    const names = Object.keys(zip.files).filter((n) => /\.(xhtml|html|opf|ncx|xml|svg)$/i.test(n));
    expect(names).toContain('OEBPS/content.opf');
    for (const name of names) {
      const tree = parseXml(await zipText(zip, name), name);
      if (/\.(xhtml|html|svg)$/i.test(name)) expect(activeContent(tree), name).toEqual([]);
    }
    // The PDF's XMP packet, made by the function the PDF writer calls, without printing.
    parseXml(xmpPacket(result.book.config, collectCredits(result.book, fontsUsedBy(result.book))), 'XMP packet');

    if (options.epubcheck) {
      const check = await epubcheck(result.outputs.epub!);
      if (check.fatals + check.errors > 0) throw new EpubCheckFailed(check.output);
    }
    return true;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('the whole pipeline on arbitrary input', () => {
  it('YAML double-quoted escapes carry any string, lone surrogates too', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        expect(parseYaml(`v: ${yamlString(s)}`).v).toBe(s);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  for (const [name, arb] of [
    ['arbitrary strings in every metadata field and as a chapter', stringBook],
    ['grammar-made Markdown', markdownBook],
  ] as const) {
    it(
      `${name}: an Octavo diagnostic, or well-formed XML`,
      async () => {
        const counts = { built: 0, stopped: 0 };
        // The first books are checked, and once EPUBCheck has failed, every one shrinking tries
        // (or it would shrink to a book that passes); the time limit ends a long shrink.
        let calls = 0;
        let shrinkingEpubcheck = false;
        await fc.assert(
          fc.asyncProperty(arb, async (book) => {
            try {
              const built = await buildAndCheck(book, { epubcheck: shrinkingEpubcheck || calls++ < EPUBCHECKS });
              counts[built ? 'built' : 'stopped']++;
            } catch (err) {
              if (err instanceof EpubCheckFailed) shrinkingEpubcheck = true;
              throw err;
            }
          }),
          { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: TIMEOUT - 20_000 },
        );
        console.log(`${name}: ${counts.built} built, ${counts.stopped} stopped with an Octavo error (seed ${SEED})`);
        // A property that only ever saw errors would test little.
        expect(counts.built).toBeGreaterThan(0);
      },
      TIMEOUT,
    );
  }
});

/** A small book of `files` (its chapters, in order) built to html + epub; `broken-links` stays at its default, error. */
async function buildBook(files: Record<string, string>, yaml = ''): Promise<BuildResult | OctavoError> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'octavo-fuzz-'));
  made.push(dir);
  await writeFiles(dir, {
    'book.yaml': `title: Found\nlanguage: en\nlicence: CC0-1.0\n${yaml}chapters: [${Object.keys(files).join(', ')}]\n`,
    'logo.png': solidPng(8, 4, [200, 30, 30]),
    'sub/keep.txt': '',
    ...files,
  });
  const browser = await runBrowser();
  return build({ input: dir, outDir: path.join(dir, 'dist'), formats: ['html', 'epub'], browser }).catch(
    (err: unknown) => {
      if (err instanceof OctavoError) return err;
      throw err;
    },
  );
}

async function chapterXhtml(result: BuildResult | OctavoError): Promise<string> {
  if (result instanceof OctavoError) throw result;
  return zipText(await unzip(result.outputs.epub!), 'OEBPS/ch-1.xhtml');
}

const NOTE_LABELS = ['注', 'é', '^', '%zz', '<b>', 'x"y'];
/** YAML double-quoted: a tab and a line break. */
const ODD_IDENTIFIER = 'urn:x:a\\tb\\nc';
const ODD_SOURCE = 'https://example.org/a?q=<x>|y^{z}%zz#one#two';
const SOURCED_CHAPTER =
  '---\nsource: "https://example.org/b?c=>"\ncreator: Ann\nlicence: CC0-1.0\n---\n\n# One\n\nText.\n';

/** Chapters whose titles XML cannot hold: a YAML escape in front matter, a character reference in raw HTML. */
const UNTITLED_CHAPTERS = {
  'fm.md': '---\ntitle: "\\uFFFE"\n---\n\nText.\n',
  'raw.md': '<h1>&#xFFFE;</h1>\n\nText.\n',
};

/** Each a counterexample the properties found, fixed in src/ and kept here as it was shrunk. */
describe('what the fuzz found', () => {
  it('an image path naming a folder is an Octavo error, not EISDIR', async () => {
    const result = await buildBook({ 'one.md': '# One\n\n![a](.) ![b](sub/)\n' });
    expect(result).toBeInstanceOf(OctavoError);
    expect((result as OctavoError).diagnostics.map((d) => d.code)).toEqual([
      'assets/unsupported',
      'assets/unsupported',
    ]);
  });

  it('keeps the links of notes whose labels are percent-encoded (`[^注]`, `[^^]`), and `[^%zz]` does not throw', async () => {
    const labels = NOTE_LABELS;
    const md = `# One\n\n${labels.map((l) => `Text[^${l}]`).join(' ')}\n\n${labels.map((l) => `[^${l}]: Note ${l}`).join('\n\n')}\n`;
    const xhtml = await chapterXhtml(await buildBook({ 'one.md': md }));
    parseXml(xhtml, 'ch-1.xhtml');
    for (let n = 1; n <= labels.length; n++) {
      expect(xhtml).toContain(`href="#fn-${n}" id="fnref-${n}"`);
      expect(xhtml).toContain(`role="doc-backlink" href="#fnref-${n}"`);
    }
  });

  it('keeps every note when one has an unclosed tag (`[^1]: A <b>bold`), which drew the next ones into itself', async () => {
    const xhtml = await chapterXhtml(
      await buildBook({ 'one.md': '# One\n\nA[^1] B[^2]\n\n[^1]: Note <b>one\n\n[^2]: Two\n' }),
    );
    expect(xhtml).toMatch(
      /<aside [^>]*id="fn-1"[\s\S]*<aside [^>]*id="fn-2"[^>]*><p><span class="footnote-number">2\.<\/span> Two/,
    );
  });

  it('links a note that refers to another note (`[^1]: See [^2].`)', async () => {
    const xhtml = await chapterXhtml(
      await buildBook({ 'one.md': '# One\n\nText[^1].\n\n[^1]: See [^2].\n\n[^2]: The second.\n' }),
    );
    expect(xhtml).toMatch(/id="fn-1"[\s\S]*href="#fn-2" id="fnref-2"[\s\S]*id="fn-2"/);
    expect(xhtml).toContain('role="doc-backlink" href="#fnref-2"');
  });

  it('keeps the notes of a chapter with an unclosed `<b>`, which drew them into itself', async () => {
    const xhtml = await chapterXhtml(
      await buildBook({ 'one.md': '# One\n\nText[^1] <b>bold\n\nMore.\n\n[^1]: The note.\n' }),
    );
    expect(xhtml).toMatch(/<section class="footnotes"[^>]*>\s*<aside [^>]*id="fn-1"/);
    expect(xhtml).toContain('href="#fn-1" id="fnref-1"');
  });

  it('links a source address with characters a URI cannot hold, percent-encoded', async () => {
    const result = await buildBook({ 'one.md': SOURCED_CHAPTER }, `source: "${ODD_SOURCE}"\n`);
    if (result instanceof OctavoError) throw result;
    const zip = await unzip(result.outputs.epub!);
    const colophon = await zipText(zip, 'OEBPS/colophon.xhtml');
    expect(colophon).toContain('href="https://example.org/a?q=%3Cx%3E%7Cy%5E%7Bz%7D%25zz#one%23two"');
    expect(await zipText(zip, 'OEBPS/ch-1.xhtml')).toContain('href="https://example.org/b?c=%3E"');
  });

  it('keeps list items valid after an unclosed `<b>` in an item, which the parser opened again around the next', async () => {
    const xhtml = await chapterXhtml(await buildBook({ 'one.md': '# One\n\n- item <b>bold\n- next\n' }));
    expect(xhtml).toMatch(/<ul>\s*<li>item <b>bold<\/b><\/li>\s*<li>next<\/li>\s*<\/ul>/);
  });

  it('gives the NCX and the OPF the same identifier when it holds a tab or a line break', async () => {
    const result = await buildBook({ 'one.md': '# One\n' }, `identifier: "${ODD_IDENTIFIER}"\n`);
    if (result instanceof OctavoError) throw result;
    const zip = await unzip(result.outputs.epub!);
    const opf = await zipText(zip, 'OEBPS/content.opf');
    const ncx = parseXml(await zipText(zip, 'OEBPS/toc.ncx'), 'toc.ncx');
    const uid = find(ncx, (e) => e.name === 'meta' && e.attributes.name === 'dtb:uid')[0]?.attributes.content;
    expect(uid).toBe('urn:x:a b c');
    expect(opf).toContain('>urn:x:a b c</dc:identifier>');
  });

  it('titles a chapter whose title XML cannot hold (`title: "\\uFFFE"`, `<h1>&#xFFFE;</h1>`) with U+FFFD', async () => {
    const result = await buildBook(UNTITLED_CHAPTERS);
    if (result instanceof OctavoError) throw result;
    const nav = await zipText(await unzip(result.outputs.epub!), 'OEBPS/toc.xhtml');
    expect(nav).toContain('<a href="ch-1.xhtml"><span class="toc-title">\uFFFD</span></a>');
    expect(nav).toContain('<a href="ch-2.xhtml"><span class="toc-title">\uFFFD</span></a>');
    expect(result.diagnostics.map((d) => [d.code, d.line])).toEqual([['manuscript/invalid-character', 2]]);
  });

  it('passes EPUBCheck with every counterexample above in one book', async () => {
    const result = await buildBook(
      {
        'one.md': [
          SOURCED_CHAPTER,
          '![a](logo.png)',
          `${NOTE_LABELS.map((l) => `Text[^${l}]`).join(' ')} and[^n1] <b>unclosed`,
          '- item <b>bold\n- next',
          '1. x <i>y\n\n   para\n2. z',
          ...NOTE_LABELS.map((l) => `[^${l}]: Note ${l}`),
          '[^n1]: See [^n2], <i>unclosed\n\n[^n2]: The second.',
        ].join('\n\n'),
        ...UNTITLED_CHAPTERS,
      },
      `source: "${ODD_SOURCE}"\nidentifier: "${ODD_IDENTIFIER}"\n`,
    );
    if (result instanceof OctavoError) throw result;
    const check = await epubcheck(result.outputs.epub!);
    expect(check.fatals + check.errors + check.warnings, check.output).toBe(0);
  });

  it('shows a source whose host is no host (`https://]]>`) as text, not as a link', async () => {
    const result = await buildBook({ 'one.md': '# One\n' }, 'source: "https://]]>"\n');
    if (result instanceof OctavoError) throw result;
    const colophon = await zipText(await unzip(result.outputs.epub!), 'OEBPS/colophon.xhtml');
    expect(colophon).toContain('https://]]&gt;');
    expect(colophon).not.toContain('href="https://]]');
  });
});
