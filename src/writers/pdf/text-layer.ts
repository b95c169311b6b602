/**
 * The PDF's text layer without soft hyphens. The build puts a soft hyphen
 * (U+00AD) at every hyphenation point of the print edition (hyphenate.ts), and
 * Chromium draws each one as an invisible glyph in a marked-content span whose
 * ActualText is U+00AD, where a line breaks too (the hyphen it shows there is
 * a glyph of its own, read as "-"). Search, copy and screen readers then read
 * "Pres\u00adi\u00addent". Here those glyphs leave the page contents, their
 * positioning kept, so nothing moves: a word broken at a line's end reads as
 * its two halves with a hyphen, as LaTeX's PDFs read.
 */
import { promisify } from 'node:util';
import { constants, deflate, inflateSync } from 'node:zlib';
import { decodePDFRawStream, PDFArray, type PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';
import { collectLigatures, type LigatureMaps, type SpanTexts, spanTexts, writeLigatures } from './ligature-text.js';

/** Skia's marked-content span for one soft hyphen (its hex in capitals), and the next glyph's move if it is none. */
const SOFT_HYPHEN_SPAN = /\/Span<<\/ActualText <(?:FEFF00AD|feff00ad)> >> BDC\n((?:[^\n]*\n)*?)EMC\n(0 0 Td )?/g;

/** The glyphs a span shows: `<00c4> Tj` (a hex string and its operator, alone or after a Td on the line). */
const SHOW_GLYPHS = /<[0-9a-fA-F]*> Tj$/;

/**
 * One content stream's operators, soft hyphens taken out: each span goes, the
 * font, matrix and move inside it stay (the next glyph is placed from there).
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
 * Rewrites every page's contents of a Chromium print without soft hyphens,
 * and gives ligature glyphs their text (ligature-text.ts); returns how many
 * streams changed. Compressing again is the cost (40 MB of
 * operators in the 150k-word bench book): on zlib's threads, beside the rest.
 */
export async function plainTextLayer(doc: PDFDocument): Promise<number> {
  const rewrites: Promise<void>[] = [];
  const ligatures: LigatureMaps = new Map();
  for (const page of doc.getPages()) {
    const texts: SpanTexts = new Map();
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
      if (!before.includes('/ActualText')) continue;
      spanTexts(before, texts);
      const after = withoutSoftHyphens(before);
      if (after === before) continue;
      rewrites.push(
        deflating(Buffer.from(after, 'latin1')).then((bytes) => {
          const dict = doc.context.obj({ Filter: 'FlateDecode', Length: bytes.length });
          doc.context.assign(ref, PDFRawStream.of(dict, bytes));
        }),
      );
    }
    collectLigatures(doc, page, texts, ligatures);
  }
  writeLigatures(doc, ligatures);
  await Promise.all(rewrites);
  return rewrites.length;
}
