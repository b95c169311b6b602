/**
 * The PDF's text layer without soft hyphens. The build puts a soft hyphen
 * (U+00AD) at every hyphenation point of the print edition (hyphenate.ts), and
 * Chromium draws each one as a glyph in a marked-content span whose
 * ActualText is U+00AD: an invisible glyph of no width inside a word, the
 * hyphen where a line breaks. Search, copy and screen readers then read
 * "Pres\u00adi\u00addent". Here the invisible ones leave the page contents
 * (their position kept, so nothing moves), and a hyphen at a line's end reads
 * as "-", as LaTeX's PDFs read.
 */
import { promisify } from 'node:util';
import { constants, deflate, inflateSync } from 'node:zlib';
import { decodePDFRawStream, PDFArray, type PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';

/** Skia's marked-content span for one soft hyphen (its hex in capitals), and whether the next glyph is drawn where it was. */
const SOFT_HYPHEN_SPAN = /\/Span<<\/ActualText <(?:FEFF00AD|feff00ad)> >> BDC\n((?:[^\n]*\n)*?)EMC\n(0 0 Td )?/g;

/** The glyphs a span shows: `<00c4> Tj` (a hex string and its operator, alone or after a Td on the line). */
const SHOW_GLYPHS = /<[0-9a-fA-F]*> Tj$/;

/**
 * One content stream's operators, soft hyphens taken out. A span followed by
 * `0 0 Td` is inside a word: the next glyph is drawn where it was, so it has
 * no width; otherwise it ends a line and shows the hyphen.
 */
export function withoutSoftHyphens(content: string): string {
  const spans = content.replace(SOFT_HYPHEN_SPAN, (_span, inner: string, next: string | undefined) => {
    const kept = inner
      .split('\n')
      .map((line) => line.replace(SHOW_GLYPHS, '').trimEnd())
      .filter(Boolean);
    return `${kept.map((l) => `${l}\n`).join('')}${next ?? ''}`;
  });
  // A ligature drawn over a hyphenation point ("f\u00adf" as one glyph) reads without it.
  return spans.replace(/\/ActualText <(?:FEFF|feff)((?:[0-9a-fA-F]{4})+)>/g, (whole, hex: string) => {
    const units = hex.match(/.{4}/g)!.filter((u) => u.toLowerCase() !== '00ad');
    return units.length ? `/ActualText <FEFF${units.join('')}>` : whole;
  });
}

const deflating = promisify(deflate);

/**
 * Rewrites every page's contents of a Chromium print without soft hyphens;
 * returns how many streams changed. Compressing again is the cost (40 MB of
 * operators in the 150k-word bench book): on zlib's threads, beside the rest.
 */
export async function plainSoftHyphens(doc: PDFDocument): Promise<number> {
  const rewrites: Promise<void>[] = [];
  for (const page of doc.getPages()) {
    const contents = page.node.get(PDFName.of('Contents'));
    const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
    for (const ref of refs) {
      if (!(ref instanceof PDFRef)) continue;
      const stream = doc.context.lookup(ref);
      if (!(stream instanceof PDFRawStream)) continue;
      // Node's zlib: pdf-lib's own inflate is several times slower.
      const flate = stream.dict.get(PDFName.of('Filter')) === PDFName.of('FlateDecode');
      const decoded = flate
        ? inflateSync(stream.contents, { finishFlush: constants.Z_SYNC_FLUSH })
        : decodePDFRawStream(stream).decode();
      const before = Buffer.from(decoded).toString('latin1');
      if (!/00AD/i.test(before)) continue;
      const after = withoutSoftHyphens(before);
      if (after === before) continue;
      rewrites.push(
        deflating(Buffer.from(after, 'latin1')).then((bytes) => {
          const dict = doc.context.obj({ Filter: 'FlateDecode', Length: bytes.length });
          doc.context.assign(ref, PDFRawStream.of(dict, bytes));
        }),
      );
    }
  }
  await Promise.all(rewrites);
  return rewrites.length;
}
