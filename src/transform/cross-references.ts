/**
 * Numbers and cross-references across the book (pandoc-crossref / Quarto).
 *
 * - Section numbers (book.yaml `number-sections: true`): chapters are numbered
 *   1, 2, 3 and appendices A, B; their headings 1.1, 1.1.1… A heading with the
 *   class `unnumbered` is skipped; front and back matter other than appendices
 *   is not numbered. The number opens the heading
 *   (`<span class="section-number">`) and the chapter's title in the contents
 *   and running heads (`Chapter.number`).
 * - Figures (a `<figure>` with an id), tables (a `<table>` or `<figure>` whose
 *   id starts `tbl-`) and equations (an id starting `eq-`) are numbered, each
 *   kind on its own, as Quarto does: across the book, or per chapter ("2.3")
 *   when sections are numbered (figures of an unnumbered chapter then go on
 *   with a count of their own). Captions open with "Figure 3:", equations end
 *   with "(3)".
 * - `@fig-x`, `[@tbl-y]`, `[@fig-a; @fig-b]`, `[Fig. @fig-x]`, `[-@fig-x]`,
 *   `@Fig-x` (see citation-syntax.ts) become links: "Figure 3", "Table 2",
 *   "Equation (4)", "Section 2.1" (or "Chapter 2"; a section without a number
 *   is named by its title), in the language of the chapter that refers.
 *   A label nothing has is an error (a warning with `broken-links: warn`).
 */
import type { Element, ElementContent, Root } from 'hast';
import { headingRank } from 'hast-util-heading-rank';
import { h } from 'hastscript';
import type { Chapter } from '../book.js';
import { type DiagnosticSink, error, warning } from '../diagnostics.js';
import { referenceWords } from '../i18n/references.js';
import { stringsFor } from '../i18n/strings.js';
import { didYouMean } from '../util/did-you-mean.js';
import { SKIP, visit } from '../util/visit.js';
import { type CiteCluster, type CiteItem, isCrossRefKey } from './citation-syntax.js';
import { plainText } from './text.js';

export type NumberedKind = 'figure' | 'table' | 'equation';

export interface Numbered {
  kind: NumberedKind;
  /** "3", or "2.3" per chapter. */
  number: string;
}

/** What the book passes numbered, by element (the trees are the book's own, numbered once). */
const numbered = new WeakMap<Element, Numbered>();
/** Section numbers by heading element. */
const sectionNumbers = new WeakMap<Element, string>();

export function numberOf(node: Element): Numbered | undefined {
  return numbered.get(node);
}

/** "Figure 3", "Table 2", "Equation (4)" in a language. */
export function numberedText(n: Numbered, lang: string): string {
  const w = referenceWords(lang);
  if (n.kind === 'equation') return `${w.equation}${w.space}(${n.number})`;
  return `${w[n.kind]}${w.space}${n.number}`;
}

function classes(node: Element): string[] {
  const c = node.properties.className;
  return Array.isArray(c) ? c.map(String) : [];
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
function letter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = LETTERS[(k - 1) % 26] + s;
  return s;
}

/** Chapters 1, 2, 3 and appendices A, B; their headings 1.1, 1.1.1… */
export function numberSections(chapters: Chapter[]): void {
  let chapterCount = 0;
  let appendixCount = 0;
  for (const chapter of chapters) {
    const numberedKind = chapter.kind === 'chapter' || chapter.kind === 'appendix';
    if (!numberedKind) continue;
    let opened = false;
    const counters: number[] = [];
    let chapterNumber = '';
    visit(chapter.tree, 'element', (node: Element) => {
      const depth = headingRank(node);
      if (!depth) return undefined;
      if (classes(node).includes('unnumbered')) return SKIP;
      if (!opened) {
        if (depth !== 1) return SKIP;
        opened = true;
        chapterNumber = chapter.kind === 'appendix' ? letter(++appendixCount) : String(++chapterCount);
        chapter.number = chapterNumber;
        label(node, chapterNumber);
        return SKIP;
      }
      if (depth === 1) return SKIP;
      counters.length = Math.max(counters.length, depth - 1);
      counters[depth - 2] = (counters[depth - 2] ?? 0) + 1;
      for (let d = depth - 1; d < counters.length; d++) counters[d] = 0;
      // A level skipped (an h3 right under the h1) counts as 1, as pandoc does.
      const parts = counters.slice(0, depth - 1).map((n) => n || 1);
      const number = [chapterNumber, ...parts].join('.');
      label(node, number);
      // The contents (toc-depth) and outlines list sections by the chapter's headings: numbered there too.
      const listed = chapter.headings.find((hd) => hd.id === node.properties.id);
      if (listed) listed.text = `${number} ${listed.text}`;
      return SKIP;
    });
  }
}

function label(heading: Element, number: string): void {
  sectionNumbers.set(heading, number);
  heading.children.unshift(h('span', { className: ['section-number'] }, number), { type: 'text', value: ' ' });
}

function kindOf(node: Element): NumberedKind | undefined {
  const id = node.properties.id;
  if (typeof id !== 'string') return undefined;
  if (/^eq-/.test(id)) return 'equation';
  if (/^tbl-/.test(id) && (node.tagName === 'table' || node.tagName === 'figure')) return 'table';
  if (node.tagName === 'figure') return 'figure';
  return undefined;
}

/** Figures, tables and equations with an id, numbered; their captions labelled. */
export function numberElements(chapters: Chapter[], perChapter: boolean): void {
  const book: Record<NumberedKind, number> = { figure: 0, table: 0, equation: 0 };
  for (const chapter of chapters) {
    const own: Record<NumberedKind, number> = { figure: 0, table: 0, equation: 0 };
    const prefix = perChapter ? chapter.number : undefined;
    const w = referenceWords(chapter.lang);
    visit(chapter.tree, 'element', (node: Element, index, parent) => {
      const kind = kindOf(node);
      if (!kind) return undefined;
      const number = prefix ? `${prefix}.${++own[kind]}` : String(++book[kind]);
      const n: Numbered = { kind, number };
      numbered.set(node, n);
      if (kind === 'equation') {
        const tag = h('span', { className: ['equation-number'] }, `(${number})`);
        if (node.tagName === 'math' && parent && index !== undefined) {
          parent.children.splice(index + 1, 0, { type: 'text', value: ' ' }, tag);
          return [SKIP, index + 3];
        }
        node.children.push(tag);
        return SKIP;
      }
      const captionTag = node.tagName === 'table' ? 'caption' : 'figcaption';
      let caption = node.children.find((c): c is Element => c.type === 'element' && c.tagName === captionTag);
      if (!caption) {
        caption = h(captionTag);
        // A table's caption is its first child; a figure's goes last.
        if (captionTag === 'caption') node.children.unshift(caption);
        else node.children.push(caption);
      }
      const hasText = caption.children.some((c) => c.type !== 'text' || c.value.trim());
      const text = numberedText(n, chapter.lang) + (hasText ? w.captionSeparator.trimEnd() : '');
      const labelled: ElementContent[] = [h('span', { className: [`${kind}-label`] }, text)];
      if (hasText)
        labelled.push({ type: 'text', value: w.captionSeparator.slice(w.captionSeparator.trimEnd().length) });
      caption.children.unshift(...labelled);
      return undefined;
    });
  }
}

function isCrossRefCluster(cluster: CiteCluster): boolean {
  return cluster.items.every((it) => isCrossRefKey(it.key));
}

/**
 * Cross-reference clusters become links. `renames`: per chapter, the ids
 * makeIdsUnique changed (a label refers to its own chapter's element first).
 */
export function resolveCrossReferences(
  chapters: Chapter[],
  diagnostics: DiagnosticSink,
  renames: Map<Chapter, Map<string, string>>,
  brokenLinks: 'error' | 'warn',
): void {
  const targets = new Map<string, Element>();
  for (const chapter of chapters) {
    visit(chapter.tree, 'element', (node: Element) => {
      const id = node.properties.id;
      if (typeof id === 'string' && !targets.has(id)) targets.set(id, node);
    });
  }
  const labels = [...targets.keys()].filter((id) => isCrossRefKey(id));
  for (const chapter of chapters) {
    const s = stringsFor(chapter.lang);
    // Past five unknown labels in a chapter, one more diagnostic counts the rest (a pasted handle list, say).
    let unknown = 0;
    let lastWhere: { file: string; line?: number; column?: number } = { file: chapter.file };
    visit(chapter.tree as Root, 'element', (span: Element, index, parent) => {
      const cluster = span.data?.cite;
      if (!cluster || !parent || index === undefined || !isCrossRefCluster(cluster)) return undefined;
      const out: ElementContent[][] = [];
      for (const item of cluster.items) {
        // `@Fig-x` names `fig-x`: the capital is how the reference is written, not part of the label.
        const label = item.key[0]!.toLowerCase() + item.key.slice(1);
        const id = renames.get(chapter)?.get(label) ?? label;
        const target = targets.get(id);
        if (!target) {
          const guess = didYouMean(label, labels);
          const where = {
            file: chapter.file,
            line: span.position?.start.line,
            column: span.position?.start.column,
            hint: guess
              ? `Did you mean \`@${guess}\`?`
              : 'Label the figure, table, equation or section: `{#fig-…}`, `{#tbl-…}`, `{#eq-…}`, `{#sec-…}`.',
          };
          const message = `cross-reference \`@${item.key}\` names no figure, table, equation or section in the book`;
          lastWhere = where;
          if (++unknown > 5) {
            out.push([{ type: 'text', value: `@${item.key}` }]);
            continue;
          }
          if (brokenLinks === 'error') diagnostics.push(error('markdown/unknown-label', message, where));
          else diagnostics.push(warning('markdown/unknown-label', `${message}; it is left as text`, where));
          out.push([{ type: 'text', value: `@${item.key}` }]);
          continue;
        }
        const text = referenceText(target, item, chapter.lang);
        const after = item.rest.trim() ? [{ type: 'text' as const, value: item.rest.replace(/^\s*(?=,)/, '') }] : [];
        out.push([h('a', { href: `#${id}`, className: ['cross-ref'] }, text), ...after]);
      }
      const joined: ElementContent[] = [];
      out.forEach((part, i) => {
        if (i > 0) joined.push({ type: 'text', value: i === out.length - 1 ? s.and : s.comma });
        joined.push(...part);
      });
      parent.children.splice(index, 1, ...joined);
      return [SKIP, index + joined.length];
    });
    if (unknown > 5) {
      const more = `… and ${unknown - 5} more cross-references that name nothing in this chapter`;
      const at = { file: lastWhere.file, line: lastWhere.line, column: lastWhere.column };
      diagnostics.push(
        brokenLinks === 'error'
          ? error('markdown/unknown-label', more, at)
          : warning('markdown/unknown-label', more, at),
      );
    }
  }
}

/** "Figure 3", "[Fig. @fig-x]" → "Fig. 3", "[-@fig-x]" → "3", a section's number or title. */
function referenceText(target: Element, item: CiteItem, lang: string): string {
  const w = referenceWords(lang);
  const n = numbered.get(target);
  const section = sectionNumbers.get(target);
  const number = n ? (n.kind === 'equation' ? `(${n.number})` : n.number) : section;
  if (number === undefined) return plainText(target).trim() || String(target.properties.id);
  if (item.suppressAuthor) return number;
  if (item.prefix) return `${item.prefix}${w.space}${number}`;
  if (n) return numberedText(n, lang);
  if (headingRank(target) === 1)
    return /^\d+$/.test(number) ? stringsFor(lang).chapter(Number(number)) : `${w.appendix} ${number}`;
  return `${w.section}${w.space}${number}`;
}
