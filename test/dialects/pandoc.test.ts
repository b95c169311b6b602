/**
 * A small book written in pandoc's Markdown, built by the `octavo` command as
 * an EPUB and an HTML page: every construct of src/dialects/pandoc/ rendered
 * as HTML (checked in the EPUB's XHTML), EPUBCheck clean, a warning-free
 * build, and none of the syntax left in the text a reader sees.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTempBooks, tempBook } from '../helpers/books.js';
import { octavo, type Run } from '../helpers/cli.js';
import { solidPng } from '../helpers/png.js';
import { epubcheck, unzip, zipText } from '../helpers/tools.js';

const BOOK_YAML = `title: A Pandoc Book
creator: A. Writer
language: en
licence: CC-BY-4.0
source: Written for this test.
description: Every construct of pandoc's Markdown that Octavo reads.
`;

const CHAPTER_1 = `# Attributes and Spans {#attrs .opening}

## Not numbered {-}

A [small caps phrase]{.smallcaps}, an [underlined one]{.underline} and a
[marked]{.mark} word; a [link](https://example.org){.external} and
H~2~O at 2^10^ degrees, ~~struck~~ through.

![A red square](images/red.png){#fig-red width=50%}

See [](#fig-red).

\`\`\`{.python #listing-1}
def greet(name):
    return f"Hello, {name}"
\`\`\`

\`\`\` {.haskell .numberLines}
main = putStrLn "hi"
\`\`\`

::: note
A note with a list:

- one
- two
:::

::: {#careful .warning}
Be careful.

::: tip
A tip inside, at the same number of colons.
:::
:::

::: {.sidebar}
A sidebar.
:::

::: epigraph
Any other class is a div.
:::
`;

const CHAPTER_2 = `# Notes, Lists and Verse

A claim^[An inline note with *emphasis*.] and another[^plain].

[^plain]: A footnote written the usual way.

Apples
:   Fruit of the genus *Malus*.

Oranges
~   Fruit of an evergreen tree.
~   A colour.

| Fruit | Colour |
|-------|--------|
| Apple | Red    |

Table: Fruit and their colours {#tbl-fruit}

| The limerick packs laughs anatomical
|     In space that is quite economical.
| But the good ones I've seen
  so seldom are clean.

\\newpage

After the page break.
`;

let dir: string;
let run: Run;
let zip: JSZip;
let xhtml: string;

beforeAll(async () => {
  dir = await tempBook({
    'book/book.yaml': BOOK_YAML,
    'book/01-attributes.md': CHAPTER_1,
    'book/02-notes.md': CHAPTER_2,
    'book/images/red.png': solidPng(40, 40, [200, 30, 30]),
  });
  run = await octavo(['build', 'book', '--format', 'epub,html'], dir);
  zip = await unzip(path.join(dir, 'dist', 'a-pandoc-book.epub'));
  const names = Object.keys(zip.files).filter((n) => n.endsWith('.xhtml') && !/nav|toc/.test(n));
  xhtml = (await Promise.all(names.map((n) => zipText(zip, n)))).join('\n');
}, 120_000);
afterAll(removeTempBooks);

describe('a book in pandoc Markdown', () => {
  it('builds without a warning', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/warning/i);
  });

  it('passes EPUBCheck with no error and no warning', async () => {
    const result = await epubcheck(path.join(dir, 'dist', 'a-pandoc-book.epub'));
    expect(result.fatals + result.errors + result.warnings, result.output).toBe(0);
  }, 120_000);

  it('renders attributes, spans, super- and subscript and figures', () => {
    expect(xhtml).toMatch(/<h1 id="attrs" class="opening">Attributes and Spans<\/h1>/);
    expect(xhtml).toMatch(/<h2 class="unnumbered" id="not-numbered">Not numbered<\/h2>/);
    expect(xhtml).toContain('<span class="smallcaps">small caps phrase</span>');
    expect(xhtml).toContain('<span class="underline">underlined one</span>');
    expect(xhtml).toContain('<a href="https://example.org" class="external">link</a>');
    expect(xhtml).toContain('H<sub>2</sub>O at 2<sup>10</sup> degrees, <del>struck</del>');
    expect(xhtml).toMatch(/<figure id="fig-red"><img src="[^"]+" alt="A red square" style="width: 50%"[^>]*\/>/);
    expect(xhtml).toMatch(/<figcaption aria-hidden="true"><span class="figure-label">Figure 1:<\/span> A red square/);
    expect(xhtml).toContain('<a href="#fig-red">Figure 1</a>');
    expect(xhtml).toContain('<code class="language-python" id="listing-1">');
    expect(xhtml).toContain('<code class="language-haskell numberLines">');
  });

  it('renders fenced divs as asides of the standard kinds and divs', () => {
    expect(xhtml).toContain('<aside class="note" role="note"><p class="aside-title">Note</p>');
    expect(xhtml).toContain(
      '<div id="careful" class="warning" epub:type="notice" role="doc-notice"><p class="aside-title">Warning</p>',
    );
    expect(xhtml).toContain('<aside class="tip" epub:type="tip" role="doc-tip"><p class="aside-title">Tip</p>');
    expect(xhtml).toContain('<aside class="sidebar" epub:type="sidebar"><p>A sidebar.</p></aside>');
    expect(xhtml).toContain('<div class="epigraph"><p>Any other class is a div.</p></div>');
  });

  it('renders notes, definition lists, table captions, line blocks and page breaks', () => {
    expect(xhtml).toMatch(
      /A claim<sup><a epub:type="noteref" role="doc-noteref" href="#fn-1" id="fnref-1">1<\/a><\/sup>/,
    );
    expect(xhtml).toContain('<span class="footnote-number">1.</span> An inline note with <em>emphasis</em>.');
    expect(xhtml).toContain('<span class="footnote-number">2.</span> A footnote written the usual way.');
    expect(xhtml).toMatch(/<dl>\s*<dt>Apples<\/dt>\s*<dd>Fruit of the genus <em>Malus<\/em>\.\s*<\/dd>/);
    expect(xhtml).toMatch(/<dd>Fruit of an evergreen tree\.\s*<\/dd>\s*<dd>A colour\.\s*<\/dd>/);
    expect(xhtml).toMatch(
      /<table id="tbl-fruit"><caption>(<span[^>]*>Table 1:<\/span> )?Fruit and their colours<\/caption>/,
    );
    expect(xhtml).toContain('<div class="line-block">The limerick packs laughs anatomical<br />');
    expect(xhtml).toContain('\u00a0\u00a0\u00a0\u00a0In space that is quite economical.<br />');
    expect(xhtml).toContain('But the good ones I’ve seen so seldom are clean.</div>');
    expect(xhtml).toContain('<div class="page-break" />');
  });

  it('leaves none of the syntax in the text', async () => {
    const text = xhtml.replace(/<pre[\s\S]*?<\/pre>/g, '').replace(/<[^>]+>/g, '');
    for (const mark of ['{#', ':::', '^[', '{.', '\\newpage', '~   ']) expect(text).not.toContain(mark);
    const html = await readFile(path.join(dir, 'dist', 'a-pandoc-book.html'), 'utf8');
    const htmlText = html.replace(/<(pre|style|script)[\s\S]*?<\/\1>/g, '').replace(/<[^>]+>/g, '');
    for (const mark of ['{#', ':::', '^[', '{.']) expect(htmlText).not.toContain(mark);
  });
});
