/**
 * Where a printed page can begin: at the start of a text block, or at the
 * start of a word in one. The print edition (to measure where each lands) and
 * the EPUB (to mark where each PDF page begins) number these places by the
 * same rules, on clones of the same composed division, so a place read from
 * the PDF is found again in the EPUB. The print page walks the browser's DOM
 * with `wordStartsInDom`, which applies the rules passed to it (RULES), so
 * both walks read them from here.
 */
import type { ElementContent, Element as HastElement, Text as HastText } from 'hast';

/** Elements whose start is a place, and whose own words are numbered from 0. */
const BLOCK_TAGS = [
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'dt',
  'dd',
  'blockquote',
  'figure',
  'figcaption',
  'caption',
  'pre',
  'td',
  'th',
  'div',
  'aside',
];

/** Whose text is no place: not words of the book (maths, drawings), or what only the print adds. */
const SKIPPED_TAGS = ['math', 'svg', 'script', 'style', 'template', 'rt', 'rp'];
const SKIPPED_CLASSES = ['link-url', 'note-page'];

/**
 * Chinese, Japanese and Korean break lines between any two characters, not
 * only at spaces: there each character is a place (a page may begin at it).
 */
const CJK = '[\\u2E80-\\u9FFF\\uAC00-\\uD7AF\\uF900-\\uFAFF\\uFF00-\\uFFEF]';

export interface PlaceRules {
  blockTags: readonly string[];
  skippedTags: readonly string[];
  skippedClasses: readonly string[];
  /** A character class (source of a RegExp) whose every character starts a word. */
  eachCharacter: string;
}

export const RULES: PlaceRules = {
  blockTags: BLOCK_TAGS,
  skippedTags: SKIPPED_TAGS,
  skippedClasses: SKIPPED_CLASSES,
  eachCharacter: CJK,
};

const eachCharacter = new RegExp(CJK);

const blockTags = new Set(BLOCK_TAGS);
const HEADING = /^h[1-6]$/;
const skippedTags = new Set(SKIPPED_TAGS);

/** A place in a division: the start of block `block` (`word` -1) or of its word `word`. */
export interface Place {
  block: number;
  word: number;
}

function skipped(el: HastElement): boolean {
  if (skippedTags.has(el.tagName)) return true;
  const cls = el.properties.className;
  return Array.isArray(cls) && cls.some((c) => SKIPPED_CLASSES.includes(String(c)));
}

/**
 * The division's text blocks in document order (a block inside another comes
 * after it). `parents`, when given, gets for each the index of the block it is in.
 */
export function textBlocks(division: HastElement, parents?: (number | undefined)[]): HastElement[] {
  const blocks: HastElement[] = [];
  const walk = (el: HastElement, parent: number | undefined) => {
    for (const child of el.children) {
      if (child.type !== 'element' || skipped(child)) continue;
      let inside = parent;
      if (blockTags.has(child.tagName)) {
        inside = blocks.push(child) - 1;
        parents?.push(parent);
      }
      walk(child, inside);
    }
  };
  walk(division, undefined);
  return blocks;
}

/** Where a word starts: in text node `node` at `offset`, the node being child `index` of `parent`. */
export interface WordStart {
  parent: HastElement;
  index: number;
  node: HastText;
  offset: number;
}

/** The starts of a block's own words (not those of the blocks inside it). */
export function wordStarts(block: HastElement): WordStart[] {
  const starts: WordStart[] = [];
  // A word goes on across elements ("*a*b" is one word) until a space.
  let afterSpace = true;
  const walk = (el: HastElement) => {
    el.children.forEach((child: ElementContent, index) => {
      if (child.type === 'element') {
        if (skipped(child) || blockTags.has(child.tagName)) return;
        walk(child);
      } else if (child.type === 'text') {
        const text = child.value;
        for (let i = 0; i < text.length; i++) {
          const space = /\s/.test(text[i]!);
          const own = eachCharacter.test(text[i]!);
          if (!space && (afterSpace || own)) starts.push({ parent: el, index, node: child, offset: i });
          // After a character that is a word of its own, the next character starts one too.
          afterSpace = space || own;
        }
      }
    });
  };
  walk(block);
  return starts;
}

/**
 * Inserts each marker at its place in `division`, which must be numbered as the
 * print's was (the same composed division, before any writer changed it).
 * Returns the marks placed: a place that does not exist (a changed division) is skipped.
 */
export function insertAtPlaces<M extends { place: Place; marker: HastElement }>(
  division: HastElement,
  marks: readonly M[],
): M[] {
  const blocks = textBlocks(division);
  const parents = new Map<HastElement, HastElement>();
  const link = (el: HastElement) => {
    for (const child of el.children) {
      if (child.type !== 'element') continue;
      parents.set(child, el);
      link(child);
    }
  };
  link(division);
  const placed: M[] = [];
  // Last first, so that splitting a text node does not move the places before it.
  const sorted = [...marks].sort((a, b) => b.place.block - a.place.block || b.place.word - a.place.word);
  for (const mark of sorted) {
    const { place, marker } = mark;
    const block = blocks[place.block];
    const start = block && place.word >= 0 ? wordStarts(block)[place.word] : undefined;
    if (!block || (place.word >= 0 && !start)) continue;
    const parent = parents.get(block);
    if (!start && HEADING.test(block.tagName) && parent) {
      // Before a heading, not in it: a screen reader would read the page number as part of the heading.
      parent.children.splice(parent.children.indexOf(block), 0, marker);
    } else if (!start) {
      block.children.unshift(marker);
    } else {
      const { parent, index, node, offset } = start;
      parent.children.splice(
        index,
        1,
        ...(offset > 0 ? [{ type: 'text' as const, value: node.value.slice(0, offset) }] : []),
        marker,
        { type: 'text', value: node.value.slice(offset) },
      );
    }
    placed.unshift(mark);
  }
  return placed;
}

/**
 * In the print page (runs in the browser, so it takes the rules as data): puts
 * an anchor `${prefix}${n}` for own word n of the block with id `id`, and a
 * link to it in `nav` (Chromium writes a named destination only for a link's
 * target). Returns the length of each word of each block.
 *
 * The anchor goes right after the word's last letter: an empty element before
 * a word that begins a line stays at the end of the line before (its page is
 * then the page before), and one inside the word changes how it is shaped (and
 * so the lines). A word's page is thus where it ends: a word hyphenated over a
 * page belongs to the second. A Chinese character (a word of its own) goes
 * into its anchor instead, which then has its place and size.
 */
export function wordStartsInDom(
  blocksToMark: readonly (readonly [id: string, prefix: string])[],
  rules: PlaceRules,
  navSelector: string,
): number[][] {
  const blocks = new Set(rules.blockTags.map((t) => t.toUpperCase()));
  const skippedTagNames = new Set(rules.skippedTags.map((t) => t.toLowerCase()));
  const skip = (el: Element) =>
    skippedTagNames.has(el.localName) || rules.skippedClasses.some((c) => el.classList.contains(c));
  const each = new RegExp(rules.eachCharacter);
  const nav = document.querySelector(navSelector);
  return blocksToMark.map(([id, prefix]) => {
    const block = document.getElementById(id);
    if (!block || !nav) return [];
    /** Each word: where it starts, where it ends (after its last letter), whether it is one character of its own. */
    const words: { start: [Text, number]; end: [Text, number]; own: boolean; length: number }[] = [];
    let afterSpace = true;
    const walk = (el: Element) => {
      for (const child of [...el.childNodes]) {
        if (child.nodeType === Node.ELEMENT_NODE) {
          const e = child as Element;
          if (skip(e) || blocks.has(e.tagName.toUpperCase())) continue;
          walk(e);
        } else if (child.nodeType === Node.TEXT_NODE) {
          const node = child as Text;
          const text = node.data;
          for (let i = 0; i < text.length; i++) {
            const space = /\s/.test(text[i]!);
            const own = each.test(text[i]!);
            if (!space && (afterSpace || own)) words.push({ start: [node, i], end: [node, i + 1], own, length: 1 });
            else if (!space) {
              const word = words.at(-1)!;
              word.end = [node, i + 1];
              word.length++;
            }
            afterSpace = space || own;
          }
        }
      }
    };
    walk(block);
    // Last first: splitting a text node keeps the offsets before the split.
    for (let n = words.length - 1; n >= 0; n--) {
      const { start, end, own } = words[n]!;
      const anchor = document.createElement('span');
      anchor.id = `${prefix}${n}`;
      if (own) {
        const [node, offset] = start;
        const at = offset > 0 ? node.splitText(offset) : node;
        if (at.data.length > 1) at.splitText(1);
        at.before(anchor);
        anchor.append(at);
      } else {
        const [node, offset] = end;
        if (offset < node.data.length) node.splitText(offset);
        // An empty box is as tall as its font from the baseline up: with a tall font (Vazirmatn) the
        // anchor of a page's first line reached up into the page before.
        anchor.style.fontSize = '0';
        node.after(anchor);
      }
      const link = document.createElement('a');
      link.href = `#${anchor.id}`;
      nav.append(link);
    }
    return words.map((w) => w.length);
  });
}
