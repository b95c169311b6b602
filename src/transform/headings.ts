/**
 * rehype plugin: gives every heading a stable id (GitHub-style slug, or the one
 * it has) and records the chapter's headings for contents pages and outlines.
 */
import GithubSlugger from 'github-slugger';
import type { Root } from 'hast';
import { headingRank } from 'hast-util-heading-rank';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { Heading } from '../book.js';

export function rehypeHeadingIds() {
  return (tree: Root, file: VFile) => {
    const slugger = new GithubSlugger();
    const headings: Heading[] = [];
    visit(tree, 'element', (node) => {
      const depth = headingRank(node);
      if (!depth) return;
      const text = toString(node).trim();
      const given = typeof node.properties.id === 'string' ? node.properties.id : undefined;
      const id = given ?? (slugger.slug(text) || `section-${headings.length + 1}`);
      node.properties.id = id;
      headings.push({ id, depth, text });
    });
    file.data.headings = headings;
  };
}
