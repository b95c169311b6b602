/**
 * pandoc's table captions: a paragraph starting with `Table:` (or `table:`,
 * or just `:`) right before or after a table (a blank line between) is the
 * table's caption; `{#tbl-id}` (any attributes) at its end go on the table.
 * The caption is held in the table's Markdown node as a `pandocCaption`, and
 * pandocTableHandler makes it the table's first child, a `<caption>`.
 */
import type { Element } from 'hast';
import type { Table as MdTable, Paragraph, Parent, PhrasingContent, Root } from 'mdast';
import type { Handler, State } from 'mdast-util-to-hast';
import { defaultHandlers } from 'mdast-util-to-hast';
import type { VFile } from 'vfile';
import { visit } from '../../util/visit.js';
import { trailingAttributes } from './attributes-parse.js';
import type { PandocCaption } from './nodes.js';
import { literalFlags, placeIn, textSlice, toProperties } from './shared.js';

const PREFIX = /^(?:[Tt]able)?:[ \t]+(?=\S)/;

function captionOf(node: Paragraph | undefined, file: VFile): PhrasingContent[] | undefined {
  const first = node?.children[0];
  if (!node || first?.type !== 'text') return undefined;
  const m = PREFIX.exec(first.value);
  if (!m || !literalFlags(first, file)[m[0].indexOf(':')]) return undefined;
  const rest = textSlice(first, file, m[0].length);
  return [...(rest.value ? [rest] : []), ...node.children.slice(1)];
}

function captionTables(parent: Parent, file: VFile): void {
  for (let i = 0; i < parent.children.length; i++) {
    const table = parent.children[i]!;
    if (table.type !== 'table') continue;
    if ((table.children as unknown[]).some((c) => (c as { type: string }).type === 'pandocCaption')) continue;
    const before = parent.children[i - 1];
    const after = parent.children[i + 1];
    let at = -1;
    let caption = after?.type === 'paragraph' ? captionOf(after, file) : undefined;
    if (caption) at = i + 1;
    else {
      caption = before?.type === 'paragraph' ? captionOf(before, file) : undefined;
      if (caption) at = i - 1;
    }
    if (!caption || at < 0) continue;
    const last = caption[caption.length - 1];
    if (last?.type === 'text') {
      const found = trailingAttributes(last.value);
      if (found && literalFlags(last, file)[found.start]) {
        table.data = { ...table.data, hProperties: toProperties(found.attrs, file, placeIn(last, found.start)) };
        last.value = last.value.slice(0, found.start).replace(/[ \t]+$/, '');
        if (!last.value) caption.pop();
      }
    }
    const node: PandocCaption = {
      type: 'pandocCaption',
      data: { hName: 'caption' },
      children: caption,
      position: parent.children[at]!.position,
    };
    (table.children as unknown[]).unshift(node);
    parent.children.splice(at, 1);
    if (at < i) i--;
  }
}

export function pandocTableCaptions(tree: Root, file: VFile): void {
  visit(tree, (node) => {
    if ('children' in node) captionTables(node as Parent, file);
  });
}

/** remark-rehype's table, with a `pandocCaption` first in it made its `<caption>`. */
export const pandocTableHandler: Handler = (state: State, node: MdTable) => {
  const children = node.children as unknown as { type: string }[];
  const caption = children.find((c) => c.type === 'pandocCaption') as PandocCaption | undefined;
  if (!caption) return defaultHandlers.table(state, node);
  const rows = { ...node, children: node.children.filter((c) => (c as { type: string }) !== caption) };
  const table = defaultHandlers.table(state, rows) as Element;
  const element = state.applyData(caption, {
    type: 'element',
    tagName: 'caption',
    properties: {},
    children: state.all(caption),
  });
  state.patch(caption, element);
  table.children.unshift(element as never);
  return table;
};
