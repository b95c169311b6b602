/**
 * Where each page begins, measured run by run. Chromium looks at every named
 * destination for every page it prints, so one print of the whole book with an
 * anchor before each word of the blocks that cross a page costs pages ×
 * anchors (a 158-page book's PDF step went from 5 to 18 s). Every division
 * starts on a new page, so a run of divisions printed alone, the rest of the
 * book hidden, lays out as it does in the book: a run of ~RUN_PAGES pages
 * printed with only its own anchors keeps the cost in proportion to the book.
 * Each run is printed as a draft with a destination for each block, then
 * again with one for each word of the blocks that a page break falls in, then
 * with only the anchors the book keeps (keepFew).
 */
import type { Page } from 'puppeteer';
import type { Place } from '../../page-list/places.js';
import { loadPdf } from '../../util/pdf-io.js';
import { readDestinations } from './destinations.js';
import { type PagePlaces, PLACES_NAV } from './page-places.js';

/**
 * Pages printed together: fewer prints against fewer destinations per page.
 * Measured with two prints a run, the 150k-word bench book (786 pages), whole
 * build: 12 → 18.3 s, 24 → 17.0 s, 100 → 18.3 s, 400 → 27.7 s; with three,
 * the 30k-word book's measure takes 1.6–1.9 s whatever the run's length.
 */
const RUN_PAGES = 24;

/** Marks what a run's print leaves out. */
const OUT = 'data-octavo-out';

export interface BookLayout {
  /** Page index where each division begins. */
  starts: ReadonlyMap<string, number>;
  pageCount: number;
  firstBodyPage: number;
}

export interface PlacesMeasure {
  /** The layout the places were measured for. */
  layout: BookLayout;
  /** The first place of each page, checked in the page as the book is printed. */
  starts: Map<number, Place>;
  /** Divisions whose run laid out otherwise alone than in the book: their pages have no entry. */
  unmeasured: string[];
  /** Pages whose first place moved once most anchors were taken out again: no entry either. */
  unsure: number;
}

/**
 * Consecutive divisions of about RUN_PAGES pages together (a longer division
 * alone), each with its first page and the page after its last (the next
 * division's start, or the book's end).
 */
function runs(
  layout: BookLayout,
  divisionOrder: readonly string[],
): { divisions: string[]; first: number; end: number }[] {
  const located = divisionOrder.filter((id) => layout.starts.has(id));
  const out: { divisions: string[]; first: number; end: number }[] = [];
  let run: string[] = [];
  let first = 0;
  located.forEach((id, i) => {
    const start = layout.starts.get(id)!;
    if (!run.length) first = start;
    run.push(id);
    const next = located[i + 1];
    const end = next === undefined ? layout.pageCount : layout.starts.get(next)!;
    if (end - first >= RUN_PAGES || next === undefined) {
      out.push({ divisions: run, first, end });
      run = [];
    }
  });
  return out;
}

/**
 * In the print page: shows only the top-level elements from the run's first
 * division to its last (blank pages between them included), and gives `ids`
 * links in the places' list. No run: everything shown again, the list gone.
 */
function showRun(run: readonly string[] | undefined, ids: readonly string[], attr: string, nav: string): void {
  const top = (id: string) => {
    let el = document.getElementById(id);
    while (el && el.parentElement !== document.body) el = el.parentElement;
    return el;
  };
  const children = [...document.body.children];
  const at = (run ?? []).map((id) => children.indexOf(top(id) as Element)).filter((i) => i >= 0);
  const [from, to] = at.length ? [Math.min(...at), Math.max(...at)] : [0, children.length - 1];
  children.forEach((el, i) => {
    if (run && (i < from || i > to)) el.setAttribute(attr, '');
    else el.removeAttribute(attr);
  });
  let list = document.querySelector(nav);
  if (!run) {
    list?.remove();
    document.getElementById(attr)?.remove();
    return;
  }
  if (!document.getElementById(attr)) {
    const style = document.createElement('style');
    style.id = attr;
    // Nothing painted either (as the book's draft): Chromium then skips drawing and embedding glyphs.
    style.textContent = `[${attr}] { display: none !important; } * { visibility: hidden !important; }`;
    document.head.append(style);
  }
  if (!list) {
    list = document.createElement('nav');
    list.className = nav.split('.')[1] ?? '';
    list.setAttribute('aria-hidden', 'true');
    list.setAttribute('style', 'display: none');
    document.body.append(list);
  }
  list.replaceChildren(
    ...ids.map((id) => {
      const a = document.createElement('a');
      a.href = `#${id}`;
      return a;
    }),
  );
}

/** Prints of one run before its page breaks must have settled (each adds the anchors of the blocks breaks moved into). */
const RUN_PRINTS = 3;

/**
 * Prints each run of the print page alone to find every page's first place,
 * for the layout `book` the next print of the whole book should have. The
 * word anchors keepFew leaves stay in the page: the book is printed with them,
 * so what the runs measured is what the book shows.
 */
export async function measurePlaces(
  page: Page,
  places: PagePlaces,
  book: BookLayout,
  divisionOrder: readonly string[],
  /** Prints the page as it is, untagged (the run's style hides what it would paint). */
  printDraft: () => Promise<Uint8Array>,
): Promise<PlacesMeasure> {
  const starts = new Map<number, Place>();
  const unmeasured: string[] = [];
  let unsure = 0;
  try {
    for (const { divisions: run, first: offset, end } of runs(book, divisionOrder)) {
      // Its pages in the book: up to the next division (less the blank page a recto opening may need).
      const pages = end - offset;
      const divisions = new Set(run);
      /** The run printed alone with links to its blocks and anchored words: their pages, or none if it laid out otherwise. */
      const printRun = async () => {
        const ids = [...places.blockIds(divisions), ...places.wordIds(divisions)];
        await page.evaluate(showRun, run, ids, OUT, PLACES_NAV);
        const doc = await loadPdf(await printDraft());
        const printed = readDestinations(doc);
        // Alone, the run must begin its divisions on the pages they have in the book, and end where it does.
        if (run.some((id) => printed.get(id) === undefined || printed.get(id)! + offset !== book.starts.get(id)))
          return undefined;
        if (doc.getPageCount() > pages || doc.getPageCount() < pages - 1) return undefined;
        const own = new Map<string, number>();
        for (const id of ids) {
          const at = printed.get(id);
          if (at !== undefined) own.set(id, at + offset);
        }
        return own;
      };
      let measured: Map<string, number> | undefined;
      for (let n = 0; n < RUN_PRINTS && !measured; n++) {
        const own = await printRun();
        if (!own) break;
        const crossing = places.blocksToAnchor({ ...book, anchors: own }, divisionOrder);
        if (crossing.length) await places.anchorWords(page, crossing);
        else measured = own;
      }
      const checked = measured && (await keepFew(page, places, divisions, measured, printRun));
      if (!checked) {
        unmeasured.push(...run);
        continue;
      }
      for (const [at, place] of checked.starts) starts.set(at, place);
      unsure += checked.unsure;
    }
  } finally {
    await page.evaluate(showRun, undefined, [], OUT, PLACES_NAV);
  }
  return { layout: book, starts, unmeasured, unsure };
}

/** Rounds of keepFew: a page whose first place was not among the anchors left gets all its block's. */
const KEEP_ROUNDS = 3;

/**
 * Takes most anchors out again (PagePlaces.prune) and finds each page's first
 * place among those left, in a print of the run as the book will be printed.
 * An anchor is an element, and an element next to a space stops the font's
 * kerning across it (Literata kerns with the space): with fewer anchors a
 * block's lines change a little, and a page break may move by a line or so.
 * A first place counts only if the place before it is anchored too, on an
 * earlier page. A page where that fails gets all the anchors of the blocks
 * involved back (for good: the book is printed with them), and the run is
 * printed again. Returns the first places that hold, and how many pages have
 * none after KEEP_ROUNDS.
 */
async function keepFew(
  page: Page,
  places: PagePlaces,
  divisions: ReadonlySet<string>,
  measured: ReadonlyMap<string, number>,
  printRun: () => Promise<Map<string, number> | undefined>,
): Promise<{ starts: Map<number, Place>; unsure: number } | undefined> {
  let starts = places.firstPlaces(measured, divisions);
  const expected = new Set(starts.keys());
  for (let round = 0; ; round++) {
    await places.prune(page, divisions, starts);
    const own = await printRun();
    if (!own) return undefined;
    starts = places.firstPlaces(own, divisions);
    // Certain only where the place before is on an earlier page (or there is none: a division's start).
    const open = [...starts].filter(([at, place]) => {
      const before = places.pageBefore(place, own);
      return before === null || (before !== undefined && before >= at);
    });
    const missing = [...expected].filter((at) => !starts.has(at)).length;
    if (!open.length) return { starts, unsure: missing };
    if (round === KEEP_ROUNDS - 1) {
      for (const [at] of open) starts.delete(at);
      return { starts, unsure: missing + open.length };
    }
    await places.pin(
      page,
      open.flatMap(([, place]) => [place.block, places.placeBefore(place)?.block ?? place.block]),
    );
  }
}
