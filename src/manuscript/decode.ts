/**
 * The one text decoder for every file Octavo reads as text (book.yaml,
 * chapters, GitBook includes, single-file books). UTF-8 is the format; a BOM
 * is dropped; UTF-16 (with a BOM, or without one but recognisable by its NUL
 * bytes) is decoded and reported; bytes that are not UTF-8 are reported with
 * their line, column and byte offset, as an error or replaced by U+FFFD as the
 * caller chooses.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type Diagnostic, type DiagnosticSink, error, info, warning } from '../diagnostics.js';
import { scrubText } from '../util/xml-chars.js';

export interface DecodeOptions {
  /** Bad bytes stop the file (book.yaml: its values would be wrong) rather than being replaced. */
  strict?: boolean;
  /** Code of the bad-bytes diagnostic: `config/not-utf8` or `manuscript/not-utf8`. */
  code?: string;
}

export interface Decoded {
  text: string;
  /** The UTF-16 notice and, unless strict, the bad-bytes warning. */
  diagnostics: Diagnostic[];
  /** Set when strict and the bytes are not valid: the error to stop with. */
  failure?: Diagnostic;
}

type Utf16 = 'utf-16le' | 'utf-16be';

/**
 * UTF-16 without a BOM: text that is mostly ASCII has a NUL in every other
 * byte. Looks at the first 4 KiB; needs NULs on one side in most pairs and
 * almost none on the other, so a UTF-8 file with a stray NUL is not taken for it.
 */
function sniffUtf16(bytes: Uint8Array): Utf16 | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul >= pairs * 0.4 && evenNul <= pairs * 0.05) return 'utf-16le';
  if (evenNul >= pairs * 0.4 && oddNul <= pairs * 0.05) return 'utf-16be';
  return undefined;
}

/** Byte offset of the first byte that does not begin a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min = 0x80;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      // Overlong forms and UTF-16 surrogates are refused by their second byte.
      if (b === 0xe0) min = 0xa0;
      if (b === 0xed) max = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) min = 0x90;
      if (b === 0xf4) max = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      const lo = k === 1 ? min : 0x80;
      const hi = k === 1 ? max : 0xbf;
      if (c === undefined || c < lo || c > hi) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Line and column (1-based, in characters) of a byte offset in UTF-8 bytes. */
function positionOf(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const before = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset));
  return { line, column: [...before].length + 1 };
}

const hex = (b: number) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`;

/** Decodes the bytes of a text file; see the module comment. */
export function decodeText(input: Uint8Array, file: string, options: DecodeOptions = {}): Decoded {
  const bytes = input;
  const name = path.basename(file);
  const diagnostics: Diagnostic[] = [];

  let utf16: Utf16 | undefined;
  let bom = false;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) [utf16, bom] = ['utf-16le', true];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [utf16, bom] = ['utf-16be', true];
  else if (!(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)) utf16 = sniffUtf16(bytes);

  if (utf16) {
    const label = utf16 === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE';
    diagnostics.push(
      info('manuscript/utf16', `${name} is ${label}${bom ? '' : ' without a byte-order mark'}; decoded as ${label}.`, {
        file,
        hint: 'Save it as UTF-8, the encoding Octavo expects.',
      }),
    );
    // TextDecoder drops the BOM itself; `fatal` catches an odd length or a lone surrogate.
    try {
      return { text: new TextDecoder(utf16, { fatal: true }).decode(bytes), diagnostics };
    } catch {
      const text = new TextDecoder(utf16).decode(bytes);
      const bad = error(options.code ?? 'manuscript/not-utf8', `${name} is not valid ${label}.`, {
        file,
        hint: 'Save it as UTF-8.',
      });
      if (options.strict) return { text, diagnostics, failure: bad };
      diagnostics.push({ ...bad, severity: 'warning', message: `${bad.message} Bad characters were replaced by �.` });
      return { text, diagnostics };
    }
  }

  const offset = firstInvalidUtf8(bytes);
  // `ignoreBOM: false` (the default) drops a UTF-8 BOM.
  const text = new TextDecoder('utf-8').decode(bytes);
  if (offset < 0) return { text, diagnostics };
  const at = positionOf(bytes, offset);
  const message = `${name} is not valid UTF-8: byte ${hex(bytes[offset]!)} at byte offset ${offset} (line ${at.line}, column ${at.column})`;
  const hint = 'Save it as UTF-8 (it was perhaps saved as Latin-1 or Windows-1252).';
  if (options.strict) {
    return {
      text,
      diagnostics,
      failure: error(options.code ?? 'config/not-utf8', `${message}.`, { file, ...at, hint }),
    };
  }
  diagnostics.push(
    warning(options.code ?? 'manuscript/not-utf8', `${message}; bad bytes were replaced by �.`, { file, ...at, hint }),
  );
  return { text, diagnostics };
}

/**
 * Reads and decodes a text file, reporting into the sink (never strict).
 * Characters XML cannot hold are replaced here, where text enters, so no
 * writer ever meets them.
 */
export async function readText(file: string, sink: DiagnosticSink): Promise<string> {
  const decoded = decodeText(new Uint8Array(await readFile(file)), file);
  sink.push(...decoded.diagnostics);
  return scrubText(decoded.text, file, sink);
}
