/**
 * The scale Chromium printed the book at. When anything on a page reaches past
 * the right edge of the text column (a wide table or picture, a line that
 * cannot break, list bullets right to left with too little indent), Chromium
 * lays every page out wider and shrinks it to fit: smaller type everywhere,
 * other line and page breaks, and pages that no longer break as they do when
 * printed apart (the page list's runs).
 */
import { decodePDFRawStream, type PDFDocument, PDFRawStream } from 'pdf-lib';

/** Points per CSS pixel: a page printed at 100 %. */
const PT_PER_PX = 0.75;

/**
 * The first page's scale relative to 100 % (Chromium scales all pages alike),
 * from the two transforms its contents begin with (the flip to PDF's axes and
 * CSS pixels to points); undefined if they are not there.
 */
export function printScale(doc: PDFDocument): number | undefined {
  const page = doc.getPages()[0];
  const contents = page?.node.Contents();
  const stream = contents && 'asArray' in contents ? doc.context.lookup(contents.asArray()[0]) : contents;
  if (!(stream instanceof PDFRawStream)) return undefined;
  const text = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
  const [flip, scale] = [...text.matchAll(/(-?[\d.]+) 0 0 -?[\d.]+ [-\d.]+ [-\d.]+ cm/g)]
    .slice(0, 2)
    .map((m) => Number(m[1]));
  if (flip === undefined || scale === undefined) return undefined;
  return (flip * scale) / PT_PER_PX;
}
