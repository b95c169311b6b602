/**
 * Heading ids.
 *
 * remark: `# Title {#custom-id}` sets the heading's id; any other Markdown
 * heading gets the GitHub-style slug of its text as written (before smart
 * typography, so `[…](#lété-chaud)` works as it does on GitHub).
 *
 * rehype: headings that still have no id (raw HTML headings) get one too,
 * later duplicates of an id in the chapter are renamed (with a warning), and
 * the chapter's headings are recorded for contents pages and outlines.
 */
import GithubSlugger from 'github-slugger';
import type { Element, Root } from 'hast';
import { headingRank } from 'hast-util-heading-rank';
import type { Heading as MdHeading, Nodes as MdNodes, Root as MdRoot } from 'mdast';
import type { VFile } from 'vfile';
import type { Heading } from '../book.js';
import { SKIP, visit } from '../util/visit.js';
import { plainText } from './text.js';

const sluggers = new WeakMap<VFile, GithubSlugger>();

/** `{#id}` at the end of a heading (or a caption); the id is any run of non-space characters. */
export const ID_SUFFIX = /[ \t]*\{#([^\s{}]+)\}[ \t]*$/;

/** Text of an mdast node as written (code and math included, markup left out). */
export function mdText(node: MdNodes): string {
  if ('value' in node && typeof node.value === 'string' && node.type !== 'html') return node.value;
  if ('children' in node) return (node.children as MdNodes[]).map(mdText).join('');
  return '';
}

function setId(node: MdHeading, id: string): void {
  node.data ??= {};
  node.data.hProperties = { ...node.data.hProperties, id };
}

export function remarkHeadingIds() {
  return (tree: MdRoot, file: VFile) => {
    const slugger = new GithubSlugger();
    sluggers.set(file, slugger);
    const explicit = new Set<string>();
    const headings: MdHeading[] = [];
    visit(tree, 'heading', (node) => {
      headings.push(node);
      // An id set before (a pandoc attribute block `{#id .class}`) is explicit too.
      const given = node.data?.hProperties?.id;
      if (typeof given === 'string') explicit.add(given);
      const last = node.children[node.children.length - 1];
      if (last?.type !== 'text') return;
      const m = ID_SUFFIX.exec(last.value);
      if (!m) return;
      last.value = last.value.slice(0, m.index).replace(/[ \t]+$/, '');
      if (!last.value) node.children.pop();
      setId(node, m[1]!);
      explicit.add(m[1]!);
    });
    for (const node of headings) {
      if (typeof node.data?.hProperties?.id === 'string') continue;
      const text = mdText(node).trim();
      let id = slugger.slug(text);
      while (explicit.has(id)) id = slugger.slug(text);
      setId(node, id || `section-${headings.indexOf(node) + 1}`);
    }
  };
}

/** The alt texts of the images in an element, joined. */
function altText(node: Element): string {
  const alts: string[] = [];
  visit(node, 'element', (el: Element) => {
    if (el.tagName === 'img' && typeof el.properties.alt === 'string' && el.properties.alt.trim())
      alts.push(el.properties.alt.trim());
  });
  return alts.join(' ');
}

function skippedLevel(file: VFile, node: Element, above: number, depth: number): void {
  const hashes = (n: number) => '#'.repeat(n);
  file.message(`a level-${depth} heading follows a level-${above} heading: level ${above + 1} is skipped`, {
    place: node.position,
    ruleId: 'heading-skipped',
    source: 'octavo',
  }).note =
    `Screen readers and the contents nest sections by level. Make this heading \`${hashes(above + 1)}\` ` +
    `(or add the missing level above it).`;
}

export function rehypeHeadingIds() {
  return (tree: Root, file: VFile) => {
    const slugger = sluggers.get(file) ?? new GithubSlugger();
    const seen = new Set<string>();
    const headings: Heading[] = [];
    visit(tree, 'element', (node: Element) => {
      // remark-rehype's "Footnotes" heading is not a section of the chapter (rehypeFootnotes replaces it).
      if (node.tagName === 'section' && node.properties.dataFootnotes !== undefined) return SKIP;
      const depth = headingRank(node);
      let id = typeof node.properties.id === 'string' ? node.properties.id : undefined;
      if (depth && !id) {
        const text = plainText(node).trim();
        do id = slugger.slug(text) || `section-${headings.length + 1}`;
        while (seen.has(id));
      }
      if (id !== undefined && seen.has(id)) {
        let unique = id;
        for (let n = 1; seen.has(unique); n++) unique = `${id}-${n}`;
        file.message(`the id \`${id}\` is used twice in this chapter; this one is renamed \`${unique}\``, {
          place: node.position,
          ruleId: 'duplicate-id',
          source: 'octavo',
        }).note =
          'Links to `#' +
          id +
          '` go to its first use. Give each heading or element its own id, e.g. `## Title {#other-id}`.';
        id = unique;
      }
      if (id === undefined) return undefined;
      seen.add(id);
      node.properties.id = id;
      if (!depth) return undefined;
      // Outlines and screen readers expect each level to open under the one above it (Ace: heading-order).
      const above = headings.at(-1)?.depth ?? 1;
      if (depth > above + 1) skippedLevel(file, node, above, depth);
      // A heading of only an image is named by its alt text (an empty nav entry is an EPUB error).
      headings.push({ id, depth, text: plainText(node).trim() || altText(node) });
      return undefined;
    });
    file.data.headings = headings;
  };
}
