/** Hostile themes: a theme is content too, read into every page of every edition. */
import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { OctavoError } from '../../src/diagnostics.js';
import { removeTempBooks, tempBook } from '../helpers/books.js';

afterAll(removeTempBooks);

const YAML = 'title: T\ncreator: A\nlanguage: en\nlicence: CC0-1.0\n';

async function refusal(dir: string): Promise<OctavoError> {
  const err = await build({ input: dir, outDir: path.join(dir, 'dist'), formats: ['html'] }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(OctavoError);
  return err as OctavoError;
}

describe('the theme path', () => {
  it('refuses a theme outside the book folder, at the theme: line', async () => {
    for (const theme of ['../../../../etc', '/etc', '..']) {
      const dir = await tempBook({ 'book.yaml': `${YAML}theme: ${theme}\n`, 'a.md': '# A\n' }, 'octavo-theme-path-');
      const err = await refusal(dir);
      expect(err.diagnostics).toEqual([
        expect.objectContaining({ code: 'config/invalid', line: 5, file: expect.stringMatching(/book\.yaml$/) }),
      ]);
    }
  });

  it('refuses a theme folder that is a symbolic link out of the book', async () => {
    const dir = await tempBook({ 'book.yaml': `${YAML}theme: ./mine\n`, 'a.md': '# A\n' }, 'octavo-theme-link-');
    await symlink('/etc', path.join(dir, 'mine'));
    const err = await refusal(dir);
    expect(err.diagnostics.map((d) => [d.code, d.line])).toEqual([['config/invalid', 5]]);
  });
});
