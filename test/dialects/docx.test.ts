/**
 * `octavo import manuscript.docx` as a user runs it: a real Word document made
 * here with the `docx` package becomes a book folder that builds, and passes
 * EPUBCheck; what an e-book cannot hold is named with its place; a document
 * that is not one fails cleanly.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { octavo, type Run } from '../helpers/cli.js';
import { epubcheck, unzip, zipText } from '../helpers/tools.js';
import { manuscriptDocx, structureDocx, unsupportedDocx } from '../helpers/word.js';

let work: string;
let imported: Run;
let built: Run;
const BOOK = () => path.join(work, 'manuscript');
const EPUB = () => path.join(work, 'dist', 'the-harbour-book.epub');
const read = (rel: string) => readFile(path.join(BOOK(), rel), 'utf8');

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'octavo-docx-'));
  await writeFile(path.join(work, 'manuscript.docx'), await manuscriptDocx());
  imported = await octavo(['import', 'manuscript.docx'], work);
  built = await octavo(['build', 'manuscript', '--format', 'epub,html'], work);
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('octavo import of a Word manuscript', () => {
  it('writes a book folder beside the document and prints a summary', async () => {
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    // .octavo-cache: the chapters the build below keeps for the next one.
    expect((await readdir(BOOK())).filter((f) => f !== '.octavo-cache').sort()).toEqual([
      '.gitignore',
      '01-the-quay.md',
      '02-the-lighthouse.md',
      'book.yaml',
      'images',
    ]);
    expect(await readdir(path.join(BOOK(), 'images'))).toEqual(['image-1.png']);
    expect(imported.stdout).toContain(path.join('manuscript', '01-the-quay.md'));
    expect(imported.stdout).toContain('2 chapters, 1 image, 1 note, 1 table, 0 warnings');
  });

  it('fills book.yaml from the document properties, with the chapters and a licence to fill in', async () => {
    const text = await read('book.yaml');
    const yaml = parse(text) as Record<string, unknown>;
    expect(yaml).toMatchObject({
      title: 'The Harbour Book',
      creator: 'Ada Writer',
      language: 'en-GB',
      description: 'A short book about a harbour.',
      chapters: ['01-the-quay.md', '02-the-lighthouse.md'],
    });
    expect(yaml.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(yaml).not.toHaveProperty('licence');
    expect(text).toMatch(/^# licence: CC-BY-4\.0$/m);
  });

  it('splits chapters at Heading 1 and writes Markdown: emphasis, lists, a footnote, a table, an image, a link', async () => {
    const one = await read('01-the-quay.md');
    expect(one).toMatch(/^# The Quay\n/);
    // The title paragraph went to book.yaml, not into a chapter.
    expect(one).not.toContain('The Harbour Book');
    expect(one).toContain('Gulls circled the **granite quay** in the _early fog_.[^1]');
    expect(one).toMatch(/^- Nets\n {2}- Herring nets\n- Ropes$/m);
    expect(one).toMatch(/^1\. Moor the boat\n {3}1\. Check the bowline$/m);
    expect(one).toMatch(/^## Depths$/m);
    expect(one).toMatch(/^\| Berth +\| Depth +\|\n\| -+ \| -+ \|\n\| North pier \| 12 metres \|$/m);
    expect(one).toContain('![A blue chart of the harbour](images/image-1.png)');
    expect(one).toMatch(/^\[\^1\]: Measured at low tide in _spring_\.$/m);
    const two = await read('02-the-lighthouse.md');
    expect(two).toMatch(/^# The Lighthouse\n/);
    expect(two).toContain('[lighthouse society](https://example.org/lighthouses)');
    expect(two).toMatch(/^> The lamp never failed\.$/m);
  });

  it('gives a book that builds, warning only of the licence left to the author', async () => {
    expect(built.code, built.stderr).toBe(0);
    expect(built.stderr).toMatch(/warning no licence declared: all rights reserved is assumed\..*\[licence\/none\]/);
    expect(built.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('gives an EPUB that passes EPUBCheck with no message', async () => {
    const result = await epubcheck(EPUB());
    expect({ fatals: result.fatals, errors: result.errors, warnings: result.warnings }, result.output).toEqual({
      fatals: 0,
      errors: 0,
      warnings: 0,
    });
  });

  it('has the words, the note as an EPUB footnote, the table and the image with its alt text', async () => {
    const zip = await unzip(EPUB());
    const xhtml = (
      await Promise.all(
        Object.keys(zip.files)
          .filter((f) => f.endsWith('.xhtml'))
          .map((f) => zipText(zip, f)),
      )
    ).join('\n');
    for (const words of ['granite quay', 'early fog', 'Herring nets', 'Check the bowline', 'every winter'])
      expect(xhtml).toContain(words);
    expect(xhtml).toMatch(/<aside[^>]*epub:type="footnote"[^>]*>[\s\S]*?Measured at low tide in <em>spring<\/em>/);
    expect(xhtml).toMatch(/<a[^>]*epub:type="noteref"/);
    expect(xhtml).toMatch(/<th[^>]*>Berth<\/th>/);
    expect(xhtml).toMatch(/<td[^>]*>12 metres<\/td>/);
    expect(xhtml).toMatch(/<img [^>]*alt="A blue chart of the harbour"/);
    expect(xhtml).toContain('href="https://example.org/lighthouses"');
    expect(Object.keys(zip.files).some((f) => f.endsWith('image-1.png'))).toBe(true);
  });

  it('refuses a folder that is not empty, and writes nothing', async () => {
    const before = await read('book.yaml');
    const again = await octavo(['import', 'manuscript.docx'], work);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('manuscript already exists and is not empty; nothing was written.');
    expect(again.stderr).not.toMatch(/\n\s+at /);
    expect(await read('book.yaml')).toBe(before);
    expect((await readdir(work)).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});

describe('what an import leaves out, and documents that are not Word documents', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'octavo-docx-odd-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('names an equation and a comment with their places, and says which table stays HTML', async () => {
    await writeFile(path.join(dir, 'odd.docx'), await unsupportedDocx());
    const run = await octavo(['import', 'odd.docx', 'odd-book'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /^odd\.docx warning an equation was left out at paragraph 3 \(under “Numbers”\)\..*\[import\/equation\]$/m,
    );
    expect(run.stderr).toMatch(
      /^odd\.docx warning a comment was left out at paragraph 5 \(under “Words”\)\..*\[import\/comment\]$/m,
    );
    expect(run.stderr).toMatch(
      /^odd\.docx info the table in 02-words\.md \(under “Words”\) has merged cells: it is kept as an HTML table.*\[import\/html-table\]$/m,
    );
    expect(run.stdout).toContain('1 table (0 as Markdown, 1 as HTML), 2 warnings');
    const words = await readFile(path.join(dir, 'odd-book', '02-words.md'), 'utf8');
    expect(words).toMatch(/<table>[\s\S]*colspan="2"[\s\S]*<\/table>/);
    // The kept book builds.
    const build = await octavo(['build', 'odd-book', '--format', 'html'], dir);
    expect(build.code, build.stderr).toBe(0);
  });

  it('splits at the top level used, keeps text before it, links to headings, drops what readers cannot show', async () => {
    await writeFile(path.join(dir, 'notes.docx'), await structureDocx());
    const run = await octavo(['import', 'notes.docx'], dir);
    expect(run.code, run.stderr).toBe(0);
    const book = path.join(dir, 'notes');
    expect((await readdir(book)).sort()).toEqual([
      '.gitignore',
      '01-opening.md',
      '02-into-the-harbour.md',
      '03-out-to-sea.md',
      'book.yaml',
    ]);
    expect(await readFile(path.join(book, '01-opening.md'), 'utf8')).toBe('For the keepers, who stayed.\n');
    const two = await readFile(path.join(book, '02-into-the-harbour.md'), 'utf8');
    expect(two).toBe('# Into the Harbour\n\nBack to [the start](#into-the-harbour) or elsewhere.\n\n## Moorings\n');
    expect(run.stderr).toMatch(
      /^notes\.docx warning links to bookmarks that are not headings were left out, their words kept: “elsewhere” \(under “Into the Harbour”\)\./m,
    );
    expect(run.stderr).toMatch(
      /^notes\.docx warning an image \(image\/bmp\) in 02-into-the-harbour\.md \(under “Moorings”\) was left out/m,
    );
    const build = await octavo(['build', 'notes', '--format', 'html'], dir);
    expect(build.code, build.stderr).toBe(0);
  });

  it('fails on a file that is not a .docx, naming it, with no stack trace and no folder left', async () => {
    await writeFile(path.join(dir, 'broken.docx'), 'This is not a Word document at all.');
    const run = await octavo(['import', 'broken.docx'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('broken.docx cannot be imported: it is not a .docx (not a zip archive).');
    expect(run.stderr).toContain('[import/not-docx]');
    expect(run.stderr).toContain('octavo: import failed with 1 error(s); nothing was written.');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const left = await readdir(dir);
    expect(left).not.toContain('broken');
    expect(left.filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('fails on a zip that holds no Word document, and on a missing file', async () => {
    const JSZip = (await import('jszip')).default;
    const zip = new JSZip();
    zip.file('hello.txt', 'hello');
    await writeFile(path.join(dir, 'zipped.docx'), await zip.generateAsync({ type: 'nodebuffer' }));
    const run = await octavo(['import', 'zipped.docx'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('zipped.docx cannot be imported: it is a zip archive without word/document.xml');
    expect(await readdir(dir)).not.toContain('zipped');

    const missing = await octavo(['import', 'nowhere.docx'], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nowhere.docx: no such file.');

    await mkdir(path.join(dir, 'empty'));
    await writeFile(path.join(dir, 'ok.docx'), await unsupportedDocx());
    const intoEmpty = await octavo(['import', 'ok.docx', 'empty'], dir);
    expect(intoEmpty.code, intoEmpty.stderr).toBe(0);
    expect(await readdir(path.join(dir, 'empty'))).toContain('book.yaml');
  });
});
