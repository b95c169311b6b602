/**
 * Octavo's words around the author's values, set so that both read right:
 *
 * - an author's value (a title, a name, an address, a licence's name) inside a
 *   sentence Octavo writes sits in `<bdi>`, so that a Latin title or a URL in a
 *   Persian sentence does not pull the punctuation around it to the wrong side;
 * - Octavo's words in a book whose language has no table are English, and say
 *   so (`lang="en"`, and left to right in a right-to-left book), so that screen
 *   readers switch voice.
 */
import type { Element, ElementContent, Properties } from 'hast';
import { h } from 'hastscript';
import { isRtl, primaryLanguage, supportedLanguage } from './language.js';
import { stringsFor } from './strings.js';

/** Whether Octavo writes its words in English for a book in `lang`, which is not English. */
export function untranslated(lang: string): boolean {
  return supportedLanguage(lang) === undefined;
}

/**
 * The attributes of an element that holds Octavo's words: `lang="en"` (and
 * `dir="ltr"` in a right-to-left book) where they fell back to English; none
 * otherwise, since the element inherits the book's language.
 */
export function wordsMarks(lang: string, dir: 'ltr' | 'rtl' = isRtl(lang) ? 'rtl' : 'ltr'): Properties {
  if (!untranslated(lang)) return {};
  return dir === 'rtl' ? { lang: 'en', dir: 'ltr' } : { lang: 'en' };
}

/** A value set inside Octavo's words, isolated from them; `lang` when it is not in the language around it. */
export function isolated(content: string | ElementContent | ElementContent[], lang?: string): Element {
  return h('bdi', lang ? { lang } : {}, content);
}

/**
 * An author's value (a title, a name, a source), isolated. Where the words
 * around it fell back to English, it keeps the book's language.
 */
export function userValue(content: string | ElementContent | ElementContent[], lang: string): Element {
  return isolated(content, lang && untranslated(lang) ? lang : undefined);
}

/**
 * One of Octavo's own English names (a licence, a font and its makers),
 * isolated, and said to be English wherever the words around it are not.
 */
export function englishValue(content: string | ElementContent | ElementContent[], lang: string): Element {
  return isolated(content, isEnglish(lang) ? undefined : 'en');
}

/** Octavo's words in a book's language, marked as English when they are (see wordsMarks). */
export function words(content: ElementContent[], lang: string): ElementContent[] {
  const marks = wordsMarks(lang);
  return Object.keys(marks).length ? [h('span', marks, content)] : content;
}

/**
 * The names, each isolated (`value`: userValue, or englishValue for Octavo's
 * own data), joined by the language's words: "A, B and C" (empty for none).
 */
export function nameList(
  names: readonly string[],
  lang: string,
  value: (name: string, lang: string) => Element = userValue,
): ElementContent[] {
  const s = stringsFor(lang);
  const out: ElementContent[] = [];
  names.forEach((name, i) => {
    if (i > 0) out.push({ type: 'text', value: i === names.length - 1 ? s.and : s.comma });
    out.push(value(name, lang));
  });
  return out;
}

/** Whether a book's language is English, whose readers need no `lang` on English names. */
export function isEnglish(lang: string): boolean {
  return primaryLanguage(lang) === 'en';
}
