/**
 * In the EPUB each division is its own file: a same-document link `#id` must
 * become `file.xhtml#id`. Ids are unique across the book, so one map serves.
 */
import type { Element } from 'hast';
import type { Division } from '../../templates/compose.js';
import { visit } from '../../util/visit.js';

/** The division's file inside the EPUB: named by its id, the contents as `toc.xhtml` (the nav document). */
export function epubFile(division: Division): string {
  return division.kind === 'contents' ? 'toc.xhtml' : `${division.id}.xhtml`;
}

export function idToFile(divisions: readonly Division[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const d of divisions) {
    const file = epubFile(d);
    map.set(d.id, file);
    visit(d.element, 'element', (node) => {
      if (typeof node.properties.id === 'string') map.set(node.properties.id, file);
    });
  }
  return map;
}

/** `ownFile`: the file the element goes into; links within it stay `#id`. */
export function rewriteLinks(
  element: Element,
  files: ReadonlyMap<string, string>,
  divisionIds: ReadonlySet<string>,
  ownFile?: string,
): void {
  visit(element, 'element', (node) => {
    const href = node.properties.href;
    if (node.tagName !== 'a' || typeof href !== 'string' || !href.startsWith('#')) return;
    const id = href.slice(1);
    const file = files.get(id);
    if (!file || file === ownFile) return;
    node.properties.href = divisionIds.has(id) ? file : `${file}#${id}`;
  });
}
