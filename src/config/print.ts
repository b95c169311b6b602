/** The print settings of book.yaml (`pdf:` and `print:`), defaulted and in millimetres. */
import { defaultMargins, parseLength, parseTrimSize } from '../print/lengths.js';
import type { PdfConfig, PrintShopConfig } from './config.js';
import type { BookYaml } from './schema.js';

/** Lengths were validated by the schema; this only converts them. */
function mmOf(value: string | number | undefined, fallback: number): number {
  return value === undefined ? fallback : (parseLength(value) ?? fallback);
}

export function pdfConfig(y: BookYaml, dir: 'ltr' | 'rtl'): PdfConfig {
  const pageSize = y.pdf?.['page-size'] ?? 'A5';
  const trim = parseTrimSize(pageSize) ?? { width: 148, height: 210 };
  const base = defaultMargins(trim);
  const given = y.pdf?.margins ?? {};
  return {
    pageSize,
    trim,
    margins: {
      top: mmOf(given.top, base.top),
      bottom: mmOf(given.bottom, base.bottom),
      inner: mmOf(given.inner, base.inner),
      outer: mmOf(given.outer, base.outer),
    },
    binding: y.pdf?.binding ?? (dir === 'rtl' ? 'right' : 'left'),
    chapterStart: y.pdf?.['chapter-start'] ?? 'recto',
    runningHeads: {
      verso: y.pdf?.['running-heads']?.verso ?? 'book-title',
      recto: y.pdf?.['running-heads']?.recto ?? 'chapter-title',
    },
    linkUrls: y.pdf?.['link-urls'] ?? true,
  };
}

/** What `--print-shop` uses when book.yaml has no `print:` section. */
export const DEFAULT_PRINT_SHOP: PrintShopConfig = {
  bleed: 3,
  cropMarks: true,
  colour: 'keep',
  pageMultiple: 1,
  pdfx: false,
};

export function printShopConfig(print: NonNullable<BookYaml['print']>): PrintShopConfig {
  return {
    bleed: mmOf(print.bleed, DEFAULT_PRINT_SHOP.bleed),
    cropMarks: print['crop-marks'] ?? DEFAULT_PRINT_SHOP.cropMarks,
    colour: print.colour ?? DEFAULT_PRINT_SHOP.colour,
    pageMultiple: print['page-multiple'] ?? DEFAULT_PRINT_SHOP.pageMultiple,
    pdfx: print.pdfx ?? false,
  };
}
