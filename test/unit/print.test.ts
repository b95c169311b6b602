/** Print lengths, trim sizes, page furniture rules and the print-shop boxes, without Chromium. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterEach, describe, expect, it } from 'vitest';
import { OctavoError } from '../../src/diagnostics.js';
import { parsePageList, spreadsOf } from '../../src/preview/index.js';
import { defaultMargins, parseLength, parseTrimSize } from '../../src/print/lengths.js';
import { folioOf } from '../../src/writers/pdf/furniture.js';
import { convertColour, prepress } from '../../src/writers/pdf/print-shop.js';

describe('lengths and trim sizes', () => {
  it('reads lengths in mm, cm, in and pt, a bare number as mm', () => {
    expect(parseLength('3mm')).toBe(3);
    expect(parseLength('0.5cm')).toBe(5);
    expect(parseLength('0.125in')).toBeCloseTo(3.175);
    expect(parseLength('72pt')).toBeCloseTo(25.4);
    expect(parseLength(4)).toBe(4);
    expect(parseLength('three')).toBeUndefined();
    expect(parseLength(-1)).toBeUndefined();
  });

  it('knows the trade sizes by name and reads "W H" and "W x H unit"', () => {
    expect(parseTrimSize('US Trade')).toEqual({ width: 152.4, height: 228.6 });
    expect(parseTrimSize('us-trade')).toEqual({ width: 152.4, height: 228.6 });
    expect(parseTrimSize('digest')).toEqual({ width: 139.7, height: 215.9 });
    expect(parseTrimSize('Novel')).toEqual({ width: 127, height: 203.2 });
    for (const written of ['6in 9in', '6 x 9 in', '6×9in']) {
      const size = parseTrimSize(written)!;
      expect(size.width, written).toBeCloseTo(152.4);
      expect(size.height, written).toBeCloseTo(228.6);
    }
    expect(parseTrimSize('148mm 210mm')).toEqual({ width: 148, height: 210 });
    expect(parseTrimSize('Quarto')).toBeUndefined();
  });

  it('proportions the default margins to the page, the inner one wider', () => {
    const m = defaultMargins({ width: 148, height: 210 });
    expect(m).toEqual({ top: 16.8, bottom: 21, inner: 17, outer: 13.3 });
    const big = defaultMargins({ width: 210, height: 297 });
    expect(big.inner).toBeGreaterThan(m.inner);
  });
});

describe('folios and previews', () => {
  it('numbers the front matter in roman and the body from 1', () => {
    expect([0, 1, 2, 3, 4, 5].map((i) => folioOf(i, 4))).toEqual(['i', 'ii', 'iii', 'iv', '1', '2']);
  });

  it('reads page lists and groups pages into spreads as a bound book opens', () => {
    expect(parsePageList('1-3,7')).toEqual([1, 2, 3, 7]);
    expect(parsePageList('3-1')).toBeUndefined();
    // A huge range stops at MAX_PREVIEW_PAGE instead of filling memory (the PDF's own count filters it further).
    expect(parsePageList('1-100000000')).toHaveLength(100_000);
    expect(parsePageList('2,1-3')).toEqual([2, 1, 3]);
    expect(parsePageList('x')).toBeUndefined();
    expect(spreadsOf([1, 2, 3, 4, 9], 9)).toEqual([
      [undefined, 1],
      [2, 3],
      [4, 5],
      [8, 9],
    ]);
    expect(spreadsOf([10], 10)).toEqual([[10, undefined]]);
  });
});

describe('print-shop PDF', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });

  it('sets trim and bleed boxes, grows the media box for the marks, and pads the page count', async () => {
    const mm = 72 / 25.4;
    const doc = await PDFDocument.create();
    for (let i = 0; i < 5; i++) doc.addPage([154 * mm, 216 * mm]);
    const { padded } = prepress(
      doc,
      { bleed: 3, cropMarks: true, colour: 'keep', pageMultiple: 8, pdfx: false },
      { width: 148, height: 210 },
    );
    expect(padded).toBe(3);
    expect(doc.getPageCount()).toBe(8);
    const page = doc.getPage(7);
    const trim = page.getTrimBox();
    expect(trim.width).toBeCloseTo(148 * mm, 1);
    expect(trim.x).toBeCloseTo(3 * mm, 1);
    expect(page.getBleedBox().width).toBeCloseTo(154 * mm, 1);
    expect(page.getMediaBox().x).toBeCloseTo(-8 * mm, 1);
  });

  it('says plainly that colour conversion needs Ghostscript when it is missing', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'octavo-gs-'));
    dirs.push(dir);
    const pathBefore = process.env.PATH;
    process.env.PATH = dir;
    try {
      const error = await convertColour(new Uint8Array([37, 80, 68, 70]), 'grey', dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OctavoError);
      expect((error as OctavoError).diagnostics[0]).toMatchObject({
        code: 'pdf/ghostscript',
        message: expect.stringContaining('needs Ghostscript'),
      });
    } finally {
      process.env.PATH = pathBefore;
    }
  });
});
