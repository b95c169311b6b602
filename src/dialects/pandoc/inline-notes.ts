/**
 * pandoc's inline notes: `text^[the note, with *markup*]` is a footnote whose
 * text is written where it is cited. It becomes a GFM footnote (a reference
 * and a definition), so footnotes.ts numbers it with the `[^x]` notes, in
 * order of reference, and renders it the same way.
 */
import type { FootnoteDefinition, FootnoteReference, Parent, PhrasingContent, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { matchBracket, replaceBracketed } from './brackets.js';
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
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      if (child.type !== 'text') continue;
      const flags = literalFlags(child, file);
      for (let k = 0; k < child.value.length - 1; k++) {
        if (child.value[k] !== '^' || child.value[k + 1] !== '[' || !flags[k] || !flags[k + 1]) continue;
        const close = matchBracket(children, i, k + 1, file);
        if (!close) continue;
        const id = nextId();
        const start = child.position?.start;
        i = replaceBracketed(
          children,
          { open: { index: i, offset: k }, close },
          2,
          1,
          (inner) => {
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
          file,
        );
        break;
      }
    }
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
