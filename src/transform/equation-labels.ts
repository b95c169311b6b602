/**
 * Equation labels, as Quarto and pandoc-crossref write them: `{#eq-…}` after
 * display math.
 *
 *     $$ E = mc^2 $$ {#eq-energy}
 *
 *     $$
 *     E = mc^2
 *     $$ {#eq-energy}
 *
 * The first is a paragraph of display math and text: read on the Markdown
 * tree. The second is not math to micromark: a closing fence must stand alone,
 * so the block would run to the end of the chapter. Before the parse,
 * `blankClosingLabels` blanks such a label out (spaces, so every offset and
 * column stays where it was) and remembers it by line; the tree pass gives the
 * math node that ends on that line its id. A label on the line after the
 * closing fence, a paragraph of its own, is read on the tree too.
 *
 * The id goes on the math's element (math.ts keeps it on the rendered
 * `<div class="math-display">`); book passes number it.
 */
import type { Paragraph, Root, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from '../util/visit.js';

declare module 'vfile' {
  interface DataMap {
    /** Equation labels blanked out of closing `$$` lines, by 1-based line. */
    equationLabels: ReadonlyMap<number, string>;
  }
}

const CLOSING = /^([ \t]*\$\$)([ \t]*\{#(eq-[^\s{}]+)\})[ \t]*$/;
const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})/;

/** The source with `$$ {#eq-x}` closing fences made plain `$$`, and the labels by line. */
export function blankClosingLabels(source: string): { source: string; labels: Map<number, string> } {
  const labels = new Map<number, string>();
  if (!source.includes('{#eq-')) return { source, labels };
  const lines = source.split('\n');
  let fence: string | undefined;
  let inMath = false;
  lines.forEach((line, i) => {
    const f = FENCE.exec(line);
    if (!inMath && f) {
      if (!fence) fence = f[1]![0]!;
      else if (f[1]![0] === fence) fence = undefined;
      return;
    }
    if (fence) return;
    const trimmed = line.trim();
    if (!inMath) {
      // An opening fence: `$$` alone or with text after it, but not `$$ … $$` on one line.
      if (trimmed.startsWith('$$') && !/\$\$.*\$\$/.test(trimmed)) inMath = true;
      return;
    }
    const m = CLOSING.exec(line.replace(/\r$/, ''));
    if (m) {
      labels.set(i + 1, m[3]!);
      lines[i] = m[1]! + ' '.repeat(line.length - m[1]!.length);
      inMath = false;
    } else if (/^\s*\$\$\s*$/.test(line)) inMath = false;
  });
  return { source: lines.join('\n'), labels };
}

function setId(node: RootContent, id: string): void {
  node.data ??= {};
  const data = node.data as { hProperties?: Record<string, unknown> };
  data.hProperties = { ...data.hProperties, id };
}

/** A paragraph that is only `{#eq-x}`: the label of the math before it. */
function labelParagraph(node: RootContent | undefined): string | undefined {
  if (node?.type !== 'paragraph' || node.children.length !== 1) return undefined;
  const only = node.children[0]!;
  if (only.type !== 'text') return undefined;
  const m = /^\s*\{#(eq-[^\s{}]+)\}\s*$/.exec(only.value);
  return m?.[1];
}

export function remarkEquationLabels() {
  return (tree: Root, file: VFile) => {
    const blanked = file.data.equationLabels;
    visit(tree, 'math', (node, index, parent) => {
      const id = node.position ? blanked?.get(node.position.end.line) : undefined;
      if (id) {
        setId(node, id);
        return;
      }
      const next = parent && index !== undefined ? parent.children[index + 1] : undefined;
      const label = labelParagraph(next as RootContent | undefined);
      if (label && parent && index !== undefined) {
        setId(node, label);
        parent.children.splice(index + 1, 1);
      }
    });
    // `$$ … $$ {#eq-x}` in a paragraph: the label is the text right after the display math.
    visit(tree, 'paragraph', (p: Paragraph) => {
      p.children.forEach((child, i) => {
        const after = p.children[i + 1];
        if (child.type !== 'inlineMath' || after?.type !== 'text') return;
        const classes = (child.data?.hProperties as { className?: unknown } | undefined)?.className;
        if (!Array.isArray(classes) || !classes.includes('math-display')) return;
        const m = /^[ \t]*\{#(eq-[^\s{}]+)\}/.exec(after.value);
        if (!m) return;
        setId(child, m[1]!);
        after.value = after.value.slice(m[0].length);
      });
      p.children = p.children.filter((c) => !(c.type === 'text' && c.value === ''));
    });
  };
}
