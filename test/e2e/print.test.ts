/**
 * The print edition as a printed book: layout facts read back from the real
 * PDF (pdfinfo, pdftotext per page and with word boxes, pdf-lib), the
 * print-shop PDF checked by qpdf and Ghostscript, and page pictures.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, type PDFString } from 'pdf-lib';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuildResult, build, prepareBook } from '../../src/build.js';
import { installPrintFonts, PRINT_FONT_CSS } from '../../src/fonts/install.js';
import { renderPreview } from '../../src/preview/index.js';
import { CollectingReporter } from '../../src/reporter.js';
import { readDestinations } from '../../src/writers/pdf/destinations.js';
import { overlayFurniture, planFurniture, renderFurniture } from '../../src/writers/pdf/furniture.js';
import { removeTempBooks, tempBook } from '../helpers/books.js';
import { sharedBrowser } from '../helpers/browser.js';
import { octavo } from '../helpers/cli.js';
import { solidPng } from '../helpers/png.js';
import {
  colourOperators,
  inkCoverage,
  LICENCE_SENTENCE,
  normalise,
  pdfBoxes,
  pdffonts,
  pdfinfo,
  pdftotext,
  pdfWords,
  pngSize,
  printScalesOf,
  qpdfCheck,
  repoRoot,
} from '../helpers/tools.js';

/** Enough text for several A5 pages. */
function prose(name: string, paragraphs: number): string {
  return Array.from(
    { length: paragraphs },
    (_, i) =>
      `Paragraph ${i + 1} of the ${name} chapter goes on for a while, so that its pages fill with ordinary running text, as a novel's would, line after line after line.`,
  ).join('\n\n');
}

const YAML =
  'title: Heads Book\ncreator: Ann Author\nlanguage: en\nlicence: CC-BY-4.0\nsource: Written for the tests.\n';
const CHAPTERS = {
  'a.md': `# First Chapter\n\nThe [Octavo site](https://example.org/octavo) is on the web.\n\n${prose('first', 40)}\n`,
  'b.md': `# Second Chapter\n\nA claim with a note.[^n]\n\n${prose('second', 30)}\n\nAnother claim, pages later.[^m]\n\n[^n]: The first note.\n[^m]: The second note.\n`,
};

let browser: Browser;
const books = new Map<string, BuildResult>();

async function built(name: string, yamlExtra = '', options: { printShop?: boolean } = {}): Promise<BuildResult> {
  const key = `${name}|${yamlExtra}`;
  if (!books.has(key)) {
    const dir = await tempBook({ 'book.yaml': YAML + yamlExtra, ...CHAPTERS }, 'octavo-print-');
    books.set(
      key,
      await build({
        input: dir,
        outDir: path.join(dir, 'dist'),
        browser,
        formats: ['pdf'],
        printShop: options.printShop,
      }),
    );
  }
  return books.get(key)!;
}

/** The lines of each page's text, trimmed, empty lines dropped. */
async function pageLines(file: string): Promise<string[][]> {
  return (await pdftotext(file, { layout: true }))
    .split('\f')
    .slice(0, -1)
    .map((p) =>
      p
        .split('\n')
        .map((l) => normalise(l))
        .filter(Boolean),
    );
}

beforeAll(async () => {
  browser = await sharedBrowser();
});
afterAll(removeTempBooks);

describe('running heads and folios', () => {
  let result: BuildResult;
  let pages: string[][];
  let starts: Map<string, number>;
  beforeAll(async () => {
    result = await built('default');
    pages = await pageLines(result.outputs.pdf!);
    starts = readDestinations(await PDFDocument.load(await readFile(result.outputs.pdf!), { updateMetadata: false }));
  });

  it('opens each chapter on a recto with no running head, the folio at the foot', () => {
    for (const [id, title] of [
      ['ch-1', 'First Chapter'],
      ['ch-2', 'Second Chapter'],
    ] as const) {
      const index = starts.get(id)!;
      expect(index % 2, `${id} on a recto`).toBe(0);
      expect(pages[index]![0]).toBe(title);
      expect(pages[index]!.at(-1)).toMatch(/^\d+$/);
    }
  });

  it('heads versos with the book title and rectos with the chapter title, and numbers every page from 1 at the first chapter', () => {
    const first = starts.get('ch-1')!;
    const second = starts.get('ch-2')!;
    let versos = 0;
    let rectos = 0;
    for (let i = first; i < pages.length; i++) {
      const lines = pages[i]!;
      if (!lines.length) continue; // a blank verso before an opening
      expect(lines.at(-1), `folio of page ${i + 1}`).toBe(String(i - first + 1));
      if (i === first || i === second || i === starts.get('colophon')) continue;
      const chapter = i < second ? 'First Chapter' : i < starts.get('colophon')! ? 'Second Chapter' : 'Colophon';
      if (i % 2 === 1) {
        expect(lines[0], `verso ${i + 1}`).toBe('Heads Book');
        versos++;
      } else {
        expect(lines[0], `recto ${i + 1}`).toBe(chapter);
        rectos++;
      }
    }
    expect(versos).toBeGreaterThan(1);
    expect(rectos).toBeGreaterThan(1);
  });

  it('leaves blank pages and the title page without head or folio, and numbers the contents in roman', async () => {
    expect(pages[0]).toEqual(['Heads Book', 'Ann Author']);
    // The title page is centred: title and author alike.
    const words = await pdfWords(result.outputs.pdf!, 1);
    const middle = (text: string) => {
      const ws = words.filter((w) => text.split(' ').includes(normalise(w.text)));
      return (Math.min(...ws.map((w) => w.xMin)) + Math.max(...ws.map((w) => w.xMax))) / 2;
    };
    expect(Math.abs(middle('Heads Book') - middle('Ann Author'))).toBeLessThan(2);
    expect(pages[1]![0]).toBe('Contents');
    expect(pages[1]!.at(-1)).toBe('ii');
    const blanks = pages.map((p, i) => [i, p] as const).filter(([, p]) => p.length === 0);
    for (const [i] of blanks)
      expect([...starts.values()], `blank page ${i + 1} comes before an opening`).toContain(i + 1);
  });

  it("lists in the contents the folio each chapter's page prints, and labels the pages the same way", async () => {
    const contents = pages[1]!.join('\n');
    for (const [id, title] of [
      ['ch-1', 'First Chapter'],
      ['ch-2', 'Second Chapter'],
      ['colophon', 'Colophon'],
    ] as const) {
      const listed = new RegExp(`^${title}\\s*[.\\s]*?(\\d+)$`, 'm').exec(contents);
      expect(listed, title).not.toBeNull();
      expect(pages[starts.get(id)!]!.at(-1)).toBe(listed![1]);
    }
    const doc = await PDFDocument.load(await readFile(result.outputs.pdf!), { updateMetadata: false });
    const nums = doc.catalog.lookup(PDFName.of('PageLabels'), PDFDict).lookup(PDFName.of('Nums'), PDFArray);
    expect(nums.lookup(2, PDFNumber).asNumber()).toBe(starts.get('ch-1'));
  });

  it('prints each endnote with the page its mark is on', () => {
    const notes = pages.flat().filter((l) => /^\d\. p\. \d+ The (first|second) note\.$/.test(l));
    expect(notes).toHaveLength(2);
    for (const [mark, text] of [
      ['A claim with a note.', 'first'],
      ['Another claim, pages later.', 'second'],
    ] as const) {
      const markPage = pages.findIndex((p) => p.some((l) => l.includes(mark.slice(0, 20))));
      const folio = pages[markPage]!.at(-1);
      expect(
        notes.find((n) => n.includes(text)),
        text,
      ).toMatch(new RegExp(`p\\. ${folio} `));
    }
    const first = notes.find((n) => n.includes('first'))!;
    const second = notes.find((n) => n.includes('second'))!;
    expect(first).not.toBe(second.replace('second', 'first'));
  });

  it('prints the address of an external link after its text, and the licence address in the colophon', () => {
    const text = pages.flat().join(' ');
    expect(text).toContain('Octavo site (https://example.org/octavo)');
    expect(text).toContain('(https://creativecommons.org/licenses/by/4.0/)');
  });
});

describe('furniture of long books', () => {
  it('is printed in parts and laid on the right pages', async () => {
    const dir = await tempBook({ 'book.yaml': YAML, ...CHAPTERS }, 'octavo-print-');
    const { composed } = await prepareBook(dir);
    const ids = composed.divisions.map((d) => d.id);
    expect(ids).toEqual(['titlepage', 'contents', 'ch-1', 'ch-2', 'colophon']);
    const starts = new Map([
      ['titlepage', 0],
      ['contents', 1],
      ['ch-1', 2],
      ['ch-2', 5],
      ['colophon', 8],
    ]);
    const sheets = planFurniture(composed, { starts, pageCount: 10, firstBodyPage: 2, blanks: new Set() });
    const doc = await PDFDocument.create();
    for (let i = 0; i < 10; i++) doc.addPage([420, 595]);
    const work = await mkdtemp(path.join(os.tmpdir(), 'octavo-furniture-'));
    try {
      await installPrintFonts(work);
      // Three sheets a print: four parts for ten pages.
      const parts = await renderFurniture(browser, work, sheets, composed, PRINT_FONT_CSS, 0, 3);
      expect(parts).toHaveLength(4);
      await overlayFurniture(doc, parts, sheets, 3);
      const file = path.join(work, 'overlaid.pdf');
      await writeFile(file, await doc.save());
      const pages = await pageLines(file);
      expect(pages.map((p) => p.at(-1) ?? '')).toEqual(['', 'ii', '1', '2', '3', '4', '5', '6', '7', '8']);
      expect(pages[3]![0]).toBe('Heads Book');
      expect(pages[4]![0]).toBe('First Chapter');
      expect(pages[6]![0]).toBe('Second Chapter');
      expect(pages[8]).toEqual(['7']);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});

describe('page options in book.yaml', () => {
  it('shows what running-heads asks for', async () => {
    const r = await built('heads', 'pdf:\n  running-heads:\n    verso: chapter-title\n    recto: none\n');
    const pages = await pageLines(r.outputs.pdf!);
    const first = pages.findIndex((p) => p[0] === 'First Chapter');
    expect(pages[first + 1]![0]).toBe('First Chapter');
    // No head on the recto: its first line is running text.
    expect(pages[first + 2]![0]).not.toMatch(/^(First Chapter|Heads Book)$/);
    expect(pages[first + 2]!.at(-1)).toBe('3');
  });

  it('leaves link addresses out with link-urls: false', async () => {
    const r = await built('links', 'pdf:\n  link-urls: false\n');
    expect(await pdftotext(r.outputs.pdf!)).not.toContain('https://example.org/octavo');
  });

  it('sets a named trade size, and mirrors the margins towards the binding side', async () => {
    const left = await built('trade', 'pdf:\n  page-size: US Trade\n');
    expect((await pdfinfo(left.outputs.pdf!))['Page size']).toMatch(/^432 x 648 pts/);
    const right = await built('bound-right', 'pdf:\n  binding: right\n');
    // The left edge of the text column (the leftmost word of a full page), on a recto and on the verso after it.
    const columnLeft = async (file: string, page: number) =>
      Math.min(...(await pdfWords(file, page)).filter((w) => w.yMin > 60 && w.yMin < 540).map((w) => w.xMin));
    const layout = async (r: BuildResult) => {
      const pages = await pageLines(r.outputs.pdf!);
      const recto = pages.findIndex(
        (p, i) => i % 2 === 0 && p[0] === 'First Chapter' && i > 2 && pages[i - 1]![0] === 'Heads Book',
      );
      return { recto: await columnLeft(r.outputs.pdf!, recto + 1), verso: await columnLeft(r.outputs.pdf!, recto) };
    };
    const a5 = await built('default');
    const bindLeft = await layout(a5);
    const bindRight = await layout(right);
    // A5: inner margin 17 mm (48 pt), outer 13.3 mm (38 pt).
    expect(bindLeft.recto - bindLeft.verso).toBeGreaterThan(8);
    expect(bindRight.verso - bindRight.recto).toBeGreaterThan(8);
  });

  it('refuses an unknown trim size with the line and the names it knows', async () => {
    const dir = await tempBook({ 'book.yaml': `${YAML}pdf:\n  page-size: Quarto\n`, ...CHAPTERS }, 'octavo-print-');
    const run = await octavo(['check', dir], dir);
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toMatch(
      /book\.yaml:7:3 error .*page-size.* must be one of A4, A5, A6, B5, Letter, Legal, US Trade, Digest, Novel/,
    );
  });
});

describe('the print-shop PDF', () => {
  let result: BuildResult;
  beforeAll(async () => {
    result = await built('shop', 'print:\n  bleed: 3mm\n  crop-marks: true\n  colour: grey\n  page-multiple: 4\n');
  });

  it('is written beside the reading PDF, which stays at trim size', async () => {
    expect(path.basename(result.outputs['print-shop']!)).toBe('heads-book-print.pdf');
    expect((await pdfinfo(result.outputs.pdf!))['Page size']).toMatch(/^420 x 59[45]/);
  });

  it('has a trim box of the page size, a bleed box 3 mm larger each side, and room for the crop marks', async () => {
    const boxes = await pdfBoxes(result.outputs['print-shop']!, 1);
    const size = (b: number[]): [number, number] => [b[2]! - b[0]!, b[3]! - b[1]!];
    const mm = 72 / 25.4;
    const [tw, th] = size(boxes.TrimBox!);
    expect(tw).toBeCloseTo(148 * mm, 0);
    expect(th).toBeCloseTo(210 * mm, 0);
    const [bw, bh] = size(boxes.BleedBox!);
    expect(bw - tw).toBeCloseTo(6 * mm, 0);
    expect(bh - th).toBeCloseTo(6 * mm, 0);
    expect(boxes.TrimBox![0] - boxes.BleedBox![0]).toBeCloseTo(3 * mm, 0);
    const [mw] = size(boxes.MediaBox!);
    // Crop marks 3 mm off the trim and 6 mm long, in a slug 8 mm beyond the bleed.
    expect(mw - bw).toBeCloseTo(2 * 8 * mm, 0);
  });

  it('pads the pages to a multiple of 4, passes qpdf --check, and is grey only', async () => {
    const file = result.outputs['print-shop']!;
    const pages = Number((await pdfinfo(file)).Pages);
    expect(pages % 4).toBe(0);
    expect(pages).toBeGreaterThanOrEqual(Number((await pdfinfo(result.outputs.pdf!)).Pages));
    const check = await qpdfCheck(file);
    expect(check.ok, check.output).toBe(true);
    const ink = await inkCoverage(file);
    expect(ink).toHaveLength(pages);
    for (const [c, m, y, k] of ink) {
      expect(c + m + y).toBe(0);
      expect(k).toBeGreaterThanOrEqual(0);
    }
    expect(ink.some(([, , , k]) => k > 0.001)).toBe(true);
  });

  it('still carries the licence notice, as text and as metadata', async () => {
    const file = result.outputs['print-shop']!;
    const text = normalise(await pdftotext(file));
    expect(text).toContain('“Heads Book” by Ann Author');
    expect(text).toContain('Creative Commons Attribution 4.0 International');
    const licence = await octavo(['licence', file], repoRoot);
    expect(licence.code, licence.stdout + licence.stderr).toBe(0);
    expect(LICENCE_SENTENCE.length).toBeGreaterThan(0);
  });

  it('is written with defaults by build --print-shop, crop marks in registration colour', async () => {
    const r = await built('shop-flag', '', { printShop: true });
    const file = r.outputs['print-shop']!;
    const ink = await inkCoverage(file);
    // Registration colour prints on all four plates; the text is black only (K) in the reading PDF's colours.
    expect(ink.every(([c, m, y]) => c > 0 && m > 0 && y > 0)).toBe(true);
    expect((await qpdfCheck(file)).ok).toBe(true);
  });
});

describe('transparency in the print-shop PDF', () => {
  it('is reported with its page, and not reported for a book of text', async () => {
    const dir = await tempBook(
      {
        'book.yaml': YAML,
        'a.md': '# See-through\n\n![A half-transparent field](glass.png)\n',
        'glass.png': solidPng(1600, 400, [200, 0, 0, 128]),
      },
      'octavo-alpha-',
    );
    const reporter = new CollectingReporter();
    const built = await build({
      input: dir,
      outDir: path.join(dir, 'dist'),
      browser,
      formats: ['pdf'],
      printShop: true,
      reporter,
    });
    const found = built.diagnostics.filter((d) => d.code === 'pdf/transparency');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/on page 3 /);
    const plain = new CollectingReporter();
    const text = await tempBook({ 'book.yaml': YAML, ...CHAPTERS }, 'octavo-print-');
    const plainBuilt = await build({
      input: text,
      outDir: path.join(text, 'dist'),
      browser,
      formats: ['pdf'],
      printShop: true,
      reporter: plain,
    });
    expect(plainBuilt.diagnostics.filter((d) => d.code === 'pdf/transparency')).toEqual([]);
  });
});

describe('the print-shop PDF in CMYK', () => {
  it('has no RGB colour left, black text on the black plate only, and colour where the picture is', async () => {
    const dir = await tempBook(
      {
        'book.yaml': `${YAML}print:\n  colour: cmyk\n  crop-marks: false\n`,
        'a.md': '# Colour\n\nBlack text beside a red picture.\n\n![A red field](red.png)\n',
        'red.png': solidPng(600, 300, [220, 30, 30]),
      },
      'octavo-cmyk-',
    );
    const r = await build({ input: dir, outDir: path.join(dir, 'dist'), browser, formats: ['pdf'] });
    const file = r.outputs['print-shop']!;
    const ops = await colourOperators(file);
    expect([...ops].filter((op) => op === 'rg' || op === 'RG')).toEqual([]);
    const ink = await inkCoverage(file);
    const pages = (await pdftotext(file)).split('\f');
    const picture = pages.findIndex((p) => p.includes('Black text beside a red picture'));
    for (const [i, [c, m, y, k]] of ink.entries()) {
      if (i === picture) {
        expect(m).toBeGreaterThan(0.01);
        expect(y).toBeGreaterThan(0.01);
      } else if (k > 0) {
        // Text only: black ink, none of the other three.
        expect(c + m + y, `page ${i + 1}`).toBe(0);
      }
    }
    const boxes = await pdfBoxes(file, 1);
    // Without crop marks the page is the bleed box (what print-on-demand services ask for).
    expect(boxes.MediaBox).toEqual(boxes.BleedBox);
  });
});

describe('PDF/X-3', () => {
  it('is made by Ghostscript with an output intent, boxes, embedded fonts and the licence readable', async () => {
    const r = await built('pdfx', 'print:\n  pdfx: true\n  page-multiple: 4\n');
    const file = r.outputs['print-shop']!;
    const bytes = await readFile(file);
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.3');
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    const intent = doc.catalog.lookup(PDFName.of('OutputIntents'), PDFArray).lookup(0, PDFDict);
    expect(intent.lookup(PDFName.of('S'))).toBe(PDFName.of('GTS_PDFX'));
    expect(intent.lookup(PDFName.of('DestOutputProfile'))).toBeDefined();
    const info = await pdfinfo(file);
    expect(info['PDF version']).toBe('1.3');
    expect(Number(info.Pages) % 4).toBe(0);
    expect((await qpdfCheck(file)).ok).toBe(true);
    const boxes = await pdfBoxes(file, 1);
    expect(boxes.TrimBox![2] - boxes.TrimBox![0]).toBeCloseTo(148 * (72 / 25.4), 0);
    expect(boxes.BleedBox![0]).toBeLessThan(boxes.TrimBox![0]);
    const docInfo = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
    expect((docInfo.lookup(PDFName.of('GTS_PDFXVersion')) as PDFString).decodeText()).toBe('PDF/X-3:2002');
    expect((docInfo.lookup(PDFName.of('License')) as PDFString).decodeText()).toBe(
      'https://creativecommons.org/licenses/by/4.0/',
    );
    expect((await pdffonts(file)).every((f) => f.embedded)).toBe(true);
    expect(normalise(await pdftotext(file))).toContain('“Heads Book” by Ann Author');
    const licence = await octavo(['licence', file], repoRoot);
    expect(licence.code, licence.stdout).toBe(0);
  });
});

describe('page pictures', () => {
  it('draws spreads of the sample book, kept as test artefacts', async () => {
    const dir = path.join(repoRoot, 'test-artifacts', 'sample-spreads');
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    const sample = await build({
      input: path.join(repoRoot, 'manuscript'),
      outDir: path.join(dir, 'dist'),
      browser,
      formats: ['pdf'],
    });
    const pictures = await renderPreview(sample.outputs.pdf!, dir, { spreads: true, pages: [1, 2, 3, 4, 5], dpi: 40 });
    expect(pictures.map((p) => path.basename(p))).toEqual([
      'spread-001.png',
      'spread-002-003.png',
      'spread-004-005.png',
    ]);
    // A5 at 40 dpi: 233 × 331 px a page; a spread is two pages wide.
    const spread = await pngSize(pictures[1]!);
    expect(spread.width).toBeGreaterThanOrEqual(2 * 232);
    expect(spread.width).toBeLessThanOrEqual(2 * 234);
    expect(spread.height).toBeGreaterThanOrEqual(330);
  });

  it('octavo preview draws chosen pages and refuses a malformed page list', async () => {
    const r = await built('default');
    const out = path.join(path.dirname(r.outputs.pdf!), 'pv');
    const ok = await octavo(['preview', r.outputs.pdf!, '--pages', '2-3', '--dpi', '20', '--out', out], repoRoot);
    expect(ok.code, ok.stderr).toBe(0);
    expect(
      ok.stdout
        .trim()
        .split('\n')
        .map((l) => path.basename(l)),
    ).toEqual(['page-002.png', 'page-003.png']);
    const bad = await octavo(['preview', r.outputs.pdf!, '--pages', 'three'], repoRoot);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--pages "three" is not a page list');
  });
});

describe('the print at full size', () => {
  /**
   * Chromium shrinks every page when anything on one reaches past the text
   * column's right edge, and an inline's end padding at the end of a line does
   * (the note marks' did, by 0.76 px in the 150k-word bench book: it printed at
   * 99.8 % and its page list lost four chapters). A line that is exactly as
   * wide as the page ends in a note mark, with the print stylesheet and with
   * the padding a screen gives the mark.
   */
  it('has no padding beside a note mark that could reach past the column', async () => {
    const css = ['base.css', 'print.css'].map((f) => readFile(path.join(repoRoot, 'templates/default/css', f), 'utf8'));
    const sheet = (await Promise.all(css)).join('\n');
    const page = await browser.newPage();
    try {
      const scaleWith = async (extra: string, width?: number) => {
        await page.setContent(
          `<html><head><style>${sheet}\n@page { size: ${width ?? 1000}px 300px; margin: 0; }
          body { margin: 0; } p { margin: 0; text-indent: 0; white-space: nowrap; } ${extra}</style></head>
          <body><p>The last word.<sup><a role="doc-noteref" href="#fn-1">1</a></sup></p></body></html>`,
        );
        // Where the mark's digit ends: the page is made exactly that wide.
        const right = await page.evaluate(() => {
          const range = document.createRange();
          range.selectNodeContents(document.querySelector('a')!);
          return range.getBoundingClientRect().right;
        });
        if (width === undefined) return scaleWith(extra, Math.ceil(right * 64) / 64);
        const [scale] = await printScalesOf(await page.pdf({ preferCSSPageSize: true }));
        return scale!;
      };
      expect(await scaleWith('')).toBe(1);
      // The control: with the screen's padding the same line makes Chromium shrink the page.
      expect(await scaleWith('sup a[role="doc-noteref"] { padding: 0 0.1em; }')).toBeLessThan(0.999);
    } finally {
      await page.close();
    }
  });
});
