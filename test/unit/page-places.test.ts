/**
 * The places where a printed page can begin (src/page-list/places.ts): the
 * same numbering on both sides is what lets the EPUB find a PDF page's start.
 */

import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { describe, expect, it } from 'vitest';
import { insertAtPlaces, textBlocks, wordStarts } from '../../src/page-list/places.js';

const marker = (n: string) => h('span', { id: `m${n}` });

describe('places', () => {
  it('numbers blocks in document order, a block inside another after it, and skips maths and print-only text', () => {
    const division = h('section', [
      h('h1', 'Title'),
      h('ul', [h('li', ['one ', h('p', 'inner')]), h('li', 'two')]),
      h('p', ['see ', h('span', { className: ['link-url'] }, ' (https://x.org)'), ' here']),
      h('math', [h('mi', 'x')]),
    ]);
    expect(textBlocks(division).map((b) => b.tagName)).toEqual(['h1', 'li', 'p', 'li', 'p']);
    const para = textBlocks(division)[4]!;
    expect(wordStarts(para).map((w) => w.node.value.slice(w.offset).trim().split(' ')[0])).toEqual(['see', 'here']);
    // "one" belongs to the item; "inner" to the paragraph inside it.
    expect(wordStarts(textBlocks(division)[1]!)).toHaveLength(1);
  });

  it('makes a word of every Chinese character, and of a word across elements only once', () => {
    expect(wordStarts(h('p', '为了 git 问题'))).toHaveLength(5);
    expect(wordStarts(h('p', [h('em', 'a'), 'b c']))).toHaveLength(2);
  });

  it('puts a marker before a word, at the start of a block, and before (not inside) a heading', () => {
    const division = h('section', [h('h2', 'Head'), h('p', 'alpha beta gamma')]);
    const placed = insertAtPlaces(division, [
      { place: { block: 1, word: 2 }, marker: marker('a') },
      { place: { block: 1, word: -1 }, marker: marker('b') },
      { place: { block: 0, word: -1 }, marker: marker('c') },
      { place: { block: 7, word: 0 }, marker: marker('gone') },
    ]);
    expect(toHtml(division)).toBe(
      '<section><span id="mc"></span><h2>Head</h2><p><span id="mb"></span>alpha beta <span id="ma"></span>gamma</p></section>',
    );
    expect(placed.map((p) => p.marker.properties.id)).toEqual(['mc', 'mb', 'ma']);
  });
});
