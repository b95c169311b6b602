/** mdBook's include links, SUMMARY.md, hidden Rust lines and splitting a file at its headings, one module at a time. */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keptWithDepth } from '../../src/config/layout.js';
import type { Diagnostic } from '../../src/diagnostics.js';
import { expandMdbook, parseIncludeTarget, selectLines } from '../../src/manuscript/mdbook.js';
import { splitChapter } from '../../src/manuscript/split.js';
import { parseSummary } from '../../src/manuscript/summary.js';
import { visibleRustLines } from '../../src/transform/mdbook-code.js';
import { removeTempBooks, tempBook } from '../helpers/books.js';

afterAll(removeTempBooks);

describe('include targets, read as mdBook reads them', () => {
  it.each([
    ['a.rs', { start: 0, end: Infinity }],
    ['a.rs:10', { start: 9, end: 10 }],
    ['a.rs:2:10', { start: 1, end: 10 }],
    ['a.rs::10', { start: 0, end: 10 }],
    ['a.rs:2:', { start: 1, end: Infinity }],
    ['a.rs:body', { anchor: 'body' }],
  ])('%s', (target, selection) => {
    expect(parseIncludeTarget(target)).toEqual({ file: 'a.rs', selection });
  });
});

const FILE = ['fn main() {', '    // ANCHOR: body', '    let x = 1;', '    // ANCHOR_END: body', '}'];
const lines = FILE.map((text, i) => ({ text, origin: { file: 'a.rs', line: i + 1 } }));

describe('selected lines', () => {
  it('takes a range by the file’s line numbers, leaving anchor lines out', () => {
    const { lines: out } = selectLines(lines, { start: 0, end: 3 }, false);
    expect(out.map((l) => l.text)).toEqual(['fn main() {', '    let x = 1;']);
    expect(out.map((l) => l.origin.line)).toEqual([1, 3]);
  });
  it('takes an anchor’s lines', () => {
    expect(selectLines(lines, { anchor: 'body' }, false).lines.map((l) => l.text)).toEqual(['    let x = 1;']);
    expect(selectLines(lines, { anchor: 'nope' }, false).found).toBe(false);
  });
  it('keeps the rest as hidden lines for rustdoc_include', () => {
    expect(selectLines(lines, { anchor: 'body' }, true).lines.map((l) => l.text)).toEqual([
      '# fn main() {',
      '    let x = 1;',
      '# }',
    ]);
    expect(selectLines(lines, { start: 2, end: 3 }, true).lines.map((l) => l.text)).toEqual([
      '# fn main() {',
      '    let x = 1;',
      '# }',
    ]);
  });
});

describe('expandMdbook', () => {
  it('expands includes with their origins, the title link and escapes', async () => {
    const dir = await tempBook({
      'src/ch.md': '{{#title Better Title}}\n# Ch\n\nBefore {{#include inc.md}} after\n\n\\{{#include x.md}}\n',
      'src/inc.md': 'one\ntwo\n{{#include deeper/leaf.txt:2}}\n',
      'src/deeper/leaf.txt': 'L1\nL2\nL3\n',
    });
    const file = path.join(dir, 'src/ch.md');
    const sink: Diagnostic[] = [];
    const out = await expandMdbook(
      '{{#title Better Title}}\n# Ch\n\nBefore {{#include inc.md}} after\n\n\\{{#include x.md}}\n',
      file,
      dir,
      sink,
    );
    expect(out.title).toBe('Better Title');
    expect(out.text).toBe('\n# Ch\n\nBefore one\ntwo\nL2 after\n\n{{#include x.md}}\n');
    expect(out.origins[4]).toEqual({ file: path.join(dir, 'src/inc.md'), line: 2 });
    expect(out.origins[5]).toEqual({ file: path.join(dir, 'src/deeper/leaf.txt'), line: 2 });
    expect(sink).toEqual([]);
  });

  it('refuses files outside the book, cycles and missing files, each with a warning at its line', async () => {
    const dir = await tempBook({ 'book/a.md': '', 'book/self.md': '{{#include self.md}}\n', 'secret.txt': 'no' });
    const root = path.join(dir, 'book');
    const sink: Diagnostic[] = [];
    const out = await expandMdbook(
      'x\n{{#include ../secret.txt}}\n{{#include self.md}}\n{{#include gone.md}}\n{{#unknown thing}}\n',
      path.join(root, 'a.md'),
      root,
      sink,
    );
    expect(out.text).not.toContain('no');
    expect(out.text).not.toContain('{{#');
    expect(sink.map((d) => [d.code, d.line])).toEqual([
      ['mdbook/include-outside', 2],
      ['mdbook/include-cycle', 1],
      ['mdbook/include-missing', 4],
      ['mdbook/unknown-link', 5],
    ]);
  });
});

it('hides rustdoc’s hidden lines and unescapes ##', () => {
  expect(visibleRustLines('# use std;\nfn f() {}\n#\n    # let hidden = 1;\n##[derive(Debug)]\n#[test]')).toBe(
    'fn f() {}\n#[derive(Debug)]\n#[test]',
  );
});

describe('SUMMARY.md', () => {
  it('reads mdBook’s prefix, numbered (nested), draft and suffix chapters, and parts', () => {
    const s = parseSummary(
      '# Summary\n\n[Intro](intro.md)\n\n# Part A\n\n- [One](one.md)\n    - [One.1](sub/one-1.md#x)\n- [Draft]()\n\n---\n\n# Part B\n\n- [Two](two%20words.md)\n\n[Notes](notes.md)\n',
      'SUMMARY.md',
      'mdbook',
    );
    expect(s.parts).toEqual([
      { title: 'Part A', line: 5 },
      { title: 'Part B', line: 13 },
    ]);
    expect(s.items.map((i) => [i.title, i.path, i.depth, i.section, i.part, i.line])).toEqual([
      ['Intro', 'intro.md', 0, 'prefix', undefined, 3],
      ['One', 'one.md', 0, 'numbered', 0, 7],
      ['One.1', 'sub/one-1.md', 1, 'numbered', 0, 8],
      ['Draft', undefined, 0, 'numbered', 0, 9],
      ['Two', 'two words.md', 0, 'numbered', 1, 15],
      ['Notes', 'notes.md', 0, 'suffix', undefined, 17],
    ]);
    expect(s.problems.map((d) => [d.code, d.line])).toEqual([['summary/draft-chapter', 9]]);
  });

  it('moves the sub-chapters of a draft up to its place, and nests the rest under their parent', () => {
    const s = parseSummary(
      '# Summary\n\n- [One](one.md)\n  - [Draft]()\n    - [Orphan](orphan.md)\n  - [One.2](one-2.md)\n    - [One.2.1](one-2-1.md)\n- [Two](two.md)\n',
      'SUMMARY.md',
      'mdbook',
    );
    expect(keptWithDepth(s.items).map((i) => [i.path, i.depth])).toEqual([
      ['one.md', 0],
      ['orphan.md', 1],
      ['one-2.md', 1],
      ['one-2-1.md', 2],
      ['two.md', 0],
    ]);
  });

  it('reads GitBook’s ## parts and its sections of a chapter (file.md#x) as the chapter once', () => {
    const s = parseSummary(
      '# Summary\n\n* [Intro](README.md)\n\n## Basics\n\n* [A](a.md)\n  * [A, part two](a.md#two)\n\n### Advanced\n\n* [B](b/b.md)\n',
      'SUMMARY.md',
      'gitbook',
    );
    expect(s.parts.map((p) => p.title)).toEqual(['Basics', 'Advanced']);
    expect(s.items.map((i) => [i.path, i.part])).toEqual([
      ['README.md', undefined],
      ['a.md', 0],
      ['b/b.md', 1],
    ]);
    expect(s.problems).toEqual([]);
  });
});

describe('splitting a file at its headings', () => {
  const text =
    '---\ntitle: Guide\n---\n# Guide\n\n# Install\n\nText [x].\n\n```\n# not a heading\n```\n\n# Use\n\nMore.\n\n[x]: https://example.org\n';
  it('cuts at the top level, drops the title heading, keeps line numbers and reference definitions', () => {
    const pieces = splitChapter(text, { bookTitle: 'Guide', dropFrontMatter: true })!;
    expect(pieces).toHaveLength(2);
    const [install, use] = pieces.map((p) => p.source.split('\n'));
    expect(install![5]).toBe('# Install');
    expect(install![10]).toBe('# not a heading');
    expect(install![13]).toBe('');
    expect(install!.slice(0, 4).join('')).toBe('');
    expect(use![13]).toBe('# Use');
    expect(use![17]).toBe('[x]: https://example.org');
    expect(use![5]).toBe('');
  });
  it('leaves a file with one top-level heading whole, unless split-level says otherwise', () => {
    const readme = '# Project\n\nIntro.\n\n## A\n\na\n\n## B\n\nb\n';
    expect(splitChapter(readme)).toBeUndefined();
    const pieces = splitChapter(readme, { level: 2 })!;
    expect(pieces.map((p) => p.headingShift)).toEqual([1, 1, 1]);
    expect(pieces[0]!.source).toContain('# Project');
  });
});
