/**
 * Characters XML 1.0 cannot hold (its `Char` production): C0 controls other
 * than tab, LF and CR, U+FFFE/U+FFFF, and UTF-16 surrogates without a partner.
 * They are replaced where text enters (manuscript files, book.yaml) so that
 * every writer is safe; the XML serialiser drops any that arrive another way.
 */
import type { DiagnosticSink } from '../diagnostics.js';
import { warning } from '../diagnostics.js';

export const NOT_XML_CHAR =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to find.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `text` with every character XML cannot hold replaced by U+FFFD (one code unit each, so offsets stay). */
export function replaceNonXml(text: string): string {
  return text.replace(NOT_XML_CHAR, '\uFFFD');
}

/** `text` with every character XML cannot hold removed. */
export function removeNonXml(text: string): string {
  return text.replace(NOT_XML_CHAR, '');
}

function describe(ch: string): string {
  const code = ch.charCodeAt(0);
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return code >= 0xd800 && code <= 0xdfff ? `a lone surrogate (${hex})` : hex;
}

/**
 * Replaces the characters XML cannot hold in a manuscript file's text, with
 * one warning naming the first one's line and column and how many there were.
 */
export function scrubText(text: string, file: string, diagnostics: DiagnosticSink, where?: string): string {
  const matches = [...text.matchAll(NOT_XML_CHAR)];
  if (matches.length === 0) return text;
  const first = matches[0]!;
  const before = text.slice(0, first.index);
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  const more = matches.length > 1 ? ` (and ${matches.length - 1} more)` : '';
  diagnostics.push(
    warning(
      'manuscript/invalid-character',
      `${where ? `${where} holds` : 'the file holds'} ${describe(first[0])}${more}, which EPUB and PDF metadata cannot hold; replaced by �.`,
      { file, line, column, hint: 'Remove the control character, or write it as text.' },
    ),
  );
  return replaceNonXml(text);
}

/**
 * A parsed configuration with every string scrubbed; `locate` gives the line
 * of a key path, for the warning.
 */
export function scrubStrings<T>(
  value: T,
  file: string,
  diagnostics: DiagnosticSink,
  locate: (keys: readonly PropertyKey[]) => { line: number; column: number },
  keys: PropertyKey[] = [],
): T {
  if (typeof value === 'string') {
    const found = value.match(NOT_XML_CHAR);
    if (!found) return value;
    const count = found.length;
    const first = found[0];
    const more = count > 1 ? ` (and ${count - 1} more)` : '';
    diagnostics.push(
      warning(
        'manuscript/invalid-character',
        `\`${keys.join('.')}\` holds ${describe(first)}${more}, which EPUB and PDF metadata cannot hold; replaced by �.`,
        { file, ...locate(keys), hint: 'Remove the control character from the value.' },
      ),
    );
    return replaceNonXml(value) as T;
  }
  if (Array.isArray(value)) return value.map((v, i) => scrubStrings(v, file, diagnostics, locate, [...keys, i])) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = scrubStrings(v, file, diagnostics, locate, [...keys, k]);
    return out as T;
  }
  return value;
}
