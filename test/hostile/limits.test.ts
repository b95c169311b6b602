/**
 * Issue 11 §3 through real builds: each hostile shape at the size
 * stops the build with one error naming the file, the line and the setting
 * (no stack overflow, no hang: the vitest time limit would catch one); a book
 * may raise a limit and build; past the scan, a stack overflow anywhere is
 * still one diagnostic. How long each takes and how much memory, as whole
 * processes, is `npm run bench:hostile`.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hostileCases } from '../../scripts/hostile-inputs.mjs';
import { build } from '../../src/build.js';
import { Diagnostics, OctavoError } from '../../src/diagnostics.js';
import { removeTempBooks, tempBook } from '../helpers/books.js';
import { octavo } from '../helpers/cli.js';
import { epubcheck } from '../helpers/tools.js';

afterAll(removeTempBooks);

const cases = hostileCases();
const refused: [string, string, number][] = [
  ['lists-800-indented', 'nesting', 103],
  ['lists-100000', 'nesting', 3],
  ['quotes-50000', 'nesting', 3],
  ['emphasis-25000', 'emphasis-marks', 3],
  ['divs-20000', 'nesting', 3],
  ['paragraph-20MB', 'paragraph-characters', 3],
  ['table-200000-columns', 'table-columns', 3],
  ['png-15000x15000', 'image-megapixels', 3],
];

async function failure(dir: string): Promise<Diagnostics> {
  const sink = new Diagnostics();
  const err = await build({
    input: dir,
    outDir: path.join(dir, 'dist'),
    formats: ['html', 'epub'],
    diagnostics: sink,
  }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OctavoError);
  return sink;
}

describe('each hostile shape stops the build with one clear error', () => {
  for (const [name, setting, line] of refused) {
    it(name, async () => {
      const dir = await tempBook(cases[name]!());
      const sink = await failure(dir);
      const errors = sink.list().filter((d) => d.severity === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ code: `limits/${setting}`, file: path.join(dir, 'a.md'), line });
      expect(errors[0]!.message).toContain(`limits.${setting}`);
    });
  }
});

it('the CLI prints it as one line with the place and exits 1, writing nothing', async () => {
  const dir = await tempBook(cases['quotes-50000']!());
  const r = await octavo(['build', dir, '--out', path.join(dir, 'dist')], dir);
  expect(r.code).toBe(1);
  const errors = r.stderr.split('\n').filter((l) => / error /.test(l));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(/^a\.md:3 error /);
  expect(errors[0]).toContain('limits.nesting');
  expect(r.stderr).toContain('build failed with 1 error');
  expect(r.stderr).not.toMatch(/internal error|RangeError|at .*\.js:\d+/);
  await expect(readdir(path.join(dir, 'dist'))).rejects.toThrow();
});

it('a book that raises a limit builds, and its EPUB is valid', async () => {
  const dir = await tempBook({
    ...cases['lists-100000']!(),
    'book.yaml': 'title: Deep\ncreator: A\nlanguage: en\nlicence: CC0-1.0\nlimits:\n  nesting: 200\n',
    'a.md': `# Deep\n\n${'> - '.repeat(75)}the bottom\n`,
  });
  const result = await build({ input: dir, outDir: path.join(dir, 'dist'), formats: ['html', 'epub'] });
  expect(await readFile(result.outputs.html!, 'utf8')).toContain('the bottom');
  const check = await epubcheck(result.outputs.epub!);
  expect(check.fatals + check.errors + check.warnings, check.output).toBe(0);
});

it('past the scan (a limit raised beyond reason), a stack overflow is one diagnostic, not a crash', async () => {
  const dir = await tempBook({
    'book.yaml': 'title: T\ncreator: A\nlanguage: en\nlicence: CC0-1.0\nlimits:\n  nesting: 10000000\n',
    'a.md': `# A\n\n${'<div>'.repeat(20_000)}deep${'</div>'.repeat(20_000)}\n`,
  });
  const errors = (await failure(dir)).list().filter((d) => d.severity === 'error');
  expect(errors).toHaveLength(1);
  expect(errors[0]!.code).toBe('limits/nesting');
});
