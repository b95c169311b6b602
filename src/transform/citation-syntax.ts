/**
 * Citation syntax (pandoc, Quarto), read on the Markdown tree over runs of
 * text, so a bracket may hold emphasis or code:
 *
 * - `[@key]`, `[@key, p. 33]`, `[see @a, pp. 3-5; @b]`, `[-@key]` (no author);
 * - `@key` in the text (narrative: "Doe (1999)"), `@key [p. 33]`;
 * - the same forms name cross-references when the key is a label:
 *   `@fig-x`, `@Fig-x`, `[@tbl-y]`, `[@fig-a; @fig-b]`, `[Figure @fig-x]`,
 *   `[-@fig-x]` (see cross-references.ts).
 *
 * Each one becomes a `cite` node; remark-rehype makes it a
 * `<span class="cite">` holding the text as written, with the parsed cluster in
 * the element's `data` (sanitising keeps `data`, never attributes we made up).
 * The book passes render them: a cluster needs the whole book (numbers,
 * citeproc's disambiguation), and an unknown key is reported there.
 *
 * Citations are read only when the book has a bibliography: without one, a
 * bare `@name` (an e-mail, a GitHub handle) stays text and says nothing, and a
 * `[@key]` stays text and is reported by dialects/unhandled.ts.
 */
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { Nodes as MdNodes, Parent, PhrasingContent, Root, Text } from 'mdast';
import type { State } from 'mdast-util-to-hast';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { placeOf } from '../dialects/unhandled.js';
import { visit } from '../util/visit.js';
import { mdText } from './headings.js';

export interface CiteItem {
  /** The key as written (`doe99`, `fig-map`, `Fig-map`). */
  key: string;
  /** Text before the key, trimmed ("see"). */
  prefix: string;
  /** What follows the key once the locator is taken out (", and passim"). */
  suffix: string;
  /** Everything after the key, as written (cross-references show it as it is). */
  rest: string;
  locator?: string;
  /** CSL locator label: page, chapter, section… */
  label?: string;
  /** `-@key`: the author is left out ("(1999)"); for a cross-reference, the number alone. */
  suppressAuthor: boolean;
}

export interface CiteCluster {
  /** `[…]`: normal; `@key` in the text: narrative. */
  mode: 'normal' | 'narrative';
  items: CiteItem[];
  /** The text as written, shown if nothing renders it. */
  source: string;
}

export interface CiteNode {
  type: 'cite';
  cluster: CiteCluster;
  /** Its place in the chapter's list of clusters (see rehypeCiteData). */
  index: number;
  position?: Position;
  data?: Record<string, unknown>;
}

declare module 'mdast' {
  interface PhrasingContentMap {
    cite: CiteNode;
  }
  interface RootContentMap {
    cite: CiteNode;
  }
}

declare module 'hast' {
  interface ElementData {
    cite?: CiteCluster;
  }
}

/** pandoc's citation keys: a letter, digit or `_`, then those and inner punctuation. */
const KEY_SOURCE = String.raw`[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*`;
const KEY_AT = new RegExp(`^(-?)@(${KEY_SOURCE})`, 'u');
const WORD_CHAR = /[\p{L}\p{N}_]/u;

/** Labels of the cross-references Octavo numbers (Quarto's prefixes; the first letter may be a capital). */
export const CROSS_REF_KEY = /^(?:[Ff]ig|[Tt]bl|[Ee]q|[Ss]ec)-./;

export function isCrossRefKey(key: string): boolean {
  return CROSS_REF_KEY.test(key);
}

/** Locator terms (pandoc's English ones) → CSL labels. Longest first within each. */
const LOCATOR_TERMS: [string, string][] = [
  ['pages|page|pp\\.|p\\.', 'page'],
  ['chapters|chapter|chaps?\\.|ch\\.', 'chapter'],
  ['sections|section|secs?\\.|§§|§', 'section'],
  ['volumes|volume|vols?\\.', 'volume'],
  ['books|book|bks?\\.', 'book'],
  ['columns|column|cols?\\.', 'column'],
  ['figures|figure|figs?\\.', 'figure'],
  ['folios|folio|fols?\\.', 'folio'],
  ['lines|line|ll\\.|l\\.', 'line'],
  ['notes|note|nn\\.|n\\.', 'note'],
  ['numbers|number|nos?\\.', 'number'],
  ['opus|opp?\\.', 'opus'],
  ['paragraphs|paragraph|paras?\\.|¶¶|¶', 'paragraph'],
  ['parts|part|pts?\\.', 'part'],
  ['s\\.vv?\\.|sub verbo', 'sub verbo'],
  ['verses|verse|vv?\\.', 'verse'],
];
const LABEL_RE = new RegExp(`^(?:${LOCATOR_TERMS.map(([t]) => `(${t})`).join('|')})\\s*`, 'i');
const VALUE = String.raw`(?:\d+[\p{L}]?|[ivxlcdm]+(?![\p{L}]))`;
const RANGE = String.raw`${VALUE}(?:\s*[-–—]+\s*${VALUE})?`;
const LOCATOR_RE = new RegExp(String.raw`^${RANGE}(?:\s*,\s*(?=\d)${RANGE})*`, 'iu');

/** `, p. 33, and passim` → locator 33 (page), suffix `, and passim`. A bare number is a page. */
export function parseLocator(rest: string): Pick<CiteItem, 'locator' | 'label' | 'suffix'> {
  const m = /^\s*,?\s*/.exec(rest)!;
  const after = rest.slice(m[0].length);
  const labelMatch = LABEL_RE.exec(after);
  let label: string | undefined;
  let at = after;
  if (labelMatch) {
    const i = labelMatch.slice(1).findIndex((g) => g !== undefined);
    label = LOCATOR_TERMS[i]![1];
    at = after.slice(labelMatch[0].length);
  } else if (!/^\d/.test(after)) {
    return { suffix: rest.trim() };
  }
  const value = LOCATOR_RE.exec(at);
  if (!value) return { suffix: rest.trim() };
  return { locator: value[0].trim(), label: label ?? 'page', suffix: at.slice(value[0].length).trimEnd() };
}

/** One `; `-separated part of a bracket: `see -@key, p. 33`. Undefined when it names no key. */
function parseItem(part: string): CiteItem | undefined {
  for (let i = 0; i < part.length; i++) {
    if (part[i] !== '@' && !(part[i] === '-' && part[i + 1] === '@')) continue;
    // The key starts a word: nothing but space (or the bracket) before it.
    if (i > 0 && !/\s/.test(part[i - 1]!)) continue;
    const m = KEY_AT.exec(part.slice(i));
    if (!m) continue;
    const rest = part.slice(i + m[0].length);
    return {
      key: m[2]!,
      prefix: part.slice(0, i).trim(),
      rest,
      suppressAuthor: m[1] === '-',
      ...parseLocator(rest),
    };
  }
  return undefined;
}

/** The inside of `[…]` as a cluster, when every part names a key. */
export function parseBracket(inside: string): CiteItem[] | undefined {
  if (!inside.includes('@')) return undefined;
  const items: CiteItem[] = [];
  for (const part of inside.split(';')) {
    const item = parseItem(part);
    if (!item) return undefined;
    items.push(item);
  }
  return items;
}

export interface CitationSyntaxOptions {
  /** Read `@key` and `[@key]` as citations (the book has a bibliography). */
  citations: boolean;
  /** Read `@fig-x`, `[@tbl-x]`… as cross-references. */
  crossReferences: boolean;
}

/** A stand-in for a node that is not text in the flattened run (never in a key). */
const OPAQUE = '\uFFFC';

interface Found {
  start: number;
  end: number;
  cluster: CiteCluster;
}

export function remarkCitationSyntax(options: CitationSyntaxOptions) {
  const accepts = (items: CiteItem[]) =>
    items.every((it) => (isCrossRefKey(it.key) ? options.crossReferences : options.citations));
  return (tree: Root, file: VFile) => {
    if (!options.citations && !options.crossReferences) return;
    const clusters: CiteCluster[] = [];
    clustersOf.set(file, clusters);
    visit(tree, (node: MdNodes) => {
      // Link text is the link's: `[@user](https://github.com/user)` names no one.
      if (node.type === 'link' || node.type === 'linkReference') return 'skip';
      if (!('children' in node) || node.type === 'root') return undefined;
      const parent = node as Parent;
      if (!parent.children.some((c) => c.type === 'text' && c.value.includes('@'))) return undefined;
      rewrite(parent, accepts, clusters);
      return undefined;
    });
  };
}

function rewrite(parent: Parent, accepts: (items: CiteItem[]) => boolean, clusters: CiteCluster[]): void {
  const kids = parent.children as PhrasingContent[];
  // The children as one string: text as it is, anything else one OPAQUE character.
  let flat = '';
  const owner: { child: number; offset: number }[] = [];
  kids.forEach((c, child) => {
    if (c.type === 'text') {
      for (let offset = 0; offset < c.value.length; offset++) owner.push({ child, offset });
      flat += c.value;
    } else {
      owner.push({ child, offset: -1 });
      flat += OPAQUE;
    }
  });
  const shown = (start: number, end: number) => {
    let out = '';
    for (let i = start; i < end; i++) {
      const o = owner[i]!;
      out += o.offset < 0 ? mdText(kids[o.child]! as MdNodes) : flat[i];
    }
    return out;
  };
  const found: Found[] = [];
  for (let i = 0; i < flat.length; i++) {
    const ch = flat[i];
    if (ch === '[') {
      const close = matching(flat, i);
      if (close < 0) continue;
      // A link-like `[@x](…)` or `[@x][ref]` left as text is not ours; `[@x]{.class}` neither.
      const next = flat[close + 1];
      if (next === '(' || next === '[' || next === '{') continue;
      const inside = shown(i + 1, close);
      const items = parseBracket(inside);
      if (!items || !accepts(items)) continue;
      found.push({ start: i, end: close + 1, cluster: { mode: 'normal', items, source: shown(i, close + 1) } });
      i = close;
      continue;
    }
    if (ch !== '@' && !(ch === '-' && flat[i + 1] === '@')) continue;
    const before = flat[i - 1];
    if (before !== undefined && (WORD_CHAR.test(before) || before === '@' || before === OPAQUE)) continue;
    const m = KEY_AT.exec(flat.slice(i));
    // `-@key` outside brackets is prose (a dash), and keys never hold the OPAQUE mark.
    if (!m || m[1] === '-') continue;
    const item: CiteItem = { key: m[2]!, prefix: '', suffix: '', rest: '', suppressAuthor: false };
    if (!accepts([item])) continue;
    let end = i + m[0].length;
    // `@key [p. 33]`: a bracket right after, with no key of its own, is the locator and suffix.
    const loc = /^ ?\[/.exec(flat.slice(end));
    if (loc) {
      const open = end + loc[0].length - 1;
      const close = matching(flat, open);
      const inside = close < 0 ? '' : shown(open + 1, close);
      if (close > 0 && !inside.includes('@') && !['(', '[', '{'].includes(flat[close + 1] ?? '')) {
        Object.assign(item, { rest: inside }, parseLocator(inside));
        end = close + 1;
      }
    }
    found.push({ start: i, end, cluster: { mode: 'narrative', items: [item], source: shown(i, end) } });
    i = end - 1;
  }
  if (!found.length) return;
  const out: PhrasingContent[] = [];
  let at = 0;
  const emitRun = (start: number, end: number) => {
    // Text and other nodes between clusters, as they were (a text node cut where a cluster starts or ends).
    let i = start;
    while (i < end) {
      const o = owner[i]!;
      const node = kids[o.child]!;
      if (o.offset < 0) {
        out.push(node);
        i++;
        continue;
      }
      const text = node as Text;
      let j = i;
      while (j < end && owner[j]!.child === o.child) j++;
      const from = o.offset;
      const to = owner[j - 1]!.offset + 1;
      out.push(from === 0 && to === text.value.length ? text : cut(text, from, to));
      i = j;
    }
  };
  for (const f of found) {
    emitRun(at, f.start);
    const first = owner[f.start]!;
    const firstNode = kids[first.child]!;
    const start = firstNode.type === 'text' ? pointAt(firstNode, first.offset) : undefined;
    const cite: CiteNode = { type: 'cite', cluster: f.cluster, index: clusters.push(f.cluster) - 1 };
    if (start) cite.position = { start, end: { ...start } };
    out.push(cite);
    at = f.end;
  }
  emitRun(at, flat.length);
  parent.children = out;
}

/** The `]` closing the `[` at `open` (brackets nest), or -1. */
function matching(flat: string, open: number): number {
  let depth = 0;
  for (let i = open; i < flat.length; i++) {
    if (flat[i] === '[') depth++;
    else if (flat[i] === ']' && --depth === 0) return i;
    else if (flat[i] === '\n' && flat[i + 1] === '\n') return -1;
  }
  return -1;
}

/** Line, column and offset of a character of a text node (as written, unless escapes moved it). */
function pointAt(text: Text, offset: number) {
  const place = placeOf(text, offset);
  const base = text.position?.start.offset;
  return place && base !== undefined ? { ...place, offset: base + offset } : undefined;
}

function cut(text: Text, from: number, to: number): Text {
  const node: Text = { type: 'text', value: text.value.slice(from, to) };
  const start = pointAt(text, from);
  if (start) node.position = { start, end: pointAt(text, to) ?? start };
  return node;
}

/** The clusters of each chapter, by the index their placeholder's class carries. */
const clustersOf = new WeakMap<VFile, CiteCluster[]>();
const INDEX_CLASS = /^octavo-cite-(\d+)$/;

/**
 * remark-rehype's handler: a placeholder holding the text as written. Its
 * class names the cluster: rehype-raw rebuilds the tree (losing `data`) and
 * sanitising keeps only known attributes, but classes survive both.
 */
export function citeToHast(state: State, node: CiteNode): Element {
  const children: ElementContent[] = [{ type: 'text', value: node.cluster.source }];
  const element: Element = {
    type: 'element',
    tagName: 'span',
    properties: { className: ['cite', `octavo-cite-${node.index}`] },
    children,
  };
  state.patch(node as never, element);
  return element;
}

/** After raw HTML is parsed and sanitised: each placeholder gets its cluster in `data`, for the book passes. */
export function rehypeCiteData() {
  return (tree: HastRoot, file: VFile) => {
    const clusters = clustersOf.get(file);
    if (!clusters?.length) return;
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'span') return;
      const classes = Array.isArray(node.properties.className) ? node.properties.className.map(String) : [];
      const m = classes.map((c) => INDEX_CLASS.exec(c)).find(Boolean);
      const cluster = m ? clusters[Number(m[1])] : undefined;
      if (!cluster) return;
      node.properties.className = classes.filter((c) => !INDEX_CLASS.test(c));
      node.data = { ...node.data, cite: cluster } as Element['data'];
    });
  };
}
