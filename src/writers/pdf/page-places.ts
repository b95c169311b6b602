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
import type { PrintPageStart, PrintPages } from '../../page-list/print-pages.js';
import { folioOf } from './furniture.js';

const PREFIX = 'octavo-pb-';

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
  /** Of those, the blocks most of whose anchors were taken out again (prune), with the words still anchored. */
  private readonly kept = new Map<number, Set<number>>();

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
   * Takes out of the print page every word anchor of these divisions but those
   * of each page's first word and the word before it: the book is printed with
   * these few (thousands of anchors made its print twice as slow), and a print
   * of the run with them checks that the page still begins there.
   */
  async prune(page: Page, divisions: ReadonlySet<string>, starts: ReadonlyMap<number, Place>): Promise<void> {
    const keep = new Map<number, Set<number>>();
    for (const g of this.wordBlocks(divisions)) if (!this.kept.has(g)) keep.set(g, new Set());
    for (const { block, word } of starts.values()) {
      const set = keep.get(block);
      if (!set || word < 0) continue;
      set.add(word);
      if (word > 0) set.add(word - 1);
    }
    const list = [...keep].map(([g, set]) => {
      const b = this.blocks[g]!;
      return [b.id, b.prefix, [...set].map((n) => `${b.prefix}${n}`)] as const;
    });
    await page.evaluate(pruneAnchors, list);
    for (const [g, set] of keep) this.kept.set(g, set);
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
    const counts = await page.evaluate(wordStartsInDom, blocks, RULES, PLACES_NAV);
    list.forEach((g, i) => {
      this.words.set(g, counts[i] ?? 0);
      this.kept.delete(g);
    });
  }

  /** Where each page of the settled print begins; `unsure`: pages left without an entry. */
  pages(layout: MeasuredPlaces, edition: string, unsure: ReadonlySet<number> = new Set()): PrintPages {
    const all = new Set(this.blocks.map((b) => b.division));
    const starts: PrintPageStart[] = [...this.firstPlaces(layout.anchors, all)]
      .filter(([page]) => !unsure.has(page))
      .sort(([a], [b]) => a - b)
      .map(([page, { block, word }]) => ({
        index: page,
        folio: folioOf(page, layout.firstBodyPage),
        front: page < layout.firstBodyPage,
        division: this.blocks[block]!.division,
        place: { block: this.blocks[block]!.index, word },
      }));
    return {
      edition,
      pageCount: layout.pageCount,
      maxPageNumber: Math.max(0, layout.pageCount - layout.firstBodyPage),
      starts,
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
