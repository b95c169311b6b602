/**
 * A folder laid out for GitBook / HonKit (SUMMARY.md, book.json, no
 * book.yaml) builds with its reading order, parts and titles from SUMMARY.md,
 * its metadata from book.json, `root` moving the chapters into a folder, and
 * GitBook's templating on; `octavo init --from` writes the same book.yaml.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTempBooks, tempBook } from '../helpers/books.js';
import { octavo } from '../helpers/cli.js';
import { epubcheck, unzip, zipText } from '../helpers/tools.js';

const BOOK_JSON = `{
  "title": "Gitty Guide",
  "author": "Gina Book",
  "language": "en",
  "description": "A guide written for GitBook.",
  "root": "./docs",
  "variables": { "version": "3.12" }
}
`;

const BOOK: Record<string, string> = {
  'book.json': BOOK_JSON,
  'docs/SUMMARY.md': [
    '# Summary',
    '',
    '* [Introduction](README.md)',
    '',
    '## Basics',
    '',
    '* [Setting up](setup/README.md)',
    '    * [Installing](setup/install.md)',
    '',
    '## Advanced',
    '',
    '* [Going deep](deep.md)',
    '* [Going deep, part two](deep.md#two)',
    '',
  ].join('\n'),
  'docs/README.md':
    '# Welcome\n\nFor Python {{ book.version }}. Start with [the steps](setup/install.md#install-steps).\n',
  'docs/setup/README.md': '# Setup\n\n{% include "../snippets/note.md" %}\n',
  'docs/snippets/note.md': 'A shared note, linking [back](install.md).\n',
  'docs/setup/install.md':
    '# Install\n\n## Install steps\n\nBack to [setup](README.md) and [the deep end](../deep.md#two).\n',
  'docs/deep.md': '# Deep\n\nText.\n\n## Two {#two}\n\n{% raw %}{{ kept }}{% endraw %}\n',
};

let dir: string;
let texts: Record<string, string>;
let build: Awaited<ReturnType<typeof octavo>>;
const tocTitles = (toc: string) => [...toc.matchAll(/<span class="toc-title">([^<]*)<\/span>/g)].map((m) => m[1]);

beforeAll(async () => {
  process.env.SOURCE_DATE_EPOCH = '1700000000';
  dir = await tempBook(BOOK, 'octavo-gitbook-');
  build = await octavo(['build', '.', '-o', 'dist', '-f', 'epub,html', '-q'], dir);
  texts = {};
  if (build.code !== 0) return;
  const zip = await unzip(path.join(dir, 'dist', 'gitty-guide.epub'));
  for (const name of Object.keys(zip.files))
    if (/\.(xhtml|opf|ncx)$/.test(name)) texts[name] = await zipText(zip, name);
});
afterAll(removeTempBooks);

it('builds with no book.yaml and passes EPUBCheck', async () => {
  expect(build.code, build.stderr).toBe(0);
  const check = await epubcheck(path.join(dir, 'dist', 'gitty-guide.epub'));
  expect([check.fatals, check.errors, check.warnings], check.output).toEqual([0, 0, 0]);
});

it('takes the metadata from book.json', () => {
  const opf = texts['OEBPS/content.opf']!;
  expect(opf).toContain('<dc:title id="title">Gitty Guide</dc:title>');
  expect(opf).toContain('<dc:creator id="creator-1">Gina Book</dc:creator>');
  expect(opf).toContain('<dc:language>en</dc:language>');
  expect(opf).toContain('<dc:description>A guide written for GitBook.</dc:description>');
});

it('takes the reading order, ## parts and titles from SUMMARY.md under book.json’s root', () => {
  // With the chapters' own `##` sections (toc-depth 2): "Install steps", "Two".
  expect(tocTitles(texts['OEBPS/toc.xhtml']!)).toEqual([
    'Introduction',
    'Basics',
    'Setting up',
    'Installing',
    'Install steps',
    'Advanced',
    'Going deep',
    'Two',
    'Colophon',
  ]);
});

it('expands GitBook templating: includes, book variables, raw', () => {
  const all = Object.values(texts).join('\n');
  expect(texts['OEBPS/ch-1.xhtml']).toContain('For Python 3.12.');
  expect(texts['OEBPS/ch-2.xhtml']).toContain('A shared note');
  expect(texts['OEBPS/ch-4.xhtml']).toContain('{{ kept }}');
  expect(all).not.toContain('{%');
  expect(all.replace('{{ kept }}', '')).not.toContain('{{');
});

it('links between chapter files to the right file and id', () => {
  expect(texts['OEBPS/ch-1.xhtml']).toContain('<a href="ch-3.xhtml#install-steps">the steps</a>');
  expect(texts['OEBPS/ch-3.xhtml']).toContain('<a href="ch-2.xhtml">setup</a>');
  expect(texts['OEBPS/ch-3.xhtml']).toContain('<a href="ch-4.xhtml#two">the deep end</a>');
  // An include's links are its chapter's (setup/README.md): install.md is its neighbour.
  expect(texts['OEBPS/ch-2.xhtml']).toContain('<a href="ch-3.xhtml">back</a>');
});

describe('problems', () => {
  it('reports an error inside an included file at that file’s line', async () => {
    const bad = await tempBook(
      { ...BOOK, 'docs/snippets/note.md': 'One.\n\nTwo [broken](#nowhere).\n' },
      'octavo-gitbook-bad-',
    );
    const run = await octavo(['build', '.', '-o', 'dist', '-f', 'epub'], bad);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('docs/snippets/note.md:3:5 error link to `#nowhere` points at nothing in the book');
  });

  it('names book.json and the line of a JSON syntax error', async () => {
    const bad = await tempBook(
      { ...BOOK, 'book.json': '{\n  "title": "T",\n  "author": "A",\n}\n' },
      'octavo-gitbook-json-',
    );
    const run = await octavo(['build', '.', '-o', 'dist', '-f', 'epub'], bad);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^book\.json:4:1 error JSON syntax error: .*\[config\/json-syntax\]$/m);
  });

  it('reports a chapter SUMMARY.md lists but that does not exist at its SUMMARY.md line', async () => {
    const { 'docs/deep.md': _gone, ...rest } = BOOK;
    const bad = await tempBook(
      { ...rest, 'docs/setup/install.md': '# Install\n\n## Install steps\n' },
      'octavo-gitbook-missing-',
    );
    const run = await octavo(['build', '.', '-o', 'dist', '-f', 'epub'], bad);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('docs/SUMMARY.md:12:1 error chapter file `docs/deep.md` does not exist.');
    expect(run.stderr).toContain('in SUMMARY.md');
  });
});

it('a SUMMARY.md alone is a GitBook too, its README the introduction', async () => {
  const plain = await tempBook(
    {
      'SUMMARY.md': '# Summary\n\n* [One](one.md)\n* [Two](two.md)\n',
      'README.md': '# A Plain Book\n\nHello.\n',
      'one.md': '# One\n\nSee [two](two.md).\n',
      'two.md': '# Two\n\nEnd.\n',
    },
    'octavo-gitbook-plain-',
  );
  const run = await octavo(['build', '.', '-o', 'dist', '-f', 'epub', '-q'], plain);
  expect(run.code, run.stderr).toBe(0);
  const zip = await unzip(path.join(plain, 'dist', 'a-plain-book.epub'));
  expect(tocTitles(await zipText(zip, 'OEBPS/toc.xhtml'))).toEqual(['Introduction', 'One', 'Two', 'Colophon']);
  expect(await zipText(zip, 'OEBPS/ch-2.xhtml')).toContain('<a href="ch-3.xhtml">two</a>');
});

it('octavo init --from writes a book.yaml that builds the same book, and will not overwrite it', async () => {
  const init = await octavo(['init', '--from', '.'], dir);
  expect(init.code, init.stderr).toBe(0);
  expect(init.stdout).toContain('Wrote book.yaml from book.json and docs/SUMMARY.md.');
  const yaml = await readFile(path.join(dir, 'book.yaml'), 'utf8');
  expect(yaml).toContain('gitbook: true');
  expect(yaml).toContain('  version: "3.12"');
  expect(yaml).toContain('      - file: docs/setup/install.md');
  const again = await octavo(['build', '.', '-o', 'dist-yaml', '-f', 'epub', '-q'], dir);
  expect(again.code, again.stderr).toBe(0);
  const zip = await unzip(path.join(dir, 'dist-yaml', 'gitty-guide.epub'));
  for (const [name, text] of Object.entries(texts)) expect(await zipText(zip, name), name).toBe(text);
  const refused = await octavo(['init', '--from', '.'], dir);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('already has a book.yaml');
});
