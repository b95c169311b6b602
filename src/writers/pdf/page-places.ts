/**
 * The measured pass also finds where each page begins, for the EPUB's page
 * list. Every text block of the print page gets an id (numbered as the EPUB
 * numbers it, page-list/places.ts). Once the book's layout has settled, each
 * run of divisions is printed again on its own (measure-places.ts), with
 * hidden links that make Chromium write a destination for each of its blocks,
 * then for each word of the blocks a page break falls in: the first block or
 * word on each page is where that page begins. The book's own prints carry
 * none of these destinations.
 */
import type { Element } from 'hast';
import type { Page } from 'puppeteer';
import { type Place, RULES, textBlocks, wordStartsInDom } from '../../page-list/places.js';
import type { PrintPages } from '../../page-list/print-pages.js';
import { folioOf } from './furniture.js';

const PREFIX = 'octavo-pb-';

/** Letters either side of a page's first place whose word anchors stay in the print: about a line. */
const WINDOW = 40;

/** The hidden list of links that gives each place being measured a destination. */
export const PLACES_NAV = 'nav.print-places';

interface PrintBlock {
  division: string;
  /** Its number in the division (places.ts textBlocks). */
  index: number;
  /** Its id in the print page: its own, or one given here. */
  id: string;
  /** Of its word anchors' ids. */
  prefix: string;
  /** The block it is in, by number in `blocks`. */
  parent: number | undefined;
}

/** Page index of each named destination, and the first body page (for the folios). */
export interface MeasuredPlaces {
  anchors: ReadonlyMap<string, number>;
  starts: ReadonlyMap<string, number>;
  pageCount: number;
  firstBodyPage: number;
}

export class PagePlaces {
  private readonly blocks: PrintBlock[] = [];
  /** The number of words of each block whose words were anchored in the print page. */
  private readonly words = new Map<number, number>();
  /** And the letters of each of those words. */
  private readonly lengths = new Map<number, number[]>();
  /** Of those, the blocks most of whose anchors were taken out again (prune), with the words still anchored. */
  private readonly kept = new Map<number, Set<number>>();
  /** Blocks that keep all their anchors in the print (pin). */
  private readonly pinned = new Set<number>();

  /** Numbers the text blocks of a division's print clone, before the print's own changes, as the EPUB will. */
  number(division: Element, divisionId: string): void {
    const parents: (number | undefined)[] = [];
    const base = this.blocks.length;
    textBlocks(division, parents).forEach((el, index) => {
      const g = base + index;
      const own = el.properties.id;
      const id = typeof own === 'string' && own ? own : `${PREFIX}${g}`;
      el.properties.id = id;
      const parent = parents[index];
      this.blocks.push({
        division: divisionId,
        index,
        id,
        prefix: `${PREFIX}${g}-`,
        parent: parent === undefined ? undefined : base + parent,
      });
    });
  }

  /** The ids of the word anchors in the print page, in the blocks of these divisions. */
  wordIds(divisions: ReadonlySet<string>): string[] {
    const ids: string[] = [];
    for (const g of this.wordBlocks(divisions))
      for (const n of this.anchored(g)) ids.push(`${this.blocks[g]!.prefix}${n}`);
    return ids;
  }

  /** The words of block `g` whose anchors are in the print page. */
  private anchored(g: number): number[] {
    const kept = this.kept.get(g);
    return kept ? [...kept].sort((a, b) => a - b) : Array.from({ length: this.words.get(g) ?? 0 }, (_, n) => n);
  }

  private wordBlocks(divisions: ReadonlySet<string>): number[] {
    return [...this.words.keys()].filter((g) => divisions.has(this.blocks[g]!.division)).sort((a, b) => a - b);
  }

  /** The first place on each page, from where a print put the blocks and anchored words of these divisions. */
  firstPlaces(anchors: ReadonlyMap<string, number>, divisions: ReadonlySet<string>): Map<number, Place> {
    const first = new Map<number, Place>();
    const at = (page: number | undefined, block: number, word: number) => {
      if (page !== undefined && !first.has(page)) first.set(page, { block, word });
    };
    this.blocks.forEach((block, g) => {
      if (!divisions.has(block.division)) return;
      at(anchors.get(block.id), g, -1);
      if (this.words.has(g)) for (const n of this.anchored(g)) at(anchors.get(`${block.prefix}${n}`), g, n);
    });
    return first;
  }

  /**
   * Takes out of the print page the word anchors of these divisions but those
   * within about a line (WINDOW letters) of each page's first place and of the
   * place before it: the book is printed with these few (thousands made its
   * print twice as slow). Taking anchors out moves the text a little (see
   * measure-places.ts); a page start that moves by less than the window is
   * found again among those left.
   */
  async prune(page: Page, divisions: ReadonlySet<string>, starts: ReadonlyMap<number, Place>): Promise<void> {
    const keep = new Map<number, Set<number>>();
    for (const g of this.wordBlocks(divisions)) if (!this.pinned.has(g)) keep.set(g, new Set());
    const around = (place: Place | undefined) => {
      const set = place && keep.get(place.block);
      if (!set || !place) return;
      const lengths = this.lengths.get(place.block) ?? [];
      const word = Math.max(place.word, 0);
      for (let n = word, letters = 0; n >= 0 && letters < WINDOW; letters += lengths[n--] ?? 1) set.add(n);
      for (let n = word + 1, letters = 0; n < lengths.length && letters < WINDOW; letters += lengths[n++] ?? 1)
        set.add(n);
    };
    for (const start of starts.values()) {
      around(start);
      around(this.placeBefore(start));
    }
    const list = [...keep].map(([g, set]) => {
      const b = this.blocks[g]!;
      // Only anchors still in the page can be kept.
      const present = new Set(this.anchored(g));
      const kept = [...set].filter((n) => present.has(n));
      return [g, b.id, b.prefix, kept] as const;
    });
    await page.evaluate(
      pruneAnchors,
      list.map(([, id, prefix, kept]) => [id, prefix, kept.map((n) => `${prefix}${n}`)] as const),
    );
    for (const [g, , , kept] of list) this.kept.set(g, new Set(kept));
  }

  /**
   * The page of the place just before `place` in the text: the word before,
   * the block's start, or the last word of the block before (in the same
   * division, unless it holds `place`'s block). A word whose anchor is in the
   * page but got no destination (it is in something the print hides, as a
   * note's back link) is passed over. Null when a word on the way has no
   * anchor left (prune took it): where the page begins is then unknown.
   * Undefined when there is no place before (a division's start).
   */
  pageBefore(place: Place, anchors: ReadonlyMap<string, number>): number | null | undefined {
    const find = (g: number, from: number): number | null | undefined => {
      const block = this.blocks[g]!;
      const present = new Set(this.words.has(g) ? this.anchored(g) : []);
      for (let n = from; n >= 0; n--) {
        if (!present.has(n)) return null;
        const at = anchors.get(`${block.prefix}${n}`);
        if (at !== undefined) return at;
      }
      return anchors.get(block.id);
    };
    if (place.word >= 0) return find(place.block, place.word - 1);
    const previous = place.block - 1;
    const block = this.blocks[place.block]!;
    if (previous < 0 || block.parent === previous || this.blocks[previous]!.division !== block.division)
      return undefined;
    // The block before has no word anchors: it did not reach this page when measured.
    if (!this.words.has(previous)) return anchors.get(this.blocks[previous]!.id);
    return find(previous, (this.words.get(previous) ?? 0) - 1);
  }

  /** Gives these blocks all their anchors again, for good (prune leaves them). */
  async pin(page: Page, blocks: readonly number[]): Promise<void> {
    const list = [...new Set(blocks)].filter((g) => this.words.has(g));
    for (const g of list) this.pinned.add(g);
    await this.anchorWords(
      page,
      list.filter((g) => this.kept.has(g)),
    );
  }

  /**
   * The place just before `place` in the text, if it has an anchor: the word
   * before, the start of its block, or the last word of the block before
   * (unless that one holds it).
   */
  placeBefore(place: Place): Place | undefined {
    if (place.word > 0) return { block: place.block, word: place.word - 1 };
    if (place.word === 0) return { block: place.block, word: -1 };
    const previous = place.block - 1;
    const words = this.words.get(previous) ?? 0;
    const block = this.blocks[place.block]!;
    if (previous < 0 || !words || block.parent === previous || this.blocks[previous]!.division !== block.division)
      return undefined;
    return { block: previous, word: words - 1 };
  }

  /** A word anchor's id, and the block start's for word -1. */
  placeId(place: Place): string {
    const b = this.blocks[place.block]!;
    return place.word < 0 ? b.id : `${b.prefix}${place.word}`;
  }

  /** The ids of the blocks of these divisions. */
  blockIds(divisions: ReadonlySet<string>): string[] {
    return this.blocks.filter((b) => divisions.has(b.division)).map((b) => b.id);
  }

  private contains(outer: number, inner: number): boolean {
    for (let b = this.blocks[inner]!.parent; b !== undefined; b = this.blocks[b]!.parent) if (b === outer) return true;
    return false;
  }

  /**
   * The blocks a page break may fall in whose words are not anchored yet: those
   * whose words run from the page of their start to that of the next block (or
   * the end of their division), with the blocks around them whose own words
   * come between the two.
   */
  blocksToAnchor(layout: MeasuredPlaces, divisionOrder: readonly string[]): number[] {
    const lastPage = new Map<string, number>();
    const located = divisionOrder.filter((id) => layout.starts.has(id));
    located.forEach((id, i) => {
      const next = located[i + 1];
      lastPage.set(id, (next ? layout.starts.get(next)! : layout.pageCount) - 1);
    });
    const chosen = new Set<number>();
    const withOuter = (g: number, until?: number) => {
      chosen.add(g);
      for (let b = this.blocks[g]!.parent; b !== undefined; b = this.blocks[b]!.parent) {
        if (until !== undefined && this.contains(b, until)) break;
        chosen.add(b);
      }
    };
    const placed = this.blocks.map((_, g) => g).filter((g) => layout.anchors.has(this.blocks[g]!.id));
    placed.forEach((g, i) => {
      const block = this.blocks[g]!;
      const page = layout.anchors.get(block.id)!;
      const next = placed[i + 1];
      const nextBlock = next === undefined ? undefined : this.blocks[next]!;
      if (nextBlock && nextBlock.division === block.division) {
        if (layout.anchors.get(nextBlock.id)! > page) withOuter(g, next);
      } else if (page < (lastPage.get(block.division) ?? page)) {
        withOuter(g);
      }
    });
    return [...chosen].filter((g) => !this.words.has(g) || this.kept.has(g)).sort((a, b) => a - b);
  }

  /** Puts the word anchors of `list` (from blocksToAnchor) into the print page. */
  async anchorWords(page: Page, list: readonly number[]): Promise<void> {
    if (!list.length) return;
    // A block pruned in an earlier pass gets all its anchors again.
    const pruned = list
      .filter((g) => this.kept.has(g))
      .map((g) => [this.blocks[g]!.id, this.blocks[g]!.prefix, []] as const);
    if (pruned.length) await page.evaluate(pruneAnchors, pruned);
    const blocks = list.map((g) => [this.blocks[g]!.id, this.blocks[g]!.prefix] as const);
    const lengths = await page.evaluate(wordStartsInDom, blocks, RULES, PLACES_NAV);
    list.forEach((g, i) => {
      this.words.set(g, lengths[i]?.length ?? 0);
      this.lengths.set(g, lengths[i] ?? []);
      this.kept.delete(g);
    });
  }

  /** Where each page of the settled print begins, from each page's first place. */
  pages(layout: Omit<MeasuredPlaces, 'anchors'>, starts: ReadonlyMap<number, Place>, edition: string): PrintPages {
    return {
      edition,
      pageCount: layout.pageCount,
      maxPageNumber: Math.max(0, layout.pageCount - layout.firstBodyPage),
      starts: [...starts]
        .sort(([a], [b]) => a - b)
        .map(([page, { block, word }]) => ({
          index: page,
          folio: folioOf(page, layout.firstBodyPage),
          front: page < layout.firstBodyPage,
          division: this.blocks[block]!.division,
          place: { block: this.blocks[block]!.index, word },
        })),
    };
  }
}

/**
 * In the print page: takes the word anchors of each listed block out, but
 * those named (a Chinese character goes back into the text), and joins the
 * text they had split.
 */
function pruneAnchors(list: readonly (readonly [id: string, prefix: string, keep: readonly string[]])[]): void {
  for (const [id, prefix, keep] of list) {
    const block = document.getElementById(id);
    if (!block) continue;
    const kept = new Set(keep);
    for (const span of block.querySelectorAll(`span[id^="${prefix}"]`)) {
      if (!kept.has(span.id)) span.replaceWith(...span.childNodes);
    }
    block.normalize();
  }
}
