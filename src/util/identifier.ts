import { createHash } from 'node:crypto';

/** A name-based (version 5 style) UUID: the same metadata gives the same id. */
export function stableUuid(...parts: string[]): string {
  const hash = createHash('sha1').update(parts.join('\u001f')).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Longest slug, in characters and in UTF-8 bytes: `<slug>-print.pdf` stays far below the 255-byte name limit. */
export const SLUG_MAX_CHARS = 80;
export const SLUG_MAX_BYTES = 120;

/**
 * A file-system and URL safe slug for output names (`dist/<slug>.epub`):
 * letters (any script) and digits joined by dashes, a web address without its
 * scheme and `www.`, cut at a word boundary to at most 80 characters and 120
 * UTF-8 bytes; `book` when nothing is left.
 */
export function slugify(text: string): string {
  const slug = text
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\/(www\.)?/i, '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return capSlug(slug) || 'book';
}

function capSlug(slug: string): string {
  const encoder = new TextEncoder();
  if (slug.length <= SLUG_MAX_CHARS && encoder.encode(slug).length <= SLUG_MAX_BYTES) return slug;
  let cut = '';
  let bytes = 0;
  // By code point, so no surrogate pair is split.
  for (const ch of slug) {
    const size = encoder.encode(ch).length;
    if (cut.length + ch.length > SLUG_MAX_CHARS || bytes + size > SLUG_MAX_BYTES) break;
    cut += ch;
    bytes += size;
  }
  // At the last word boundary, unless that would throw away most of it (one long word, or CJK without spaces).
  const dash = cut.lastIndexOf('-');
  if (dash > cut.length / 2 && slug[cut.length] !== '-') cut = cut.slice(0, dash);
  return cut.replace(/-+$/, '');
}
