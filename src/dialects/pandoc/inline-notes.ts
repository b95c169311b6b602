/**
 * pandoc's inline notes: `text^[the note, with *markup*]` is a footnote whose
 * text is written where it is cited. It becomes a GFM footnote (a reference
 * and a definition), so footnotes.ts numbers it with the `[^x]` notes, in
 * order of reference, and renders it the same way.
 */
import type { FootnoteDefinition, FootnoteReference, Parent, PhrasingContent, Root, Text } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from '../../util/visit.js';
import { bracketPairs, outermost, replaceBracketed } from './brackets.js';
import { literalFlags } from './shared.js';

export function pandocInlineNotes(tree: Root, file: VFile): void {
  const taken = new Set<string>();
  visit(tree, 'footnoteDefinition', (node) => {
    taken.add(node.identifier);
  });
  let n = 0;
  const nextId = () => {
    let id: string;
    do id = `inline-note-${++n}`;
    while (taken.has(id));
    taken.add(id);
    return id;
  };
  const definitions: FootnoteDefinition[] = [];

  const notesIn = (parent: Parent) => {
    const children = parent.children as PhrasingContent[];
    const found = bracketPairs(children, file).filter((pair) => {
      const holder = children[pair.open.index] as Text;
      const k = pair.open.offset - 1;
      return k >= 0 && holder.value[k] === '^' && literalFlags(holder, file)[k];
    });
    const chosen = outermost(found);
    if (!chosen.length) return;
    parent.children = replaceBracketed(
      children,
      chosen.map((pair) => {
        const id = nextId();
        const holder = children[pair.open.index] as Text;
        const start = holder.position?.start;
        return {
          pair: { open: { index: pair.open.index, offset: pair.open.offset - 1 }, close: pair.close },
          openLength: 2,
          closeLength: 1,
          make: (inner: PhrasingContent[]) => {
            definitions.push({
              type: 'footnoteDefinition',
              identifier: id,
              label: id,
              children: [{ type: 'paragraph', children: inner }],
            });
            const ref: FootnoteReference = { type: 'footnoteReference', identifier: id, label: id };
            if (start) ref.position = { start, end: start };
            return ref;
          },
        };
      }),
      file,
    ) as Parent['children'];
  };
  visit(tree, (node) => {
    if (node.type === 'footnoteDefinition' && definitions.includes(node)) return;
    if ('children' in node) notesIn(node as Parent);
  });
  // A note inside a note is a note of its own, as in pandoc.
  for (let d = 0; d < definitions.length; d++)
    visit(definitions[d]!, (node) => {
      if ('children' in node) notesIn(node as Parent);
    });
  tree.children.push(...definitions);
}
