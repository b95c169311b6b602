/**
 * Issue 11 §2: chapters nothing names, image-only headings, non-integer image
 * sizes and very long titles still give a valid EPUB and a usable file name.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fromXml } from 'xast-util-from-xml';
import { build } from '../../src/build.js';
import { Diagnostics } from '../../src/diagnostics.js';
import { removeTempBooks, tempBook } from '../helpers/books.js';
import { solidPng } from '../helpers/png.js';
import { epubcheck, unzip, zipText } from '../helpers/tools.js';

afterAll(removeTempBooks);

async function buildBook(files: Record<string, string | Buffer>) {
  const dir = await tempBook(files, 'octavo-hostile-');
  const diagnostics = new Diagnostics();
  const result = await build({ input: dir, outDir: path.join(dir, 'dist'), formats: ['epub', 'html'], diagnostics });
  return { result, diagnostics: diagnostics.list() };
}

describe('chapters without a title', () => {
  it('names an empty chapter, a digit-only file and an image-only heading, warns, and passes EPUBCheck', async () => {
    const { result, diagnostics } = await buildBook({
      'book.yaml':
        'title: Untitled Parts\ncreator: Ann\nlanguage: en\nlicence: CC0-1.0\nchapters:\n  - notes.md\n  - 01.md\n  - logo.md\n  - sized.md\n',
      'notes.md': '',
      '01.md': 'Text without a heading.\n',
      'logo.md': '# ![The Logo](logo.png)\n\nText.\n',
      'sized.md':
        '# Sized\n\n<img src="logo.png" alt="Wide" width="50%" height="auto">\n\n<img src="logo.png" alt="Fixed" width="20" height="10">\n',
      'logo.png': solidPng(20, 10, [10, 20, 30]),
    });
    const noTitle = diagnostics.filter((d) => d.code === 'chapter/no-title');
    expect(noTitle.map((d) => path.basename(d.file ?? '')).sort()).toEqual(['01.md', 'notes.md']);
    const zip = await unzip(result.outputs.epub!);
    const nav = await zipText(zip, 'OEBPS/toc.xhtml');
    fromXml(nav);
    expect(nav).toContain('>notes</span></a>');
    expect(nav).toContain('>Chapter 2</span></a>');
    expect(nav).toContain('>The Logo</span></a>');
    expect(nav).not.toMatch(/<a [^>]*>(<span[^>]*>)?<\//);
    const sized = Object.keys(zip.files).find((n) => n.endsWith('ch-4.xhtml'))!;
    const xhtml = await zipText(zip, sized);
    expect(xhtml).toMatch(/<img [^>]*alt="Wide"[^>]*style="width: 50%; height: auto"/);
    expect(xhtml).toMatch(/<img [^>]*width="20" height="10"/);
    expect(xhtml).not.toContain('width="50%"');
    const check = await epubcheck(result.outputs.epub!);
    expect(check.output).toContain('No errors or warnings detected');
  });
});

describe('output file names', () => {
  for (const [name, title] of [
    ['a 10,000-character title', 'Long '.repeat(2000).trim()],
    ['an 84-character Chinese title', '长'.repeat(84)],
  ] as const) {
    it(`builds a book with ${name}, its file names under 255 bytes`, async () => {
      const { result } = await buildBook({
        'book.yaml': `title: "${title}"\ncreator: Ann\nlanguage: en\nlicence: CC0-1.0\nchapters:\n  - one.md\n`,
        'one.md': '# One\n\nText.\n',
      });
      for (const file of Object.values(result.outputs)) {
        expect(Buffer.byteLength(path.basename(file!))).toBeLessThan(200);
        expect((await readFile(file!)).length).toBeGreaterThan(0);
      }
      const opf = await zipText(await unzip(result.outputs.epub!), 'OEBPS/content.opf');
      expect(opf).toContain(title);
    });
  }

  it('keeps a web address readable as a name', async () => {
    const { result } = await buildBook({
      'book.yaml':
        'title: "https://www.example.org/a-book"\ncreator: Ann\nlanguage: en\nlicence: CC0-1.0\nchapters:\n  - one.md\n',
      'one.md': '# One\n\nText.\n',
    });
    expect(path.basename(result.outputs.epub!)).toBe('example-org-a-book.epub');
  });
});
