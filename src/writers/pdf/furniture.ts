/**
 * Page furniture: running heads and folios, decided per page from the
 * measured layout and drawn over the printed book.
 *
 * Chromium's margin boxes cannot do it: `:first` is ignored on named pages (so
 * a chapter's opening page would carry a running head) and there is no
 * string-set(). Instead Chromium prints a second, tiny document, one sheet per
 * book page holding only that page's head and folio, with the book's own fonts
 * (so Persian heads are shaped, Chinese heads have their glyphs); pdf-lib then
 * lays each sheet over its page as an /Artifact, outside the tagged structure
 * as PDF/UA asks of pagination artefacts.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Element } from 'hast';
import { h } from 'hastscript';
import { beginMarkedContent, endMarkedContent, type PDFDocument } from 'pdf-lib';
import type { Browser } from 'puppeteer';
import { type HermeticPage, openHermeticPage } from '../../browser/hermetic-page.js';
import type { HeadContent, PdfConfig } from '../../config/config.js';
import { joinNames, stringsFor } from '../../i18n/strings.js';
import { mm } from '../../print/lengths.js';
import type { ComposedBook, Division } from '../../templates/compose.js';
import { typesetText } from '../../transform/typography.js';
import { loadPdf } from '../../util/pdf-io.js';
import { toRoman } from '../../util/roman.js';
import { serialiseHtml } from '../serialise.js';
import { sideMargins } from './page-css.js';

export interface Sheet {
  side: 'recto' | 'verso';
  head?: { text: string; lang: string; dir: 'ltr' | 'rtl' };
  folio?: string;
}

/** Display pages: no running head and no folio (a "blind folio", as book designers say). */
const DISPLAY = new Set(['halftitle', 'titlepage', 'part', 'dedication', 'epigraph']);

export interface FurnitureLayout {
  /** Page index (0-based) where each division starts. */
  starts: Map<string, number>;
  pageCount: number;
  /** Index of the page numbered 1 (the first body division). */
  firstBodyPage: number;
  /** Blank pages added so that the next division opens on a recto. */
  blanks: Set<number>;
}

/** The folio printed on page `index`: lower-case roman in the front matter, arabic from the first chapter. */
export function folioOf(index: number, firstBodyPage: number): string {
  return index < firstBodyPage ? toRoman(index + 1) : String(index - firstBodyPage + 1);
}

function headText(what: HeadContent, composed: ComposedBook, d: Division): string | undefined {
  const { config } = composed.book;
  switch (what) {
    case 'none':
      return undefined;
    case 'book-title':
      return typesetText(config.title, config.language, config.typography);
    case 'creator':
      return joinNames(config.creators, stringsFor(config.language));
    case 'part-title': {
      const part = d.chapter?.part;
      if (part !== undefined) return config.parts[part]?.title;
      return typesetText(config.title, config.language, config.typography);
    }
    case 'chapter-title':
      return d.title;
  }
}

/** What each page of the printed book carries. */
export function planFurniture(composed: ComposedBook, layout: FurnitureLayout): Sheet[] {
  const { config } = composed.book;
  const ordered = composed.divisions
    .filter((d) => layout.starts.has(d.id))
    .map((d) => ({ d, start: layout.starts.get(d.id)! }))
    .sort((a, b) => a.start - b.start);
  const sheets: Sheet[] = [];
  // One text per division and kind of head, not one per page (the book title is typeset).
  const heads = new Map<string, string | undefined>();
  const headOf = (what: HeadContent, d: Division) => {
    const key = `${what}\u0000${d.id}`;
    if (!heads.has(key)) heads.set(key, headText(what, composed, d));
    return heads.get(key);
  };
  let at = 0;
  for (let index = 0; index < layout.pageCount; index++) {
    while (at + 1 < ordered.length && ordered[at + 1]!.start <= index) at++;
    // The first page is a recto in either direction of reading.
    const side = index % 2 === 0 ? 'recto' : 'verso';
    const current = ordered[at];
    if (!current || layout.blanks.has(index) || DISPLAY.has(current.d.kind) || index < current.start) {
      sheets.push({ side });
      continue;
    }
    const { d, start } = current;
    const sheet: Sheet = { side, folio: folioOf(index, layout.firstBodyPage) };
    if (index !== start) {
      // Front matter (contents, preface) is headed by its own title on both sides.
      const what = d.matter === 'front' ? 'chapter-title' : config.pdf.runningHeads[side];
      const text = headOf(what, d);
      const lang = what === 'chapter-title' ? (d.chapter?.lang ?? config.language) : config.language;
      const dir = what === 'chapter-title' ? (d.chapter?.dir ?? config.dir) : config.dir;
      if (text) sheet.head = { text, lang, dir };
    }
    sheets.push(sheet);
  }
  return sheets;
}

/** One sheet per page, each the page's size, with the head and folio placed over the text column. */
export function furnitureHtml(sheets: Sheet[], composed: ComposedBook, styles: string, bleed = 0): string {
  const { config } = composed.book;
  const pdf: PdfConfig = config.pdf;
  const width = pdf.trim.width + 2 * bleed;
  const height = pdf.trim.height + 2 * bleed;
  const geometry = [
    `@page { size: ${mm(width)} ${mm(height)}; margin: 0; }`,
    'html, body { margin: 0; padding: 0; }',
    `.sheet { position: relative; width: ${mm(width)}; height: ${mm(height)}; overflow: hidden; break-after: page; }`,
    // Head and folio sit in the middle of the top and bottom margins.
    `.sheet > .running-head { position: absolute; top: ${mm(bleed + pdf.margins.top * 0.42)}; margin: 0; text-align: center; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }`,
    `.sheet > .folio { position: absolute; bottom: ${mm(bleed + pdf.margins.bottom * 0.38)}; margin: 0; text-align: center; }`,
    ...(['recto', 'verso'] as const).map((side) => {
      const m = sideMargins(pdf, side);
      return `.sheet.${side} > * { left: ${mm(bleed + m.left)}; right: ${mm(bleed + m.right)}; }`;
    }),
  ].join('\n');
  const body: Element[] = sheets.map((s) =>
    h(
      'div',
      { className: ['sheet', s.side] },
      [
        s.head ? h('p', { className: ['running-head'], lang: s.head.lang, dir: s.head.dir }, s.head.text) : undefined,
        s.folio ? h('p', { className: ['folio'] }, s.folio) : undefined,
      ].filter((e): e is Element => e !== undefined),
    ),
  );
  const tree = h('html', { lang: config.language, dir: config.dir }, [
    h('head', [h('meta', { charset: 'utf-8' }), h('style', `${styles}\n${geometry}`)]),
    h('body', body),
  ]);
  return serialiseHtml({ type: 'root', children: [{ type: 'doctype' }, tree] });
}

/** Prints the furniture document (in `tab`, or a new one; closed after); untagged, since all of it becomes artefacts. */
export async function printFurniture(
  browser: Browser,
  workDir: string,
  url: string,
  tab?: HermeticPage,
): Promise<Uint8Array> {
  const { page, close, blocked } = tab ?? (await openHermeticPage(browser, workDir));
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 0 });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    // Only Octavo's own fonts and text are on these sheets: anything else is a bug.
    if (blocked.length) throw new Error(`the running heads' page tried to load ${blocked.join(', ')}`);
    return await page.pdf({
      preferCSSPageSize: true,
      tagged: false,
      outline: false,
      printBackground: true,
      timeout: 0,
    });
  } finally {
    await close();
  }
}

/**
 * Sheets per furniture print. Chromium's printing cost per page grows with the
 * page count (1,000 sheets: 1.5 ms a page; 2,645: 4.2 ms), so long books are
 * printed in parts of a size where it is still flat (about 0.85 ms a page).
 */
export const SHEETS_PER_PRINT = 400;

/** Prints the sheets in parts of SHEETS_PER_PRINT; part k holds sheets k × SHEETS_PER_PRINT onwards. */
export async function renderFurniture(
  browser: Browser,
  workDir: string,
  sheets: Sheet[],
  composed: ComposedBook,
  styles: string,
  bleed = 0,
  perPrint = SHEETS_PER_PRINT,
  /** Told the sheets printed so far after each part. */
  onProgress?: (done: number, total: number) => void,
  /** A tab opened beforehand, for the first part. */
  tab?: HermeticPage,
): Promise<Uint8Array[]> {
  const parts: Uint8Array[] = [];
  try {
    for (let start = 0; start < sheets.length; start += perPrint) {
      const file = path.join(workDir, `furniture-${bleed}-${start}.html`);
      await writeFile(file, furnitureHtml(sheets.slice(start, start + perPrint), composed, styles, bleed));
      parts.push(await printFurniture(browser, workDir, pathToFileURL(file).href, start === 0 ? tab : undefined));
      onProgress?.(Math.min(start + perPrint, sheets.length), sheets.length);
    }
  } finally {
    // Closed by its print; not if that print never began (closing twice is harmless).
    if (tab && !parts.length) await tab.close();
  }
  return parts;
}

/** Draws sheet i over page i of `doc`, as pagination artefacts. */
export async function overlayFurniture(
  doc: PDFDocument,
  parts: Uint8Array[],
  sheets: Sheet[],
  perPrint = SHEETS_PER_PRINT,
  /** Told the pages done so far after each part. */
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  if (sheets.length !== doc.getPageCount())
    throw new Error(`page furniture has ${sheets.length} sheets for ${doc.getPageCount()} pages`);
  const pages = doc.getPages();
  for (const [k, bytes] of parts.entries()) {
    const offset = k * perPrint;
    const indices = sheets.slice(offset, offset + perPrint).flatMap((s, i) => (s.head || s.folio ? [i] : []));
    const done = Math.min(offset + perPrint, sheets.length);
    if (!indices.length) {
      onProgress?.(done, sheets.length);
      continue;
    }
    const source = await loadPdf(bytes);
    if (source.getPageCount() !== Math.min(perPrint, sheets.length - offset))
      throw new Error(`page furniture part ${k + 1} has ${source.getPageCount()} sheets`);
    const embedded = await doc.embedPages(indices.map((i) => source.getPage(i)));
    indices.forEach((i, n) => {
      const page = pages[offset + i]!;
      page.pushOperators(beginMarkedContent('Artifact'));
      page.drawPage(embedded[n]!, { x: 0, y: 0 });
      page.pushOperators(endMarkedContent());
    });
    onProgress?.(done, sheets.length);
  }
}
