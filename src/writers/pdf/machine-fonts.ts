/**
 * Fonts of the build machine in a print. The print page loads only Octavo's
 * own faces (fonts/print-fonts.ts), but Chromium falls back to whatever
 * fontconfig offers for a character none of them has, and a picture in SVG
 * cannot use the page's fonts at all: the PDF then depends on the machine it
 * was built on. Found from the PDF's font dictionaries, by name.
 */
import { PDFDict, type PDFDocument, PDFName } from 'pdf-lib';
import { PRINT_FONTS } from '../../fonts/print-fonts.js';

/** PostScript names start with the family, spaces left out ("NotoSerifSCExtraLight-Regular"). */
const OWN = PRINT_FONTS.map((f) => f.family.replace(/\s+/g, ''));

/** The names of the fonts in `doc` that are not Octavo's, without their subset tag, in order found. */
export function machineFonts(doc: PDFDocument): string[] {
  const found = new Set<string>();
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('Font')) continue;
    const base = object.get(PDFName.of('BaseFont'));
    if (!(base instanceof PDFName)) continue;
    const name = base.decodeText().replace(/^[A-Z]{6}\+/, '');
    // Type 3 fonts (Chromium's bitmap glyphs of colour emoji) have no BaseFont; Octavo's own are skipped.
    if (!OWN.some((own) => name.startsWith(own))) found.add(name);
  }
  return [...found];
}
