/** Book-wide passes: cross-references between chapters, empty links filled in, broken links reported. */

import path from 'node:path';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import type { Book, Chapter } from '../../src/book.js';
import { DEFAULT_LIMITS } from '../../src/config/limits.js';
import { type Diagnostic, Diagnostics, OctavoError } from '../../src/diagnostics.js';
import { DEFAULT_FEATURES } from '../../src/dialects/features.js';
import { runBookPasses } from '../../src/transform/book-passes.js';
import { transformBook } from '../../src/transform/index.js';
import { repoRoot } from '../helpers/tools.js';
import { manuscriptOf } from '../helpers/transform.js';

const root = path.join(repoRoot, 'manuscript');

const manuscript = (chapters: Record<string, string>, language = 'en') =>
  manuscriptOf(chapters, { yaml: `language: ${language}\n`, root });

async function book(chapters: Record<string, string>, language?: string): Promise<Book> {
  return transformBook(await manuscript(chapters, language), new Diagnostics());
}

async function errorsOf(chapters: Record<string, string>): Promise<Diagnostic[]> {
  try {
    await book(chapters);
  } catch (err) {
    if (err instanceof OctavoError) return err.diagnostics;
    throw err;
  }
  throw new Error('the book built');
}

const html = (c: Chapter) => toHtml(c.tree);

describe('cross-references', () => {
  it("keep links to an id in another chapter as #id, and fill empty links with the target's title", async () => {
    const b = await book({
      '01-a.md': '# Start\n\nSee [the results](#results), [](#results) and [](#ch-2).\n',
      '02-b.md': '# Second\n\n## Results of *it*\n\n## Method {#results}\n',
    });
    const first = html(b.chapters[0]!);
    expect(first).toContain('<a href="#results">the results</a>');
    expect(first).toContain('<a href="#results">Method</a>');
    expect(first).toContain('<a href="#ch-2">Second</a>');
  });

  it('turn links to chapter files into links to the chapter or its sections', async () => {
    const b = await book({
      'part/01-a.md':
        '# Start\n\n## Intro\n\n[Next](../02-b.md), [its intro](../02-b.md#intro), [](./../02-b.md#intro), [here](01-a.md#intro).\n',
      '02-b.md': '# Second\n\n## Intro\n',
    });
    const first = html(b.chapters[0]!);
    // The second chapter's "intro" was renamed (ids are unique across the book): links to its file follow it.
    expect(b.chapters[1]!.headings.map((h) => h.id)).toEqual(['second', 'intro-1']);
    expect(first).toContain('<a href="#ch-2">Next</a>');
    expect(first).toContain('<a href="#intro-1">its intro</a>');
    expect(first).toContain('<a href="#intro-1">Intro</a>');
    expect(first).toContain('<a href="#intro">here</a>');
  });

  it('number figures that have an id, in book order, and refer to them as "Figure N"', async () => {
    const b = await book({
      '01-a.md': '# A\n\n![Map](map.png "The map {#map}")\n\n![Plain](p.png "No id")\n\nSee [](#plan).\n',
      '02-b.md': '# B\n\n![Plan](plan.png "The plan {#plan}")\n\nSee [](#map) and [the map](#map).\n',
    });
    // (The images are not in the book folder: the asset pass shows their alt text instead.)
    expect(html(b.chapters[0]!)).toMatch(
      /<figure id="map">.*<figcaption><span class="figure-label">Figure 1:<\/span> The map<\/figcaption><\/figure>/,
    );
    expect(html(b.chapters[0]!)).toMatch(/<figure>.*<figcaption>No id<\/figcaption><\/figure>/);
    expect(html(b.chapters[0]!)).toContain('<a href="#plan">Figure 2</a>');
    expect(html(b.chapters[1]!)).toContain('<a href="#map">Figure 1</a> and <a href="#map">the map</a>');
  });

  it('say "Figure" in the book\'s language', async () => {
    const b = await book({ '01-a.md': '# A\n\n![Karte](k.png "Die Karte {#karte}")\n\nSiehe [](#karte).\n' }, 'de');
    expect(html(b.chapters[0]!)).toContain('<span class="figure-label">Abbildung 1:</span>');
    expect(html(b.chapters[0]!)).toContain('<a href="#karte">Abbildung 1</a>');
  });

  it('accept links to the divisions of the theme and keep chapter ids off them', async () => {
    const b = await book({ '01-a.md': '# Contents\n\nSee [the colophon](#colophon) and [the contents](#contents).\n' });
    expect(b.chapters[0]!.headings[0]!.id).toBe('contents-1');
    expect(html(b.chapters[0]!)).toContain(
      '<a href="#colophon">the colophon</a> and <a href="#contents-1">the contents</a>',
    );
  });

  it('are errors at file:line:col when they point at nothing', async () => {
    const errors = await errorsOf({
      '01-a.md':
        '# A\n\n## Results\n\nSee [it](#result) and\n[that](#nowhere-at-all), [next](03-c.md), [file](notes.txt), [there](02-b.md#nope).\n',
      '02-b.md': '# B\n',
    });
    const file = path.join(root, '01-a.md');
    expect(errors).toEqual([
      {
        severity: 'error',
        code: 'markdown/dangling-reference',
        message: 'link to `#result` points at nothing in the book',
        file,
        line: 5,
        column: 5,
        hint: 'Did you mean `#results`?',
      },
      expect.objectContaining({
        code: 'markdown/dangling-reference',
        message: 'link to `#nowhere-at-all` points at nothing in the book',
        line: 6,
        column: 1,
        hint: expect.stringContaining('{#my-id}'),
      }),
      expect.objectContaining({
        code: 'markdown/dangling-reference',
        message: 'link to `03-c.md`, which is not a chapter of the book',
        line: 6,
        column: 26,
      }),
      expect.objectContaining({
        code: 'markdown/dangling-reference',
        message: 'link to `notes.txt`, a file that is not part of the book',
        line: 6,
        column: 43,
      }),
      expect.objectContaining({
        code: 'markdown/dangling-reference',
        message: 'link to `02-b.md#nope`: 02-b.md has no `#nope`',
        line: 6,
        column: 62,
      }),
    ]);
  });

  it('leave web addresses, mail and footnotes alone', async () => {
    const sink = new Diagnostics();
    await transformBook(
      await manuscript({ '01-a.md': '# A\n\n[w](https://example.com/x.md) [m](mailto:a@b.c) note[^1]\n\n[^1]: N.\n' }),
      sink,
    );
    expect(sink.list()).toEqual([]);
  });

  it('can be warnings instead, and the broken link is unlinked', async () => {
    // Run the pass alone with the option the lead wires from book.yaml `broken-links: warn`.
    const m = await manuscript({ '01-a.md': '# A\n\nSee [it](#gone) and [](#gone2).\n' });
    const { transformChapter } = await import('../../src/transform/index.js');
    const t = await transformChapter(m.chapters[0]!, {
      lang: 'en',
      dir: 'ltr',
      root,
      typography: true,
      limits: DEFAULT_LIMITS,
      features: DEFAULT_FEATURES,
    });
    const chapter: Chapter = {
      index: 0,
      file: m.chapters[0]!.file,
      relPath: '01-a.md',
      id: 'ch-1',
      title: t.title,
      tree: t.tree,
      headings: t.headings,
      frontMatter: {},
      kind: 'chapter',
      creators: [],
      lang: 'en',
      dir: 'ltr',
    };
    const diagnostics: Diagnostic[] = [];
    runBookPasses([chapter], diagnostics, { brokenLinks: 'warn' });
    expect(diagnostics.map((d) => [d.severity, d.code, d.line, d.column])).toEqual([
      ['warning', 'markdown/dangling-reference', 3, 5],
      ['warning', 'markdown/dangling-reference', 3, 21],
    ]);
    expect(toHtml(chapter.tree)).toContain('<p>See it and #gone2.</p>');
  });
});
