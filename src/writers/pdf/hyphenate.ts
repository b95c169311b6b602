/**
 * Hyphenation for the print edition. Headless Chromium on Linux has no
 * hyphenation dictionaries (they arrive as a browser component, which a
 * hermetic build turns off; `hyphens: auto` does nothing, checked on
 * Chromium 156), so soft hyphens are put into the text at build time, by the
 * language of each element, from the `hyphen` package's TeX patterns. PDF only:
 * e-readers and browsers hyphenate (or not) by themselves.
 */
import { createRequire } from 'node:module';
import type { Element, Root } from 'hast';
import { primaryLanguage } from '../../i18n/language.js';
import { typographyOf } from '../../i18n/typography.js';

interface Hyphenator {
  hyphenateSync(text: string, options?: { minWordLength?: number }): string;
}

const require = createRequire(import.meta.url);
const cache = new Map<string, Hyphenator | null>();

/** Pattern sets of languages Octavo has no other data for, named differently from the tag (supported ones: src/i18n/typography.ts). */
const PATTERNS: Record<string, string> = { el: 'el-monoton', no: 'nb', mn: 'mn-cyrl', sr: 'sr-cyrl' };

export function hyphenatorFor(lang: string): Hyphenator | null {
  const tag = lang.trim().toLowerCase().replace(/_/g, '-');
  if (cache.has(tag)) return cache.get(tag)!;
  const primary = primaryLanguage(tag);
  const rules = typographyOf(tag);
  let found: Hyphenator | null = null;
  // Not hyphenated: Arabic script, and Chinese and Japanese (they break between characters). Korean has no patterns either.
  if (rules?.hyphenation === null) {
    cache.set(tag, null);
    return null;
  }
  // The tag first, so that a regional set (en-gb, de-ch-1901) wins over the language's.
  const names = [tag, PATTERNS[tag], rules?.hyphenation ?? PATTERNS[primary], primary];
  for (const name of names) {
    if (!name || !/^[a-z-]+$/.test(name)) continue;
    try {
      // The package is CommonJS with one module per language and no type definitions.
      found = require(`hyphen/${name}`) as Hyphenator;
      break;
    } catch {
      // No patterns under that name: try the next.
    }
  }
  cache.set(tag, found);
  return found;
}

/** Elements whose text must stay as written: code, maths, headings (never hyphenated in books). */
const SKIP = new Set([
  'pre',
  'code',
  'kbd',
  'samp',
  'var',
  'math',
  'svg',
  'script',
  'style',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'nav',
]);

/** Words that are addresses or identifiers, which a hyphen would corrupt. */
const UNSAFE = /[/@\\_=<>{}|]|\.\w|^\w+:/;

/** Longer than any word a dictionary knows: a run of letters this long is data, and the patterns' cost grows with it. */
const MAX_WORD = 100;

function hyphenateText(text: string, h: Hyphenator): string {
  // Hyphenate word by word, leaving URLs, e-mail addresses, code-like tokens and overlong runs alone.
  return text.replace(/\S+/g, (word) =>
    UNSAFE.test(word) || word.length > MAX_WORD ? word : h.hyphenateSync(word, { minWordLength: 6 }),
  );
}

export function hyphenateTree(node: Root | Element, lang: string): void {
  for (const child of node.children) {
    if (child.type === 'element') {
      if (SKIP.has(child.tagName)) continue;
      const own = typeof child.properties.lang === 'string' ? child.properties.lang : lang;
      hyphenateTree(child, own);
    } else if (child.type === 'text') {
      const h = hyphenatorFor(lang);
      if (h) child.value = hyphenateText(child.value, h);
    }
  }
}
