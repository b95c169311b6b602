/**
 * A book folder reached through a symbolic link (a synced folder, a
 * checkout linked into a workspace): the confinement to the book folder
 * compares real paths on both sides, so a missing image is reported as
 * missing, and a link that leads out of the book is still refused.
 */
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { OctavoError } from '../../src/diagnostics.js';
import { removeTempBooks, tempBook } from '../helpers/books.js';
import { solidPng } from '../helpers/png.js';

const BOOK_YAML = 'title: T\ncreator: A\nlanguage: en\nlicence: CC0-1.0\n';

let links: string;
beforeAll(async () => {
  links = await mkdtemp(path.join(os.tmpdir(), 'octavo-links-'));
});
afterAll(async () => {
  await rm(links, { recursive: true, force: true });
  await removeTempBooks();
});

/** Makes the book in a temporary folder and returns a symbolic link to it. */
async function linkedBook(files: Record<string, string | Buffer>, name: string): Promise<string> {
  const real = await tempBook({ 'book.yaml': BOOK_YAML, ...files }, 'octavo-linked-');
  const link = path.join(links, name);
  await symlink(real, link, 'dir');
  return link;
}

describe('a book reached through a symbolic link', () => {
  it('reports a missing image as missing (a warning) and builds', async () => {
    const dir = await linkedBook(
      {
        'a.md': '# A\n\n![Here](images/here.png)\n\n![A lost map](maps/lost.png)\n',
        'images/here.png': solidPng(4, 4, [0, 0, 0]),
      },
      'missing',
    );
    const built = await build({ input: dir, outDir: path.join(links, 'out-missing'), formats: ['html'] });
    expect(built.diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'assets/missing', line: 5 }),
    ]);
    expect(built.outputs.html).toBeDefined();
  });

  it('reports a missing chapter as missing, not outside the book', async () => {
    const dir = await linkedBook(
      { 'book.yaml': `${BOOK_YAML}chapters:\n  - a.md\n  - b.md\n`, 'a.md': '# A\n' },
      'chapter',
    );
    const err = await build({ input: dir, outDir: path.join(links, 'out-chapter'), formats: ['html'] }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(OctavoError);
    expect((err as OctavoError).diagnostics.map((d) => d.code)).toEqual(['manuscript/missing-chapter']);
  });

  it('still refuses an image whose link inside the book leads out of it', async () => {
    const outside = await tempBook({ 'secret.png': solidPng(4, 4, [255, 0, 0]) }, 'octavo-outside-');
    const dir = await linkedBook({ 'a.md': '# A\n\n![x](leak/secret.png)\n\n![y](leak/gone.png)\n' }, 'leak');
    await symlink(outside, path.join(dir, 'leak'), 'dir');
    const err = await build({ input: dir, outDir: path.join(links, 'out-leak'), formats: ['html'] }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(OctavoError);
    expect((err as OctavoError).diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['assets/outside-book', 3],
      ['assets/outside-book', 5],
    ]);
  });
});
