/**
 * rehype plugin: GFM column alignment (`|:--:|`) as CSS. remark-rehype writes
 * `align` on th/td, which HTML5 (and so EPUBCheck) no longer allows.
 */
import type { Root } from 'hast';
import { visit } from '../util/visit.js';

export function rehypeTableAlign() {
  return (tree: Root) => {
    visit(tree, 'element', (node) => {
      if (node.tagName !== 'th' && node.tagName !== 'td') return;
      const align = node.properties.align;
      if (align === undefined) return;
      delete node.properties.align;
      if (typeof align === 'string' && /^(left|right|center|justify)$/.test(align)) {
        const style =
          typeof node.properties.style === 'string' ? `${node.properties.style.replace(/;?\s*$/, ';')} ` : '';
        node.properties.style = `${style}text-align: ${align};`;
      }
    });
  };
}
