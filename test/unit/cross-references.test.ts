/** Cross-references (pandoc-crossref / Quarto), numbers of figures, tables, equations and sections. */

import path from 'node:path';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import type { Book, Chapter } from '../../src/book.js';
import { type Diagnostic, Diagnostics, OctavoError } from '../../src/diagnostics.js';
import { blankClosingLabels } from '../../src/transform/equation-labels.js';
import { transformBook } from '../../src/transform/index.js';
import { repoRoot } from '../helpers/tools.js';
import { manuscriptOf } from '../helpers/transform.js';

const root = path.join(repoRoot, 'manuscript');

const manuscript = (chapters: Record<string, string>, yaml = '') => manuscriptOf(chapters, { yaml, root });

async function build(chapters: Record<string, string>, yaml = '') {
  const sink = new Diagnostics();
  const book: Book = await transformBook(await manuscript(chapters, yaml), sink);
  return { book, diagnostics: sink.list() };
}

async function errorsOf(chapters: Record<string, string>, yaml = ''): Promise<Diagnostic[]> {
  try {
    await build(chapters, yaml);
  } catch (err) {
    if (err instanceof OctavoError) return err.diagnostics;
    throw err;
  }
  throw new Error('the book built');
}

const html = (c: Chapter) => toHtml(c.tree);

const TABLE = (id: string, caption: string) =>
  `<table id="${id}"><caption>${caption}</caption><tr><td>1</td></tr></table>`;

describe('cross-references', () => {
  it('number figures, tables and equations across the book and link to them in every form', async () => {
    const { book, diagnostics } = await build({
      '01-a.md': [
        '# A',
        '',
        '![A map](map.png "The map {#fig-map}")',
        '',
        TABLE('tbl-data', 'Some data'),
        '',
        '$$',
        'E = mc^2',
        '$$ {#eq-energy}',
        '',
        'See @fig-map, [@tbl-data], @Fig-plan and [@fig-map; @fig-plan].',
        '',
      ].join('\n'),
      '02-b.md': [
        '# B',
        '',
        '![A plan](plan.png "The plan {#fig-plan}")',
        '',
        '$$ a^2 + b^2 = c^2 $$ {#eq-pythagoras}',
        '',
        'As [Fig. @fig-map] shows, and [-@fig-plan]; by @eq-energy and @eq-pythagoras.',
        '',
      ].join('\n'),
    });
    // Only the images are missing (they are not in the book folder); nothing is left as text.
    expect(diagnostics.filter((d) => !d.code.startsWith('assets/'))).toEqual([]);
    const a = html(book.chapters[0]!);
    const b = html(book.chapters[1]!);
    expect(a).toContain('<figcaption><span class="figure-label">Figure 1:</span> The map</figcaption>');
    expect(a).toContain('<caption><span class="table-label">Table 1:</span> Some data</caption>');
    expect(a).toMatch(
      /<div id="eq-energy" class="math-display"><math[\s\S]*<\/math><span class="equation-number">\(1\)<\/span><\/div>/,
    );
    expect(b).toContain('<figcaption><span class="figure-label">Figure 2:</span> The plan</figcaption>');
    expect(b).toMatch(
      /<div id="eq-pythagoras" class="math-display">.*<span class="equation-number">\(2\)<\/span><\/div>/,
    );
    expect(a).toContain(
      'See <a href="#fig-map" class="cross-ref">Figure 1</a>, <a href="#tbl-data" class="cross-ref">Table 1</a>, ' +
        '<a href="#fig-plan" class="cross-ref">Figure 2</a> and ' +
        '<a href="#fig-map" class="cross-ref">Figure 1</a> and <a href="#fig-plan" class="cross-ref">Figure 2</a>.',
    );
    expect(b).toContain(
      'As <a href="#fig-map" class="cross-ref">Fig. 1</a> shows, and <a href="#fig-plan" class="cross-ref">2</a>; ' +
        'by <a href="#eq-energy" class="cross-ref">Equation (1)</a> and <a href="#eq-pythagoras" class="cross-ref">Equation (2)</a>.',
    );
    // Nothing is left as text for the unhandled-syntax warnings, and the math block ended at its fence.
    expect(a).not.toContain('{#eq-energy}');
    expect(a).not.toContain('@');
  });

  it('read a label on the line after the closing fence, and blank a closing label without moving anything', async () => {
    const src = 'x\n\n$$\nx^2\n$$ {#eq-sq}\n\nafter\n';
    const { source, labels } = blankClosingLabels(src);
    expect(source.length).toBe(src.length);
    expect(source).toBe(`x\n\n$$\nx^2\n$$${' '.repeat(9)}\n\nafter\n`);
    expect([...labels]).toEqual([[5, 'eq-sq']]);
    // Inside a code fence, it is code.
    expect(blankClosingLabels('```\n$$\nx\n$$ {#eq-a}\n```\n').labels.size).toBe(0);
    const { book } = await build({ '01-a.md': '# A\n\n$$\ny\n$$\n{#eq-y}\n\nSee @eq-y.\n' });
    expect(html(book.chapters[0]!)).toContain('<a href="#eq-y" class="cross-ref">Equation (1)</a>');
    expect(html(book.chapters[0]!)).not.toContain('{#eq-y}');
  });

  it('name sections by their title, or "Section 2.1" with number-sections, which numbers headings per chapter', async () => {
    const chapters = {
      '00-preface.md': '---\ntype: preface\n---\n# Preface\n\n## Why {#sec-why}\n\nSee @sec-method and @sec-b.\n',
      '01-a.md': '# A\n\n## Method {#sec-method}\n\n### Detail\n\n<h2 class="unnumbered">Aside</h2>\n\n## Results\n',
      '02-b.md': '# B {#sec-b}\n\n![P](p.png "A plan {#fig-p}")\n\nSee @sec-why, @fig-p.\n',
      '03-app.md': '---\ntype: appendix\n---\n# Sources\n\n## Archives\n',
    };
    const plain = await build(chapters);
    expect(html(plain.book.chapters[0]!)).toContain(
      'See <a href="#sec-method" class="cross-ref">Method</a> and <a href="#sec-b" class="cross-ref">B</a>.',
    );
    const { book } = await build(chapters, 'number-sections: true\n');
    const [pre, a, b, app] = book.chapters.map(html);
    expect(pre).toContain('<h1 id="preface">Preface</h1>');
    expect(pre).toContain(
      'See <a href="#sec-method" class="cross-ref">Section 1.1</a> and <a href="#sec-b" class="cross-ref">Chapter 2</a>.',
    );
    expect(a).toContain('<h1 id="a"><span class="section-number">1</span> A</h1>');
    expect(a).toContain('<h2 id="sec-method"><span class="section-number">1.1</span> Method</h2>');
    expect(a).toContain('<h3 id="detail"><span class="section-number">1.1.1</span> Detail</h3>');
    expect(a).toContain('<h2 class="unnumbered" id="aside">Aside</h2>');
    expect(a).toContain('<h2 id="results"><span class="section-number">1.2</span> Results</h2>');
    // Figures are numbered per chapter when chapters are (Quarto's books).
    expect(b).toContain('<span class="figure-label">Figure 2.1:</span> A plan');
    expect(b).toContain(
      'See <a href="#sec-why" class="cross-ref">Why</a>, <a href="#fig-p" class="cross-ref">Figure 2.1</a>.',
    );
    expect(app).toContain('<h2 id="archives"><span class="section-number">A.1</span> Archives</h2>');
    expect(book.chapters.map((c) => c.number)).toEqual([undefined, '1', '2', 'A']);
  });

  it("say the words in the chapter's language", async () => {
    const { book } = await build({
      '01-a.md':
        '---\nlanguage: de\n---\n# A\n\n![K](k.png "Die Karte {#fig-k}")\n\n' +
        TABLE('tbl-t', 'Werte') +
        '\n\nSiehe @fig-k und @tbl-t.\n',
    });
    const a = html(book.chapters[0]!);
    expect(a).toContain('<span class="figure-label">Abbildung 1:</span> Die Karte');
    expect(a).toContain('<span class="table-label">Tabelle 1:</span> Werte');
    expect(a).toContain(
      '<a href="#fig-k" class="cross-ref">Abbildung 1</a> und <a href="#tbl-t" class="cross-ref">Tabelle 1</a>',
    );
  });

  it('make an unknown label an error at file:line:col, with a guess', async () => {
    const errors = await errorsOf({
      '01-a.md': '# A\n\n![M](m.png "Map {#fig-map}")\n\nSee\nthe @fig-mpa and [@tbl-none].\n',
    });
    const file = path.join(root, '01-a.md');
    expect(errors.filter((e) => e.code === 'markdown/unknown-label')).toEqual([
      expect.objectContaining({
        file,
        line: 6,
        column: 5,
        message: 'cross-reference `@fig-mpa` names no figure, table, equation or section in the book',
        hint: 'Did you mean `@fig-map`?',
      }),
      expect.objectContaining({ file, line: 6, column: 18 }),
    ]);
  });

  it('make it a warning with broken-links: warn, the text left as written', async () => {
    const { book, diagnostics } = await build({ '01-a.md': '# A\n\nSee @fig-none.\n' }, 'broken-links: warn\n');
    expect(diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([['warning', 'markdown/unknown-label', 3]]);
    expect(html(book.chapters[0]!)).toContain('<p>See @fig-none.</p>');
  });

  it('stay text, with a warning, when the feature is off; mail addresses are never references', async () => {
    const { book, diagnostics } = await build(
      { '01-a.md': '# A\n\n![M](m.png "Map {#fig-map}")\n\nSee @fig-map. Write to a@fig-map.org.\n' },
      'markdown:\n  cross-references: false\n',
    );
    expect(html(book.chapters[0]!)).toContain('See @fig-map. Write to <a href="mailto:a@fig-map.org">');
    expect(diagnostics.filter((d) => d.code === 'markdown/unhandled-syntax')).toEqual([
      expect.objectContaining({ line: 5, message: expect.stringContaining('markdown.cross-references is off') }),
    ]);
  });
});
