/**
 * Paper cannot be clicked: after each external link whose text is not its
 * own address, print the address (the link stays live in the PDF).
 */
import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { h } from 'hastscript';
import { SKIP, visit } from '../../util/visit.js';

/** The address as a reader would type it: no scheme for the web, no "mailto:". */
function shown(href: string): string {
  return href.replace(/^mailto:/i, '');
}

function sameAsText(text: string, href: string): boolean {
  const bare = (v: string) =>
    v
      .trim()
      .replace(/^(https?:\/\/|mailto:)/i, '')
      .replace(/^www\./i, '')
      .replace(/\/$/, '')
      .toLowerCase();
  return bare(text) === bare(href);
}

export function printLinkUrls(tree: Root | Element): void {
  visit(tree, 'element', (node, index, parent) => {
    if (node.tagName !== 'a' || index === undefined || !parent) return;
    const href = typeof node.properties.href === 'string' ? node.properties.href : '';
    if (!/^(https?:|mailto:)/i.test(href) || sameAsText(toString(node), href)) return;
    // dir=ltr isolates the address inside right-to-left text.
    const note: ElementContent = h('span', { className: ['link-url'], dir: 'ltr' }, ` (${shown(href)})`);
    parent.children.splice(index + 1, 0, note);
    return [SKIP, index + 2];
  });
}
