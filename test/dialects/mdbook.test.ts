/**
 * A folder laid out for mdBook (book.toml + src/SUMMARY.md, no book.yaml)
 * builds as mdBook would lay it out: reading order, parts, front and back
 * matter and titles from SUMMARY.md, metadata from book.toml, {{#include}}
 * links expanded, hidden `# ` lines gone; `octavo init --from` writes the
 * book.yaml that builds the same book.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTempBooks, tempBook } from '../helpers/books.js';
import { octavo } from '../helpers/cli.js';
import { epubcheck, unzip, zipText } from '../helpers/tools.js';

const BOOK: Record<string, string> = {
  'book.toml': [
    '[book]',
    'title = "The Crab Book"',
    'authors = ["Ann Crab", "Bob Shell"]',
    'language = "en"',
    'description = "A small book about crabs."',
    'src = "src"',
    '',
    '[output.html]',
    'git-repository-url = "https://example.org/crabs"',
    '',
  ].join('\n'),
  'src/SUMMARY.md': [
    '# Summary',
    '',
    '[Foreword](foreword.md)',
    '',
    '# Getting started',
    '',
    '- [Installation](guide/install.md)',
    '    - [On Linux](guide/linux.md)',
    '- [Not written yet]()',
    '',
    '# Using it',
    '',
    '- [Usage](guide/usage.md)',
    '',
    '[Glossary](glossary.md)',
    '',
  ].join('\n'),
  'src/foreword.md': '# Foreword\n\nWhy crabs.\n',
  'src/guide/install.md': [
    '# Installation',
    '',
    'Read [how to run it](usage.md#running) first.',
    '',
    '```rust',
    '{{#include ../../listings/main.rs:body}}',
    '```',
    '',
    'Two lines: {{#include ../../listings/lines.txt:2:3}}',
    '',
    'From line four: {{#include ../../listings/lines.txt:4:}}',
    '',
    'Up to line one: {{#include ../../listings/lines.txt::1}}',
    '',
    'Written as is: \\{{#include example.rs}}',
    '',
    '```rust',
    '{{#rustdoc_include ../../listings/main.rs:body}}',
    '```',
    '',
  ].join('\n'),
  'src/guide/linux.md': '{{#title Linux set-up}}\n# On Linux\n\n{{#include ../../listings/part.md}}\n',
  'src/guide/usage.md': [
    '# Usage',
    '',
    '## Running {#running}',
    '',
    '```rust',
    '# fn hidden_setup() {}',
    'let shown = 1;',
    '##[derive(Debug)]',
    '#',
    '```',
    '',
    '```',
    '# let also_hidden = 2;',
    'let unlabelled = 3;',
    '```',
    '',
    '```python',
    '# a Python comment stays',
    '```',
    '',
    '{{#playground ../../listings/play.rs editable}}',
    '',
  ].join('\n'),
  'src/glossary.md': '# Glossary\n\nCrab: a crab. See [Installation](guide/install.md).\n',
  'listings/main.rs': 'fn main() {\n    // ANCHOR: body\n    let crab_count = 3;\n    // ANCHOR_END: body\n}\n',
  'listings/lines.txt': 'line-one\nline-two\nline-three\nline-four\nline-five\n',
  // Included text sits in the chapter: its links are the chapter's, as in mdBook.
  'listings/part.md': 'Included prose, linking to [running](usage.md#running).\n',
  'listings/play.rs': 'fn play() { let played = true; }\n',
};

let dir: string;
let texts: Record<string, string>;
let build: Awaited<ReturnType<typeof octavo>>;

beforeAll(async () => {
  process.env.SOURCE_DATE_EPOCH = '1700000000';
  dir = await tempBook(BOOK, 'octavo-mdbook-');
  // Not -q: that prints errors only, and the warnings are asserted.
  build = await octavo(['build', '.', '-o', 'dist', '-f', 'epub,html'], dir);
  texts = {};
  if (build.code !== 0) return;
  const zip = await unzip(path.join(dir, 'dist', 'the-crab-book.epub'));
  for (const name of Object.keys(zip.files))
    if (/\.(xhtml|opf|ncx)$/.test(name)) texts[name] = await zipText(zip, name);
});
afterAll(removeTempBooks);

const chapterText = () =>
  Object.entries(texts)
    .filter(([n]) => /ch-\d+\.xhtml$/.test(n))
    .map(([, t]) => t)
    .join('\n');
/** The text without its markup: code is highlighted into spans. */
const plain = (xhtml: string) => xhtml.replace(/<[^>]+>/g, '');
const tocTitles = (toc: string) => [...toc.matchAll(/<span class="toc-title">([^<]*)<\/span>/g)].map((m) => m[1]);

it('builds with no book.yaml, warning about the draft chapter at its SUMMARY.md line', async () => {
  expect(build.code, build.stderr).toBe(0);
  expect(build.stderr).toContain('src/SUMMARY.md:9:1 warning draft chapter “Not written yet”');
  // book.toml has no place for a licence: the hint says where one goes.
  expect(build.stderr).toContain(
    'Add `licence:` (an SPDX id such as CC-BY-4.0) to a book.yaml (`octavo init --from .`',
  );
  const check = await epubcheck(path.join(dir, 'dist', 'the-crab-book.epub'));
  expect([check.fatals, check.errors, check.warnings], check.output).toEqual([0, 0, 0]);
});

it('takes the metadata from book.toml', () => {
  const opf = texts['OEBPS/content.opf']!;
  expect(opf).toContain('<dc:title id="title">The Crab Book</dc:title>');
  expect(opf).toContain('<dc:creator id="creator-1">Ann Crab</dc:creator>');
  expect(opf).toContain('<dc:creator id="creator-2">Bob Shell</dc:creator>');
  expect(opf).toContain('<dc:language>en</dc:language>');
  expect(opf).toContain('<dc:description>A small book about crabs.</dc:description>');
});

it('takes the reading order, parts, titles and front and back matter from SUMMARY.md', () => {
  const toc = texts['OEBPS/toc.xhtml']!;
  // The sub-chapter follows its parent; {{#title}} names its chapter; Usage's `##` section is listed (toc-depth 2).
  expect(tocTitles(toc)).toEqual([
    'Foreword',
    'Getting started',
    'Installation',
    'Linux set-up',
    'Using it',
    'Usage',
    'Running',
    'Glossary',
    'Colophon',
  ]);
  // Nested as SUMMARY.md nests it: the sub-chapter in its parent's list, inside the part's.
  expect(toc).toMatch(
    /<li class="toc-entry toc-part">(?:(?!<\/li>)[\s\S])*Installation(?:(?!<\/li>)[\s\S])*<ol class="toc">\s*<li class="toc-entry toc-chapter"><a href="ch-3\.xhtml">/,
  );
  // Its title is one level below its parent's, so outlines nest the same way.
  expect(texts['OEBPS/ch-2.xhtml']).toMatch(/<h2[^>]*>Installation<\/h2>/);
  expect(texts['OEBPS/ch-3.xhtml']).toMatch(/<h3[^>]*>On Linux<\/h3>/);
  expect(toc).toContain('toc-entry toc-foreword');
  expect(toc).toContain('toc-entry toc-glossary');
  expect(texts['OEBPS/ch-1.xhtml']).toContain('epub:type="foreword"');
  expect(texts['OEBPS/ch-5.xhtml']).toContain('epub:type="glossary"');
  expect(texts['OEBPS/part-1.xhtml']).toContain('Getting started');
});

it('expands includes: ranges and anchors, anchor lines left out, escapes kept literal', () => {
  const install = plain(texts['OEBPS/ch-2.xhtml']!);
  expect(install).toContain('let crab_count = 3;');
  expect(install).not.toContain('ANCHOR');
  expect(install).toMatch(/Two lines: line-two\s+line-three/);
  expect(install).toMatch(/From line four: line-four\s+line-five/);
  expect(install).toMatch(/Up to line one: line-one\s/);
  expect(install).not.toMatch(/Up to line one: line-one\s+line-two/);
  expect(install).toContain('Written as is: {{#include example.rs}}');
  expect(texts['OEBPS/ch-3.xhtml']).toContain('Included prose');
  // The only {{# left is the one written escaped.
  expect(plain(chapterText()).match(/\{\{#/g)).toHaveLength(1);
});

it('hides the # lines of Rust code (and code with no language) in every output, and unescapes ##', async () => {
  const usage = plain(texts['OEBPS/ch-4.xhtml']!);
  expect(usage).toContain('let shown = 1;');
  expect(usage).toContain('#[derive(Debug)]');
  expect(usage).not.toContain('##[derive');
  expect(usage).not.toContain('hidden_setup');
  expect(usage).toContain('let unlabelled = 3;');
  expect(usage).not.toContain('also_hidden');
  expect(usage).toContain('# a Python comment stays');
  // rustdoc_include: the rest of main.rs is there, hidden.
  expect(plain(texts['OEBPS/ch-2.xhtml']!)).not.toContain('fn main()');
  // playground: the file in a Rust code block of its own.
  expect(texts['OEBPS/ch-4.xhtml']).toMatch(/<code class="language-rust">(?:(?!<\/code>)[\s\S])*played/);
  const html = plain(await readFile(path.join(dir, 'dist', 'the-crab-book.html'), 'utf8'));
  expect(html).toContain('let shown = 1;');
  expect(html).not.toContain('hidden_setup');
  expect(html).not.toContain('also_hidden');
  expect(html).not.toContain('{{#include ../');
});

it('links between chapter files (SUMMARY paths relative to src/) to the right file and id', async () => {
  expect(texts['OEBPS/ch-2.xhtml']).toContain('<a href="ch-4.xhtml#running">how to run it</a>');
  expect(texts['OEBPS/ch-3.xhtml']).toContain('<a href="ch-4.xhtml#running">running</a>');
  expect(texts['OEBPS/ch-5.xhtml']).toContain('<a href="ch-2.xhtml">Installation</a>');
  expect(texts['OEBPS/ch-4.xhtml']).toContain('id="running"');
  const html = await readFile(path.join(dir, 'dist', 'the-crab-book.html'), 'utf8');
  expect(html).toContain('href="#running"');
});

describe('problems', () => {
  it('reports an error inside an included file at that file’s line', async () => {
    const bad = await tempBook(
      { ...BOOK, 'listings/part.md': 'Fine line.\n\nA [broken link](#nowhere) here.\n' },
      'octavo-mdbook-bad-',
    );
    const run = await octavo(['build', '.', '-o', 'dist', '-f', 'epub'], bad);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('listings/part.md:3:3 error link to `#nowhere` points at nothing in the book');
  });

  it('names book.toml and the line of a TOML syntax error', async () => {
    const bad = await tempBook(
      { ...BOOK, 'book.toml': '[book]\ntitle = "T"\nauthors = ["A"\nlanguage = "en"\n' },
      'octavo-mdbook-toml-',
    );
    const run = await octavo(['build', '.', '-o', 'dist', '-f', 'epub'], bad);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^book\.toml:4:\d+ error TOML syntax error: .* \[config\/toml-syntax\]$/m);
  });

  it('refuses an include that leaves the book folder', async () => {
    const bad = await tempBook(
      { ...BOOK, 'src/glossary.md': '# Glossary\n\n{{#include ../../../../etc/passwd}}\n' },
      'octavo-mdbook-escape-',
    );
    const run = await octavo(['build', '.', '-o', 'dist', '-f', 'epub'], bad);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('src/glossary.md:3:1 warning `../../../../etc/passwd` lies outside the book folder');
    const zip = await unzip(path.join(bad, 'dist', 'the-crab-book.epub'));
    expect(await zipText(zip, 'OEBPS/ch-5.xhtml')).not.toContain('root:');
  });
});

describe('octavo init --from', () => {
  it('writes a book.yaml that builds the same book, and will not overwrite it', async () => {
    const init = await octavo(['init', '--from', '.'], dir);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain('Wrote book.yaml from book.toml and src/SUMMARY.md.');
    const yaml = await readFile(path.join(dir, 'book.yaml'), 'utf8');
    expect(yaml).toContain('mdbook: true');
    expect(yaml).toContain('  - part: "Getting started"');
    expect(yaml).toContain('    type: foreword');
    expect(yaml).toContain('        chapters:\n          - file: src/guide/linux.md');

    const again = await octavo(['build', '.', '-o', 'dist-yaml', '-f', 'epub', '-q'], dir);
    expect(again.code, again.stderr).toBe(0);
    const zip = await unzip(path.join(dir, 'dist-yaml', 'the-crab-book.epub'));
    for (const [name, text] of Object.entries(texts)) expect(await zipText(zip, name), name).toBe(text);

    const refused = await octavo(['init', '--from', '.'], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('already has a book.yaml; it is left as it is.');
    expect(await readFile(path.join(dir, 'book.yaml'), 'utf8')).toBe(yaml);
  });

  it('says so when the folder has no layout to start from', async () => {
    const empty = await tempBook({ 'notes.txt': 'x' }, 'octavo-init-from-');
    const run = await octavo(['init', '--from', '.'], empty);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('holds no book.toml (mdBook) or SUMMARY.md (GitBook)');
    await rm(path.join(empty, 'notes.txt'));
    await writeFile(path.join(empty, 'SUMMARY.md'), '# Summary\n');
  });
});
