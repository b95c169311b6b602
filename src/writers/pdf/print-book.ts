/**
 * Printing the print page with Chromium. Chromium has no target-counter(),
 * so the contents' page numbers come from a measured second pass: print a
 * draft, read where each division's anchor landed (the PDF's named
 * destinations), fill the numbers in, print again; then running heads and
 * folios are laid over each page (furniture.ts) and the metadata written.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { PDFDocument } from 'pdf-lib';
import type { Browser, Page } from 'puppeteer';
import { type HermeticPage, openHermeticPage } from '../../browser/hermetic-page.js';
import type { PdfConfig, PrintShopConfig } from '../../config/config.js';
import { error, OctavoError, warning } from '../../diagnostics.js';
import { PRINT_FONT_CSS } from '../../fonts/install.js';
import { fontsUsedBy } from '../../fonts/used-fonts.js';
import { collectCredits } from '../../licence/credits.js';
import type { PrintPages } from '../../page-list/print-pages.js';
import type { ComposedBook } from '../../templates/compose.js';
import { loadPdf, savePdf } from '../../util/pdf-io.js';
import type { WriterContext, WriterOutput } from '../writer.js';
import { readDestinations } from './destinations.js';
import {
  type FurnitureLayout,
  folioOf,
  overlayFurniture,
  planFurniture,
  renderFurniture,
  type Sheet,
} from './furniture.js';
import { machineFonts } from './machine-fonts.js';
import { measurePlaces, type PlacesMeasure } from './measure-places.js';
import { finishPdf, type PageLabelRange } from './metadata.js';
import { PAGE_STYLE, pageCss, textColumnPx } from './page-css.js';
import type { PagePlaces } from './page-places.js';
import { findOutputProfile, writePdfxFiles } from './pdfx.js';
import { printScale } from './print-scale.js';
import { convertColour, prepress, transparentPages } from './print-shop.js';
import { lowResolutionImages } from './resolution.js';
import { plainTextLayer } from './text-layer.js';

export interface PdfLayout extends Omit<FurnitureLayout, 'blanks'> {
  /** Page index of every named destination (divisions, note marks). */
  anchors: Map<string, number>;
}

/** What the writer has made ready: the print folder (fonts linked in), the print page and its fonts. */
export interface PrintJob {
  workDir: string;
  html: string;
  fontFaces: string;
  printShop: PrintShopConfig | undefined;
  /** The page's numbered places, to find where each page begins (for the EPUB's page list). */
  places?: PagePlaces;
}

export interface PrintResult {
  outputs: WriterOutput[];
  /** Where each page of the reading PDF begins, when the job had places. */
  pages?: PrintPages;
}

/** `draft`: only to measure where things land; untagged and without outline, which prints faster. */
async function print(page: Page, draft = false): Promise<Uint8Array> {
  return page.pdf({ preferCSSPageSize: true, outline: !draft, tagged: !draft, printBackground: true, timeout: 0 });
}

const DRAFT_STYLE = 'octavo-draft';

/**
 * The print that only measures where things land. Nothing on it is painted
 * (`visibility: hidden` keeps every box where it is, and Chromium still writes
 * the named destinations), so Chromium skips drawing and embedding the glyphs:
 * about half the time of a full print.
 */
async function printDraft(page: Page): Promise<Uint8Array> {
  await page.evaluate((id: string) => {
    const style = document.createElement('style');
    style.id = id;
    style.textContent = '* { visibility: hidden !important; }';
    document.head.append(style);
  }, DRAFT_STYLE);
  try {
    return await print(page, true);
  } finally {
    await page.evaluate((id: string) => document.getElementById(id)?.remove(), DRAFT_STYLE);
  }
}

/**
 * Gives every page-number slot (contents, notes) a fixed width, wide enough
 * for the longest number the book will likely need, and fills it with zeros for
 * the draft. Filling the real numbers in then moves nothing, so the print after
 * the draft lands where the draft said (a 2,000-page book's four-digit numbers
 * in slots measured with three reflowed its notes and cost a third print).
 */
async function reservePageNumbers(page: Page, pdf: PdfConfig): Promise<void> {
  const textArea = {
    width: pdf.trim.width - pdf.margins.inner - pdf.margins.outer,
    height: pdf.trim.height - pdf.margins.top - pdf.margins.bottom,
  };
  await page.evaluate((area: { width: number; height: number }) => {
    const style = getComputedStyle(document.body);
    const fontPx = Number.parseFloat(style.fontSize);
    const linePx = Number.parseFloat(style.lineHeight) || fontPx * 1.4;
    const mmPx = 96 / 25.4;
    // Roughly half an em a letter; headings, breaks and blank pages make up the rest.
    const perPage = ((area.width * mmPx) / (fontPx * 0.5)) * ((area.height * mmPx) / linePx);
    const pages = ((document.body.textContent ?? '').length / perPage) * 1.2;
    const digits = Math.max(3, String(Math.ceil(pages)).length);
    document.documentElement.style.setProperty('--page-number-digits', `${digits}ch`);
    for (const el of document.querySelectorAll<HTMLElement>('[data-page-for]')) el.textContent = '0'.repeat(digits);
  }, textArea);
}

function measure(doc: PDFDocument, composed: ComposedBook): PdfLayout {
  const dests = readDestinations(doc);
  const starts = new Map<string, number>();
  for (const d of composed.divisions) {
    const at = dests.get(d.id);
    if (at !== undefined) starts.set(d.id, at);
  }
  const firstChapter = composed.divisions.find((d) => d.matter === 'body');
  const firstBodyPage = (firstChapter && starts.get(firstChapter.id)) ?? 0;
  return { starts, pageCount: doc.getPageCount(), firstBodyPage, anchors: dests };
}

/** Divisions that open on a recto: chapters and the other manuscript divisions, and parts. */
function openers(composed: ComposedBook): string[] {
  return composed.divisions.filter((d) => d.chapter || d.kind === 'part').map((d) => d.id);
}

/**
 * Puts a blank page before every opener that the last print placed on a verso.
 * Recto pages are the odd ones (the first page is a recto, in either direction),
 * so 0-based even indexes. One page added shifts every later opener by one.
 * Returns the page index (in the last print) of each opener that got a blank page.
 */
async function padToRecto(page: Page, layout: PdfLayout, ids: string[]): Promise<number[]> {
  const starts = ids.filter((id) => layout.starts.has(id)).map((id) => [id, layout.starts.get(id)!] as const);
  return page.evaluate((list: (readonly [string, number])[]) => {
    const padded: number[] = [];
    for (const [id, start] of list) {
      if ((start + padded.length) % 2 === 0) continue;
      const el = document.getElementById(id);
      if (!el?.parentNode) continue;
      const blank = document.createElement('div');
      blank.className = 'blank-page';
      blank.setAttribute('aria-hidden', 'true');
      el.parentNode.insertBefore(blank, el);
      padded.push(start);
    }
    return padded;
  }, starts);
}

/** Where everything should land once a blank page is added before the pages at `padded`. */
function shifted(layout: PdfLayout, padded: number[]): PdfLayout {
  const move = (index: number) => index + padded.filter((p) => p <= index).length;
  const remap = (m: Map<string, number>) => new Map([...m].map(([id, i]) => [id, move(i)]));
  return {
    starts: remap(layout.starts),
    anchors: remap(layout.anchors),
    pageCount: layout.pageCount + padded.length,
    firstBodyPage: move(layout.firstBodyPage),
  };
}

/** Writes the folio of each anchor into the slots that ask for it: the contents, the notes. */
async function fillPageNumbers(page: Page, layout: PdfLayout): Promise<void> {
  const folios: Record<string, string> = {};
  for (const [id, index] of layout.anchors) folios[id] = folioOf(index, layout.firstBodyPage);
  await page.evaluate((map: Record<string, string>) => {
    for (const el of document.querySelectorAll<HTMLElement>('[data-page-for]')) {
      el.textContent = map[el.dataset.pageFor ?? ''] ?? '';
    }
  }, folios);
}

function sameLayout(a: PdfLayout, b: PdfLayout): boolean {
  if (a.pageCount !== b.pageCount) return false;
  for (const [id, index] of a.anchors) if (b.anchors.get(id) !== index) return false;
  return true;
}

/** The pages padToRecto added: each sits just before the division it pushed onto a recto. */
async function blankPages(page: Page, layout: PdfLayout): Promise<Set<number>> {
  const before = await page.evaluate(() =>
    [...document.querySelectorAll('.blank-page')].map((b) => b.nextElementSibling?.id ?? ''),
  );
  return new Set(before.flatMap((id) => (layout.starts.has(id) ? [layout.starts.get(id)! - 1] : [])));
}

function pageLabels(layout: PdfLayout): PageLabelRange[] {
  const labels: PageLabelRange[] = [];
  if (layout.firstBodyPage > 0) labels.push({ start: 0, style: 'r' });
  labels.push({ start: layout.firstBodyPage, style: 'D', first: 1 });
  return labels;
}

/** Warns about the pages of the print-shop PDF that use transparency (see print-shop.ts). */
function reportTransparency(doc: PDFDocument, context: WriterContext, pdfx: boolean): void {
  const pages = transparentPages(doc);
  if (!pages.length) return;
  const list = pages.length > 8 ? `${pages.slice(0, 8).join(', ')} and ${pages.length - 8} more` : pages.join(', ');
  context.diagnostics.push(
    warning(
      'pdf/transparency',
      `the print-shop PDF uses transparency on page${pages.length > 1 ? 's' : ''} ${list} (an image with an alpha channel, or see-through colour)${pdfx ? '; PDF/X-3 flattens each such page into one image' : ''}.`,
      {
        hint: pdfx
          ? 'Save such images without an alpha channel, on white, to keep those pages as text and vectors.'
          : 'Most print-on-demand services accept it; a print shop that wants PDF/X-1a needs it flattened: save such images without an alpha channel, on white.',
      },
    ),
  );
}

/** Both tabs, or, if either fails to open, the failure, with the other closed. */
async function bothOrNeither(
  a: Promise<HermeticPage>,
  b: Promise<HermeticPage>,
): Promise<[HermeticPage, HermeticPage]> {
  const [x, y] = await Promise.allSettled([a, b]);
  if (x.status === 'fulfilled' && y.status === 'fulfilled') return [x.value, y.value];
  for (const r of [x, y]) if (r.status === 'fulfilled') await r.value.close();
  throw x.status === 'rejected' ? x.reason : (y as PromiseRejectedResult).reason;
}

/** Prints the book (composed with its page divisions) with `browser`; returns the reading PDF and, if asked, the print-shop PDF. */
export async function printBook(
  composed: ComposedBook,
  context: WriterContext,
  browser: Browser,
  job: PrintJob,
): Promise<PrintResult> {
  const { workDir, html, fontFaces, printShop } = job;
  const places = job.places;
  const divisionOrder = composed.divisions.map((d) => d.id);
  const { config } = composed.book;
  const { slug } = context;
  let last = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    context.timings[name] = (context.timings[name] ?? 0) + now - last;
    last = now;
  };
  // Chromium's page.pdf() tells nothing until it is done: the phases, and pages n/N where we loop over them.
  const phase = (name: string) => context.reporter?.phase?.('pdf', name);
  const pages = (done: number, total: number) => context.reporter?.progress?.('pdf', done, total, 'pages');
  // Opening a tab costs about half a second: the book's and the running heads' open together, meanwhile.
  const opening = bothOrNeither(openHermeticPage(browser, workDir), openHermeticPage(browser, workDir));
  opening.catch(() => undefined);
  const htmlFile = path.join(workDir, 'book.html');
  await writeFile(htmlFile, html);
  for (const asset of composed.book.assets) {
    await mkdir(path.dirname(path.join(workDir, asset.href)), { recursive: true });
    await writeFile(path.join(workDir, asset.href), asset.bytes);
  }
  const [hermetic, headsTab] = await opening;
  let headsTabTaken = false;
  try {
    const { page } = hermetic;
    await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load', timeout: 0 });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await reservePageNumbers(page, config.pdf);
    lap('load');
    phase('printing a draft to measure');
    const draft = await printDraft(page);
    lap('print');
    phase('measuring');
    let doc = await loadPdf(draft);
    let layout = measure(doc, composed);
    lap('measure');
    const recto = config.pdf.chapterStart === 'recto';
    // Each pass adds the blank pages the last print showed are needed, writes the page numbers
    // where things should now land, prints, and stops once they did land there.
    let settled = false;
    const furnitureStyles = `${fontFaces}\n${PRINT_FONT_CSS}\n${composed.theme.css.print}`;
    const sheetsFor = async (at: PdfLayout) => planFurniture(composed, { ...at, blanks: await blankPages(page, at) });
    // The running heads of the layout the next print should have, printed in another tab meanwhile;
    // used if the book does land there, as it nearly always does after the draft.
    let early: { sheets: Sheet[]; parts: Promise<Uint8Array[]> } | undefined;
    let measured: PlacesMeasure | undefined;
    for (let pass = 0; pass < 4 && !settled; pass++) {
      const padded = recto ? await padToRecto(page, layout, openers(composed)) : [];
      const expected = shifted(layout, padded);
      await fillPageNumbers(page, expected);
      // Where each page begins, for the layout this print should have (the anchors it adds stay in).
      if (places) {
        phase('measuring where each page begins');
        // Drafts (measure-places.ts hides what they paint, once for all of them).
        measured = await measurePlaces(page, places, expected, divisionOrder, () => print(page, true));
        lap('page places');
      }
      if (!early) {
        const sheets = await sheetsFor(expected);
        headsTabTaken = true;
        early = {
          sheets,
          parts: renderFurniture(
            browser,
            workDir,
            sheets,
            composed,
            furnitureStyles,
            0,
            undefined,
            undefined,
            headsTab,
          ),
        };
        early.parts.catch(() => undefined);
      }
      phase(`printing ${expected.pageCount} pages (pass ${pass + 2}) and their running heads`);
      const printed = await print(page);
      lap('print');
      phase('measuring');
      doc = await loadPdf(printed);
      layout = measure(doc, composed);
      lap('measure');
      settled = sameLayout(expected, layout);
    }
    if (!settled) {
      context.diagnostics.push(
        warning(
          'pdf/unsettled',
          'the page numbers in the contents and notes did not settle after four prints; some may be off by a page.',
          {
            hint: 'Please report the book; a page whose content changes with the numbers written into it (e.g. a very tight contents page) can cause this.',
          },
        ),
      );
    }
    const scale = printScale(doc);
    if (scale !== undefined && scale < 0.999) {
      context.diagnostics.push(
        warning(
          'pdf/shrunk',
          `something reaches past the right edge of the text column, so Chromium printed every page of the PDF at ${(scale * 100).toFixed(1)} %: smaller type, and other line and page breaks.`,
          {
            hint: 'Look for a wide table or picture, a line that cannot break, or (right to left) list bullets with too little indent in a theme; give it room or let it wrap.',
          },
        ),
      );
    }
    const foreign = machineFonts(doc);
    if (foreign.length) {
      context.diagnostics.push(
        warning(
          'pdf/machine-font',
          `the PDF uses font(s) of this machine, not of the book: ${foreign.join(', ')}. Built elsewhere, those characters may look different or be missing.`,
          {
            hint: 'A character none of the print fonts has (see "Fonts" in the README), or text in an SVG picture (a picture cannot use the book\'s fonts: turn its text into paths, or use a PNG).',
          },
        ),
      );
    }
    const missing = composed.divisions.filter((d) => d.inToc && !layout.starts.has(d.id));
    if (missing.length) throw new Error(`PDF lost the anchors of: ${missing.map((d) => d.id).join(', ')}`);
    if (hermetic.blocked.length) {
      throw new OctavoError(
        error(
          'pdf/blocked-request',
          `the print page tried to load ${hermetic.blocked.length} resource(s) from outside the book, e.g. ${hermetic.blocked[0]}.`,
          {
            hint: 'Put every image, font and style the book uses inside the book folder.',
          },
        ),
      );
    }
    const sheets = await sheetsFor(layout);
    const credits = collectCredits(composed.book, fontsUsedBy(composed.book));
    const finish = async (printed: PDFDocument, bleed: number, edition = '') => {
      let parts: Uint8Array[];
      if (bleed === 0 && early && isDeepStrictEqual(early.sheets, sheets)) {
        parts = await early.parts;
      } else {
        phase(`${edition}printing running heads and folios`);
        pages(0, sheets.length);
        parts = await renderFurniture(browser, workDir, sheets, composed, furnitureStyles, bleed, undefined, pages);
      }
      lap('furniture print');
      phase(`${edition}placing running heads and folios`);
      pages(0, sheets.length);
      await overlayFurniture(printed, parts, sheets, undefined, pages);
      lap('furniture overlay');
      return printed;
    };
    phase('taking soft hyphens out of the text layer');
    await plainTextLayer(doc);
    lap('text layer');
    const reader = await finish(doc, 0);
    phase('saving');
    const outputs: WriterOutput[] = [
      {
        name: `${slug}.pdf`,
        bytes: await finishPdf(reader, config, pageLabels(layout), credits),
        pages: reader.getPageCount(),
      },
    ];
    lap('metadata and save');
    const pageStarts = measured && places?.pages(measured.layout, measured.starts, `${slug}.pdf`);
    if (measured?.unmeasured.length) {
      context.diagnostics.push(
        warning(
          'epub/page-list-partial',
          `the EPUB's list of the PDF's pages leaves out the pages of ${measured.unmeasured.length} division(s) (${measured.unmeasured.slice(0, 3).join(', ')}${measured.unmeasured.length > 3 ? ', …' : ''}): printed apart, they did not lay out as in the book.`,
          { hint: 'Please report the book: a style that depends on what comes before a chapter can cause this.' },
        ),
      );
    }

    if (printShop) {
      // The same layout with the bleed around it: the text column keeps its size, so the pages break the same.
      const shop = printShop;
      phase(`print-shop: printing ${layout.pageCount} pages with bleed`);
      await page.evaluate(
        (id: string, css: string) => {
          document.getElementById(id)!.textContent = css;
        },
        PAGE_STYLE,
        pageCss(config.pdf, config.dir, shop.bleed),
      );
      const pressed = await loadPdf(await print(page));
      if (!sameLayout(layout, measure(pressed, composed)))
        throw new Error('the print-shop PDF did not lay out like the reading PDF');
      await plainTextLayer(pressed);
      let shopDoc = await finish(pressed, shop.bleed, 'print-shop: ');
      const labels = pageLabels(layout);
      let press: Uint8Array;
      if (shop.pdfx) {
        // Ghostscript last (see pdfx.ts): boxes, marks and labels first, the document info as a pdfmark.
        const colour = shop.colour === 'grey' ? 'grey' : 'cmyk';
        const profile = await findOutputProfile(colour);
        if (!profile) {
          throw new OctavoError(
            error(
              'pdf/no-icc-profile',
              `PDF/X needs an ICC output profile (${colour === 'cmyk' ? 'default_cmyk.icc' : 'default_gray.icc'}), and none was found.`,
              {
                hint: "Install Ghostscript's profiles (Debian: apt-get install libgs-common, which comes with ghostscript), or set print.pdfx: false.",
              },
            ),
          );
        }
        prepress(shopDoc, shop, config.pdf.trim);
        reportTransparency(shopDoc, context, true);
        phase('print-shop: converting to PDF/X');
        const files = await writePdfxFiles(workDir, config, profile, colour === 'cmyk' ? 4 : 1);
        press = await convertColour(await finishPdf(shopDoc, config, labels, credits), colour, workDir, files);
      } else {
        // Colour first, then boxes, marks and metadata: whatever Ghostscript rewrites, those are ours.
        if (shop.colour !== 'keep') {
          phase(`print-shop: converting colour to ${shop.colour}`);
          shopDoc = await loadPdf(await convertColour(await savePdf(shopDoc), shop.colour, workDir));
        }
        prepress(shopDoc, shop, config.pdf.trim);
        reportTransparency(shopDoc, context, false);
        press = await finishPdf(shopDoc, config, labels, credits);
      }
      outputs.push({ name: `${slug}-print.pdf`, bytes: press, role: 'print-shop', pages: shopDoc.getPageCount() });
    }

    phase('checking image resolution');
    context.diagnostics.push(...(await lowResolutionImages(page, composed.book.assets, textColumnPx(config.pdf))));
    lap('image resolution');
    return { outputs, ...(pageStarts ? { pages: pageStarts } : {}) };
  } finally {
    await hermetic.close();
    if (!headsTabTaken) await headsTab.close();
  }
}
