/**
 * Print needs images at 200 dpi or more at the size they are placed: read
 * each raster image's laid-out width in the print page (CSS px, 96 to the
 * inch) against its pixel width, and warn about the ones below.
 */
import type { Page } from 'puppeteer';
import type { Asset } from '../../book.js';
import { type Diagnostic, warning } from '../../diagnostics.js';

export const MIN_PRINT_DPI = 200;

/**
 * `columnPx`: the width of the printed text column in CSS px. Chromium gives
 * element sizes for the screen layout, so the page is laid out at that width
 * (in print media) to read where images land on paper.
 */
export async function lowResolutionImages(
  page: Page,
  assets: readonly Asset[],
  columnPx: number,
): Promise<Diagnostic[]> {
  if (!assets.some((a) => a.mediaType !== 'image/svg+xml')) return [];
  await page.emulateMediaType('print');
  await page.setViewport({ width: Math.round(columnPx), height: 1000 });
  const placed = await page.evaluate(() =>
    [...document.querySelectorAll('img')].map((img) => ({
      src: img.getAttribute('src') ?? '',
      natural: img.naturalWidth,
      width: img.getBoundingClientRect().width,
    })),
  );
  const byHref = new Map(assets.map((a) => [a.href, a]));
  const worst = new Map<string, { dpi: number; width: number; natural: number }>();
  for (const p of placed) {
    const asset = byHref.get(p.src);
    if (!asset || asset.mediaType === 'image/svg+xml' || !p.natural || !p.width) continue;
    const dpi = p.natural / (p.width / 96);
    const seen = worst.get(p.src);
    if (!seen || dpi < seen.dpi) worst.set(p.src, { dpi, width: p.width, natural: p.natural });
  }
  const out: Diagnostic[] = [];
  for (const [href, w] of worst) {
    if (w.dpi < MIN_PRINT_DPI) out.push(lowResolution(byHref.get(href)!, w.natural, w.width));
  }
  return out;
}

/**
 * `octavo check`'s estimate, without a layout: an image is placed at its
 * natural size (a pixel per CSS px) and never wider than the text column, as
 * the themes' `max-width: 100%` does. An image the text sets smaller prints
 * sharper than this, so the build's measured figure is the one to trust.
 */
export function estimateLowResolution(assets: readonly Asset[], columnPx: number): Diagnostic[] {
  return assets.flatMap((a) => {
    if (a.mediaType === 'image/svg+xml' || !a.width) return [];
    const width = Math.min(a.width, columnPx);
    return a.width / (width / 96) < MIN_PRINT_DPI ? [lowResolution(a, a.width, width)] : [];
  });
}

/** `natural`: the image's pixels across; `width`: its placed width in CSS px. */
function lowResolution(asset: Asset, natural: number, width: number): Diagnostic {
  const dpi = natural / (width / 96);
  const cm = ((width / 96) * 2.54).toFixed(1);
  return warning(
    'pdf/low-resolution',
    `${asset.href} prints at ${Math.round(dpi)} dpi (${natural} px across ${cm} cm); print wants ${MIN_PRINT_DPI} dpi or more.`,
    {
      file: asset.sourceFile,
      hint: `Use an image at least ${Math.ceil((width / 96) * MIN_PRINT_DPI)} px wide, or place it smaller.`,
    },
  );
}
