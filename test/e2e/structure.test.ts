/**
 * A real multi-part book: half-title, dedication, foreword, two parts,
 * an appendix, a chapter in French with its own author, images and a cover,
 * built to all three outputs and opened again.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import type JSZip from 'jszip';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuildResult, build } from '../../src/build.js';
import { OctavoError } from '../../src/diagnostics.js';
import { CollectingReporter } from '../../src/reporter.js';
import { readDestinations } from '../../src/writers/pdf/destinations.js';
import { removeTempBooks, tempBook } from '../helpers/books.js';
import { sharedBrowser } from '../helpers/browser.js';
import { solidPng } from '../helpers/png.js';
import { epubcheck, normalise, pdftotext, unzip, zipText } from '../helpers/tools.js';

const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20"><rect width="40" height="20" fill="#335"/></svg>';

const BOOK_YAML = `title: A Book in Parts
creator: Ann Author
language: en
licence: CC-BY-4.0
source: Written for Octavo's tests.
cover: images/cover.png
chapters:
  - type: halftitle
  - file: front/dedication.md
    type: dedication
  - file: front/foreword.md
    type: foreword
  - part: The First Part
    chapters:
      - 01-alpha.md
      - 02-beta.md
  - part: The Second Part
    chapters:
      - 03-gamma.md
  - file: back/appendix.md
    type: appendix
    title: Appendix A
`;

let browser: Browser;
let result: BuildResult;
let zip: JSZip;
const reporter = new CollectingReporter();

beforeAll(async () => {
  browser = await sharedBrowser();
  const dir = await tempBook(
    {
      'book.yaml': BOOK_YAML,
      'images/cover.png': solidPng(60, 90, [30, 60, 90]),
      'images/red.png': solidPng(30, 20, [200, 20, 20]),
      'images/diagram.svg': SVG,
      'front/dedication.md': '# Dedication\n\nFor the readers.\n',
      'front/foreword.md': '# Foreword\n\nA word before.\n',
      '01-alpha.md':
        '# Alpha\n\nFirst chapter text.\n\n![A red rectangle](images/red.png)\n\n## Alpha section\n\nMore.\n',
      '02-beta.md':
        '---\ntitle: Bêta\nsubtitle: Un chapitre en français\ncreator: Camille Invitée\nlanguage: fr\n---\n\nTexte du deuxième chapitre.\n\n![Un diagramme](images/diagram.svg)\n',
      '03-gamma.md': '# Gamma\n\nThird chapter, reusing the image ![A red rectangle](images/red.png).\n',
      'back/appendix.md': '# Tables\n\nAn appendix.\n',
    },
    'octavo-structure-',
  );
  result = await build({ input: dir, outDir: path.join(dir, 'dist'), browser, reporter });
  zip = await unzip(result.outputs.epub!);
});

afterAll(async () => {
  await browser?.disconnect();
  await removeTempBooks();
});

describe('EPUB structure', () => {
  it('passes EPUBCheck with 0 errors and 0 warnings', async () => {
    const check = await epubcheck(result.outputs.epub!);
    expect(check.output).toContain('No errors or warnings detected');
  });

  it('orders the spine as a printed book: half-title, title page, dedication, contents, foreword, parts, appendix, colophon', async () => {
    const opf = await zipText(zip, 'OEBPS/content.opf');
    const spine = [...opf.matchAll(/<itemref idref="([^"]+)"/g)].map((m) => m[1]);
    expect(spine).toEqual([
      'cover',
      'halftitle',
      'titlepage',
      'ch-1',
      'nav',
      'ch-2',
      'part-1',
      'ch-3',
      'ch-4',
      'part-2',
      'ch-5',
      'ch-6',
      'colophon',
    ]);
  });

  it('marks each division with epub:type and its ARIA role', async () => {
    const expectations: [string, string, string | undefined][] = [
      ['OEBPS/halftitle.xhtml', 'halftitlepage', undefined],
      ['OEBPS/ch-1.xhtml', 'dedication', 'doc-dedication'],
      ['OEBPS/ch-2.xhtml', 'foreword', 'doc-foreword'],
      ['OEBPS/part-1.xhtml', 'part', 'doc-part'],
      ['OEBPS/ch-3.xhtml', 'chapter', 'doc-chapter'],
      ['OEBPS/ch-6.xhtml', 'appendix', 'doc-appendix'],
    ];
    for (const [file, type, role] of expectations) {
      const xhtml = await zipText(zip, file);
      const section = /<section[^>]*>/.exec(xhtml)![0];
      expect(section, file).toContain(`epub:type="${type}"`);
      if (role) expect(section, file).toContain(`role="${role}"`);
    }
  });

  it('nests chapters under their part in the nav, and names the appendix from book.yaml', async () => {
    const nav = fromHtml(await zipText(zip, 'OEBPS/toc.xhtml'));
    const top = selectAll('nav.contents > ol > li', nav).map((li) => normalise(toString(select('a', li)!)));
    expect(top).toEqual(['Foreword', 'The First Part', 'The Second Part', 'Appendix A', 'Colophon']);
    const inFirst = selectAll('nav.contents > ol > li:nth-child(2) > ol > li > a', nav).map((a) => [
      a.properties.href,
      normalise(toString(a)),
    ]);
    expect(inFirst).toEqual([
      ['ch-3.xhtml', 'Alpha'],
      ['ch-4.xhtml', 'Bêta'],
    ]);
    const landmarks = selectAll('nav[epub\\:type=landmarks] a', nav).map((a) => [
      a.properties['epub:type'] ?? a.properties['epub:type'.toLowerCase()],
      a.properties.href,
    ]);
    expect(landmarks.some(([, href]) => href === 'part-1.xhtml')).toBe(true);
  });

  it('moves headings of chapters in a part one level down', async () => {
    const xhtml = await zipText(zip, 'OEBPS/ch-3.xhtml');
    expect(xhtml).toContain('<h2 id="alpha">Alpha</h2>');
    expect(xhtml).toContain('<h3 id="alpha-section">Alpha section</h3>');
  });

  it('gives a chapter its own language, subtitle and author', async () => {
    const xhtml = await zipText(zip, 'OEBPS/ch-4.xhtml');
    expect(xhtml).toMatch(/<section[^>]*lang="fr"[^>]*xml:lang="fr"/);
    expect(xhtml).toContain('<p class="chapter-subtitle">Un chapitre en français</p>');
    expect(xhtml).toContain('<p class="chapter-author"><bdi>Camille Invitée</bdi></p>');
  });

  it('packs each image once, with its media type, and the cover image from book.yaml', async () => {
    const opf = await zipText(zip, 'OEBPS/content.opf');
    expect(opf).toMatch(
      /<item id="[^"]+" href="images\/cover\.png" media-type="image\/png" properties="cover-image"\/>/,
    );
    expect(opf).toMatch(/href="images\/red\.png" media-type="image\/png"\/>/);
    expect(opf).toMatch(/href="images\/diagram\.svg" media-type="image\/svg\+xml"\/>/);
    expect(opf.match(/images\/red\.png/g)).toHaveLength(1);
    expect(zip.file('OEBPS/images/red.png')).not.toBeNull();
    expect(await zipText(zip, 'OEBPS/ch-3.xhtml')).toContain('src="images/red.png"');
    expect(await zipText(zip, 'OEBPS/cover.xhtml')).toContain('src="images/cover.png"');
    expect(zip.file('OEBPS/cover.svg')).toBeNull();
  });
});

describe('HTML and PDF structure', () => {
  it('puts images into the HTML page itself, each once', async () => {
    const html = await readFile(result.outputs.html!, 'utf8');
    // red.png is shown in two chapters: the first place holds its data, the second uses it (html/images.ts).
    expect(html.match(/data:image\/png;base64,/g)).toHaveLength(1);
    expect(html).toMatch(
      /<svg class="shared-image" role="img" aria-label="A red rectangle"[^>]*><image id="image-[^"]+" href="data:image\/png;base64,[A-Za-z0-9+/=]+"/,
    );
    expect(html).toMatch(/<svg class="shared-image" role="img" aria-label="A red rectangle"[^>]*><use href="#image-/);
    expect(html).toContain('<section class="part" role="doc-part" id="part-1">');
  });

  it('makes the contents and cross-references live links in the PDF', async () => {
    const doc = await PDFDocument.load(await readFile(result.outputs.pdf!), { updateMetadata: false });
    const pages = (await pdftotext(result.outputs.pdf!)).split('\f');
    const contentsIndex = pages.findIndex((p) => normalise(p).startsWith('Contents'));
    const annots = doc.getPage(contentsIndex).node.Annots();
    const dests: string[] = [];
    for (let i = 0; i < (annots?.size() ?? 0); i++) {
      const annot = annots!.lookup(i, PDFDict);
      if (annot.lookup(PDFName.of('Subtype')) !== PDFName.of('Link')) continue;
      const dest = annot.lookup(PDFName.of('Dest'));
      if (dest instanceof PDFName) dests.push(dest.decodeText());
      else if (dest instanceof PDFString || dest instanceof PDFHexString) dests.push(dest.decodeText());
    }
    // One live link per entry: foreword, two parts, three chapters (and Alpha's `##` section), appendix, colophon.
    expect(dests.sort()).toEqual([
      'alpha-section',
      'ch-2',
      'ch-3',
      'ch-4',
      'ch-5',
      'ch-6',
      'colophon',
      'part-1',
      'part-2',
    ]);
  });

  it('opens every chapter and part on a recto, with blank versos before them where needed', async () => {
    const doc = await PDFDocument.load(await readFile(result.outputs.pdf!), { updateMetadata: false });
    const starts = readDestinations(doc);
    const openers = ['ch-1', 'ch-2', 'part-1', 'ch-3', 'ch-4', 'part-2', 'ch-5', 'ch-6'];
    for (const id of openers) expect((starts.get(id)! + 1) % 2, `${id} starts on page ${starts.get(id)! + 1}`).toBe(1);
    const pages = (await pdftotext(result.outputs.pdf!)).split('\f').slice(0, -1);
    const blanks = pages.map((p, i) => [i, p.trim()] as const).filter(([, text]) => text === '');
    // A blank page carries neither running head nor folio, and comes right before an opener.
    expect(blanks.length).toBeGreaterThan(0);
    const openerStarts = new Set(openers.map((id) => starts.get(id)!));
    for (const [i] of blanks) expect(openerStarts.has(i + 1), `blank page ${i + 1}`).toBe(true);
  });

  it('warns about images below 200 dpi at their printed size, and not about fine ones', async () => {
    const dir = await tempBook(
      {
        'book.yaml': 'title: T\ncreator: A\nlanguage: en\nlicence: CC0-1.0\n',
        'a.md': '# A\n\n![Fine](fine.png)\n\n![Coarse](coarse.png)\n',
        // 1600 px scaled down to the text width (about 10 cm on A5): over 300 dpi.
        'fine.png': solidPng(1600, 100, [0, 0, 0]),
        'coarse.png': solidPng(200, 100, [0, 0, 0]),
      },
      'octavo-dpi-',
    );
    const r = new CollectingReporter();
    const built = await build({ input: dir, outDir: path.join(dir, 'dist'), browser, formats: ['pdf'], reporter: r });
    const low = built.diagnostics.filter((d) => d.code === 'pdf/low-resolution');
    expect(low.map((d) => d.message)).toEqual([expect.stringMatching(/^images\/coarse/)]);
    expect(low[0]!.message).toMatch(/^images\/coarse\.png prints at 96 dpi/);
    expect(low[0]!.file).toMatch(/coarse\.png$/);
  });

  it('may open chapters on any page (pdf.chapter-start: any)', async () => {
    const dir = await tempBook(
      {
        'book.yaml': 'title: T\ncreator: A\nlanguage: en\nlicence: CC0-1.0\npdf:\n  chapter-start: any\n',
        'a.md': '# A\n\nOne.\n',
        'b.md': '# B\n\nTwo.\n',
      },
      'octavo-any-',
    );
    const built = await build({ input: dir, outDir: path.join(dir, 'dist'), browser, formats: ['pdf'] });
    const pages = (await pdftotext(built.outputs.pdf!)).split('\f').slice(0, -1);
    expect(pages.filter((p) => p.trim() === '')).toEqual([]);
  });

  it('gives parts their own pages and lists them in the contents', async () => {
    const pages = (await pdftotext(result.outputs.pdf!)).split('\f').map((p) => normalise(p));
    expect(pages).toContain('The First Part');
    expect(pages).toContain('The Second Part');
    const contents = pages.find((p) => p.startsWith('Contents'))!;
    expect(contents).toMatch(/Foreword.*The First Part.*Alpha.*Bêta.*The Second Part.*Gamma.*Appendix A.*Colophon/);
    // The only remark: the small test picture is too coarse for print at the size it is placed.
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'pdf/low-resolution',
        message: expect.stringMatching(/^images\/red\.png prints at 96 dpi \(30 px across 0\.8 cm\)/),
      }),
    ]);
  });
});

describe('images that cannot be used', () => {
  async function failing(files: Record<string, string | Buffer>): Promise<OctavoError> {
    const dir = await tempBook(
      { 'book.yaml': 'title: T\ncreator: A\nlanguage: en\nlicence: CC0-1.0\n', ...files },
      'octavo-assets-',
    );
    try {
      await build({ input: dir, outDir: path.join(dir, 'dist'), formats: ['epub'] });
    } catch (err) {
      if (err instanceof OctavoError) return err;
      throw err;
    }
    throw new Error('expected the build to fail');
  }

  it('refuses remote images, naming file and line and saying to download them', async () => {
    const err = await failing({ 'a.md': '# A\n\nText\n\n![Logo](https://example.org/logo.png)\n' });
    expect(err.diagnostics[0]).toMatchObject({
      code: 'assets/remote',
      line: 5,
      column: 1,
      hint: expect.stringContaining('Download the file into the book folder'),
    });
    expect(err.diagnostics[0]!.file).toMatch(/a\.md$/);
  });

  it('refuses paths outside the book, absolute paths and file: URLs', async () => {
    const err = await failing({
      'a.md': '# A\n\n![x](../../etc/passwd)\n\n![y](/etc/hostname)\n\n![z](file:///etc/hostname)\n',
    });
    expect(err.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['assets/outside-book', 3],
      ['assets/not-relative', 5],
      ['assets/not-relative', 7],
    ]);
  });

  it('refuses files that are not images, WebP, and SVG that is not well-formed XML', async () => {
    const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 '), Buffer.alloc(20)]);
    const err = await failing({
      'a.md': '# A\n\n![x](notes.png)\n\n![y](photo.webp)\n\n![z](bad.svg)\n',
      'notes.png': 'not an image at all',
      'photo.webp': webp,
      'bad.svg': '<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>',
    });
    expect(err.diagnostics.map((d) => d.code)).toEqual([
      'assets/unsupported',
      'assets/unsupported',
      'assets/unsafe-svg',
    ]);
  });

  it('builds without a missing image, with a warning naming it', async () => {
    const dir = await tempBook(
      {
        'book.yaml': 'title: T\ncreator: A\nlanguage: en\nlicence: CC0-1.0\n',
        'a.md': '# A\n\n![A lost map](maps/lost.png)\n',
      },
      'octavo-assets-',
    );
    const r = new CollectingReporter();
    const built = await build({ input: dir, outDir: path.join(dir, 'dist'), formats: ['epub'], reporter: r });
    expect(built.diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'assets/missing', line: 3 }),
    ]);
    const xhtml = await zipText(await unzip(built.outputs.epub!), 'OEBPS/ch-1.xhtml');
    expect(xhtml).toContain('[A lost map]');
    expect((await epubcheck(built.outputs.epub!)).errors).toBe(0);
  });
});

describe('a right-to-left book', () => {
  it('sets the direction in every output and the page progression in the EPUB', async () => {
    const dir = await tempBook(
      {
        'book.yaml':
          'title: کتاب آزمایشی\ncreator: نویسنده\nlanguage: fa\nlicence: CC-BY-SA-4.0\nsource: نوشته برای آزمون\n',
        'a.md': '# فصل یکم\n\nاین یک متن فارسی است.\n',
      },
      'octavo-rtl-',
    );
    const built = await build({ input: dir, outDir: path.join(dir, 'dist'), formats: ['epub', 'html'] });
    const z = await unzip(built.outputs.epub!);
    expect(await zipText(z, 'OEBPS/content.opf')).toContain('<spine toc="ncx" page-progression-direction="rtl">');
    expect(await zipText(z, 'OEBPS/ch-1.xhtml')).toMatch(/<html[^>]*dir="rtl"/);
    expect(await readFile(built.outputs.html!, 'utf8')).toMatch(/<html lang="fa" dir="rtl">/);
    const check = await epubcheck(built.outputs.epub!);
    expect([check.errors, check.warnings]).toEqual([0, 0]);
  });
});
