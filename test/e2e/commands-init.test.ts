/**
 * `octavo init` as a user runs it: a new book that checks clean and builds,
 * and a folder that already holds a book left alone.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckJson } from '../../src/commands/check.js';
import { octavo, type Run } from '../helpers/cli.js';
import { epubcheck, unzip, zipText } from '../helpers/tools.js';

const SCAFFOLD = ['.gitignore', '01-the-first-chapter.md', '02-the-second-chapter.md', 'book.yaml', 'images'];
/** What a build leaves in the book folder: the chapters it keeps for the next build (git-ignored). */
const BUILT = [...SCAFFOLD, '.octavo-cache'].sort();

let work: string;
let init: Run;
let built: Run;
const EPUB = () => path.join(work, 'dist', 'my-first-book.epub');
const HTML = () => path.join(work, 'dist', 'my-first-book.html');

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'octavo-init-'));
  init = await octavo(['init', 'my-book'], work);
  built = await octavo(['build', 'my-book', '--format', 'epub,html'], work);
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('octavo init', () => {
  it('creates the scaffold, says what it made and what to run next', async () => {
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect((await readdir(path.join(work, 'my-book'))).sort()).toEqual(BUILT);
    expect(await readFile(path.join(work, 'my-book', '.gitignore'), 'utf8')).toBe('dist/\n.octavo-cache/\n');
    expect(await readdir(path.join(work, 'my-book', 'images'))).toEqual(['lighthouse.svg']);
    for (const file of ['book.yaml', '01-the-first-chapter.md', '02-the-second-chapter.md', 'images/lighthouse.svg']) {
      expect(init.stdout).toContain(path.join('my-book', file));
    }
    expect(init.stdout).toContain('octavo watch my-book');
  });

  it('writes a commented book.yaml that points editors at the JSON Schema', async () => {
    const yaml = await readFile(path.join(work, 'my-book', 'book.yaml'), 'utf8');
    const first = yaml.split('\n')[0]!;
    expect(first).toMatch(/^# yaml-language-server: \$schema=.*schema\/book\.schema\.json$/);
    const schemaPath = first.replace(/^.*\$schema=/, '');
    expect(JSON.parse(await readFile(path.resolve(work, 'my-book', schemaPath), 'utf8'))).toHaveProperty(
      'title',
      'Octavo book.yaml',
    );
    expect(yaml).toMatch(/^licence: CC-BY-4\.0$/m);
    expect(yaml).toMatch(/^creator: /m);
    expect(yaml).toMatch(/^source: /m);
    expect(yaml).toMatch(/^changes:/m);
  });

  it('gives a book that checks with no error', async () => {
    const run = await octavo(['check', 'my-book', '--json'], work);
    const doc = JSON.parse(run.stdout) as CheckJson;
    expect(doc.diagnostics).toEqual([]);
    expect(doc).toMatchObject({ ok: true, errors: 0, warnings: 0 });
    expect(run.code).toBe(0);
    expect((await octavo(['check', 'my-book'], work)).stdout.trim()).toBe('0 errors, 0 warnings');
  });

  it('gives a book that builds as EPUB and HTML', async () => {
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    expect((await readdir(path.join(work, 'dist'))).sort()).toEqual(['my-first-book.epub', 'my-first-book.html']);
  });

  it('links chapter 2 to a heading of chapter 1, in the EPUB and the HTML', async () => {
    const zip = await unzip(EPUB());
    const chapters = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /\.xhtml$/.test(f))
        .map(async (f) => ({ f, text: await zipText(zip, f) })),
    );
    const target = chapters.find((c) => c.text.includes('id="a-picture-and-its-credit"'));
    const source = chapters.find((c) => c.text.includes('the picture in the first chapter'));
    expect(target && source).toBeTruthy();
    expect(source!.text).toContain(`href="${path.posix.basename(target!.f)}#a-picture-and-its-credit"`);
    // The footnote travels with its chapter.
    expect(source!.text).toContain('gets <code>a-picture-and-its-credit</code>');

    const html = await readFile(HTML(), 'utf8');
    expect(html).toContain('href="#a-picture-and-its-credit"');
    expect(html).toContain('id="a-picture-and-its-credit"');
  });

  it('credits the picture, with its alt text and its licence in the caption', async () => {
    const html = await readFile(HTML(), 'utf8');
    expect(html).toMatch(/<img [^>]*alt="A white lighthouse[^"]+"/);
    expect(html).toContain(
      'Credit: drawing made for the Octavo scaffold, dedicated to the public domain under CC0 1.0.',
    );
  });

  // Needs image assets in the EPUB (landed with the lead's asset work).
  it('packages the chapter 1 image in the EPUB', async () => {
    const zip = await unzip(EPUB());
    const svg = Object.keys(zip.files).find((f) => f.endsWith('lighthouse.svg'));
    expect(svg).toBeDefined();
    expect(await zipText(zip, 'OEBPS/content.opf')).toMatch(
      /href="[^"]*lighthouse\.svg"[^>]*media-type="image\/svg\+xml"|media-type="image\/svg\+xml"[^>]*href="[^"]*lighthouse\.svg"/,
    );
  });

  it('gives an EPUB that passes EPUBCheck with no message', async () => {
    const result = await epubcheck(EPUB());
    expect({ fatals: result.fatals, errors: result.errors, warnings: result.warnings }, result.output).toEqual({
      fatals: 0,
      errors: 0,
      warnings: 0,
    });
  });

  it('refuses a folder that already holds a book, and changes nothing', async () => {
    const before = await readFile(path.join(work, 'my-book', 'book.yaml'), 'utf8');
    const again = await octavo(['init', 'my-book'], work);
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(
      /my-book error this folder already holds a book \(01-the-first-chapter\.md, 02-the-second-chapter\.md, book\.yaml\)\. .*\[init\/not-empty\]/,
    );
    expect(again.stderr).toContain('nothing was created');
    expect(await readFile(path.join(work, 'my-book', 'book.yaml'), 'utf8')).toBe(before);
    expect((await readdir(path.join(work, 'my-book'))).sort()).toEqual(BUILT);
  });

  it('refuses a folder with any Markdown file, even without book.yaml', async () => {
    const dir = path.join(work, 'notes');
    await mkdir(dir);
    await writeFile(path.join(dir, 'draft.md'), '# My draft\n');
    const run = await octavo(['init'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('already holds a book (draft.md)');
    expect(await readdir(dir)).toEqual(['draft.md']);
  });

  it('initialises the current folder by default, next to unrelated files', async () => {
    const dir = path.join(work, 'here');
    await mkdir(dir);
    await writeFile(path.join(dir, 'notes.txt'), 'keep me');
    const run = await octavo(['init'], dir);
    expect(run.code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual([...SCAFFOLD, 'notes.txt'].sort());
    expect(run.stdout).toMatch(/octavo watch {2,}\(or: octavo build\)/);
  });
});
