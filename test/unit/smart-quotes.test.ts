/**
 * Octavo's own SmartyPants quotes (src/transform/smart-quotes.ts) against
 * remark-smartypants, which it replaced for speed: the same curly quotes and
 * ellipses on real books, and nearly always on random punctuation soup.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkSmartypants from 'remark-smartypants';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { educateQuotes } from '../../src/transform/smart-quotes.js';
import { smartQuotes } from '../../src/transform/typography.js';
import { repoRoot, sharedDir } from '../helpers/tools.js';

const ENGLISH = { open: ['“', '‘'], close: ['”', '’'] } as const;
const curly = (text: string) => educateQuotes(text, ENGLISH).join('');

const parser = unified().use(remarkParse).use(remarkGfm);
const reference = unified().use(remarkSmartypants, {
  openingQuotes: { double: '“', single: '‘' },
  closingQuotes: { double: '”', single: '’' },
  dashes: false,
  ellipses: true,
  backticks: false,
});

/** The text nodes of `source` after remark-smartypants and after Octavo's pass. */
function both(source: string): { theirs: string[]; ours: string[] } {
  const a = parser.parse(source) as Root;
  const b = structuredClone(a);
  reference.runSync(a);
  smartQuotes(b, 'en');
  const texts = (tree: Root) => {
    const out: string[] = [];
    visit(tree, 'text', (n) => {
      out.push(n.value);
    });
    return out;
  };
  return { theirs: texts(a), ours: texts(b) };
}

async function markdownFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.md')) out.push(path.join(entry.parentPath, entry.name));
  }
  return out;
}

describe('quotes, by SmartyPants’ rules', () => {
  it.each([
    ['"Hello," she said.', '“Hello,” she said.'],
    ["'Yes' and 'no'", '‘Yes’ and ‘no’'],
    ['He said, "\'Quoted\' words in a larger quote."', 'He said, “‘Quoted’ words in a larger quote.”'],
    ["the '80s", 'the ’80s'],
    ["Assad's visit", 'Assad’s visit'],
    ['"Why?" "Because."', '“Why?” “Because.”'],
    ['("a") ["b"]', '(“a”) [“b”]'],
  ])('%s', (text, expected) => {
    expect(curly(text)).toBe(expected);
  });

  it('pairs quotes across emphasis and links, and treats inline code as a word', () => {
    const { ours } = both('He said "*very* [good](#x)" and `x`" too.\n');
    expect(ours.join('|')).toBe('He said “|very| |good|” and |” too.');
  });

  it('makes ellipses of three dots and of spaced dots', () => {
    expect(both('Wait... and . . . then.\n').ours).toEqual(['Wait… and … then.']);
  });
});

describe('agreement with remark-smartypants', () => {
  it('on the sample book, the starter book and the README, text node for text node', async () => {
    const files = [
      ...(await markdownFiles(path.join(repoRoot, 'manuscript'))),
      ...(await markdownFiles(path.join(repoRoot, 'templates', 'init'))),
      path.join(repoRoot, 'README.md'),
    ];
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const { theirs, ours } = both(await readFile(file, 'utf8'));
      expect(ours, file).toEqual(theirs);
    }
  });

  const books = path.join(sharedDir, 'books');
  const english = ['djangogirls-en', 'ydkjsy-scope-closures', 'byte-of-python', 'art-of-command-line'];
  it.skipIf(!existsSync(books))(
    `on the English books in ${existsSync(books) ? '../shared/books' : '../shared/books (not found: skipped)'}`,
    async () => {
      let nodes = 0;
      for (const book of english) {
        for (const file of await markdownFiles(path.join(books, book))) {
          const { theirs, ours } = both(await readFile(file, 'utf8'));
          expect(ours, file).toEqual(theirs);
          nodes += ours.length;
        }
      }
      expect(nodes).toBeGreaterThan(10_000);
    },
  );

  it('on 2,000 random strings of quotes, letters and punctuation: at least 95% alike', () => {
    const alphabet = [
      'a',
      'b',
      'x',
      'I',
      '8',
      '0',
      's',
      ' ',
      ' ',
      '"',
      "'",
      '.',
      ',',
      '-',
      '!',
      '?',
      '(',
      ')',
      ':',
      ';',
      'é',
    ];
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    let alike = 0;
    const runs = 2000;
    for (let i = 0; i < runs; i++) {
      let text = '';
      const length = 3 + Math.floor(random() * 25);
      for (let j = 0; j < length; j++) text += alphabet[Math.floor(random() * alphabet.length)];
      const { theirs, ours } = both(`${text.trim() || 'a'}\n`);
      if (ours.join('|') === theirs.join('|')) alike++;
    }
    // Where they differ, parse-latin has merged a stop into a word or cut a sentence inside `."word`: not prose.
    expect(alike / runs).toBeGreaterThan(0.95);
  });
});
