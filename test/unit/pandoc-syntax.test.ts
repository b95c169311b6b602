/** pandoc's Markdown (src/dialects/pandoc/): each construct read, off, and malformed. */

import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FEATURES, type MarkdownFeature } from '../../src/dialects/features.js';
import { type ChapterContext, markdownToHast } from '../../src/transform/markdown.js';
import { toXhtml } from '../../src/writers/xhtml.js';
import { chapterContext } from '../helpers/transform.js';

const ctx = chapterContext;

async function md(source: string, context: Partial<ChapterContext> = {}) {
  const { tree, file } = await markdownToHast(source, 'chapter.md', { ...ctx, ...context });
  return {
    html: toHtml(tree),
    xhtml: toXhtml(tree),
    messages: file.messages.map((m) => ({ rule: m.ruleId, line: m.line, column: m.column, reason: m.reason })),
  };
}

/** The same source with one feature off. */
const off = (feature: MarkdownFeature, source: string) =>
  md(source, { features: { ...DEFAULT_FEATURES, [feature]: false } });

describe('attributes', () => {
  it('go on headings: id, classes, lang; `{-}` is the class unnumbered', async () => {
    const { html, messages } = await md(
      '# Title {#intro .special lang=fr}\n\n## Other {-}\n\n## Setup\n\n## B {#setup .x}\n',
    );
    expect(html).toContain('<h1 id="intro" lang="fr" class="special">Title</h1>');
    expect(html).toContain('<h2 class="unnumbered" id="other">Other</h2>');
    // An explicit id is never given as a slug to another heading.
    expect(html).toContain('<h2 id="setup-1">Setup</h2>');
    expect(html).toContain('<h2 id="setup" class="x">B</h2>');
    expect(messages).toEqual([]);
  });

  it('leave out unknown and unsafe keys with a warning naming each; keep data-*', async () => {
    const { html, messages } = await md('## Style {style="color:red" onclick=x data-level=2 width=3}\n');
    expect(html).toBe('<h2 data-level="2" id="style">Style</h2>');
    expect(messages.map((m) => [m.rule, m.line, m.reason])).toEqual([
      ['pandoc-attribute', 1, 'attribute `style` is left out'],
      ['pandoc-attribute', 1, 'attribute `onclick` is left out'],
      ['pandoc-attribute', 1, 'attribute `width` is left out'],
    ]);
  });

  it('on a lone image make a figure, the id on the figure, sizes as CSS or pixels', async () => {
    const { html, messages } = await md(
      '![A map](map.png){#fig-map width=50% height=3cm}\n\n![Plain](p.png){#fig-p width=300}\n\n![Alt](t.png "The title"){#fig-t .wide}\n',
    );
    expect(html).toContain(
      '<figure id="fig-map"><img src="map.png" alt="A map" style="width: 50%; height: 3cm"><figcaption aria-hidden="true">A map</figcaption></figure>',
    );
    expect(html).toContain('<img src="p.png" alt="Plain" width="300">');
    // With a title, the title is the caption (Octavo's rule); the classes stay on the image.
    expect(html).toContain(
      '<figure id="fig-t"><img src="t.png" alt="Alt" class="wide"><figcaption>The title</figcaption></figure>',
    );
    expect(messages).toEqual([]);
  });

  it('on an image inside text, or on a link, go on the element', async () => {
    const { html } = await md('An ![icon](i.png){.icon height=12} and a [link](https://x.org){.ext lang=de}.\n');
    expect(html).toBe(
      '<p>An <img src="i.png" alt="icon" height="12" class="icon"> and a <a href="https://x.org" lang="de" class="ext">link</a>.</p>',
    );
  });

  it('must touch their element; else they stay text and are reported', async () => {
    const { html, messages } = await md('A [link](https://x.org) {.ext} here.\n');
    expect(html).toContain('</a> {.ext} here.');
    expect(messages).toEqual([expect.objectContaining({ rule: 'unhandled-syntax', line: 1, column: 25 })]);
  });

  it('on fenced code: the language is the first class, highlighting still works', async () => {
    const { html } = await md(
      '```{.python #code1}\nprint(1)\n```\n\n``` {.haskell .numberLines}\nmain = 1\n```\n\n```js {#c3}\nlet a;\n```\n',
    );
    expect(html).toContain('<code class="language-python" id="code1"><span class="pl-c1">print</span>');
    expect(html).toContain('<code class="language-haskell numberLines">');
    expect(html).toContain('<code class="language-js" id="c3"><span class="pl-k">let</span>');
  });

  it('make bracketed spans, with markup inside, nested', async () => {
    const { html } = await md('[Small caps]{.smallcaps}, [*some* text]{.underline #u}, [a [b]{.mark} c]{lang=fr}.\n');
    expect(html).toBe(
      '<p><span class="smallcaps">Small caps</span>, <span id="u" class="underline"><em>some</em> text</span>, ' +
        '<span lang="fr">a <span class="mark">b</span> c</span>.</p>',
    );
  });

  it('leave escaped or malformed blocks as text', async () => {
    const { html, messages } = await md('\\[not a span\\]{.x} and [bad]{.x y} and [open]{#a\n');
    expect(html).toBe('<p>[not a span]{.x} and [bad]{.x y} and [open]{#a</p>');
    // The escaped one is meant as text; `{.x y}` is no attribute block pandoc reads, and is reported.
    expect(messages.map((m) => m.rule)).toEqual(['unhandled-syntax']);
  });

  it('off: stay text, reported with their line', async () => {
    const { html, messages } = await off('attributes', 'Text.\n\n## Title {#t .c}\n\n[span]{.smallcaps}\n');
    expect(html).toContain('<h2 id="title-t-c">Title {#t .c}</h2>');
    expect(html).toContain('<p>[span]{.smallcaps}</p>');
    expect(messages).toEqual([
      expect.objectContaining({
        rule: 'unhandled-syntax',
        line: 3,
        reason: expect.stringContaining('attributes is off'),
      }),
      expect.objectContaining({ rule: 'unhandled-syntax', line: 5 }),
    ]);
  });
});

describe('fenced divs', () => {
  it('are asides (notices: divs) of the standard kinds, labelled in the book language, with Markdown inside', async () => {
    const { html, messages } = await md(
      '::: note\nA list:\n\n- one\n- two\n:::\n\n::: {#w .warning}\nCareful.\n\n:::: tip\nNested `code`.\n::::\n:::\n\n::: {.sidebar}\nSide.\n:::\n',
    );
    expect(html).toContain('<aside class="note" role="note"><p class="aside-title">Note</p><p>A list:</p><ul>');
    expect(html).toContain(
      '<div id="w" class="warning" epub:type="notice" role="doc-notice"><p class="aside-title">Warning</p><p>Careful.</p>' +
        '<aside class="tip" epub:type="tip" role="doc-tip"><p class="aside-title">Tip</p><p>Nested <code>code</code>.</p></aside></div>',
    );
    expect(html).toContain('<aside class="sidebar" epub:type="sidebar"><p>Side.</p></aside>');
    expect(messages).toEqual([]);
  });

  it('of other classes are divs; same-colon nesting and colons in code work as in pandoc', async () => {
    const { html } = await md('::: custom\nText.\n\n::: inner\nInside.\n:::\n\n```\n:::\n```\n\nAfter.\n:::\n\nOut.\n');
    expect(html).toBe(
      '<div class="custom"><p>Text.</p><div class="inner"><p>Inside.</p></div><pre><code>:::\n</code></pre><p>After.</p></div>\n<p>Out.</p>',
    );
  });

  it('label in French for a French chapter', async () => {
    const { html } = await md('::: caution\nChaud.\n:::\n', { lang: 'fr' });
    expect(html).toContain('<p class="aside-title">Attention</p>');
  });

  it('need a blank line before and attributes or a word; else stay text, reported', async () => {
    const { html, messages } = await md('Text\n::: note\nx\n:::\n\n::: two words\ny\n:::\n');
    expect(html).not.toContain('<aside');
    expect(messages.filter((m) => m.rule === 'unhandled-syntax').map((m) => m.line)).toEqual([2, 6]);
  });

  it('off: stay text, reported with their line', async () => {
    const { html, messages } = await off('fenced-divs', 'Intro.\n\n::: note\nText.\n:::\n');
    expect(html).toBe('<p>Intro.</p>\n<p>::: note\nText.\n:::</p>');
    expect(messages).toEqual([
      expect.objectContaining({
        rule: 'unhandled-syntax',
        line: 3,
        reason: expect.stringContaining('fenced-divs is off'),
      }),
    ]);
  });
});

describe('definition lists', () => {
  it('read `:` and `~` markers, several definitions, loose ones as paragraphs', async () => {
    const { html, xhtml } = await md(
      'Term 1\n:   Definition 1\n\nTerm 2\n~   Definition 2a\n~   Definition 2b\n\n*Loose*\n\n:   First para.\n\n    Second para.\n',
    );
    expect(html.replace(/\n/g, '')).toBe(
      '<dl><dt>Term 1</dt><dd>Definition 1</dd><dt>Term 2</dt><dd>Definition 2a</dd><dd>Definition 2b</dd>' +
        '<dt><em>Loose</em></dt><dd><p>First para.</p><p>Second para.</p></dd></dl>',
    );
    expect(xhtml).toContain('<dl xmlns="http://www.w3.org/1999/xhtml">\n<dt>Term 1</dt>');
  });

  it('off: stay text, reported', async () => {
    const { html, messages } = await off('definition-lists', 'Term\n: Definition\n');
    expect(html).toBe('<p>Term\n: Definition</p>');
    expect(messages).toEqual([expect.objectContaining({ rule: 'unhandled-syntax', line: 2, column: 1 })]);
  });
});

describe('inline notes', () => {
  it('are footnotes numbered in order with the [^x] notes', async () => {
    const { html, messages } = await md(
      'One^[A *marked* note.] two[^a] three^[Last [with brackets].].\n\n[^a]: Normal.\n',
    );
    expect(html).toContain(
      'One<sup><a epub:type="noteref" role="doc-noteref" href="#fn-1" id="fnref-1">1</a></sup> two',
    );
    expect(html).toContain('href="#fn-2" id="fnref-2">2</a></sup> three<sup>');
    expect(html).toContain('<span class="footnote-number">1.</span> A <em>marked</em> note.');
    expect(html).toContain('<span class="footnote-number">2.</span> Normal.');
    expect(html).toContain('<span class="footnote-number">3.</span> Last [with brackets].');
    expect(messages).toEqual([]);
  });

  it('unclosed or escaped stay text; the unclosed one is reported', async () => {
    const { html, messages } = await md('Open^[never closed. Escaped \\^[no].\n');
    expect(html).toBe('<p>Open^[never closed. Escaped ^[no].</p>');
    expect(messages).toEqual([expect.objectContaining({ rule: 'unhandled-syntax', line: 1, column: 5 })]);
  });

  it('off: stay text, reported', async () => {
    const { html, messages } = await off('inline-notes', 'A^[note].\n');
    expect(html).toBe('<p>A^[note].</p>');
    expect(messages).toEqual([expect.objectContaining({ rule: 'unhandled-syntax', line: 1, column: 2 })]);
  });
});

describe('table captions', () => {
  const table = '| a | b |\n|---|---|\n| 1 | 2 |\n';

  it('after or before a table become its caption, with the id on the table', async () => {
    const { html, messages } = await md(
      `${table}\nTable: The "caption" {#tbl-x}\n\nText.\n\ntable: Before\n\n${table}`,
    );
    expect(html).toContain('<table id="tbl-x"><caption>The “caption”</caption>\n<thead>');
    expect(html).toContain('<table><caption>Before</caption>');
    expect(html).toContain('<p>Text.</p>');
    expect(messages).toEqual([]);
  });

  it('off: stay text, reported', async () => {
    const { html, messages } = await off('table-captions', `${table}\nTable: Caption\n`);
    expect(html).toContain('<p>Table: Caption</p>');
    expect(messages).toEqual([expect.objectContaining({ rule: 'unhandled-syntax', line: 5 })]);
  });
});

describe('line blocks', () => {
  it('keep line breaks and leading spaces; a line starting with a space continues', async () => {
    const { html } = await md('| The first line\n|    indented *verse*\n| a long line\n  continued\n|\n| End.\n');
    expect(html).toBe(
      '<div class="line-block">The first line<br>\n\u00a0\u00a0\u00a0indented <em>verse</em><br>\na long line continued<br>\n<br>\nEnd.</div>',
    );
  });

  it('need every line to start with a bar', async () => {
    const { html } = await md('| one\ntwo\n');
    expect(html).toBe('<p>| one\ntwo</p>');
  });

  it('off: stay text, reported', async () => {
    const { html, messages } = await off('line-blocks', '| one\n| two\n');
    expect(html).toBe('<p>| one\n| two</p>');
    expect(messages).toEqual([expect.objectContaining({ rule: 'unhandled-syntax', line: 1 })]);
  });
});

describe('superscript and subscript', () => {
  it('read pandoc marks; ~~ is still strikethrough; spaces and escapes are not marks', async () => {
    const { html, messages } = await md('H~2~O, 2^10^, ~~gone~~, P~a\\ cat~, a ^b c^ and \\^x\\^.\n');
    expect(html).toBe(
      '<p>H<sub>2</sub>O, 2<sup>10</sup>, <del>gone</del>, P<sub>a\u00a0cat</sub>, a ^b c^ and ^x^.</p>',
    );
    expect(messages).toEqual([]);
  });

  it('off: superscript stays text, reported; subscript off is GFM strikethrough', async () => {
    const sup = await off('superscript', '2^10^\n');
    expect(sup.html).toBe('<p>2^10^</p>');
    expect(sup.messages).toEqual([expect.objectContaining({ rule: 'unhandled-syntax', line: 1, column: 2 })]);
    const sub = await off('subscript', 'H~2~O\n');
    expect(sub.html).toBe('<p>H<del>2</del>O</p>');
  });
});

describe('raw TeX', () => {
  it('page breaks become a page-break div; other commands and environments go with a warning', async () => {
    const { html, messages } = await md(
      'A.\n\n\\newpage\n\n\\vspace{1em}\n\n\\begin{center}\nCentered\n\n\\textbf{x}\n\\end{center}\n\nB.\n',
    );
    expect(html).toBe('<p>A.</p>\n<div class="page-break"></div>\n<p>B.</p>');
    expect(messages.map((m) => [m.rule, m.line, m.reason])).toEqual([
      ['raw-tex', 5, 'raw LaTeX `\\vspace` is left out'],
      ['raw-tex', 7, 'raw LaTeX `\\begin{center}` … `\\end{center}` is left out'],
    ]);
  });

  it('inside a sentence stays text, reported', async () => {
    const { html, messages } = await md('Use \\LaTeX\\ or \\newpage here.\n');
    expect(html).toBe('<p>Use \\LaTeX\\ or \\newpage here.</p>');
    expect(messages).toEqual([expect.objectContaining({ rule: 'unhandled-syntax', line: 1, column: 5 })]);
  });

  it('off: stays text, reported', async () => {
    const { html, messages } = await off('raw-tex', '\\newpage\n');
    expect(html).toBe('<p>\\newpage</p>');
    expect(messages).toEqual([
      expect.objectContaining({ rule: 'unhandled-syntax', line: 1, reason: expect.stringContaining('raw-tex is off') }),
    ]);
  });
});

describe('a definition after a paragraph', () => {
  it('is a definition list, as in pandoc (a caption needs `Table:` there)', async () => {
    const { html } = await md('Text.\n\n: Before\n\n| a |\n|---|\n| 1 |\n');
    expect(html).toContain('<dt>Text.</dt>');
    expect(html).toContain('<table>\n<thead>');
  });
});

describe('nesting past limits.nesting', () => {
  it('spans and inline notes nested 2,000 deep are one limits/nesting error, found at once', async () => {
    const { markdownToHast } = await import('../../src/transform/markdown.js');
    const { DEFAULT_LIMITS } = await import('../../src/config/limits.js');
    const { DEFAULT_FEATURES } = await import('../../src/dialects/features.js');
    const context = {
      lang: 'en',
      dir: 'ltr' as const,
      root: '/',
      typography: true,
      limits: DEFAULT_LIMITS,
      features: DEFAULT_FEATURES,
    };
    for (const source of [
      `# T\n\n${'['.repeat(2_000)}x${']{.a}'.repeat(2_000)}\n`,
      `# T\n\n${'^['.repeat(2_000)}x${']'.repeat(2_000)}\n`,
    ]) {
      const t0 = performance.now();
      const { file } = await markdownToHast(source, 'ch.md', context);
      expect(performance.now() - t0).toBeLessThan(60_000);
      const errors = file.messages.filter((m) => m.fatal);
      expect(errors).toHaveLength(1);
      expect(errors[0]!.ruleId).toBe('limits/nesting');
      expect(errors[0]!.line).toBe(3);
    }
  });
});
