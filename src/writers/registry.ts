/**
 * Every output format, in the order a build makes them (the quick ones first,
 * so the page is ready while the PDF is printed). A new format is a folder
 * under src/writers/ exporting a Writer, and one line here; build, watch,
 * check and the CLI's `--format` read this list (a build and watch make the
 * DEFAULT_FORMATS unless told otherwise). Writers load on first use:
 * `octavo --version` must not import Chromium.
 */
import type { Writer } from './writer.js';

export const WRITERS = {
  html: () => import('./html/index.js').then((m) => m.htmlWriter),
  epub: () => import('./epub/index.js').then((m) => m.epubWriter),
  kepub: () => import('./kepub/index.js').then((m) => m.kepubWriter),
  pdf: () => import('./pdf/index.js').then((m) => m.pdfWriter),
} as const satisfies Record<string, () => Promise<Writer>>;

export type Format = keyof typeof WRITERS;

export const FORMATS = Object.keys(WRITERS) as Format[];

/** What a build makes when not told (`--format`): the three editions; a KEPUB is asked for by name. */
export const DEFAULT_FORMATS: readonly Format[] = ['html', 'epub', 'pdf'];

export function isFormat(name: string): name is Format {
  return Object.hasOwn(WRITERS, name);
}

export function loadWriter(format: Format): Promise<Writer> {
  return WRITERS[format]();
}
