/**
 * `<details>` (GitHub READMEs fold long parts in them) stays collapsible on
 * the web page, and is opened where nobody can click it: on paper, and in the
 * EPUB, where many reading systems show a closed one without a way to open it.
 */
import type { Element } from 'hast';
import { visit } from '../util/visit.js';

export function openDetails(tree: Element): void {
  visit(tree, 'element', (node: Element) => {
    if (node.tagName === 'details') node.properties.open = true;
  });
}
