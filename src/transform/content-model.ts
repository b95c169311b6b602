/**
 * rehype plugin: raw HTML in real manuscripts is sometimes broken (a stray
 * `</p>`, an unclosed tag) and the HTML parser then leaves block content
 * inside an inline element, e.g. paragraphs inside <code>. Browsers cope;
 * XHTML readers and EPUBCheck do not. Such an inline element is unwrapped
 * (its content kept) and the author is told where.
 */
import type { Element, ElementContent, Root } from 'hast';
import type { VFile } from 'vfile';
import { SKIP, visit } from '../util/visit.js';

const PHRASING_ONLY = new Set([
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'data',
  'dfn',
  'em',
  'i',
  'kbd',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
]);
/**
 * Block elements, and list items: an unclosed `<b>` in one item is opened
 * again around the next items (`<ul><li>a <b>x</b></li><b><li>b</li></b></ul>`).
 */
const FLOW_ONLY = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'details',
  'div',
  'dl',
  'fieldset',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'ul',
  'li',
  'dt',
  'dd',
]);

function holdsFlow(node: Element): boolean {
  return node.children.some((c) => c.type === 'element' && FLOW_ONLY.has(c.tagName));
}

export function rehypeContentModel() {
  return (tree: Root, file: VFile) => {
    let changed = true;
    // Unwrapping can expose another level; a few rounds settle any real document.
    for (let round = 0; changed && round < 8; round++) {
      changed = false;
      visit(tree, 'element', (node, index, parent) => {
        if (!parent || index === undefined || !PHRASING_ONLY.has(node.tagName) || !holdsFlow(node)) return undefined;
        file.message(`<${node.tagName}> holds block content (broken HTML in the source?); it is unwrapped`, {
          place: node.position,
          ruleId: 'content-model',
          source: 'octavo',
        });
        parent.children.splice(index, 1, ...(node.children as ElementContent[]));
        changed = true;
        return [SKIP, index];
      });
    }
  };
}
