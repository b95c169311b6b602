/**
 * mdBook's hidden code lines, for books laid out for mdBook: in a ```rust
 * block (and a block with no language, which mdBook reads as Rust), a line
 * that starts with `# ` or is just `#` (after any indentation) is hidden in
 * every output, as rustdoc and mdBook hide it; `##` at the start stands for
 * one `#`. mdBook's block attributes go too: ```rust,editable is ```rust.
 */
import type { Code, Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from '../util/visit.js';

const HIDDEN = /^\s*#(?: |$)/;
const ESCAPED = /^(\s*)##/;

/** The lines of a Rust listing as the reader sees them. */
export function visibleRustLines(value: string): string {
  return value
    .split('\n')
    .filter((line) => !HIDDEN.test(line))
    .map((line) => line.replace(ESCAPED, '$1#'))
    .join('\n');
}

export function remarkMdbookCode() {
  return (tree: Root, file: VFile) => {
    if (!file.data.context?.mdbook) return;
    visit(tree, 'code', (node: Code) => {
      // ```rust,ignore, ```rust,editable: mdBook's attributes after the language.
      const lang = node.lang?.split(',')[0]?.trim() || undefined;
      if (node.lang && lang !== node.lang) node.lang = lang;
      if (lang === undefined || lang === 'rust') node.value = visibleRustLines(node.value);
    });
  };
}

/**
 * A chapter cut out of a longer file at a heading below the first level (a
 * single file split at `##`): its headings move up, so its own heading is
 * the chapter's `#` title.
 */
export function remarkShiftHeadings() {
  return (tree: Root, file: VFile) => {
    const shift = file.data.context?.headingShift ?? 0;
    if (shift <= 0) return;
    visit(tree, 'heading', (node) => {
      node.depth = Math.max(1, node.depth - shift) as typeof node.depth;
    });
  };
}
