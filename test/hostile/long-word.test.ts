/**
 * A paragraph holding one word of a million letters: the print edition used
 * to never finish (Chromium's print hung; hyphenation ran the patterns over
 * the whole word). Now the word is left unhyphenated and breaks where it must,
 * and the PDF is made (the vitest time limit is the bound: the old build did
 * not end within it).
 */
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { removeTempBooks, tempBook } from '../helpers/books.js';
import { sharedBrowser } from '../helpers/browser.js';
import { pdfinfo, pdftotext } from '../helpers/tools.js';

afterAll(removeTempBooks);

it('prints a million-letter word across pages', async () => {
  const word = 'abcdefghij'.repeat(100_000);
  const dir = await tempBook({
    'book.yaml': 'title: T\ncreator: A\nlanguage: en\nlicence: CC0-1.0\n',
    'a.md': `# Long\n\nBefore ${word} after.\n`,
  });
  const result = await build({
    input: dir,
    outDir: path.join(dir, 'dist'),
    formats: ['pdf'],
    browser: await sharedBrowser(),
  });
  expect(Number((await pdfinfo(result.outputs.pdf!)).Pages)).toBeGreaterThan(100);
  // Soft hyphens from build-time hyphenation are still in the text layer (issue 15): read past them.
  const text = (await pdftotext(result.outputs.pdf!)).replace(/\u00ad/g, '');
  expect(text).toContain('Before');
  expect(text).toContain('after.');
  // Every letter is printed: the runs survive (a running head or folio between pages may cut a few).
  expect(text.replace(/\s/g, '').match(/abcdefghij/g)?.length).toBeGreaterThan(99_000);
});
