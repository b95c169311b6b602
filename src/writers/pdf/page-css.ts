/**
 * The book's @page rules: trim size and mirrored margins. Running heads and
 * folios are not margin boxes: Chromium ignores `:first` on named pages and
 * has no string-set(), so they are drawn per page after layout (furniture.ts).
 */
import type { PdfConfig } from '../../config/config.js';
import { mm } from '../../print/lengths.js';

/**
 * Left and right margins of a recto and a verso. The recto's inner margin is
 * on the binding side; in a right-to-left book Chromium makes the first page
 * (a recto) a `:left` page, as the page progression says.
 */
export function sideMargins(pdf: PdfConfig, side: 'recto' | 'verso'): { left: number; right: number } {
  const { inner, outer } = pdf.margins;
  const innerOnLeft = (side === 'recto') === (pdf.binding === 'left');
  return innerOnLeft ? { left: inner, right: outer } : { left: outer, right: inner };
}

/** Extra room around the trim, in mm (the print-shop PDF's bleed). */
export function pageCss(pdf: PdfConfig, dir: 'ltr' | 'rtl', bleed = 0): string {
  const [rectoPage, versoPage] = dir === 'rtl' ? ['left', 'right'] : ['right', 'left'];
  const side = (s: 'recto' | 'verso') => {
    const m = sideMargins(pdf, s);
    return `margin-left: ${mm(m.left + bleed)}; margin-right: ${mm(m.right + bleed)};`;
  };
  return [
    `@page { size: ${mm(pdf.trim.width + 2 * bleed)} ${mm(pdf.trim.height + 2 * bleed)}; margin: ${mm(pdf.margins.top + bleed)} 0 ${mm(pdf.margins.bottom + bleed)}; }`,
    `@page :${rectoPage} { ${side('recto')} }`,
    `@page :${versoPage} { ${side('verso')} }`,
  ].join('\n');
}

/** The id of the style element holding the @page rules (swapped for the print-shop PDF's bleed). */
export const PAGE_STYLE = 'octavo-page';

/** The width of the printed text column in CSS px (96 to the inch). */
export function textColumnPx(pdf: PdfConfig): number {
  return ((pdf.trim.width - pdf.margins.inner - pdf.margins.outer) / 25.4) * 96;
}
