/**
 * Where each page of the PDF begins, as the EPUB needs it for its page list:
 * the PDF writer measures it (writers/pdf/page-places.ts) and hands it over,
 * the EPUB writer marks each place (writers/epub/page-list.ts).
 */
import type { Place } from './places.js';

export interface PrintPageStart {
  /** 0-based index of the page in the PDF. */
  index: number;
  /** Its printed number: roman in the front matter, arabic from the first chapter. */
  folio: string;
  /** A front-matter page (roman folio). */
  front: boolean;
  /** The division the page's first text belongs to, and where in it. */
  division: string;
  place: Place;
}

export interface PrintPages {
  /** The PDF's file name, the edition the page numbers are from. */
  edition: string;
  pageCount: number;
  /** The highest arabic folio. */
  maxPageNumber: number;
  /** The pages that begin with text, in order (blank pages and pages of pictures alone have none). */
  starts: PrintPageStart[];
}

/** Handed from the PDF writer to the EPUB writers of the same build. */
export interface PrintPagesChannel {
  /** The PDF writer tells what it measured (undefined: no page list, e.g. the print failed). */
  publish(pages: PrintPages | undefined): void;
  /** What the EPUB writers wait for. */
  readonly pages: Promise<PrintPages | undefined>;
}

export function printPagesChannel(): PrintPagesChannel {
  let publish!: (pages: PrintPages | undefined) => void;
  const pages = new Promise<PrintPages | undefined>((resolve) => {
    publish = resolve;
  });
  return { publish, pages };
}
