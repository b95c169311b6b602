/**
 * book.yaml's `figure-lines` pattern is the book's own code run on every
 * paragraph: it runs on RE2, so a pattern that backtracks exponentially in
 * JavaScript (`(a+)+$`: 114 s on 41 characters) costs nothing, and what RE2
 * cannot run (back-references) is refused at its line.
 */
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { OctavoError } from '../../src/diagnostics.js';
import { removeTempBooks, tempBook } from '../helpers/books.js';
import { solidPng } from '../helpers/png.js';

afterAll(removeTempBooks);

const yaml = (match: string) =>
  `title: T\ncreator: A\nlanguage: en\nlicence: CC0-1.0\nfigure-lines:\n  match: '${match}'\n  src: 'figures/$1.png'\n`;

it('runs a catastrophic pattern in linear time', async () => {
  const dir = await tempBook({
    'book.yaml': yaml('^(a+)+$'),
    'a.md': `# A\n\n${'a'.repeat(5000)}!\n\n${'a'.repeat(40)}!\n`,
  });
  const started = performance.now();
  const result = await build({ input: dir, outDir: path.join(dir, 'dist'), formats: ['html'] });
  expect(performance.now() - started).toBeLessThan(30_000);
  expect(result.outputs.html).toBeDefined();
});

it('still places figures with an ordinary pattern', async () => {
  const dir = await tempBook({
    'book.yaml': yaml(String.raw`^Insert (\S+)\.png$`),
    'a.md': '# A\n\nInsert map.png\nThe map of the region.\n',
    'figures/map.png': solidPng(8, 8, [0, 0, 0]),
  });
  const result = await build({ input: dir, outDir: path.join(dir, 'dist'), formats: ['html'] });
  expect(result.book.assets.map((a) => path.basename(a.sourceFile))).toEqual(['map.png']);
});

it('refuses a pattern RE2 cannot run, at its line', async () => {
  const dir = await tempBook({ 'book.yaml': yaml(String.raw`^(a)\1$`), 'a.md': '# A\n' });
  const err = await build({ input: dir, outDir: path.join(dir, 'dist'), formats: ['html'] }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(OctavoError);
  expect((err as OctavoError).diagnostics[0]).toMatchObject({ code: 'config/invalid', line: 6 });
  expect((err as OctavoError).diagnostics[0]!.message).toContain('RE2 syntax');
});
