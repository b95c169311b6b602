/**
 * pandoc's line blocks, for verse and addresses: a paragraph whose every line
 * starts with `| ` (or is a lone `|`) keeps its line breaks and the spaces
 * after the bar (as non-breaking spaces); a line starting with a space instead
 * continues the one before. `<div class="line-block">` with `<br>`s, as pandoc
 * writes it.
 */
import type { Break, Paragraph, PhrasingContent, Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from '../../util/visit.js';
import { literalFlags, textSlice } from './shared.js';

const LINES = new WeakMap<VFile, string[]>();

/** The file's lines, split once per file (a chapter has many paragraphs). */
function sourceLines(file: VFile): string[] {
  let lines = LINES.get(file);
  if (!lines) {
    lines = String(file.value).split(/\r?\n|\r/);
    LINES.set(file, lines);
  }
  return lines;
}

/** Each source line of the paragraph: a new line (`|`) or a continuation; undefined if it is no line block. */
function lineKinds(node: Paragraph, file: VFile): ('bar' | 'more')[] | undefined {
  const start = node.position?.start;
  const end = node.position?.end;
  if (!start || !end) return undefined;
  const lines = sourceLines(file);
  const kinds: ('bar' | 'more')[] = [];
  for (let n = start.line; n <= end.line; n++) {
    const text = (lines[n - 1] ?? '').slice(start.column - 1);
    if (/^\|( |$)/.test(text)) kinds.push('bar');
    else if (n > start.line && /^[ \t]/.test(text)) kinds.push('more');
    else return undefined;
  }
  return kinds;
}

function toLineBlock(node: Paragraph, file: VFile): void {
  const first = node.children[0];
  if (first?.type !== 'text' || !first.value.startsWith('|')) return;
  const kinds = lineKinds(node, file);
  if (!kinds || !literalFlags(first, file)[0]) return;
  let line = 0;
  let atLineStart = true;
  const out: PhrasingContent[] = [];
  const lineEnd = () => {
    line++;
    atLineStart = kinds[line] !== 'more';
    out.push(atLineStart ? ({ type: 'break' } satisfies Break) : { type: 'text', value: ' ' });
  };
  for (const child of node.children) {
    if (child.type === 'break') {
      lineEnd();
      continue;
    }
    if (child.type !== 'text') {
      out.push(child);
      atLineStart = false;
      continue;
    }
    let from = 0;
    for (;;) {
      if (atLineStart) {
        // The bar and one space go; the spaces after them are kept, non-breaking.
        const m = /^\|( ?)( *)/.exec(child.value.slice(from));
        if (m) {
          from += 1 + m[1]!.length;
          if (m[2]) out.push({ type: 'text', value: '\u00a0'.repeat(m[2].length) });
          from += m[2]!.length;
        }
        atLineStart = false;
      }
      const nl = child.value.indexOf('\n', from);
      const piece = textSlice(child, file, from, nl < 0 ? undefined : nl);
      if (piece.value) out.push(piece);
      if (nl < 0) break;
      lineEnd();
      from = nl + 1;
    }
  }
  node.children = out;
  node.data = { ...node.data, hName: 'div', hProperties: { className: ['line-block'] } };
}

export function pandocLineBlocks(tree: Root, file: VFile): void {
  visit(tree, 'paragraph', (node) => toLineBlock(node, file));
}
