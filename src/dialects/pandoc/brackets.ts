/**
 * Bracketed inline syntax after the parse: `[text]{.class}` and `^[a note]`.
 * micromark leaves brackets that make no link as text, possibly around other
 * inline nodes (`[*some* text]{.x}`): the opening bracket is found in one text
 * node and its match in the same or a later sibling, counting only brackets
 * written as such (not `\[`).
 */
import type { PhrasingContent, Text } from 'mdast';
import type { VFile } from 'vfile';
import { overLimit } from '../../config/limits.js';
import { literalFlags, placeIn, textSlice } from './shared.js';

export interface Bracketed {
  /** Index of the child holding `[`, and the offset of `[` in its value. */
  open: { index: number; offset: number };
  /** Index of the child holding the matching `]`, and its offset. */
  close: { index: number; offset: number };
}

/** Files already told their brackets nest too deep (spans and notes both match them). */
const refused = new WeakSet<VFile>();

/**
 * Every matched pair of brackets among `children`, in one pass (a stack), in
 * the order of their opening brackets.
 */
export function bracketPairs(children: PhrasingContent[], file: VFile): Bracketed[] {
  const stack: { index: number; offset: number }[] = [];
  const pairs: Bracketed[] = [];
  let deepest = 0;
  children.forEach((child, i) => {
    if (child.type !== 'text') return;
    const flags = literalFlags(child, file);
    for (let k = 0; k < child.value.length; k++) {
      const c = child.value[k];
      if ((c !== '[' && c !== ']') || !flags[k]) continue;
      if (c === '[') deepest = Math.max(deepest, stack.push({ index: i, offset: k }));
      else {
        const open = stack.pop();
        if (open) pairs.push({ open, close: { index: i, offset: k } });
      }
    }
  });
  // Each nested span or note is matched again inside its parent: bounded, or 20,000 levels take minutes.
  const limits = file.data.context?.limits;
  if (limits && deepest > limits.nesting && pairs.length > 0) {
    if (refused.has(file)) return [];
    refused.add(file);
    const first = children[pairs[0]!.open.index] as Text;
    const over = overLimit(
      'nesting',
      limits,
      `brackets nest ${deepest.toLocaleString('en')} deep here`,
      placeIn(first, pairs[0]!.open.offset) ?? {},
      'Flatten the nesting',
    );
    const message = file.message(over.message, { place: placeIn(first, pairs[0]!.open.offset), ruleId: over.code });
    message.fatal = true;
    message.note = over.hint;
    return [];
  }
  const before = (a: { index: number; offset: number }, b: { index: number; offset: number }) =>
    a.index < b.index || (a.index === b.index && a.offset < b.offset);
  return pairs.sort((a, b) => (before(a.open, b.open) ? -1 : 1));
}

/** Of the pairs `take` accepts, the outermost ones (those inside another are their parent's business later). */
export function outermost<T extends Bracketed>(pairs: T[]): T[] {
  const out: T[] = [];
  for (const p of pairs) {
    const last = out[out.length - 1];
    const inside =
      last &&
      (p.open.index < last.close.index || (p.open.index === last.close.index && p.open.offset < last.close.offset));
    if (!inside) out.push(p);
  }
  return out;
}

export interface Replacement {
  pair: Bracketed;
  /** Length of the opening mark (`[`: 1, `^[`: 2, starting at `pair.open`). */
  openLength: number;
  /** Length of the closing mark (`]` and what follows it, starting at `pair.close`). */
  closeLength: number;
  make: (inner: PhrasingContent[]) => PhrasingContent;
}

/**
 * `children` with each replacement's bracketed content made into a node, in
 * one pass (the replacements in order, none inside another); the texts around
 * are kept.
 */
export function replaceBracketed(
  children: PhrasingContent[],
  replacements: Replacement[],
  file: VFile,
): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let ci = 0;
  let co = 0;
  const rest = (into: PhrasingContent[]) => {
    const c = children[ci]!;
    if (co === 0) into.push(c);
    else if (c.type === 'text' && c.value.length > co) into.push(textSlice(c, file, co));
    ci++;
    co = 0;
  };
  /** Copies from the cursor up to `offset` of child `index`. */
  const take = (index: number, offset: number, into: PhrasingContent[]) => {
    while (ci < index) rest(into);
    const c = children[ci] as Text;
    if (offset > co) into.push(textSlice(c, file, co, offset));
    co = offset;
  };
  for (const r of replacements) {
    take(r.pair.open.index, r.pair.open.offset, out);
    co += r.openLength;
    const inner: PhrasingContent[] = [];
    take(r.pair.close.index, r.pair.close.offset, inner);
    co += r.closeLength;
    out.push(r.make(inner));
  }
  while (ci < children.length) rest(out);
  return out;
}
