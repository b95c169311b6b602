/**
 * The EPUB's page list, where pages begin in the middle of things: between two
 * words of a paragraph (no hyphen to hide a word that is one off), inside a
 * long code block and inside a short one. Each PDF page's first text must
 * follow its marker (test/helpers/page-list.ts), and every page of text has one.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { sharedBrowser } from '../helpers/browser.js';
import { expectPageListMatchesPdf } from '../helpers/page-list.js';
import { pdfinfo } from '../helpers/tools.js';

let browser: Browser;
let dir: string;
beforeAll(async () => {
  browser = await sharedBrowser();
  dir = await mkdtemp(path.join(os.tmpdir(), 'octavo-page-list-'));
});
afterAll(async () => {
  await browser?.disconnect();
  await rm(dir, { recursive: true, force: true });
});

it('marks the first word of every page, in paragraphs and in code blocks long and short', async () => {
  // Words without a hyphenation point: a page that begins between two of them shows no hyphen.
  const paragraph = (n: number) => `${Array.from({ length: 60 }, (_, i) => `w${n}x${i}`).join(' ')}.`;
  const code = (lines: number, name: string) =>
    ['```', ...Array.from({ length: lines }, (_, i) => `$ ${name} ${i} --flag value${i}`), '```'].join('\n');
  const chapter = [
    '# One',
    ...Array.from({ length: 14 }, (_, i) => paragraph(i)),
    code(70, 'long'),
    ...Array.from({ length: 9 }, (_, i) => [paragraph(100 + i), code(5, `short${i}`)].join('\n\n')),
  ].join('\n\n');
  await writeFile(
    path.join(dir, 'book.yaml'),
    'title: Pages\ncreator: Tester\nlanguage: en\nlicence: CC-BY-4.0\nsource: a test\n',
  );
  await writeFile(path.join(dir, '01.md'), `${chapter}\n`);
  const result = await build({ input: dir, outDir: path.join(dir, 'dist'), browser, formats: ['pdf', 'epub'] });
  expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  const check = await expectPageListMatchesPdf(result.outputs.epub!, result.outputs.pdf!, result.book.config);
  // Every page has an entry but the contents page, the blank verso before the chapter and the font credits.
  expect(Number((await pdfinfo(result.outputs.pdf!)).Pages)).toBe(check.pages);
  expect(check.entries).toBeGreaterThanOrEqual(check.pages - 3);
});
