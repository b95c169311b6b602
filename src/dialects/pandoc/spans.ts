/**
 * pandoc's bracketed spans: `[text]{.smallcaps}` → `<span class="smallcaps">`.
 * The attribute block must touch the closing bracket. Brackets that make a
 * link are links (micromark has them already); `[text]` alone stays text.
 */
import type { Parent, PhrasingContent, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { leadingAttributes } from './attributes-parse.js';
import { matchBracket, replaceBracketed } from './brackets.js';
import type { PandocSpan } from './nodes.js';
import { literalFlags, placeIn, toProperties } from './shared.js';

function spansIn(parent: Parent, file: VFile): void {
  const children = parent.children as PhrasingContent[];
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (child.type !== 'text') continue;
    const flags = literalFlags(child, file);
    for (let k = 0; k < child.value.length; k++) {
      if (child.value[k] !== '[' || !flags[k]) continue;
      const close = matchBracket(children, i, k, file);
      if (!close) continue;
      const holder = children[close.index]!;
      if (holder.type !== 'text') continue;
      const found = leadingAttributes(holder.value.slice(close.offset + 1));
      if (!found || !literalFlags(holder, file)[close.offset + 1]) continue;
      const props = toProperties(found.attrs, file, placeIn(holder, close.offset + 1));
      const at = replaceBracketed(
        children,
        { open: { index: i, offset: k }, close },
        1,
        1 + found.length,
        (inner): PandocSpan => ({ type: 'pandocSpan', data: { hName: 'span', hProperties: props }, children: inner }),
        file,
      );
      // Go on after the span (the spans inside it are its own children's business).
      i = at;
      break;
    }
  }
}

export function pandocSpans(tree: Root, file: VFile): void {
  visit(tree, (node) => {
    if ('children' in node) spansIn(node as Parent, file);
  });
}
