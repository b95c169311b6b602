/**
 * The print edition's page numbers in the EPUB: a page-break marker where each
 * PDF page begins (as measured by the PDF writer, page-list/print-pages.ts),
 * the nav's page list, and the NCX's pageList for EPUB 2 reading systems.
 */
import type { Element } from 'hast';
import { h } from 'hastscript';
import { insertAtPlaces } from '../../page-list/places.js';
import type { PrintPageStart, PrintPages } from '../../page-list/print-pages.js';
import { visit } from '../../util/visit.js';

/** The marker's id: its own prefix, so that no heading's id ("page-1") can meet it. */
export const pageId = (folio: string): string => `print-page-${folio}`;

/**
 * Marks where each PDF page begins in `element`, a clone of division `division`
 * that no writer changed yet; returns the pages marked.
 */
export function markPageBreaks(element: Element, division: string, pages: PrintPages | undefined): PrintPageStart[] {
  const starts = pages?.starts.filter((s) => s.division === division) ?? [];
  if (!starts.length) return [];
  const marks = starts.map((start) => ({
    start,
    place: start.place,
    marker: h('span', {
      id: pageId(start.folio),
      'epub:type': 'pagebreak',
      role: 'doc-pagebreak',
      ariaLabel: start.folio,
    }),
  }));
  return insertAtPlaces(element, marks).map((m) => m.start);
}

export interface PageTarget {
  folio: string;
  front: boolean;
  /** The marker's id, and the link to it. */
  id: string;
  href: string;
}

export function pageTarget(start: PrintPageStart, file: string): PageTarget {
  const id = pageId(start.folio);
  return { folio: start.folio, front: start.front, id, href: `${file}#${id}` };
}

/** The nav document's page list (hidden: reading systems offer it in their own "go to page"). */
export function pageListNav(targets: readonly PageTarget[], label: string, marks: Record<string, unknown>): Element {
  return h('nav', { 'epub:type': 'page-list', hidden: true, ariaLabel: label, ...marks }, [
    h(
      'ol',
      targets.map((t) => h('li', [h('a', { href: t.href }, t.folio)])),
    ),
  ]);
}

/** What `dc:source` says the page numbers are from. */
export function printEditionName(title: string, edition: string): string {
  return `${title}, print edition (${edition})`;
}

/**
 * Each link target's place in reading order (`file` or `file#id`), for the
 * NCX, whose playOrder runs through its contents and its pages together.
 */
export function readingPositions(
  documents: readonly (readonly [file: string, tree: Element | undefined])[],
): (href: string) => number | undefined {
  const positions = new Map<string, number>();
  let n = 0;
  for (const [file, tree] of documents) {
    positions.set(file, n++);
    if (tree) {
      visit(tree, 'element', (node) => {
        if (typeof node.properties.id === 'string') positions.set(`${file}#${node.properties.id}`, n++);
      });
    }
  }
  return (href) => positions.get(href);
}
