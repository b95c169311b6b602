/**
 * Fills a template fragment's slots. The template language is three attributes:
 *   data-slot="name"    the element's children become the value; without a value the element is removed
 *   data-if="name"      keep the element only when the value is present (data-unless: only when absent)
 *   data-href="name"    set href from a string value
 *   data-i18n="key"     the element's text in the book's language (value `i18n:key`), when the template
 *                       says what Octavo says in English (value `i18n-en:key`): a theme's own wording is kept.
 *                       Where the book's language has no words of Octavo's, they stay English, and the element
 *                       says so with the `i18n-lang` and `i18n-dir` values (lang="en", dir="ltr").
 * The attributes are removed from the result.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { structuredCloneTree } from './clone.js';

export type SlotValue = string | ElementContent[] | undefined;
export type SlotValues = Record<string, SlotValue>;

function present(v: SlotValue): boolean {
  return typeof v === 'string' ? v.length > 0 : Array.isArray(v) && v.length > 0;
}

function asContent(v: SlotValue): ElementContent[] {
  if (typeof v === 'string') return [{ type: 'text', value: v }];
  return v ?? [];
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : Array.isArray(v) ? v.join(' ') : undefined;
}

/** Returns a filled copy of the fragment; the theme's own tree is never changed. */
export function fill(fragment: Root, values: SlotValues): Root {
  const tree = structuredCloneTree(fragment);
  fillChildren(tree, values);
  return tree;
}

function fillChildren(parent: Root | Element, values: SlotValues): void {
  const out: RootContent[] = [];
  for (const child of parent.children) {
    if (child.type !== 'element') {
      out.push(child);
      continue;
    }
    const p = child.properties;
    const ifName = str(p.dataIf);
    const unlessName = str(p.dataUnless);
    const slotName = str(p.dataSlot);
    const hrefName = str(p.dataHref);
    const i18nKey = str(p.dataI18n);
    delete p.dataI18n;
    if (i18nKey !== undefined) translate(child, i18nKey, values);
    if (ifName !== undefined && !present(values[ifName])) continue;
    if (unlessName !== undefined && present(values[unlessName])) continue;
    if (slotName !== undefined && !present(values[slotName])) continue;
    delete p.dataIf;
    delete p.dataUnless;
    delete p.dataSlot;
    delete p.dataHref;
    if (hrefName !== undefined) {
      const href = values[hrefName];
      if (typeof href === 'string' && href) p.href = href;
    }
    if (slotName !== undefined) child.children = asContent(values[slotName]);
    else fillChildren(child, values);
    out.push(child);
  }
  parent.children = out as typeof parent.children;
}

/** An element's words in the book's language, unless the theme wrote its own (anything but Octavo's English). */
function translate(el: Element, key: string, values: SlotValues): void {
  const translated = values[`i18n:${key}`];
  const english = values[`i18n-en:${key}`];
  // The template's line breaks and indentation are not part of the wording.
  const own = el.children
    .map((c) => (c.type === 'text' ? c.value : ''))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  if (typeof translated !== 'string' || !translated || own !== english) return;
  el.children = [{ type: 'text', value: translated }];
  const lang = values['i18n-lang'];
  const dir = values['i18n-dir'];
  if (typeof lang === 'string' && lang) el.properties.lang = lang;
  if (typeof dir === 'string' && dir) el.properties.dir = dir;
}

/** The first element of a filled fragment (fragments hold one top-level element). */
export function rootElement(tree: Root): Element {
  const el = tree.children.find((c): c is Element => c.type === 'element');
  if (!el) throw new Error('template fragment has no element');
  return el;
}
