/**
 * The hostile inputs of issue 11 §3, each a small book (file name -> content).
 * Shared by `npm run bench:hostile` (full size, whole processes, timed) and the
 * tests in test/hostile/ (which assert the outcome, not the time).
 */
import { deflateSync } from 'node:zlib';

const BOOK_YAML = 'title: Hostile\ncreator: A. Tester\nlanguage: en\nlicence: CC0-1.0\n';

const book = (chapter, extra = {}) => ({ 'book.yaml': BOOK_YAML, 'a.md': `# Chapter\n\n${chapter}\n`, ...extra });

/** A PNG of width × height pixels, 1 bit grey, all white: tiny on disk, huge once decoded. */
export function bigPng(width, height) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    data.copy(out, 8);
    out.writeUInt32BE(crc(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  const row = Buffer.alloc(1 + Math.ceil(width / 8), 0xff);
  row[0] = 0; // filter: none
  const raw = Buffer.alloc(row.length * height);
  for (let y = 0; y < height; y++) row.copy(raw, y * row.length);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 1 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Words of ordinary length, `bytes` long, with no blank line: one paragraph. */
function paragraph(bytes) {
  const words = ['lorem', 'ipsum', 'dolor', 'sit', 'amet', 'consectetur', 'adipiscing', 'elit'];
  const parts = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const w = words[i % words.length];
    parts.push(w);
    size += w.length + 1;
  }
  return parts.join(' ');
}

/**
 * name -> () => files. `scale` (0..1] shrinks each case for quick runs; the
 * issue's sizes are scale 1.
 */
export function hostileCases(scale = 1) {
  const n = (full) => Math.max(1, Math.round(full * scale));
  return {
    'lists-800-indented': () => {
      const levels = n(800);
      const lines = Array.from({ length: levels }, (_, i) => `${'  '.repeat(i)}- item ${i}`);
      return book(lines.join('\n'));
    },
    'lists-100000': () => book(`${'- '.repeat(n(100_000))}deep`),
    'quotes-50000': () => book(`${'>'.repeat(n(50_000))} deep`),
    'emphasis-25000': () => {
      const k = n(25_000);
      return book(`${'*_'.repeat(k)}deep${'_*'.repeat(k)}`);
    },
    'brackets-50000': () => book(`${'['.repeat(n(50_000))}deep`),
    'divs-20000': () => {
      const k = n(20_000);
      return book(`${'<div>'.repeat(k)}deep${'</div>'.repeat(k)}`);
    },
    'paragraph-20MB': () => book(paragraph(n(20_000_000))),
    'table-200000-columns': () => {
      const k = n(200_000);
      return book(`${'| a '.repeat(k)}|\n${'|---'.repeat(k)}|\n${'| b '.repeat(k)}|`);
    },
    'footnotes-10000': () => {
      const k = n(10_000);
      // Ten notes to a paragraph, as a scholarly book has them.
      const refs = Array.from({ length: k }, (_, i) => `Sentence ${i}.[^n${i}]${i % 10 === 9 ? '\n\n' : ' '}`).join('');
      const defs = Array.from({ length: k }, (_, i) => `[^n${i}]: Note ${i}.`).join('\n');
      return book(`${refs}\n\n${defs}`);
    },
    'word-1MB': () => book(`Before ${'abcdefghij'.repeat(n(100_000))} after.`),
    'heading-1MB': () => book(`## ${'abcdefghij'.repeat(n(100_000))}\n\nText.`),
    'png-15000x15000': () => {
      const side = n(15_000);
      return book('![A very large white square](big.png)', { 'big.png': bigPng(side, side) });
    },
    // Just within the default limits (config/limits.ts): what a book at the bounds costs.
    'at-limit: lists 99': () => book(`${'- '.repeat(99)}deep`),
    'at-limit: emphasis 10000': () => book(`${'*_'.repeat(2_500)}deep${'_*'.repeat(2_500)}`),
    'at-limit: table 1000 cols': () =>
      book(`${'| a '.repeat(1_000)}|\n${'|---'.repeat(1_000)}|\n${'| b '.repeat(1_000)}|`),
    'at-limit: paragraph 1 MB': () => book(paragraph(1_048_000)),
    'at-limit: png 50 MP': () => book('![A large white square](big.png)', { 'big.png': bigPng(7_071, 7_071) }),
  };
}
