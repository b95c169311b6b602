/** Real tools over real files: EPUBCheck, poppler, unzip. */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import JSZip from 'jszip';

const run = promisify(execFile);
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Data kept beside the repository in this workspace only (the real books); a fresh clone has none. */
export const sharedDir = path.resolve(repoRoot, '..', 'shared');
export const EPUBCHECK_JAR = '/usr/share/java/epubcheck.jar';

/**
 * EPUBCheck runs for a few seconds: the JIT's optimising compiler only costs
 * there (C1 alone halves its CPU time, 11.6 s to 5.8 s on the sample), and the
 * serial collector spares the second core.
 */
export const EPUBCHECK_JAVA = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-jar', EPUBCHECK_JAR];

export interface EpubCheckResult {
  fatals: number;
  errors: number;
  warnings: number;
  output: string;
}

export async function epubcheck(file: string): Promise<EpubCheckResult> {
  let output: string;
  try {
    const r = await run('java', [...EPUBCHECK_JAVA, file], { maxBuffer: 64 << 20 });
    output = r.stdout + r.stderr;
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    output = (e.stdout ?? '') + (e.stderr ?? '');
  }
  const m = /Messages:\s*(\d+) fatals? \/ (\d+) errors? \/ (\d+) warnings?/.exec(output);
  if (!m) throw new Error(`EPUBCheck printed no summary:\n${output}`);
  return { fatals: Number(m[1]), errors: Number(m[2]), warnings: Number(m[3]), output };
}

export async function pdftotext(
  file: string,
  opts: { first?: number; last?: number; layout?: boolean } = {},
): Promise<string> {
  const args = ['-enc', 'UTF-8'];
  if (opts.first) args.push('-f', String(opts.first));
  if (opts.last) args.push('-l', String(opts.last));
  if (opts.layout) args.push('-layout');
  const { stdout } = await run('pdftotext', [...args, file, '-'], { maxBuffer: 64 << 20 });
  return stdout;
}

export async function pdfinfo(file: string): Promise<Record<string, string>> {
  const { stdout } = await run('pdfinfo', [file]);
  const out: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) out[m[1]!.trim()] = m[2]!.trim();
  }
  return out;
}

export async function pdfinfoMeta(file: string): Promise<string> {
  const { stdout } = await run('pdfinfo', ['-meta', file]);
  return stdout;
}

export async function unzip(file: string): Promise<JSZip> {
  return JSZip.loadAsync(await readFile(file));
}

export async function zipText(zip: JSZip, name: string): Promise<string> {
  const entry = zip.file(name);
  if (!entry) throw new Error(`${name} is not in the zip; it has: ${Object.keys(zip.files).join(', ')}`);
  return entry.async('string');
}

/** Smart quotes back to straight ones: the sample's source mixes both, Octavo's typography curls them. */
export function straightQuotes(text: string): string {
  return text.replace(/[“”„‟«»]/g, '"').replace(/[‘’‚‛]/g, "'");
}

/** Collapses all white space (including no-break spaces) and applies NFKC (ligatures). */
export function normalise(text: string): string {
  // Soft hyphens, and the hyphen Chromium draws where it breaks a word at one, are not the text's.
  return text
    .replace(/\u00AD/g, '')
    .replace(/\u2010\s*\n\s*/g, '')
    .normalize('NFKC')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The article the sample book is set from (CC BY 4.0, credited in test/fixtures/README.md). */
export const SEED_FILE = path.join(repoRoot, 'test', 'fixtures', '000_c1423dfa1fc392fe.txt');
export const LICENCE_SENTENCE =
  'All Content by Mehr News Agency is licensed under a Creative Commons Attribution 4.0 International License.';

/** The article as the seed gives it, without its closing licence sentence. */
export async function seedArticle(): Promise<string> {
  const seed = normalise(await readFile(SEED_FILE, 'utf8'));
  if (!seed.endsWith(LICENCE_SENTENCE)) throw new Error('seed no longer ends with its licence sentence');
  return straightQuotes(seed.slice(0, -LICENCE_SENTENCE.length).trim());
}

export interface PdfFont {
  name: string;
  embedded: boolean;
}

/** `pdffonts`: every font of the PDF and whether it is embedded. */
export async function pdffonts(file: string): Promise<PdfFont[]> {
  const { stdout } = await run('pdffonts', [file]);
  return stdout
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((line) => {
      const cols = line.trim().split(/\s+/);
      // name type… encoding emb sub uni object ID: emb is 5th from the end.
      return { name: cols[0]!, embedded: cols[cols.length - 5] === 'yes' };
    });
}

/** The boxes of one page (1-based), from `pdfinfo -box`: name → [x0, y0, x1, y1] in points. */
export async function pdfBoxes(file: string, page: number): Promise<Record<string, [number, number, number, number]>> {
  const { stdout } = await run('pdfinfo', ['-box', '-f', String(page), '-l', String(page), file]);
  const out: Record<string, [number, number, number, number]> = {};
  for (const m of stdout.matchAll(/^Page\s+\d+\s+(\w+Box):\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)/gm)) {
    out[m[1]!] = [Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])];
  }
  return out;
}

export interface WordBox {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word of one page (1-based) with its box in points, from the top-left corner (`pdftotext -bbox`). */
export async function pdfWords(file: string, page: number): Promise<WordBox[]> {
  const { stdout } = await run('pdftotext', [
    '-bbox',
    '-enc',
    'UTF-8',
    '-f',
    String(page),
    '-l',
    String(page),
    file,
    '-',
  ]);
  return [
    ...stdout.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g),
  ].map((m) => ({
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
    text: m[5]!
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'"),
  }));
}

/** `qpdf --check`: exit status 0 and its report. */
export async function qpdfCheck(file: string): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout } = await run('qpdf', ['--check', file]);
    return { ok: true, output: stdout };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/** Ghostscript's ink coverage per page: [C, M, Y, K] fractions of the page. */
export async function inkCoverage(file: string): Promise<[number, number, number, number][]> {
  const { stdout } = await run('gs', ['-q', '-o', '-', '-sDEVICE=inkcov', file], { maxBuffer: 16 << 20 });
  return [...stdout.matchAll(/^\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+CMYK OK/gm)].map((m) => [
    Number(m[1]),
    Number(m[2]),
    Number(m[3]),
    Number(m[4]),
  ]);
}

/** Width and height of a PNG, from its header. */
export async function pngSize(file: string): Promise<{ width: number; height: number }> {
  const bytes = await readFile(file);
  if (bytes.toString('latin1', 1, 4) !== 'PNG') throw new Error(`${file} is not a PNG`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/**
 * The colour operators in a PDF's page contents and form XObjects (not in
 * images or fonts): `rg`/`RG` set RGB colour, `k`/`K` CMYK, `g`/`G` grey.
 * Chromium writes text as hex glyph strings, so a token match is reliable here.
 */
export async function colourOperators(file: string): Promise<Set<string>> {
  const { PDFDocument, PDFName, PDFRawStream, decodePDFRawStream } = await import('pdf-lib');
  const doc = await PDFDocument.load(await readFile(file), { updateMetadata: false });
  const found = new Set<string>();
  const contentStreams = new Set<unknown>();
  for (const page of doc.getPages()) {
    const contents = page.node.Contents();
    if (!contents) continue;
    if ('asArray' in contents) for (const ref of contents.asArray()) contentStreams.add(doc.context.lookup(ref));
    else contentStreams.add(contents);
  }
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (obj instanceof PDFRawStream && obj.dict.get(PDFName.of('Subtype')) === PDFName.of('Form'))
      contentStreams.add(obj);
  }
  for (const stream of contentStreams) {
    if (!(stream instanceof PDFRawStream)) continue;
    const text = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
    for (const m of text.matchAll(/(?:^|\s)(rg|RG|k|K|g|G|sc|SC|scn|SCN)(?=\s|$)/g)) found.add(m[1]!);
  }
  return found;
}

/**
 * The scale Chromium drew each page's content at, relative to 100 %: its page
 * contents begin with the CSS pixel to point transform (0.24 × 3.125 = 0.75 at
 * 100 %). Chromium shrinks every page when anything on one reaches past the
 * text column's right edge.
 */
export async function printScales(file: string): Promise<number[]> {
  return printScalesOf(await readFile(file));
}

/** printScales of a PDF in memory. */
export async function printScalesOf(bytes: Uint8Array): Promise<number[]> {
  const { PDFDocument, PDFRawStream, decodePDFRawStream } = await import('pdf-lib');
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  return doc.getPages().map((page) => {
    const contents = page.node.Contents();
    const streams = !contents
      ? []
      : 'asArray' in contents
        ? contents.asArray().map((r) => doc.context.lookup(r))
        : [contents];
    const text = streams
      .map((s) => (s instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(s).decode()).toString('latin1') : ''))
      .join('\n');
    const [flip, scale] = [...text.matchAll(/(-?[\d.]+) 0 0 (-?[\d.]+) [-\d.]+ [-\d.]+ cm/g)].map((m) => Number(m[1]));
    return Math.round(((flip ?? 0) * (scale ?? 0) * 1e4) / 0.75) / 1e4;
  });
}
