/**
 * Issue 12 §2: a book.yaml written for pandoc builds. pandoc's metadata keys
 * mean what they mean in pandoc; keys only pandoc reads are warnings with what
 * to use instead; contents depth and the contents page follow toc-depth and toc.
 */
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { CollectingReporter } from '../../src/reporter.js';
import { removeTempBooks, tempBook } from '../helpers/books.js';
import { epubcheck, pdftotext, unzip, zipText } from '../helpers/tools.js';

afterAll(removeTempBooks);

const PANDOC_YAML = `title: Field Notes
author:
  - name: Ann Author
    affiliation: University of Somewhere
  - Bob Writer
lang: en-GB
date: 2024-03-01T09:30:00
rights: © 2024 Ann Author and Bob Writer. Licensed CC BY 4.0.
license: CC-BY-4.0
source: https://example.org/field-notes
changes: []
keywords: [fieldwork, notes]
abstract: Notes from the field.
cover-image: cover.png
toc: true
toc-depth: 2
geometry: margin=2cm
mainfont: Linux Libertine
link-citations: true
colorlinks: true
papersize: a5
fontsze: 12pt
chapters:
  - one.md
  - two.md
`;

const CHAPTERS = {
  'one.md':
    '# Arrival\n\nWe came by boat.\n\n## The harbour\n\nFog.\n\n### A detail\n\nRopes.\n\n## The town\n\nQuiet.\n',
  'two.md': '# Departure\n\nWe left by train.\n\n## The station\n\nLate.\n',
};

it('reads pandoc keys as pandoc means them, and warns about the ones only pandoc uses', async () => {
  const { solidPng } = await import('../helpers/png.js');
  const dir = await tempBook({ 'book.yaml': PANDOC_YAML, ...CHAPTERS, 'cover.png': solidPng(400, 600, [40, 90, 140]) });
  const reporter = new CollectingReporter();
  const result = await build({ input: dir, outDir: path.join(dir, 'dist'), formats: ['epub', 'html'], reporter });
  const byCode = (code: string) => result.diagnostics.filter((d) => d.code === code);
  expect(byCode('config/pandoc-key').map((d) => [d.line, d.message.split(' ')[0]])).toEqual([
    [17, '`geometry`'],
    [18, '`mainfont`'],
    [19, '`link-citations`'],
    [20, '`colorlinks`'],
    [21, '`papersize`'],
  ]);
  expect(byCode('config/pandoc-key')[0]!.hint).toMatch(/pdf: \{ page-size/);
  // An unknown key is a warning, not an error, in a file written for pandoc; with a guess.
  expect(byCode('config/unknown-key')).toMatchObject([{ line: 22, message: expect.stringContaining('`fontsze`') }]);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);

  const zip = await unzip(result.outputs.epub!);
  const opf = await zipText(zip, 'OEBPS/content.opf');
  expect(opf).toContain('>Ann Author</dc:creator>');
  expect(opf).toContain('>Bob Writer</dc:creator>');
  expect(opf).toContain('<dc:language>en-GB</dc:language>');
  expect(opf).toMatch(/<dc:date>2024-03-01/);
  expect(opf).toContain('<dc:subject>fieldwork</dc:subject>');
  expect(opf).toContain('<dc:description>Notes from the field.</dc:description>');
  expect(opf).toContain('© 2024 Ann Author and Bob Writer. Licensed CC BY 4.0.');
  expect(opf).toMatch(/properties="cover-image"/);

  // toc-depth 2: the chapters' ## sections are in the navigation, nested under their chapter; ### is not.
  const nav = await zipText(zip, 'OEBPS/toc.xhtml');
  expect(nav).toMatch(
    /Arrival<\/span><\/a>\s*<ol class="toc">\s*<li class="toc-entry toc-section"><a href="[^"]+#the-harbour">/,
  );
  expect(nav).toContain('#the-town"');
  expect(nav).toContain('#the-station"');
  expect(nav).not.toContain('#a-detail"');
  const check = await epubcheck(result.outputs.epub!);
  expect(check.output).toContain('No errors or warnings detected');
});

it('toc: false leaves the contents page out of the PDF and HTML, and keeps the EPUB navigation', async () => {
  const yaml =
    'title: No Contents\ncreator: Ann\nlanguage: en\nlicence: CC0-1.0\ntoc: false\nchapters: [one.md, two.md]\n';
  const dir = await tempBook({ 'book.yaml': yaml, ...CHAPTERS });
  const result = await build({ input: dir, outDir: path.join(dir, 'dist'), reporter: new CollectingReporter() });
  const html = await import('node:fs/promises').then((fs) => fs.readFile(result.outputs.html!, 'utf8'));
  expect(html).not.toContain('id="contents"');
  expect(html).toContain('Departure');
  const text = await pdftotext(result.outputs.pdf!);
  expect(text).not.toMatch(/^Contents$/m);
  expect(text).toContain('We left by train.');
  const nav = await zipText(await unzip(result.outputs.epub!), 'OEBPS/toc.xhtml');
  expect(nav).toContain('epub:type="toc"');
  expect((await epubcheck(result.outputs.epub!)).output).toContain('No errors or warnings detected');
});

it('an unknown key outside a pandoc file is still an error, with a guess', async () => {
  const dir = await tempBook({ 'book.yaml': 'title: T\nlicence: CC0-1.0\ntco-depth: 2\n', 'one.md': '# One\n' });
  const err = await build({ input: dir, outDir: path.join(dir, 'dist'), formats: ['html'] }).catch((e: unknown) => e);
  expect((err as { diagnostics: { line: number; message: string; hint?: string }[] }).diagnostics[0]).toMatchObject({
    line: 3,
    message: 'unknown key `tco-depth`.',
    hint: expect.stringContaining('toc-depth'),
  });
});
