/**
 * remark plugin: smart typography on the Markdown tree, by the chapter's
 * language (its rules are in src/i18n/typography.ts). Only prose text nodes
 * change: code, math, URLs written as link text, raw HTML and attributes are
 * left alone.
 *
 * - quotes: “ ” ‘ ’ (English), « » (French, with narrow no-break spaces),
 *   „ “ (German), 「」 (Japanese)…; an apostrophe inside a word is always ’;
 * - `--` en dash, `---` em dash, `...` ellipsis;
 * - French: a narrow no-break space (U+202F) inside « » and before ; : ! ?.
 */

import type { Nodes, Parent, Root } from 'mdast';
import { type VFile, VFile as VFileClass } from 'vfile';
import { DEFAULT_LIMITS } from '../config/limits.js';
import { DEFAULT_FEATURES } from '../dialects/features.js';
import { primaryLanguage } from '../i18n/language.js';
import { type Quotes, quotesFor, typographyOf } from '../i18n/typography.js';
import { visit } from '../util/visit.js';
import { educateQuotes } from './smart-quotes.js';

export interface TypographyOptions {
  /** Off: the text is left exactly as written. Default on. A chapter's `context.typography === false` turns it off too. */
  enabled?: boolean;
}

const NNBSP = '\u202F';

/** `'` between letters (not Chinese or Japanese characters, where it is a quotation mark). */
const APOSTROPHE =
  /(?<=[\p{L}\p{N}])(?<![\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}])'(?=\p{L})(?![\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}])/gu;

/** Where a block starts, the quote pass sees a space: a quote there opens (as remark-smartypants reads it). */
const QUOTE_BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);
function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Three dots, or dots with spaces between (`. . .`), as retext-smartypants' ellipses. */
const ELLIPSIS = /\.(?:\s+\.){2,}|\.{3,}/g;

/**
 * Curly quotes over the whole chapter read as one string (a quote may open in
 * one text node and close in another, across emphasis or links), inline code
 * standing as a word; then ellipses in each text node.
 */
export function smartQuotes(tree: Root, lang: string): void {
  const key = primaryLanguage(lang);
  // Quotes where words have no spaces between them (Chinese, Japanese) are paired instead: see pairQuotes.
  if (!typographyOf(key)?.unspaced) {
    // Each text node with its length in code points (educateQuotes works on code points); code and block starts as stand-ins.
    const pieces: { node?: { value: string }; length: number }[] = [];
    const parts: string[] = [];
    visit(tree, (node: Nodes, _index, parent) => {
      if (!parent) return;
      if (node.type === 'text') {
        pieces.push({ node, length: codePoints(node.value) });
        parts.push(node.value);
      } else if (node.type === 'inlineCode') {
        const length = codePoints(node.value);
        pieces.push({ length });
        parts.push('A'.repeat(length));
      } else if (QUOTE_BLOCKS.has(node.type)) {
        pieces.push({ length: 1 });
        parts.push(' ');
      }
    });
    const whole = parts.join('');
    if (whole.includes('"') || whole.includes("'")) {
      const [od, cd, os, cs] = quotesFor(key);
      const chars = educateQuotes(whole, { open: [od, os], close: [cd, cs] });
      let at = 0;
      for (const piece of pieces) {
        if (piece.node) piece.node.value = chars.slice(at, at + piece.length).join('');
        at += piece.length;
      }
    }
  }
  visit(tree, 'text', (node) => {
    if (node.value.includes('.')) node.value = node.value.replace(ELLIPSIS, '…');
  });
}

/** Link text that is the address itself (autolinks, `<https://…>`): never retyped. */
function isUrlText(value: string, url: string): boolean {
  const v = value.trim();
  return v === url || /^(https?:\/\/|ftp:\/\/|www\.|mailto:)/i.test(v) || /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i.test(v);
}

export function remarkTypography(options: TypographyOptions = {}) {
  return (tree: Root, file: VFile) => {
    if (options.enabled === false || file.data.context?.typography === false) return;
    const lang = file.data.context?.lang ?? 'en';

    // URL-like link text is hidden from smartypants as if it were inline code (which it skips), then restored.
    const hidden: { type: string }[] = [];
    visit(tree, 'link', (link) => {
      for (const child of link.children) {
        if (child.type === 'text' && isUrlText(child.value, link.url)) {
          (child as { type: string }).type = 'inlineCode';
          hidden.push(child);
        }
      }
    });
    // An apostrophe inside a word is ’ in every language (smartypants would use the closing single quote: ‘ in German).
    // `---` em dash, `--` en dash.
    visit(tree, 'text', (node) => {
      node.value = node.value.replace(APOSTROPHE, '’').replace(/---/g, '—').replace(/--/g, '–');
    });
    smartQuotes(tree, lang);
    const rules = typographyOf(lang);
    if (rules?.unspaced) eachBlock(tree, (segments) => pairQuotes(segments, rules.quotes));
    if (rules?.frenchSpacing) eachBlock(tree, applyFrenchSpacing);
    for (const node of hidden) node.type = 'text';
  };
}

const BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);
const OBJECT = '\uFFFC';

/**
 * Runs `change` over each block's text, seen as one string in segments (a
 * space may sit in one text node and the « in another).
 */
function eachBlock(tree: Root, change: (segments: string[]) => string[]): void {
  visit(tree, (node: Nodes) => {
    if (!BLOCKS.has(node.type)) return;
    const segments: { node: { value: string } | undefined; text: string }[] = [];
    const collect = (n: Nodes) => {
      if (n.type === 'text') segments.push({ node: n, text: n.value });
      else if ('children' in n && n.children.length) for (const c of (n as Parent).children) collect(c);
      // Code, math, images, breaks and empty links (`[](#id)`, filled in later) count as one opaque "word" character.
      else segments.push({ node: undefined, text: OBJECT });
    };
    for (const c of (node as Parent).children) collect(c);
    const out = change(segments.map((s) => s.text));
    segments.forEach((s, i) => {
      if (s.node) s.node.value = out[i]!;
    });
  });
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\u00A0' || c === NNBSP;
const isWordEnd = (c: string | undefined) => c !== undefined && (/[\p{L}\p{N}»”’)\]]/u.test(c) || c === OBJECT);

/**
 * French spacing over text split in segments; returns the segments changed.
 * Exported for tests.
 */
export function applyFrenchSpacing(segments: readonly string[]): string[] {
  const chars: string[] = [];
  const owner: number[] = [];
  segments.forEach((s, i) => {
    for (const c of s) {
      chars.push(c);
      owner.push(i);
    }
  });
  const out = segments.map(() => '');
  let last: string | undefined;
  const emit = (c: string, at: number) => {
    out[owner[at]!] += c;
    last = c;
  };
  const n = chars.length;
  const colonAt = (j: number) => chars[j] === ':' && (j + 1 >= n || isSpace(chars[j + 1]) || chars[j + 1] === '\n');
  for (let i = 0; i < n; ) {
    const c = chars[i]!;
    if (isSpace(c)) {
      let j = i;
      while (j < n && isSpace(chars[j])) j++;
      const next = chars[j];
      if (last === '«') {
        i = j; // the space after « was written already
        continue;
      }
      if (last !== undefined && (next === '»' || next === ';' || next === '!' || next === '?' || colonAt(j))) {
        emit(NNBSP, j - 1); // in the text node of the run's last space, next to the sign
        i = j;
        continue;
      }
      for (; i < j; i++) emit(chars[i]!, i);
      continue;
    }
    if ((c === ';' || c === '!' || c === '?' || colonAt(i)) && isWordEnd(last)) emit(NNBSP, i);
    if (c === '»' && last !== undefined && !isSpace(last) && last !== '«') emit(NNBSP, i);
    emit(c, i);
    i++;
    if (c === '«') {
      let j = i;
      while (j < n && isSpace(chars[j])) j++;
      if (j < n) emit(NNBSP, i - 1);
      i = j;
    }
  }
  return out;
}

/** Straight quotes paired in order, the first opening, the next closing (for text without spaces between words). */
export function pairQuotes(segments: readonly string[], [od, cd, os, cs]: Quotes): string[] {
  let double = 0;
  let single = 0;
  return segments.map((s) =>
    s.replace(/["']/g, (q) => {
      if (q === '"') return double++ % 2 === 0 ? od : cd;
      return single++ % 2 === 0 ? os : cs;
    }),
  );
}

/**
 * A plain string (a title from book.yaml) typeset for display, as the
 * chapters' text is; the metadata keeps the string as written.
 */
export function typesetText(text: string, lang: string, enabled = true): string {
  if (!enabled) return text;
  const tree: Root = { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: text }] }] };
  const file = new VFileClass();
  file.data.context = {
    lang,
    dir: 'ltr',
    root: '',
    typography: true,
    limits: DEFAULT_LIMITS,
    features: DEFAULT_FEATURES,
  };
  remarkTypography()(tree, file);
  const paragraph = tree.children[0];
  return paragraph?.type === 'paragraph'
    ? paragraph.children.map((c) => (c.type === 'text' ? c.value : '')).join('')
    : text;
}
