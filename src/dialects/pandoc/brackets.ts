/**
 * Bracketed inline syntax after the parse: `[text]{.class}` and `^[a note]`.
 * micromark leaves brackets that make no link as text, possibly around other
 * inline nodes (`[*some* text]{.x}`): the opening bracket is found in one text
 * node and its match in the same or a later sibling, counting only brackets
 * written as such (not `\[`).
 */
import type { PhrasingContent, Text } from 'mdast';
import type { VFile } from 'vfile';
import { literalFlags, textSlice } from './shared.js';

export interface Bracketed {
  /** Index of the child holding `[`, and the offset of `[` in its value. */
  open: { index: number; offset: number };
  /** Index of the child holding the matching `]`, and its offset. */
  close: { index: number; offset: number };
}

/** The `]` matching the `[` at `offset` of child `index`, at the same level. */
export function matchBracket(
  children: PhrasingContent[],
  index: number,
  offset: number,
  file: VFile,
): { index: number; offset: number } | undefined {
  let depth = 0;
  for (let i = index; i < children.length; i++) {
    const child = children[i]!;
    if (child.type !== 'text') continue;
    const flags = literalFlags(child, file);
    for (let k = i === index ? offset + 1 : 0; k < child.value.length; k++) {
      if (!flags[k]) continue;
      const c = child.value[k];
      if (c === '[') depth++;
      else if (c === ']') {
        if (depth === 0) return { index: i, offset: k };
        depth--;
      }
    }
  }
  return undefined;
}

/**
 * Replace what lies between `open` (its mark `openLength` long) and `close`
 * (its mark `closeLength` long) by `make(inner)`; the texts around are kept.
 */
export function replaceBracketed(
  children: PhrasingContent[],
  b: Bracketed,
  openLength: number,
  closeLength: number,
  make: (inner: PhrasingContent[]) => PhrasingContent,
  file: VFile,
): number {
  const first = children[b.open.index] as Text;
  const last = children[b.close.index] as Text;
  const inner: PhrasingContent[] = [];
  const openEnd = b.open.offset + openLength;
  if (b.open.index === b.close.index) {
    if (b.close.offset > openEnd) inner.push(textSlice(first, file, openEnd, b.close.offset));
  } else {
    if (first.value.length > openEnd) inner.push(textSlice(first, file, openEnd));
    inner.push(...children.slice(b.open.index + 1, b.close.index));
    if (b.close.offset > 0) inner.push(textSlice(last, file, 0, b.close.offset));
  }
  const out: PhrasingContent[] = [];
  if (b.open.offset > 0) out.push(textSlice(first, file, 0, b.open.offset));
  out.push(make(inner));
  if (last.value.length > b.close.offset + closeLength) out.push(textSlice(last, file, b.close.offset + closeLength));
  children.splice(b.open.index, b.close.index - b.open.index + 1, ...out);
  return b.open.index + (b.open.offset > 0 ? 1 : 0);
}
