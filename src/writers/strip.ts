/** Small tree edits the writers share. */
import type { Element, Root } from 'hast';
import { SKIP, visit } from '../util/visit.js';

/** Removes attributes by property name everywhere in the tree (e.g. `epub:type` for the web). */
export function removeProperties(tree: Root | Element, names: readonly string[]): void {
  visit(tree, 'element', (node) => {
    for (const name of names) delete node.properties[name];
  });
}

/** Removes elements that have the given class. */
export function removeByClass(tree: Root | Element, className: string): void {
  visit(tree, 'element', (node, index, parent) => {
    const cls = node.properties.className;
    if (parent && index !== undefined && Array.isArray(cls) && cls.includes(className)) {
      parent.children.splice(index, 1);
      return [SKIP, index];
    }
    return undefined;
  });
}
