/**
 * The print-shop PDF: the reading PDF's pages printed with bleed around the
 * trim, the PDF boxes a printer reads (TrimBox, BleedBox), crop marks in the
 * slug outside the bleed, blank pages to fill the last signature, and colour
 * converted by Ghostscript when asked.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  beginMarkedContent,
  cmyk,
  endMarkedContent,
  grayscale,
  PDFDict,
  type PDFDocument,
  PDFName,
  PDFNumber,
  type PDFObject,
  type PDFPage,
  PDFRef,
  PDFStream,
} from 'pdf-lib';
import type { PrintShopConfig } from '../../config/config.js';
import { error, OctavoError } from '../../diagnostics.js';
import { POINTS_PER_MM, type TrimSize } from '../../print/lengths.js';
import type { PdfxFiles } from './pdfx.js';

const run = promisify(execFile);

/** Crop marks stand off the trim by at least 3 mm (and never inside the bleed), 6 mm long. */
const MARK_OFFSET_MM = 3;
const MARK_LENGTH_MM = 6;
const MARK_WIDTH_PT = 0.25;

export interface Prepress {
  /** Blank pages added to reach the page multiple. */
  padded: number;
}

function cropMarks(
  page: PDFPage,
  trim: { x: number; y: number; width: number; height: number },
  offset: number,
  length: number,
  grey: boolean,
): void {
  // Registration colour, so the marks print on every plate; plain black in a grey PDF.
  const color = grey ? grayscale(0) : cmyk(1, 1, 1, 1);
  const line = (x1: number, y1: number, x2: number, y2: number) =>
    page.drawLine({ start: { x: x1, y: y1 }, end: { x: x2, y: y2 }, thickness: MARK_WIDTH_PT, color });
  page.pushOperators(beginMarkedContent('Artifact'));
  for (const x of [trim.x, trim.x + trim.width]) {
    for (const [y, dir] of [
      [trim.y, -1],
      [trim.y + trim.height, 1],
    ] as const) {
      line(x, y + dir * offset, x, y + dir * (offset + length));
    }
  }
  for (const y of [trim.y, trim.y + trim.height]) {
    for (const [x, dir] of [
      [trim.x, -1],
      [trim.x + trim.width, 1],
    ] as const) {
      line(x + dir * offset, y, x + dir * (offset + length), y);
    }
  }
  page.pushOperators(endMarkedContent());
}

/**
 * Sets the boxes and draws the marks on pages printed at trim + 2 × bleed,
 * and pads the page count. The MediaBox grows around the bleed (negative
 * origin) so the marks have room without moving the page's content.
 */
export function prepress(doc: PDFDocument, shop: PrintShopConfig, trimMm: TrimSize): Prepress {
  const bleed = shop.bleed * POINTS_PER_MM;
  const width = trimMm.width * POINTS_PER_MM + 2 * bleed;
  const height = trimMm.height * POINTS_PER_MM + 2 * bleed;
  let padded = 0;
  while (doc.getPageCount() % shop.pageMultiple !== 0) {
    doc.addPage([width, height]);
    padded++;
  }
  const offset = Math.max(MARK_OFFSET_MM * POINTS_PER_MM, bleed);
  const length = MARK_LENGTH_MM * POINTS_PER_MM;
  const slug = shop.cropMarks ? offset + length + 2 * POINTS_PER_MM - bleed : 0;
  for (const page of doc.getPages()) {
    const trim = { x: bleed, y: bleed, width: width - 2 * bleed, height: height - 2 * bleed };
    page.setMediaBox(-slug, -slug, width + 2 * slug, height + 2 * slug);
    page.setCropBox(-slug, -slug, width + 2 * slug, height + 2 * slug);
    page.setBleedBox(0, 0, width, height);
    page.setTrimBox(trim.x, trim.y, trim.width, trim.height);
    if (shop.cropMarks) cropMarks(page, trim, offset, length, shop.colour === 'grey');
  }
  return { padded };
}

/**
 * Ghostscript 10.00–10.02's new PDF interpreter loses the ToUnicode maps of
 * Chromium's subset fonts (“ becomes <, ligatures garble), so the converted
 * PDF's text, licence notice included, no longer reads back. The legacy
 * interpreter, still in those versions, keeps them.
 */
async function interpreterFlags(): Promise<string[]> {
  const { stdout } = await run('gs', ['--version']);
  const [major, minor] = stdout.trim().split('.').map(Number);
  return major === 10 && (minor ?? 0) <= 2 ? ['-dNEWPDF=false'] : [];
}

/** Converts every colour to CMYK or grey with Ghostscript's pdfwrite, images kept at full resolution. */
export async function convertColour(
  bytes: Uint8Array,
  colour: 'cmyk' | 'grey',
  workDir: string,
  pdfx?: PdfxFiles,
): Promise<Uint8Array> {
  const source = path.join(workDir, 'press-in.pdf');
  const output = path.join(workDir, 'press-out.pdf');
  await writeFile(source, bytes);
  const lossless = ['Color', 'Gray'].flatMap((k) => [
    `-dAutoFilter${k}Images=false`,
    `-d${k}ImageFilter=/FlateEncode`,
    `-dDownsample${k}Images=false`,
  ]);
  let strategy = ['-sColorConversionStrategy=Gray', '-dProcessColorModel=/DeviceGray'];
  let input = pdfx ? [pdfx.definition, source, pdfx.info] : [source];
  if (colour === 'cmyk') {
    // Text and rules in RGB black would become a four-ink "rich" black (about 300 % ink) that
    // smears and misregisters in small type: convert them without ICC or black generation, so
    // black stays black ink only. Images keep the ICC conversion.
    const objects = path.join(workDir, 'object-sources.txt');
    await writeFile(objects, 'Graphic_RGB\tNone\nText_RGB\tNone\n');
    strategy = ['-sColorConversionStrategy=CMYK', '-dProcessColorModel=/DeviceCMYK', `-sSourceObjectICC=${objects}`];
    input = ['-c', '{} setblackgeneration {} setundercolorremoval', '-f', ...input];
  }
  try {
    await run('gs', [
      '-q',
      '-dNOPAUSE',
      '-dBATCH',
      '-dSAFER',
      ...(await interpreterFlags()),
      '-sDEVICE=pdfwrite',
      ...strategy,
      ...lossless,
      '-dDownsampleMonoImages=false',
      '-dAutoRotatePages=/None',
      // PDF/X allows no annotations: links go (paper has none) rather than the standard.
      ...(pdfx ? ['-dPDFX', '-dPreserveAnnots=false', `--permit-file-read=${pdfx.profileDir}/`] : []),
      `-sOutputFile=${output}`,
      ...input,
    ]);
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    throw new OctavoError(
      error(
        'pdf/ghostscript',
        missing
          ? 'converting colour for the print shop needs Ghostscript (gs), which is not installed.'
          : `Ghostscript could not convert the print-shop PDF: ${(e as Error).message.split('\n')[0]}`,
        {
          hint: missing
            ? 'Install it (Debian: apt-get install ghostscript; `node scripts/bootstrap.mjs --print-shop` does it as root), or set print.colour: keep.'
            : 'Set print.colour: keep to skip the conversion, and report the message.',
        },
      ),
    );
  }
  return readFile(output);
}

/**
 * Pages (1-based) that use transparency: an image with a soft mask (alpha
 * channel), see-through colour, or a transparency group. Print shops that want
 * PDF/X-1a (and some RIPs) need it flattened first.
 */
export function transparentPages(doc: PDFDocument): number[] {
  const seen = new Map<PDFObject, boolean>();
  const see = (obj: PDFObject | undefined): boolean => {
    const value = obj instanceof PDFRef ? doc.context.lookup(obj) : obj;
    if (!value) return false;
    if (seen.has(value)) return seen.get(value)!;
    seen.set(value, false);
    let found = false;
    const dict = value instanceof PDFStream ? value.dict : value instanceof PDFDict ? value : undefined;
    if (dict) {
      const smask = dict.lookup(PDFName.of('SMask'));
      if (smask && smask !== PDFName.of('None')) found = true;
      const group = dict.lookup(PDFName.of('Group'));
      if (group instanceof PDFDict && group.lookup(PDFName.of('S')) === PDFName.of('Transparency')) found = true;
      for (const key of ['ca', 'CA']) {
        const alpha = dict.lookup(PDFName.of(key));
        if (alpha instanceof PDFNumber && alpha.asNumber() < 1) found = true;
      }
      // Images, forms (their own resources), graphics states and patterns the content uses.
      const resources = dict.lookup(PDFName.of('Resources'));
      if (resources instanceof PDFDict) {
        for (const key of ['XObject', 'ExtGState', 'Pattern']) {
          const entries = resources.lookup(PDFName.of(key));
          if (entries instanceof PDFDict) for (const [, v] of entries.entries()) found = see(v) || found;
        }
      }
    }
    seen.set(value, found);
    return found;
  };
  return doc.getPages().flatMap((page, i) => (see(page.node) ? [i + 1] : []));
}
