/**
 * pandoc's bracketed spans: `[text]{.smallcaps}` → `<span class="smallcaps">`.
 * The attribute block must touch the closing bracket. Brackets that make a
 * link are links (micromark has them already); `[text]` alone stays text.
 */
import type { Parent, PhrasingContent, Root, Text } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from '../../util/visit.js';
import { leadingAttributes } from './attributes-parse.js';
import { bracketPairs, outermost, replaceBracketed } from './brackets.js';
import type { PandocSpan } from './nodes.js';
import { literalFlags, placeIn, toProperties } from './shared.js';

function spansIn(parent: Parent, file: VFile): void {
  const children = parent.children as PhrasingContent[];
  const found = bracketPairs(children, file).flatMap((pair) => {
    const holder = children[pair.close.index] as Text;
    const after = leadingAttributes(holder.value, pair.close.offset + 1);
    if (!after || !literalFlags(holder, file)[pair.close.offset + 1]) return [];
    return [{ ...pair, after, place: placeIn(holder, pair.close.offset + 1) }];
  });
  const chosen = outermost(found);
  if (!chosen.length) return;
  parent.children = replaceBracketed(
    children,
    chosen.map((pair) => {
      const props = toProperties(pair.after.attrs, file, pair.place);
      return {
        pair,
        openLength: 1,
        closeLength: 1 + pair.after.length,
        make: (inner): PandocSpan => ({
          type: 'pandocSpan',
          data: { hName: 'span', hProperties: props },
          children: inner,
        }),
      };
    }),
    file,
  ) as Parent['children'];
}

export function pandocSpans(tree: Root, file: VFile): void {
  visit(tree, (node) => {
    if ('children' in node) spansIn(node as Parent, file);
  });
}
