/**
 * The measured pass also finds where each page begins, for the EPUB's page
 * list. Every text block of the print page gets an id and a hidden link to it
 * (Chromium writes a named destination only for a link's target); after the
 * draft, the blocks that a page break falls in get an anchor before each of
 * their words (page-list/places.ts); the settled print then tells which block
 * or word comes first on each page. The destinations only this needed are
 * taken out of the finished PDF.
 */
import type { Element } from 'hast';
import { h } from 'hastscript';
import { PDFDict, type PDFDocument, PDFName } from 'pdf-lib';
import type { Page } from 'puppeteer';
import { type Diagnostic, warning } from '../../diagnostics.js';
import { RULES, textBlocks, wordStartsInDom } from '../../page-list/places.js';
import type { PrintPageStart, PrintPages } from '../../page-list/print-pages.js';
import { idOf } from '../../util/pdf-destinations.js';
import { visit } from '../../util/visit.js';
import { folioOf } from './furniture.js';

const PREFIX = 'octavo-pb-';

/** The longest book whose EPUB gets the PDF's page list: Chromium's cost grows with pages × anchors. */
export const PAGE_LIST_MAX_PAGES = 300;

/** The build's word when a book is too long to measure its pages (before printing, or on the draft). */
export function noPageList(pages: number, max: number, measured: boolean): Diagnostic {
  return warning(
    'epub/no-page-list',
    `the EPUB has no list of the PDF's pages: the book has ${measured ? '' : 'some '}${pages} pages, and Octavo measures where pages begin for books of up to about ${max}, as it would make the PDF's prints several times slower.`,
    { hint: 'The EPUB is complete without it; set page-list: false in book.yaml for no such warning.' },
  );
}

/** A destination made only to find where pages begin (not a contents or note anchor). */
export const isPlace = (name: string): boolean => name.startsWith(PREFIX);
const NAV_CLASS = 'print-places';

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
  /** Words anchored in the print page, by block number. */
  private readonly words = new Map<number, number>();

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

  /** The links that give every block a destination; not shown, not read aloud. */
  nav(): Element {
    return h(
      'nav',
      { className: [NAV_CLASS], ariaHidden: 'true', style: 'display: none' },
      this.blocks.map((b) => h('a', { href: `#${b.id}` })),
    );
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
    return [...chosen].filter((g) => !this.words.has(g)).sort((a, b) => a - b);
  }

  /** Takes the places' links out of the print page: its next prints write no destination for them. */
  async remove(page: Page): Promise<void> {
    await page.evaluate((selector: string) => document.querySelector(selector)?.remove(), `nav.${NAV_CLASS}`);
  }

  /** Puts the word anchors of `list` (from blocksToAnchor) into the print page. */
  async anchorWords(page: Page, list: readonly number[]): Promise<void> {
    if (!list.length) return;
    const blocks = list.map((g) => [this.blocks[g]!.id, this.blocks[g]!.prefix] as const);
    const counts = await page.evaluate(wordStartsInDom, blocks, RULES, `nav.${NAV_CLASS}`);
    list.forEach((g, i) => {
      this.words.set(g, counts[i] ?? 0);
    });
  }

  /** Where each page of the settled print begins. */
  pages(layout: MeasuredPlaces, edition: string): PrintPages {
    const first = new Map<number, PrintPageStart>();
    const at = (page: number | undefined, block: PrintBlock, word: number) => {
      if (page === undefined || first.has(page)) return;
      first.set(page, {
        index: page,
        folio: folioOf(page, layout.firstBodyPage),
        front: page < layout.firstBodyPage,
        division: block.division,
        place: { block: block.index, word },
      });
    };
    this.blocks.forEach((block, g) => {
      at(layout.anchors.get(block.id), block, -1);
      const words = this.words.get(g) ?? 0;
      for (let n = 0; n < words; n++) at(layout.anchors.get(`${block.prefix}${n}`), block, n);
    });
    const starts = [...first.values()].sort((a, b) => a.index - b.index);
    return {
      edition,
      pageCount: layout.pageCount,
      maxPageNumber: Math.max(0, layout.pageCount - layout.firstBodyPage),
      starts,
    };
  }

  /**
   * Takes the destinations only the page places needed out of the PDF (they
   * would add some 100 bytes a block); those that links of the book point to
   * stay. `linked`: the ids the book's own links point to.
   */
  strip(doc: PDFDocument, linked: ReadonlySet<string>): void {
    const dests = doc.catalog.lookup(PDFName.of('Dests'));
    if (!(dests instanceof PDFDict)) return;
    for (const key of dests.keys()) {
      const name = idOf(key.decodeText());
      if (name.startsWith(PREFIX) || (this.isBlockId(name) && !linked.has(name))) dests.delete(key);
    }
  }

  private ids: Set<string> | undefined;
  private isBlockId(name: string): boolean {
    this.ids ??= new Set(this.blocks.map((b) => b.id));
    return this.ids.has(name);
  }
}

/** The ids the links of a print page point to (`#id`). */
export function linkTargets(tree: Element): Set<string> {
  const ids = new Set<string>();
  visit(tree, 'element', (node) => {
    const href = node.tagName === 'a' ? node.properties.href : undefined;
    if (typeof href !== 'string' || !href.startsWith('#')) return;
    try {
      ids.add(decodeURIComponent(href.slice(1)));
    } catch {
      ids.add(href.slice(1));
    }
  });
  return ids;
}
