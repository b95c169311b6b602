/**
 * Notes in the PDF are chapter endnotes: Chromium has no page floats
 * (`float: footnote`), so a note cannot be set at the foot of the page its
 * mark lands on. Each printed note says instead on which page its mark is
 * ("p. 12"), filled in by the measured pass like the contents' numbers.
 */
import type { Element } from 'hast';
import { selectAll } from 'hast-util-select';
import { h } from 'hastscript';

/**
 * Adds the page slot to each note of `tree`; returns the ids of the note
 * marks, which need a named destination for their page to be read.
 */
export function markNotePages(tree: Element, pageWord: string): string[] {
  const marks: string[] = [];
  for (const note of selectAll('[role="doc-footnote"]', tree)) {
    const back = selectAll('a[role="doc-backlink"]', note)[0];
    const href = back && typeof back.properties.href === 'string' ? back.properties.href : '';
    if (!href.startsWith('#')) continue;
    const mark = href.slice(1);
    marks.push(mark);
    const slot = h('span', { className: ['note-page'] }, [
      `${pageWord}\u00a0`,
      h('span', { dataPageFor: mark }, '000'),
    ]);
    const first = note.children.find((c): c is Element => c.type === 'element' && c.tagName === 'p');
    const host = first ?? note;
    // After the note's number ("1."), before its text.
    const number = host.children.findIndex(
      (c) => c.type === 'element' && (c.properties.className as string[] | undefined)?.includes('footnote-number'),
    );
    host.children.splice(number + 1, 0, { type: 'text', value: ' ' }, slot, { type: 'text', value: ' ' });
  }
  return marks;
}
