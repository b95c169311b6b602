/**
 * Math, rendered at build time to MathML with temml: no script at read time.
 *
 * remark: `$…$` that is really prose (`it costs $5 and $10`) is given back as
 * text, as pandoc does: the opening `$` must not be followed by a space, the
 * closing one not preceded by a space nor followed by a digit. `$$…$$` inside a
 * paragraph is display math.
 *
 * rehype: remark-rehype's `<code class="language-math …">` become
 * `<math xmlns="http://www.w3.org/1998/Math/MathML">` (`display="block"` for
 * display math, inside `<div class="math-display">`), with a spoken `alttext`
 * (math-speech.ts) for readers that do not render MathML. Invalid TeX is reported
 * with its position and shown as code; the build goes on.
 */
import type { Element, ElementContent, Nodes, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { h } from 'hastscript';
import type { Root as MdRoot } from 'mdast';
import temml from 'temml';
import type { VFile } from 'vfile';
import { SKIP, visit } from '../util/visit.js';
import { speakTex } from './math-speech.js';

export const MATHML_NS = 'http://www.w3.org/1998/Math/MathML';

/** Whether a tree holds MathML (an EPUB content document then needs `properties="mathml"`). */
export function hasMath(tree: Nodes): boolean {
  let found = false;
  visit(tree, 'element', (node) => {
    if (node.tagName === 'math') {
      found = true;
      return false;
    }
    return undefined;
  });
  return found;
}

export function remarkMathGuard() {
  return (tree: MdRoot, file: VFile) => {
    const source = String(file.value);
    visit(tree, 'inlineMath', (node, index, parent) => {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start === undefined || end === undefined || !parent || index === undefined) return undefined;
      const raw = source.slice(start, end);
      if (raw.startsWith('$$')) {
        node.data = { ...node.data, hProperties: { className: ['language-math', 'math-display'] } };
        return undefined;
      }
      if (raw.startsWith('$') && (/^\s|\s$/.test(raw.slice(1, -1)) || /^\d/.test(source.slice(end, end + 1)))) {
        parent.children.splice(index, 1, { type: 'text', value: raw, position: node.position });
        return [SKIP, index + 1];
      }
      return undefined;
    });
    // Adjacent text nodes (the math given back and its neighbours) are merged, so typography sees one run.
    visit(tree, (node) => {
      if (!('children' in node)) return;
      const kids = node.children;
      for (let i = kids.length - 1; i > 0; i--) {
        const a = kids[i - 1]!;
        const b = kids[i]!;
        if (a.type === 'text' && b.type === 'text') {
          a.value += b.value;
          if (a.position && b.position) a.position = { start: a.position.start, end: b.position.end };
          kids.splice(i, 1);
        }
      }
    });
  };
}

function classes(node: Element): string[] {
  const c = node.properties.className;
  return Array.isArray(c) ? c.map(String) : [];
}

function textOf(node: Element): string {
  return node.children.map((c) => (c.type === 'text' ? c.value : c.type === 'element' ? textOf(c) : '')).join('');
}

/**
 * TeX → a hast `<math>` element in the MathML namespace, its `alttext` the
 * formula read aloud in `lang` (the TeX stays in its annotation). Throws
 * temml's ParseError on invalid TeX.
 */
export function texToMathml(tex: string, display: boolean, lang = 'en'): Element {
  const html = temml.renderToString(tex, { displayMode: display, annotate: true, throwOnError: true, trust: false });
  const math = fromHtml(html, { fragment: true }).children.find(
    (n): n is Element => n.type === 'element' && n.tagName === 'math',
  );
  if (!math) throw new Error(`temml gave no <math> for ${tex}`);
  // hast has no namespaces: an xmlns property makes hast-util-to-xast write the MathML namespace.
  math.properties = { xmlns: MATHML_NS, ...math.properties, alttext: speakTex(tex, lang) || tex.trim() };
  if (display) math.properties.display = 'block';
  return math;
}

function reason(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text
    .split('\n')[0]!
    .replace(/^\s*ParseError:\s*/, '')
    .replace(/\s+at position \d+:?\s*$/, '')
    .trim();
}

export function rehypeMath() {
  return (tree: Root, file: VFile) => {
    /** `block`: the formula stands alone (wrapped in a div); else it sits in a line of text, even when displayed. */
    /** `id`: an equation's label (`{#eq-x}`, see equation-labels.ts), kept on what replaces the code. */
    const render = (
      code: Element,
      display: boolean,
      block = display,
      place = code.position,
      id = code.properties.id,
    ): ElementContent => {
      const tex = textOf(code);
      const named = typeof id === 'string' ? { id } : {};
      try {
        const math = texToMathml(tex, display, file.data.context?.lang);
        if (place) math.position = place;
        if (block) return h('div', { ...named, className: ['math-display'] }, [math]);
        if (named.id) math.properties.id = named.id;
        return math;
      } catch (err) {
        const msg = file.message(`invalid TeX in math: ${reason(err)}`, { place, ruleId: 'math', source: 'octavo' });
        msg.note = 'The formula is shown as TeX code until it is corrected.';
        const shown = h('code', { ...(block ? {} : named), className: ['math-error'] }, tex);
        return block ? h('pre', { ...named, className: ['math-error'] }, [shown]) : shown;
      }
    };
    visit(tree, 'element', (node, index, parent: Root | Element | undefined) => {
      if (!parent || index === undefined) return undefined;
      // ```math fenced blocks and $$ blocks: <pre><code class="language-math">.
      if (node.tagName === 'pre') {
        const code = node.children.find((c): c is Element => c.type === 'element');
        if (code && code.tagName === 'code' && classes(code).includes('language-math')) {
          parent.children[index] = render(
            code,
            true,
            true,
            code.position ?? node.position,
            node.properties.id,
          ) as Element;
          return SKIP;
        }
        return undefined;
      }
      if (node.tagName === 'code' && classes(node).includes('language-math')) {
        const display = classes(node).includes('math-display');
        // A paragraph holding only display math is display math itself (no <p> around a block).
        if (
          display &&
          parent.type === 'element' &&
          parent.tagName === 'p' &&
          parent.children.every((c) => c === node || (c.type === 'text' && !c.value.trim()))
        ) {
          const rendered = render(node, true);
          parent.tagName = 'div';
          parent.properties = rendered.type === 'element' ? rendered.properties : {};
          parent.children = rendered.type === 'element' ? rendered.children : [rendered];
          return SKIP;
        }
        parent.children[index] = render(node, display, false) as Element;
        return SKIP;
      }
      return undefined;
    });
  };
}
