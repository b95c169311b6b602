/**
 * Marks a paragraph that holds an image and nothing else (a link around it
 * aside) with `class="lone-image"`, so the style sheets can leave out its
 * first-line indent: an indented image as wide as the column would stick out
 * past its edge on a narrow screen. A class, not `p:has(> img:only-child)`:
 * EPUBCheck cannot parse `:has()` with a selector in it, many reading systems
 * do not know it, and `:only-child` would not see text beside the image.
 */
import type { Element, ElementContent } from 'hast';
import { visit } from '../util/visit.js';

const IMAGES = new Set(['img', 'picture', 'svg']);

/** The element children when there is nothing else but white space; undefined when there is text. */
function elementsAlone(node: Element): Element[] | undefined {
  const out: Element[] = [];
  for (const c of node.children) {
    if (c.type === 'element') out.push(c);
    else if (c.type === 'text' && c.value.trim()) return undefined;
  }
  return out;
}

function isLoneImage(p: Element): boolean {
  const [only, ...rest] = elementsAlone(p) ?? [];
  if (!only || rest.length) return false;
  if (IMAGES.has(only.tagName)) return true;
  if (only.tagName !== 'a') return false;
  const [inner, ...more] = elementsAlone(only) ?? [];
  return !!inner && !more.length && IMAGES.has(inner.tagName);
}

export function markLoneImages(content: ElementContent[]): void {
  for (const node of content) {
    visit(node, 'element', (el) => {
      if (el.tagName !== 'p' || !isLoneImage(el)) return undefined;
      const cls = Array.isArray(el.properties.className) ? el.properties.className : [];
      el.properties.className = [...cls, 'lone-image'];
      return undefined;
    });
  }
}
