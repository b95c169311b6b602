/**
 * GFM footnotes as EPUB 3 pop-up notes, the same structure in every edition:
 *
 * ```html
 * <sup><a epub:type="noteref" role="doc-noteref" href="#fn-1" id="fnref-1">1</a></sup>
 * …
 * <section class="footnotes" epub:type="footnotes" role="doc-endnotes" aria-label="Notes">
 *   <aside epub:type="footnote" role="doc-footnote" id="fn-1">
 *     <p><span class="footnote-number">1.</span> The note.
 *       <a role="doc-backlink" href="#fnref-1" aria-label="Back to note 1">↩︎</a></p>
 *   </aside>
 * </section>
 * ```
 *
 * remark: references to notes that do not exist, and notes never referenced,
 * are reported with their position.
 * rehype: remark-rehype's GitHub-style footnotes are rebuilt into the above.
 */
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import type { Root as MdRoot } from 'mdast';
import type { VFile } from 'vfile';
import { accessibilityStringsFor } from '../i18n/accessibility.js';
import { stringsFor } from '../i18n/strings.js';
import { EXIT, visit } from '../util/visit.js';

export function remarkFootnoteChecks() {
  return (tree: MdRoot, file: VFile) => {
    const referenced = new Set<string>();
    visit(tree, 'footnoteReference', (node) => {
      referenced.add(node.identifier);
    });
    const defined = new Set<string>();
    visit(tree, 'footnoteDefinition', (node) => {
      if (defined.has(node.identifier)) {
        file.message(`footnote \`[^${node.label ?? node.identifier}]\` is defined twice; the second text is left out`, {
          place: node.position,
          ruleId: 'footnote-duplicate',
          source: 'octavo',
        }).note = 'Give each note its own label, e.g. [^2].';
      } else if (!referenced.has(node.identifier)) {
        file.message(`footnote \`[^${node.label ?? node.identifier}]\` is never referenced; it is left out`, {
          place: node.position,
          ruleId: 'footnote-unused',
          source: 'octavo',
        }).note = `Refer to it in the text with [^${node.label ?? node.identifier}], or delete it.`;
      }
      defined.add(node.identifier);
    });
    // A reference without a definition stays text: `[^x]`.
    visit(tree, 'text', (node) => {
      for (const m of node.value.matchAll(/\[\^([^\]\s]+)\]/g)) {
        const start = node.position?.start;
        let place = start;
        if (start) {
          const before = node.value.slice(0, m.index);
          const lines = before.split('\n');
          const line = start.line + lines.length - 1;
          const column = lines.length > 1 ? lines[lines.length - 1]!.length + 1 : start.column + before.length;
          place = { line, column };
        }
        file.message(`footnote \`[^${m[1]}]\` has no text`, {
          place,
          ruleId: 'footnote-undefined',
          source: 'octavo',
        }).note = `Add the note on a line of its own: [^${m[1]}]: The note's text.`;
      }
    });
  };
}

function isElement(node: unknown): node is Element {
  return typeof node === 'object' && node !== null && (node as { type?: unknown }).type === 'element';
}

/**
 * What a `#…` link points at. remark-rehype percent-encodes a label in the
 * href and the id alike (`[^注]` → `#user-content-fn-%E6%B3%A8`), so the href
 * is looked up as written, then decoded; `[^%zz]` is no valid escape at all.
 */
function lookUp<T>(ids: ReadonlyMap<string, T>, href: string): T | undefined {
  const key = href.slice(1);
  const found = ids.get(key);
  if (found !== undefined) return found;
  try {
    return ids.get(decodeURIComponent(key));
  } catch {
    return undefined;
  }
}

export function rehypeFootnotes() {
  return (tree: Root, file: VFile) => {
    // remark-rehype puts the notes last, but an unclosed tag in raw HTML (`Text <b>bold`) draws
    // what follows into itself when rehype-raw parses the chapter again: the notes' section, and
    // in a note (`[^1]: A <b>bold`) the next notes. So both are looked for anywhere.
    let section: Element | undefined;
    let holder: Root | Element | undefined;
    visit(tree, 'element', (node, _index, up) => {
      if (node.tagName !== 'section' || node.properties.dataFootnotes === undefined) return undefined;
      section = node;
      holder = up;
      return EXIT;
    });
    if (!section || !holder) return;
    // Each note is taken out of whatever holds it (once references are renamed): no note carries another.
    const found: { li: Element; parent: Root | Element }[] = [];
    visit(section, 'element', (node, _index, up) => {
      const id = node.properties.id;
      if (node.tagName === 'li' && typeof id === 'string' && id.startsWith('user-content-fn-') && up)
        found.push({ li: node, parent: up });
    });
    const items = found.map((f) => f.li);

    const taken = new Set<string>();
    visit(tree, 'element', (node) => {
      if (typeof node.properties.id === 'string') taken.add(node.properties.id);
    });
    const unique = (id: string) => {
      let out = id;
      for (let n = 1; taken.has(out); n++) out = `${id}-${n}`;
      taken.add(out);
      return out;
    };

    // Note ids: old (remark-rehype's) → new, numbered in order of first reference, as shown.
    const noteIds = new Map<string, { id: string; number: number }>();
    items.forEach((li, i) => {
      if (typeof li.properties.id === 'string')
        noteIds.set(li.properties.id, { id: unique(`fn-${i + 1}`), number: i + 1 });
    });

    // References (a note referenced twice has two; each has its own back link), the
    // notes' own too: `[^1]: See [^2].` links to note 2.
    const refIds = new Map<string, string>();
    const refCount = new Map<string, number>();
    visit(tree, 'element', (node) => {
      if (node.tagName !== 'a' || node.properties.dataFootnoteRef === undefined) return undefined;
      const note = lookUp(noteIds, String(node.properties.href ?? ''));
      if (!note) return undefined;
      const n = (refCount.get(note.id) ?? 0) + 1;
      refCount.set(note.id, n);
      const id = unique(n === 1 ? `fnref-${note.number}` : `fnref-${note.number}-${n}`);
      if (typeof node.properties.id === 'string') refIds.set(node.properties.id, id);
      node.properties = { 'epub:type': 'noteref', role: 'doc-noteref', href: `#${note.id}`, id };
      return undefined;
    });

    const lang = file.data.context?.lang ?? 'en';
    const words = accessibilityStringsFor(lang);
    for (const { li, parent } of found) parent.children.splice(parent.children.indexOf(li), 1);
    const asides: Element[] = [];
    for (const li of items) {
      const note = typeof li.properties.id === 'string' ? noteIds.get(li.properties.id) : undefined;
      if (!note) continue;
      const content = li.children.filter((c) => c.type !== 'text' || c.value.trim()) as ElementContent[];
      let back = 0;
      for (const child of content) {
        visit(child, 'element', (node) => {
          if (node.tagName !== 'a' || node.properties.dataFootnoteBackref === undefined) return;
          const href = String(node.properties.href ?? '');
          const target = lookUp(refIds, href);
          back++;
          node.properties = {
            role: 'doc-backlink',
            href: target ? `#${target}` : href,
            ariaLabel: words.backToNote(note.number, back),
          };
          // ↩ with U+FE0E: drawn as text in the book's colour, never as an emoji.
          for (const c of node.children)
            if (c.type === 'text') c.value = c.value.replace(/↩\uFE0F?(?!\uFE0E)/g, '↩\uFE0E');
        });
      }
      const number = h('span', { className: ['footnote-number'] }, `${note.number}.`);
      const first = content[0];
      if (isElement(first) && first.tagName === 'p') first.children.unshift(number, { type: 'text', value: ' ' });
      else content.unshift(h('p', { className: ['footnote-number'] }, `${note.number}.`));
      const aside = h('aside', { 'epub:type': 'footnote', role: 'doc-footnote', id: note.id }, content);
      if (li.position) aside.position = li.position;
      asides.push(aside);
    }

    const label = stringsFor(lang).footnotes;
    const rebuilt = h(
      'section',
      { className: ['footnotes'], 'epub:type': 'footnotes', role: 'doc-endnotes', ariaLabel: label },
      asides,
    );
    // Back at the end of the chapter, out of whatever drew them in.
    holder.children.splice(holder.children.indexOf(section), 1);
    tree.children.push(rebuilt);
  };
}
