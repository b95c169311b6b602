/**
 * pandoc's Markdown, as pandoc reads it, one module per construct; each runs
 * only when its feature is on (book.yaml `markdown:`), and a feature that is
 * off leaves its syntax as text for dialects/unhandled.ts to report.
 *
 * `remarkPandoc` adds the parser extensions (fenced divs, definition lists)
 * and then rewrites the Markdown tree, in this order: raw TeX goes first (its
 * braces are no attributes), then fenced divs, attributes (on nodes as parsed,
 * whose places in the source are known), table captions, line blocks, inline
 * notes, spans, and superscript and subscript last (inside all of them).
 * `pandocHandlers` are remark-rehype's handlers for what has no `hName`.
 */
import type { Root } from 'mdast';
import type { Handlers } from 'mdast-util-to-hast';
import type { Processor } from 'unified';
import type { VFile } from 'vfile';
import type { Features } from '../features.js';
import { pandocAttributes } from './attributes.js';
import { definitionListSyntax, defListFromMarkdown, defListHastHandlers } from './definition-lists.js';
import { fencedDivFromMarkdown, fencedDivSyntax, pandocFencedDivs } from './fenced-divs.js';
import { pandocInlineNotes } from './inline-notes.js';
import { pandocLineBlocks } from './line-blocks.js';
import { pandocRawTex } from './raw-tex.js';
import { pandocSpans } from './spans.js';
import { pandocSuperSub } from './super-sub.js';
import { pandocTableCaptions, pandocTableHandler } from './table-captions.js';

export type * from './nodes.js';

export function remarkPandoc(this: Processor, features: Features) {
  const data = this.data();
  data.micromarkExtensions ??= [];
  data.fromMarkdownExtensions ??= [];
  const micromark = data.micromarkExtensions;
  const fromMarkdown = data.fromMarkdownExtensions;
  if (features['fenced-divs']) {
    micromark.push(fencedDivSyntax());
    fromMarkdown.push(fencedDivFromMarkdown);
  }
  if (features['definition-lists']) {
    micromark.push(...definitionListSyntax);
    fromMarkdown.push(defListFromMarkdown);
  }
  return (tree: Root, file: VFile) => {
    if (features['raw-tex']) pandocRawTex(tree, file);
    if (features['fenced-divs']) pandocFencedDivs(tree, file);
    if (features.attributes) pandocAttributes(tree, file);
    if (features['table-captions']) pandocTableCaptions(tree, file);
    if (features['line-blocks']) pandocLineBlocks(tree, file);
    if (features['inline-notes']) pandocInlineNotes(tree, file);
    if (features.attributes) pandocSpans(tree, file);
    pandocSuperSub(tree, file, { superscript: features.superscript, subscript: features.subscript });
  };
}

export const pandocHandlers: Handlers = {
  ...(defListHastHandlers as Handlers),
  table: pandocTableHandler,
};
