/**
 * Text for ligature glyphs. Chromium gives a ligature ("ff" as one glyph) no
 * entry in its font's ToUnicode map and writes its text as the ActualText of a
 * marked-content span around it. pdftotext reads ActualText; pdf.js (Firefox's
 * viewer, its search, what it hands to screen readers) does not, and reads
 * "co\u0000ee" for "coffee". Each such glyph gets its text into the font's
 * ToUnicode map, from the spans around it.
 */
import { decodePDFRawStream, PDFDict, type PDFDocument, PDFName, type PDFPage, PDFRawStream, PDFRef } from 'pdf-lib';

/** Font resource name → glyph code (4 hex digits, capitals) → its text, from one content stream. */
export type SpanTexts = Map<string, Map<string, string>>;

const SPAN = /\/Span<<\/ActualText (\((?:[^()\\]|\\.)*\)|<[0-9A-Fa-f]*>) >> BDC\n((?:[^\n]*\n)*?)EMC\n/g;
const FONT = /\/(\S+) [\d.]+ Tf$/gm;
const GLYPH = /<([0-9A-Fa-f]{4})> Tj/g;

function decodeText(token: string): string {
  if (token.startsWith('(')) return token.slice(1, -1).replace(/\\(.)/g, '$1');
  const hex = token.slice(1, -1);
  if (!/^feff/i.test(hex)) return '';
  let out = '';
  for (let i = 4; i + 4 <= hex.length; i += 4) out += String.fromCharCode(Number.parseInt(hex.slice(i, i + 4), 16));
  return out;
}

/**
 * The text of each span that draws one glyph, by the font it is drawn with, from a content
 * stream as Chromium wrote it (soft hyphens still in: a ligature over a hyphenation point,
 * "f\u00adf", also draws the soft hyphen's invisible glyph, which is left out).
 */
export function spanTexts(content: string, into: SpanTexts = new Map()): SpanTexts {
  const fonts = [...content.matchAll(FONT)].map((m) => ({ at: m.index, name: m[1]! }));
  const fontAt = (at: number) => fonts.filter((f) => f.at < at).at(-1)?.name;
  const spans = [...content.matchAll(SPAN)].map((span) => ({
    text: decodeText(span[1]!),
    glyphs: [...span[2]!.matchAll(GLYPH)].map((m) => m[1]!.toUpperCase()),
    font: fontAt(span.index),
    fontInside: /\/\S+ [\d.]+ Tf$/m.test(span[2]!),
  }));
  const softGlyphs = new Set(spans.filter((s) => s.text === '\u00AD').map((s) => `${s.font} ${s.glyphs[0]}`));
  for (const span of spans) {
    const text = span.text.replace(/\u00AD/g, '');
    let glyphs = span.glyphs.filter((g) => !softGlyphs.has(`${span.font} ${g}`));
    // Over a hyphenation point Chromium draws the ligature, then the soft hyphen's glyph.
    if (text !== span.text && glyphs.length === 2) glyphs = glyphs.slice(0, 1);
    // A ligature is one glyph for two letters or more. A span with one letter is a glyph of another
    // case (small capitals, text-transform), whose own text is right for its other uses; a font
    // change inside the span, or more than one glyph: no single glyph to name.
    if ([...text].length < 2 || !span.font || span.fontInside || glyphs.length !== 1) continue;
    if (!into.has(span.font)) into.set(span.font, new Map());
    const known = into.get(span.font)!;
    // The same glyph read two ways (it should not be): leave it as it is.
    const code = glyphs[0]!;
    known.set(code, known.has(code) && known.get(code) !== text ? '' : text);
  }
  return into;
}

/** The codes a ToUnicode CMap maps, from its bfchar and bfrange sections. */
function mappedCodes(cmap: string): (code: number) => boolean {
  const single = new Set<number>();
  const ranges: [number, number][] = [];
  for (const block of cmap.matchAll(/beginbfchar\n([\s\S]*?)endbfchar/g))
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*</g)) single.add(Number.parseInt(m[1]!, 16));
  for (const block of cmap.matchAll(/beginbfrange\n([\s\S]*?)endbfrange/g))
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g))
      ranges.push([Number.parseInt(m[1]!, 16), Number.parseInt(m[2]!, 16)]);
  return (code) => single.has(code) || ranges.some(([a, b]) => code >= a && code <= b);
}

const utf16 = (text: string) =>
  [...text]
    .flatMap((c) => {
      const cp = c.codePointAt(0)!;
      if (cp < 0x10000) return [cp];
      const v = cp - 0x10000;
      return [0xd800 + (v >> 10), 0xdc00 + (v & 0x3ff)];
    })
    .map((u) => u.toString(16).toUpperCase().padStart(4, '0'))
    .join('');

/** Glyph texts by ToUnicode map: a font is shared by pages, under a name of each page's own. */
export type LigatureMaps = Map<string, { ref: PDFRef; glyphs: Map<string, string> }>;

/** Files what `texts` knows of `page`'s fonts under their ToUnicode maps. */
export function collectLigatures(doc: PDFDocument, page: PDFPage, texts: SpanTexts, into: LigatureMaps): void {
  const fonts = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
  for (const [name, glyphs] of texts) {
    const ref = fonts?.get(PDFName.of(name));
    const font = ref instanceof PDFRef ? doc.context.lookup(ref) : undefined;
    if (!(font instanceof PDFDict)) continue;
    const mapRef = font.get(PDFName.of('ToUnicode'));
    if (!(mapRef instanceof PDFRef)) continue;
    const entry = into.get(`${mapRef}`) ?? { ref: mapRef, glyphs: new Map<string, string>() };
    for (const [code, text] of glyphs) {
      const known = entry.glyphs.get(code);
      entry.glyphs.set(code, known !== undefined && known !== text ? '' : text);
    }
    into.set(`${mapRef}`, entry);
  }
}

/** Writes the ligatures' texts into their ToUnicode maps; returns how many glyphs got one. */
export function writeLigatures(doc: PDFDocument, maps: LigatureMaps): number {
  let added = 0;
  for (const { ref, glyphs } of maps.values()) {
    const stream = doc.context.lookup(ref);
    if (!(stream instanceof PDFRawStream)) continue;
    const cmap = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
    if (!cmap.includes('endcmap')) continue;
    const mapped = mappedCodes(cmap);
    // Chromium maps a ligature glyph to U+0000: that entry is replaced; an unmapped glyph is added.
    let text = cmap;
    const entries: string[] = [];
    for (const [code, value] of glyphs) {
      if (!value) continue;
      // A bfchar line of its own, not the end of a bfrange line.
      const nul = new RegExp(`^<${code}>[ \\t]*<0000>[ \\t]*$`, 'im');
      if (nul.test(text)) text = text.replace(nul, `<${code}> <${utf16(value)}>`);
      else if (!mapped(Number.parseInt(code, 16))) entries.push(`<${code}> <${utf16(value)}>`);
      else continue;
      added++;
    }
    if (text === cmap && !entries.length) continue;
    // At most 100 entries a section, as the CMap format says.
    const sections: string[] = [];
    for (let i = 0; i < entries.length; i += 100) {
      const part = entries.slice(i, i + 100);
      sections.push(`${part.length} beginbfchar\n${part.join('\n')}\nendbfchar\n`);
    }
    if (sections.length) text = text.replace('endcmap', `${sections.join('')}endcmap`);
    doc.context.assign(ref, doc.context.flateStream(Buffer.from(text, 'latin1')));
  }
  return added;
}
