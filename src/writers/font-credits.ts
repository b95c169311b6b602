/**
 * The colophon is composed once, with the credits of the print faces
 * (`li.credit[data-kind="font"]`). An edition that embeds no font (EPUB,
 * HTML: the reader's own fonts show the text) credits none: they are removed,
 * and the credits section with them when nothing else is left in it.
 */
import type { Element, Root } from 'hast';
import { select } from 'hast-util-select';
import { SKIP, visit } from '../util/visit.js';

const hasClass = (el: Element, name: string) =>
  Array.isArray(el.properties.className) && el.properties.className.includes(name);

function removeWhere(tree: Root | Element, test: (el: Element) => boolean): void {
  visit(tree, 'element', (node, index, parent) => {
    if (!parent || index === undefined || !test(node)) return undefined;
    parent.children.splice(index, 1);
    return [SKIP, index];
  });
}

export function dropFontCredits(colophon: Element): void {
  removeWhere(colophon, (el) => el.tagName === 'li' && el.properties.dataKind === 'font');
  // The default theme's `section.credit-section` (heading and list), or a theme's bare `.credit-list`.
  removeWhere(colophon, (el) => (hasClass(el, 'credit-section') || hasClass(el, 'credit-list')) && !select('li', el));
}
