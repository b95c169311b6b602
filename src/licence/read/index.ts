/**
 * `octavo licence`'s reader: the licence notice of an EPUB, PDF or HTML
 * edition, read from the file alone (no manuscript), in both its layers.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { readEpub } from './epub.js';
import { readHtml } from './html.js';
import { type PdfReadOptions, readPdf } from './pdf.js';
import type { LicenceFormat, LicenceReport } from './report.js';

export type { CreditRecord, LicenceRef } from '../record.js';
export type { LicenceFormat, LicenceReport } from './report.js';

export type ReadOptions = PdfReadOptions;

const EXTENSIONS: Record<string, LicenceFormat> = {
  '.epub': 'epub',
  '.pdf': 'pdf',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
};

/** The format by extension, else by the first bytes; undefined when it is none of the three. */
export function detectFormat(file: string, bytes: Uint8Array): LicenceFormat | undefined {
  const byName = EXTENSIONS[path.extname(file).toLowerCase()];
  if (byName) return byName;
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.startsWith('%PDF-')) return 'pdf';
  if (head.startsWith('PK') && head.includes('mimetypeapplication/epub+zip')) return 'epub';
  if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(!doctype html|html)[\s>]/i.test(head.replace(/^\uFEFF/, '')))
    return 'html';
  return undefined;
}

export class UnknownFileType extends Error {}

/** Reads one file. Throws UnknownFileType when it is not an EPUB, PDF or HTML file; file-system errors as they are. */
export async function readLicence(file: string, options: ReadOptions = {}): Promise<LicenceReport> {
  const bytes = new Uint8Array(await readFile(file));
  const format = detectFormat(file, bytes);
  if (!format) throw new UnknownFileType(`${file}: not an EPUB, PDF or HTML file (by its name or its contents)`);
  if (format === 'epub') return readEpub(file, bytes);
  if (format === 'pdf') return readPdf(file, bytes, options);
  return readHtml(file, new TextDecoder().decode(bytes));
}
