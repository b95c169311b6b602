/**
 * How the print edition reads where each page begins from the destinations of
 * a run's print (src/writers/pdf/page-places.ts): which place is first on a
 * page, when the place before it makes that certain, and which word anchors
 * stay in the book. Chromium is not what is tested here: the page only hands
 * back each word's length, as the real one would after anchoring.
 */
import { h } from 'hastscript';
import type { Page } from 'puppeteer';
import { describe, expect, it } from 'vitest';
import { PagePlaces } from '../../src/writers/pdf/page-places.js';

/** Blocks 0 (h1), 1 and 2 (paragraphs of `words` words of 5 letters) in division "d". */
function setUp(words: number) {
  const places = new PagePlaces();
  const text = Array.from({ length: words }, (_, i) => `w${String(i).padStart(3, '0')}`).join(' ');
  places.number(h('section', [h('h1', 'Title'), h('p', text), h('p', text)]), 'd');
  const calls: unknown[][] = [];
  const page = {
    evaluate: async (_fn: unknown, ...args: unknown[]) => {
      calls.push(args);
      // anchorWords: the length of each word of each block asked for.
      const blocks = args[0] as [string, string][];
      return Array.isArray(blocks[0]) && blocks[0].length === 2 ? blocks.map(() => Array(words).fill(4)) : undefined;
    },
  } as unknown as Page;
  return { places, page, calls };
}

const d = new Set(['d']);

describe('page places', () => {
  it('takes the first block or word of each page, a block before its own words', async () => {
    const { places, page } = setUp(100);
    await places.anchorWords(page, [1]);
    const ids = places.blockIds(d);
    const anchors = new Map<string, number>([
      [ids[0]!, 0],
      [ids[1]!, 0],
      ...Array.from({ length: 100 }, (_, n) => [`octavo-pb-1-${n}`, n < 60 ? 0 : 1] as [string, number]),
      [ids[2]!, 1],
    ]);
    expect([...places.firstPlaces(anchors, d)]).toEqual([
      [0, { block: 0, word: -1 }],
      [1, { block: 1, word: 60 }],
    ]);
  });

  it('is sure of a page start only when the place just before it is on an earlier page', async () => {
    const { places, page } = setUp(100);
    await places.anchorWords(page, [1]);
    const word = (n: number) => `octavo-pb-1-${n}`;
    const anchors = new Map<string, number>([
      [word(59), 0],
      [word(60), 1],
    ]);
    expect(places.pageBefore({ block: 1, word: 60 }, anchors)).toBe(0);
    // A word with an anchor but no destination (hidden in print) is passed over.
    anchors.delete(word(59));
    anchors.set(word(58), 0);
    expect(places.pageBefore({ block: 1, word: 60 }, anchors)).toBe(0);
    // The first block of a division has nothing before it; word 0's place before is its block's start.
    expect(places.pageBefore({ block: 0, word: -1 }, anchors)).toBeUndefined();
    expect(places.pageBefore({ block: 1, word: 0 }, new Map([[places.blockIds(d)[1]!, 0]]))).toBe(0);
  });

  it('keeps the anchors within a line of each page start, and knows a start it cannot check', async () => {
    const { places, page, calls } = setUp(100);
    await places.anchorWords(page, [1]);
    await places.prune(page, d, new Map([[1, { block: 1, word: 60 }]]));
    const kept = (calls.at(-1)![0] as [string, string, string[]][])[0]![2];
    const numbers = kept.map((id) => Number(id.split('-').at(-1))).sort((a, b) => a - b);
    // 40 letters either side of words 60 and 59 (4 letters a word): 50 to 69.
    expect(numbers[0]).toBeGreaterThanOrEqual(48);
    expect(numbers.at(-1)).toBeLessThanOrEqual(71);
    expect(numbers).toContain(59);
    expect(numbers).toContain(60);
    expect(places.wordIds(d)).toEqual(kept.sort((a, b) => Number(a.split('-').at(-1)) - Number(b.split('-').at(-1))));
    // A start whose word before was taken out: where the page begins is unknown.
    const far = new Map([[`octavo-pb-1-${numbers[0]}`, 1]]);
    expect(places.pageBefore({ block: 1, word: numbers[0]! }, far)).toBeNull();
  });
});
