import type { Root } from 'hast';

/** Deep copy of a hast tree (plain JSON data; positions included). */
export function structuredCloneTree<T extends Root>(tree: T): T {
  return structuredClone(tree);
}
