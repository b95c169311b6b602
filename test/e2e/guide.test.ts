/**
 * The user guide in examples/guide/ is an Octavo book that uses every feature
 * it documents: half-title, dedication, epigraph with its own credit, preface,
 * three parts, appendices, glossary, a colophon file, footnotes, a numbered
 * SVG figure, tables, highlighted code, math, cross-references within and
 * across chapters, empty links filled from their target, {#custom-id}
 * headings and a right-to-left Persian paragraph. Built to all three outputs
 * and opened again.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import type JSZip from 'jszip';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chapter } from '../../src/book.js';
import { type BuildResult, build } from '../../src/build.js';
import { CollectingReporter } from '../../src/reporter.js';
import { sharedBrowser } from '../helpers/browser.js';
import { expectPageListMatchesPdf } from '../helpers/page-list.js';
import {
  epubcheck,
  normalise,
  pdfBoxes,
  pdfinfo,
  pdftotext,
  qpdfCheck,
  repoRoot,
  unzip,
  zipText,
} from '../helpers/tools.js';

const GUIDE = path.join(repoRoot, 'examples', 'guide');

let browser: Browser;
let out: string;
let result: BuildResult;
let zip: JSZip;
let pages: string[];
const reporter = new CollectingReporter();

/** The chapter built from a file of the guide (path relative to examples/guide). */
function chapter(relPath: string): Chapter {
  const found = result.book.chapters.find((c) => c.relPath.split(path.sep).join('/') === relPath);
  if (!found) throw new Error(`${relPath} is not a chapter of the guide`);
  return found;
}

async function xhtmlOf(relPath: string): Promise<string> {
  return zipText(zip, `OEBPS/${chapter(relPath).id}.xhtml`);
}

beforeAll(async () => {
  browser = await sharedBrowser();
  out = await mkdtemp(path.join(os.tmpdir(), 'octavo-guide-'));
  result = await build({ input: GUIDE, outDir: out, formats: ['epub', 'pdf', 'html'], browser, reporter });
  zip = await unzip(result.outputs.epub!);
  pages = (await pdftotext(result.outputs.pdf!)).split('\f').map((p) => normalise(p));
});

afterAll(async () => {
  await browser?.disconnect();
  if (out) await rm(out, { recursive: true, force: true });
});

describe('the guide builds cleanly', () => {
  it('with no error and no warning but the fonts of the machine it uses', () => {
    // Two things still reach the machine's fonts (README, "Fonts"): the text of the SVG figure and the
    // overline TeX's \bar becomes. Said once, as a warning; none at all where the machine has no such font.
    const machine = result.diagnostics.filter((d) => d.code === 'pdf/machine-font');
    expect(machine.length).toBeLessThanOrEqual(1);
    expect(result.diagnostics.filter((d) => d.severity !== 'info' && d.code !== 'pdf/machine-font')).toEqual([]);
    expect(Object.keys(result.outputs).sort()).toEqual(['epub', 'html', 'pdf', 'print-shop']);
  });

  it('into an EPUB that passes EPUBCheck with 0 errors and 0 warnings', async () => {
    const check = await epubcheck(result.outputs.epub!);
    expect([check.fatals, check.errors, check.warnings], check.output).toEqual([0, 0, 0]);
  });
});

describe('the guide as an EPUB', () => {
  it('nests the chapters of each part in the nav', async () => {
    const nav = fromHtml(await zipText(zip, 'OEBPS/toc.xhtml'));
    const top = selectAll('nav.contents > ol > li', nav).map((li) => normalise(toString(select('a', li)!)));
    expect(top).toEqual([
      'Preface',
      'Starting',
      'Writing',
      'Publishing',
      'book.yaml Reference',
      'Diagnostics',
      'Glossary',
      'Colophon',
    ]);
    const inPart = (n: number) =>
      selectAll(`nav.contents > ol > li:nth-child(${n}) > ol > li > a`, nav).map((a) => normalise(toString(a)));
    expect(inPart(2)).toEqual(['Getting Started', 'Writing Chapters', 'The Shape of a Book']);
    expect(inPart(3)).toEqual([
      'Figures and Images',
      'Notes, Tables, Code and Mathematics',
      'Cross-References',
      'Languages',
    ]);
    expect(inPart(4)).toEqual(['Licences and Attribution', 'Themes', 'The Print Edition']);
  });

  it('marks the front and back matter with their kinds', async () => {
    const kinds: [string, string][] = [
      ['front/dedication.md', 'dedication'],
      ['front/epigraph.md', 'epigraph'],
      ['front/preface.md', 'preface'],
      ['back/book-yaml-reference.md', 'appendix'],
      ['back/glossary.md', 'glossary'],
    ];
    for (const [file, kind] of kinds)
      expect(/<section[^>]*>/.exec(await xhtmlOf(file))![0], file).toContain(`epub:type="${kind}"`);
    expect(await zipText(zip, 'OEBPS/halftitle.xhtml')).toContain('epub:type="halftitlepage"');
    // The colophon file opens the generated colophon, before the licence notice.
    const colophon = await zipText(zip, 'OEBPS/colophon.xhtml');
    expect(colophon.indexOf('This guide was written in Markdown')).toBeGreaterThan(0);
    expect(colophon.indexOf('This guide was written in Markdown')).toBeLessThan(colophon.indexOf('class="tasl"'));
  });

  it('has footnotes as EPUB 3 footnote asides', async () => {
    const xhtml = await xhtmlOf('05-notes-tables-code-and-math.md');
    expect(xhtml).toMatch(/<section class="footnotes" epub:type="footnotes"/);
    expect(xhtml.match(/<aside epub:type="footnote" role="doc-footnote" id="fn-\d+">/g)).toHaveLength(2);
    expect(xhtml.match(/<a epub:type="noteref" role="doc-noteref" href="#fn-\d+"/g)).toHaveLength(2);
  });

  it('has MathML, and the manifest marks the chapters that hold it', async () => {
    const math = chapter('05-notes-tables-code-and-math.md');
    const xhtml = await xhtmlOf('05-notes-tables-code-and-math.md');
    expect(xhtml).toContain('<math xmlns="http://www.w3.org/1998/Math/MathML"');
    expect(xhtml).toMatch(/<math [^>]*display="block"/);
    const opf = await zipText(zip, 'OEBPS/content.opf');
    expect(opf).toMatch(
      new RegExp(
        `<item id="${math.id}" href="${math.id}\\.xhtml" media-type="application/xhtml\\+xml" properties="mathml"/>`,
      ),
    );
    const pdfChapter = chapter('10-the-pdf.md');
    expect(opf).toMatch(new RegExp(`<item id="${pdfChapter.id}" [^>]*properties="mathml"`));
    expect(opf).not.toMatch(new RegExp(`<item id="${chapter('09-themes.md').id}" [^>]*properties=`));
  });

  it('has the pipeline figure with its number and caption, and packs the SVG once', async () => {
    const xhtml = await xhtmlOf('04-figures-and-images.md');
    const figure = fromHtml(xhtml);
    const fig = select('figure#fig-pipeline', figure);
    expect(fig).toBeDefined();
    expect(select('img', fig!)!.properties).toMatchObject({
      src: 'images/pipeline.svg',
      alt: expect.stringContaining('Four boxes joined by arrows'),
    });
    expect(normalise(toString(select('figcaption', fig!)!))).toMatch(/^Figure 1: How Octavo makes a book/);
    // `[](#fig-pipeline)` is filled with the figure's number.
    expect(xhtml).toContain(`<a href="#fig-pipeline">Figure 1</a>`);
    const opf = await zipText(zip, 'OEBPS/content.opf');
    expect(opf.match(/href="images\/pipeline\.svg" media-type="image\/svg\+xml"/g)).toHaveLength(1);
    expect(zip.file('OEBPS/images/pipeline.svg')).not.toBeNull();
  });

  it('highlights code and keeps the tables', async () => {
    const xhtml = await xhtmlOf('05-notes-tables-code-and-math.md');
    expect(xhtml).toMatch(/<code class="language-ts">.*<span class="pl-k">import<\/span>/s);
    expect(xhtml).toContain('<table>');
    expect(await xhtmlOf('03-structure.md')).toMatch(
      /<code class="language-yaml"><span class="pl-ent">chapters<\/span>/,
    );
  });

  it('resolves cross-references within and across chapters, {#custom-id} headings and empty links', async () => {
    const structure = chapter('03-structure.md');
    const licences = chapter('08-licences-and-attribution.md');
    expect(await xhtmlOf('03-structure.md')).toMatch(/id="kinds">Kinds of divisions<\/h3>/);
    const refs = await xhtmlOf('06-cross-references.md');
    // In the EPUB every chapter is a file of its own: links to another chapter name its file; within one, `#id`.
    expect(refs).toContain('<a href="#ids">the rules for ids</a>');
    expect(refs).toContain(`<a href="${chapter('04-figures-and-images.md').id}.xhtml#fig-pipeline">Figure 1</a>`);
    expect(refs).toContain(`<a href="${structure.id}.xhtml#kinds">the table of kinds</a>`);
    expect(refs).toContain(`<a href="${structure.id}.xhtml">The Shape of a Book</a>`);
    expect(refs).toMatch(/<a href="ch-\d+\.xhtml#glossary-folio">Folio<\/a>/);
    expect(refs).toContain('id="broken-links">The links that point at nothing</h3>');
    expect(await xhtmlOf('02-writing-chapters.md')).toContain(`href="${licences.id}.xhtml#chapter-credits"`);
    // From a chapter in a subfolder, the link names the file relative to itself.
    expect(await xhtmlOf('back/book-yaml-reference.md')).toContain(
      `<a href="${licences.id}.xhtml">Licences and Attribution</a>`,
    );
  });

  it('sets the Persian passage right to left', async () => {
    const xhtml = await xhtmlOf('07-languages.md');
    expect(xhtml).toMatch(/<p lang="fa" dir="rtl" xml:lang="fa">کتاب‌ها دوستان خاموش ما هستند\./);
  });

  it('credits the epigraph to its own author', async () => {
    const epigraph = chapter('front/epigraph.md');
    expect(epigraph.creators).toEqual(['Benjamin Franklin']);
    expect(epigraph.credit).toMatchObject({
      licence: expect.objectContaining({ spdx: 'CC0-1.0' }),
      source: expect.stringContaining('Samuel Morris'),
    });
    const xhtml = await xhtmlOf('front/epigraph.md');
    expect(xhtml).toContain('<p class="chapter-author"><bdi>Benjamin Franklin</bdi></p>');
    expect(xhtml).toContain('In a new and more elegant Edition');
    expect(xhtml).toContain('gave to Samuel Morris on 31 August 1776');
  });

  it("shows the epigraph's own credit (source, licence, changes) at its end", async () => {
    const xhtml = await xhtmlOf('front/epigraph.md');
    const credit = /<div class="chapter-credit" role="doc-credit">[\s\S]*?<\/div>/.exec(xhtml)?.[0] ?? '';
    // The author's values sit in <bdi>, so they keep their own direction in any book.
    expect(credit.replace(/<\/?bdi>/g, '')).toContain(
      'by Benjamin Franklin, from Benjamin Franklin, the epitaph he wrote for himself in 1728',
    );
    expect(credit).toContain('href="https://creativecommons.org/publicdomain/zero/1.0/"');
    expect(credit).toContain('Changes: <bdi>Set as verse');
  });
});

describe("the guide's print page numbers in its EPUB", () => {
  it('marks where each PDF page begins, in chapters, lists, tables, notes and code alike', async () => {
    const check = await expectPageListMatchesPdf(result.outputs.epub!, result.outputs.pdf!, result.book.config);
    // Every page but the contents pages, blank versos and the font credits has its entry.
    expect(check.entries).toBeGreaterThan(check.pages * 0.7);
  });
});

describe('the guide as a PDF and an HTML page', () => {
  it('prints every chapter title', () => {
    const text = pages.join(' ');
    for (const c of result.book.chapters) expect(text, c.relPath).toContain(c.title);
    for (const part of result.book.config.parts) expect(pages, part.title).toContain(part.title);
  });

  it('lists parts and chapters in the contents with the page numbers where they start', () => {
    // Folio 1 is the first page of the body: the page of the first part.
    const firstBody = pages.indexOf(result.book.config.parts[0]!.title);
    expect(firstBody).toBeGreaterThan(0);
    // The contents lists the chapters' sections too (toc-depth 2): it runs over several pages.
    const contentsStart = pages.findIndex((p) => p.startsWith('Contents'));
    expect(contentsStart).toBeGreaterThan(0);
    let contentsEnd = contentsStart + 1;
    // Its later pages start with the running head "Contents".
    while (pages[contentsEnd]?.startsWith('Contents ')) contentsEnd++;
    const contents = pages.slice(contentsStart, contentsEnd).join(' ').trim();
    const listed = [
      ...result.book.config.parts.map((p) => p.title),
      ...result.book.chapters
        .filter((c) => c.kind !== 'colophon' && ['chapter', 'appendix', 'glossary'].includes(c.kind))
        .map((c) => c.title),
    ];
    let checked = 0;
    for (const title of listed) {
      const m = new RegExp(`${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} (\\d+)`).exec(contents);
      expect(m, `${title} in the contents`).not.toBeNull();
      const folio = Number(m![1]);
      // The page the contents names is where that division begins.
      expect(pages[firstBody + folio - 1], `${title} on page ${folio}`).toContain(title);
      checked++;
    }
    expect(checked).toBe(3 + 10 + 3);
    expect(contents).toMatch(/Colophon \d+ [ivx]+$/);
  });

  it('heads pages with the part title on versos and the chapter title on rectos, as its book.yaml asks', () => {
    const part = result.book.config.parts[0]!.title;
    const firstBody = pages.indexOf(part);
    const chapterOne = result.book.chapters.find((c) => c.part === 0)!;
    const opening = pages.findIndex((p, i) => i > firstBody && p.startsWith(chapterOne.title));
    // The opening page has no head; the pages after it alternate verso (part) and recto (chapter).
    expect(pages[opening + 1]!.startsWith(`${part} `), `page ${opening + 2}`).toBe(true);
    expect(pages[opening + 2]!.startsWith(`${chapterOne.title} `), `page ${opening + 3}`).toBe(true);
  });

  it('prints each endnote with the page of its mark, and web addresses after their links', () => {
    const text = pages.join(' ');
    expect(text).toMatch(/\d\. p\. \d+ This note, for one, gives the page of the sentence above\./);
    expect(text).toContain('Octavo source (https://example.org/octavo)');
  });

  it('writes the print-shop PDF its print: section asks for', async () => {
    const shop = result.outputs['print-shop']!;
    const info = await pdfinfo(shop);
    expect(Number(info.Pages) % 4).toBe(0);
    const boxes = await pdfBoxes(shop, 1);
    expect(boxes.TrimBox![2] - boxes.TrimBox![0]).toBeCloseTo(148 * (72 / 25.4), 0);
    expect((await qpdfCheck(shop)).ok).toBe(true);
  });

  it('links the licence in the HTML page', async () => {
    const html = await readFile(result.outputs.html!, 'utf8');
    expect(html).toContain('<link rel="license" href="https://creativecommons.org/licenses/by/4.0/">');
    expect(html).toMatch(/<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="Four boxes joined by arrows/);
    expect(html).toMatch(/<p lang="fa" dir="rtl">/);
  });
});
