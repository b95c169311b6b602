/**
 * Which print faces a book needs: the colophon credits only the fonts its
 * PDF embeds (Chromium embeds a face only when the text uses it).
 */
import { toString } from 'hast-util-to-string';
import type { Book } from '../book.js';
import { EXIT, visit } from '../util/visit.js';
import { type FontPackage, PRINT_FONTS } from './print-fonts.js';

const cache = new WeakMap<Book, readonly FontPackage[]>();
const CODE = new Set(['code', 'pre', 'kbd', 'samp']);

export function fontsUsedBy(book: Book): readonly FontPackage[] {
  const known = cache.get(book);
  if (known) return known;
  const c = book.config;
  const texts = [c.title, c.subtitle ?? '', ...c.creators, c.source ?? '', ...c.changes];
  let code = false;
  let math = false;
  for (const chapter of book.chapters) {
    texts.push(chapter.title, toString(chapter.tree));
    if (!code || !math) {
      visit(chapter.tree, 'element', (node) => {
        if (CODE.has(node.tagName)) code = true;
        if (node.tagName === 'math') math = true;
        return code && math ? EXIT : undefined;
      });
    }
  }
  const text = texts.join('\n');
  const used = PRINT_FONTS.filter((f) => (f.code ? code : f.math ? math : f.script ? f.script.test(text) : true));
  cache.set(book, used);
  return used;
}
