/**
 * Fills a template fragment's slots. The template language is three attributes:
 *   data-slot="name"    the element's children become the value; without a value the element is removed
 *   data-if="name"      keep the element only when the value is present (data-unless: only when absent)
 *   data-href="name"    set href from a string value
 *   data-i18n="key"     the element's text in the book's language (value `i18n:key`; the template's text otherwise)
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
    const translated = i18nKey !== undefined ? values[`i18n:${i18nKey}`] : undefined;
    // A theme's own wording (anything but Octavo's English default) is kept as written.
    const own = child.children
      .map((c) => (c.type === 'text' ? c.value : ''))
      .join('')
      .trim();
    if (typeof translated === 'string' && translated && own === values[`i18n-en:${i18nKey}`])
      child.children = [{ type: 'text', value: translated }];
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

/** The first element of a filled fragment (fragments hold one top-level element). */
export function rootElement(tree: Root): Element {
  const el = tree.children.find((c): c is Element => c.type === 'element');
  if (!el) throw new Error('template fragment has no element');
  return el;
}
