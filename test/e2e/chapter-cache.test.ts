/**
 * The chapters a build keeps in `.octavo-cache/` for the next one, as a user
 * meets them through `octavo build`: read back (a mark planted in a kept
 * chapter reaches the book), their warnings still told, a changed chapter
 * made again and its old entry dropped, a damaged entry ignored, the PDF
 * printed again only when it would show something else, and `--no-cache`
 * leaving the folder alone.
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build as buildBook } from '../../src/build.js';
import { removeTempBooks, tempBook } from '../helpers/books.js';
import { octavo } from '../helpers/cli.js';
import { unzip, zipText } from '../helpers/tools.js';

const BOOK = {
  'book.yaml': 'title: Kept\ncreator: Jo\nlanguage: en\nlicence: CC-BY-4.0\nsource: https://example.org\n',
  '01-one.md': '# One\n\nThe first chapter, with a [missing](#nowhere-at-all) link.\n',
  '02-two.md': '# Two\n\nThe second chapter.\n',
};

let dir: string;
const entries = async () => (await readdir(path.join(dir, '.octavo-cache', 'chapters'))).sort();
const build = (...extra: string[]) => octavo(['build', '.', '-o', 'dist', '-f', 'epub', ...extra], dir);
const chapterText = async (n: number) =>
  zipText(await unzip(path.join(dir, 'dist', 'kept.epub')), `OEBPS/ch-${n}.xhtml`);

beforeAll(async () => {
  process.env.SOURCE_DATE_EPOCH = '1700000000';
  // The broken link is a warning, not an error, so the build goes on.
  dir = await tempBook({ ...BOOK, 'book.yaml': `${BOOK['book.yaml']}broken-links: warn\n` }, 'octavo-cache-');
});
afterAll(removeTempBooks);

describe('.octavo-cache', () => {
  it('keeps one entry per chapter, and the second build makes the same book', async () => {
    const first = await build();
    expect(first.code, first.stderr).toBe(0);
    expect(await entries()).toHaveLength(2);
    const bytes = await readFile(path.join(dir, 'dist', 'kept.epub'));
    const second = await build();
    expect(second.code, second.stderr).toBe(0);
    expect(await readFile(path.join(dir, 'dist', 'kept.epub'))).toEqual(bytes);
    // A kept chapter's warnings are told again: the reader of the second build has not seen the first.
    expect(second.stderr).toBe(first.stderr);
    expect(second.stderr).toMatch(/01-one\.md:3:\d+ warning link to `#nowhere-at-all`/);
  });

  it('reads the kept chapter instead of the Markdown', async () => {
    for (const name of await entries()) {
      const file = path.join(dir, '.octavo-cache', 'chapters', name);
      const text = await readFile(file, 'utf8');
      if (text.includes('The second chapter.')) await writeFile(file, text.replace('The second chapter.', 'Planted.'));
    }
    expect((await build()).code).toBe(0);
    expect(await chapterText(2)).toContain('Planted.');
  });

  it('makes a changed chapter again and drops its old entry', async () => {
    const before = await entries();
    await writeFile(path.join(dir, '02-two.md'), '# Two\n\nThe second chapter, changed.\n');
    expect((await build()).code).toBe(0);
    expect(await chapterText(2)).toContain('The second chapter, changed.');
    const after = await entries();
    expect(after).toHaveLength(2);
    expect(after.filter((n) => before.includes(n))).toHaveLength(1);
  });

  it('ignores a damaged entry', async () => {
    for (const name of await entries()) await writeFile(path.join(dir, '.octavo-cache', 'chapters', name), '{"tr');
    const run = await build();
    expect(run.code, run.stderr).toBe(0);
    expect(await chapterText(1)).toContain('The first chapter');
  });

  it('keeps the PDF, with its warnings, and prints again only when the print edition changes', async () => {
    const pdfBuild = async () => {
      const run = await octavo(['build', '.', '-o', 'dist', '-f', 'pdf', '--json'], dir);
      expect(run.code, run.stderr).toBe(0);
      const events = run.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { event: string; step?: string; phase?: string; code?: string });
      return {
        printed: events.some((e) => e.step === 'pdf' && e.phase === 'measuring'),
        codes: events.filter((e) => e.event === 'diagnostic').map((e) => e.code),
        bytes: await readFile(path.join(dir, 'dist', 'kept.pdf')),
      };
    };
    const first = await pdfBuild();
    expect(first.printed).toBe(true);
    const again = await pdfBuild();
    expect(again.printed).toBe(false);
    expect(again.bytes.equals(first.bytes)).toBe(true);
    expect(again.codes).toEqual(first.codes);
    expect(await readdir(path.join(dir, '.octavo-cache', 'pdf'))).toHaveLength(1);
    await writeFile(path.join(dir, '01-one.md'), '# One\n\nThe first chapter, now longer.\n');
    const changed = await pdfBuild();
    expect(changed.printed).toBe(true);
    expect(await readdir(path.join(dir, '.octavo-cache', 'pdf'))).toHaveLength(1);
  });

  it('does not start Chromium when the kept PDF was made from the same manuscript', async () => {
    const book = await tempBook(
      { ...BOOK, 'book.yaml': `${BOOK['book.yaml']}broken-links: warn\n` },
      'octavo-cache-chromium-',
    );
    const once = () => buildBook({ input: book, outDir: path.join(book, 'dist'), formats: ['pdf'], diskCache: true });
    const first = await once();
    expect(first.startedChromium).toBe(true);
    const firstBytes = await readFile(first.outputs.pdf!);
    const again = await once();
    expect(again.startedChromium).toBe(false);
    expect((await readFile(again.outputs.pdf!)).equals(firstBytes)).toBe(true);
    await writeFile(path.join(book, '02-two.md'), '# Two\n\nThe second chapter, changed.\n');
    const changed = await once();
    expect(changed.startedChromium).toBe(true);
    expect((await readFile(changed.outputs.pdf!)).equals(firstBytes)).toBe(false);
  });

  it('is neither read nor written with --no-cache', async () => {
    await rm(path.join(dir, '.octavo-cache'), { recursive: true });
    const run = await build('--no-cache');
    expect(run.code, run.stderr).toBe(0);
    expect(await readdir(dir)).not.toContain('.octavo-cache');
  });
});
