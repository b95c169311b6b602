/**
 * pdf-lib's load and save, without their pauses. By default pdf-lib hands the
 * event loop back every 50–100 objects, and each pause waits behind whatever
 * else is queued (Chromium's messages while it prints): saving the 150k-word
 * bench book's 45,000-object PDF took 2.1 s that way and 0.11 s straight
 * through; loading it 0.9 s and 0.4 s.
 */
import { type LoadOptions, ParseSpeeds, PDFDocument, type SaveOptions } from 'pdf-lib';

export function loadPdf(bytes: Uint8Array | ArrayBuffer, options: LoadOptions = {}): Promise<PDFDocument> {
  return PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest, ...options });
}

export function savePdf(doc: PDFDocument, options: SaveOptions = {}): Promise<Uint8Array> {
  return doc.save({ objectsPerTick: Number.POSITIVE_INFINITY, ...options });
}
