/**
 * The EPUB navigation as data: the nested `ol > li > a` of the nav document,
 * read back from its tree, so the NCX nests exactly as the nav does.
 */
import type { Element } from 'hast';
import { toString as textOf } from 'hast-util-to-string';

export interface NavEntry {
  title: string;
  href: string;
  children: NavEntry[];
}

const isElement = (node: unknown, tag: string): node is Element =>
  (node as Element).type === 'element' && (node as Element).tagName === tag;

/** The entries of the first list in `nav` (the contents), nested as its lists nest. */
export function navEntries(nav: Element): NavEntry[] {
  const list = findList(nav);
  return list ? entriesOf(list) : [];
}

function findList(node: Element): Element | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'ol') return child;
    const found = findList(child);
    if (found) return found;
  }
  return undefined;
}

function entriesOf(list: Element): NavEntry[] {
  const out: NavEntry[] = [];
  for (const li of list.children) {
    if (!isElement(li, 'li')) continue;
    const link = li.children.find((c) => isElement(c, 'a'));
    const sub = li.children.find((c) => isElement(c, 'ol'));
    const children = sub && isElement(sub, 'ol') ? entriesOf(sub) : [];
    if (link && isElement(link, 'a') && typeof link.properties.href === 'string')
      out.push({ title: textOf(link).trim(), href: link.properties.href, children });
    // A heading without a link of its own (none today) would still carry its children.
    else out.push(...children);
  }
  return out;
}

/** How deep the entries nest: 1 for a flat list. */
export function navDepth(entries: readonly NavEntry[]): number {
  return entries.reduce((max, e) => Math.max(max, 1 + navDepth(e.children)), 0);
}
