/**
 * GitBook includes that fan out (each file including the next ten times,
 * six levels deep: a million copies of the leaf) stop at a bound on what
 * includes may add to a chapter, with one error at the include's line,
 * in seconds, instead of assembling gigabytes.
 */
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { OctavoError } from '../../src/diagnostics.js';
import { removeTempBooks, tempBook } from '../helpers/books.js';

afterAll(removeTempBooks);

it('refuses an include fan-out beyond the bound, quickly', async () => {
  const files: Record<string, string> = {
    'book.yaml': 'title: T\ncreator: A\nlanguage: en\nlicence: CC0-1.0\ngitbook: true\nchapters: [a.md]\n',
    'a.md': `# A\n\n${'{% include "l1.md" %}\n\n'.repeat(10)}`,
    'l6.md': `${'Leaf text. '.repeat(100)}\n`,
  };
  for (let level = 1; level < 6; level++) files[`l${level}.md`] = `{% include "l${level + 1}.md" %}\n\n`.repeat(10);
  const dir = await tempBook(files, 'octavo-fan-out-');
  const started = performance.now();
  const err = await build({ input: dir, outDir: path.join(dir, 'dist'), formats: ['html'] }).catch((e: unknown) => e);
  expect(performance.now() - started).toBeLessThan(30_000);
  expect(err).toBeInstanceOf(OctavoError);
  const [d] = (err as OctavoError).diagnostics;
  expect(d).toMatchObject({ code: 'gitbook/include-too-large', line: expect.any(Number) });
  expect(path.basename(d!.file!)).toMatch(/^l\d\.md$/);
});
