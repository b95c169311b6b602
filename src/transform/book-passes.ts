/**
 * Passes over the whole book, after every chapter went through the unified
 * pipeline on its own: what needs to see all chapters at once (unique ids,
 * cross-references) lives here.
 */
import type { Element } from 'hast';
import { visit } from 'unist-util-visit';
import type { Chapter } from '../book.js';
import type { Diagnostic } from '../diagnostics.js';

export function runBookPasses(chapters: Chapter[], diagnostics: Diagnostic[]): void {
  makeIdsUnique(chapters);
  void diagnostics;
}

/**
 * Ids must be unique across the whole book (HTML and PDF are one document). A
 * later duplicate gets a suffix; links inside its own chapter follow it.
 */
export function makeIdsUnique(chapters: Chapter[]): void {
  const seen = new Set<string>(chapters.map((c) => c.id));
  for (const chapter of chapters) {
    const renamed = new Map<string, string>();
    visit(chapter.tree, 'element', (node: Element) => {
      const id = node.properties.id;
      if (typeof id !== 'string') return;
      let unique = id;
      for (let n = 1; seen.has(unique); n++) unique = `${id}-${n}`;
      seen.add(unique);
      if (unique !== id) {
        renamed.set(id, unique);
        node.properties.id = unique;
      }
    });
    if (renamed.size === 0) continue;
    for (const hd of chapter.headings) hd.id = renamed.get(hd.id) ?? hd.id;
    visit(chapter.tree, 'element', (node: Element) => {
      const href = node.properties.href;
      if (node.tagName === 'a' && typeof href === 'string' && href.startsWith('#')) {
        const target = renamed.get(href.slice(1));
        if (target) node.properties.href = `#${target}`;
      }
    });
  }
}
