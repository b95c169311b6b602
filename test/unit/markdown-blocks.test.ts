/** Headings ids, footnotes, figures, code and math: Markdown → hast → HTML and XHTML. */

import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { type ChapterContext, hasMath, markdownToHast } from '../../src/transform/markdown.js';
import { toXhtml } from '../../src/writers/xhtml.js';
import { chapterContext } from '../helpers/transform.js';

const ctx = chapterContext;

async function md(source: string, context: Partial<ChapterContext> = {}) {
  const { tree, file } = await markdownToHast(source, 'chapter.md', { ...ctx, ...context });
  return {
    tree,
    html: toHtml(tree),
    xhtml: toXhtml(tree),
    messages: file.messages.map((m) => ({
      rule: m.ruleId,
      line: m.line,
      column: m.column,
      reason: m.reason,
      note: m.note,
    })),
    headings: file.data.headings,
  };
}

describe('heading ids', () => {
  it('takes {#custom-id} after a heading, else the GitHub slug of the text as written', async () => {
    const { html, headings } = await md(
      '# The Start {#start}\n\n## It\'s "here" -- now\n\n### *Emphasis* and `code` {#x-1}\n',
    );
    expect(html).toContain('<h1 id="start">The Start</h1>');
    expect(html).toContain('<h2 id="its-here----now">It’s “here” – now</h2>');
    expect(html).toContain('<h3 id="x-1"><em>Emphasis</em> and <code>code</code></h3>');
    expect(headings?.map((h) => h.id)).toEqual(['start', 'its-here----now', 'x-1']);
  });

  it('never gives a slug that an explicit id already has', async () => {
    const { html } = await md('## Setup\n\n## Other {#setup}\n');
    expect(html).toContain('<h2 id="setup-1">Setup</h2>');
    expect(html).toContain('<h2 id="setup">Other</h2>');
  });

  it('renames a second use of the same id in a chapter, with a warning at its place', async () => {
    const { html, messages } = await md('## A {#same}\n\n## B {#same}\n');
    expect(html).toContain('<h2 id="same-1">B</h2>');
    expect(messages).toEqual([expect.objectContaining({ rule: 'duplicate-id', line: 3, column: 1 })]);
  });

  it('warns where a heading skips a level, at its line, and says which level to use', async () => {
    const { messages } = await md('# Title\n\n### Too deep\n\n## Back\n\n### Fine\n\n###### Far too deep\n');
    expect(messages).toEqual([
      expect.objectContaining({ rule: 'heading-skipped', line: 3, column: 1, note: expect.stringContaining('`##`') }),
      expect.objectContaining({ rule: 'heading-skipped', line: 9, reason: expect.stringContaining('level 4') }),
    ]);
    // A chapter may start below h1 (a section file), but not two levels below.
    expect((await md('## Section\n\n### Sub\n')).messages).toEqual([]);
    expect((await md('### Deep start\n')).messages).toEqual([expect.objectContaining({ rule: 'heading-skipped' })]);
  });

  it("gives raw HTML headings an id too, and keeps a heading's math out of its title", async () => {
    const { html, headings } = await md('<h2>From HTML</h2>\n\n## Energy $E=mc^2$\n');
    expect(html).toContain('<h2 id="from-html">From HTML</h2>');
    expect(headings?.[1]).toEqual({ id: 'energy-emc2', depth: 2, text: 'Energy E=mc2' });
  });
});

describe('footnotes', () => {
  const source =
    'Text with a note[^a] and another[^b], and the first again[^a].\n\n[^a]: The first note.\n[^b]: The second note.\n';

  it("are EPUB 3 noterefs and asides in a footnotes section at the chapter's end", async () => {
    const { html, tree } = await md(source);
    expect(html).toContain('<sup><a epub:type="noteref" role="doc-noteref" href="#fn-1" id="fnref-1">1</a></sup>');
    expect(html).toContain('<sup><a epub:type="noteref" role="doc-noteref" href="#fn-2" id="fnref-2">2</a></sup>');
    expect(html).toContain('<sup><a epub:type="noteref" role="doc-noteref" href="#fn-1" id="fnref-1-2">1</a></sup>');
    const last = tree.children[tree.children.length - 1]!;
    expect(toHtml(last)).toBe(
      '<section class="footnotes" epub:type="footnotes" role="doc-endnotes" aria-label="Footnotes">' +
        '<aside epub:type="footnote" role="doc-footnote" id="fn-1"><p><span class="footnote-number">1.</span> The first note. ' +
        '<a role="doc-backlink" href="#fnref-1" aria-label="Back to note 1">↩\uFE0E</a> ' +
        '<a role="doc-backlink" href="#fnref-1-2" aria-label="Back to note 1 (2)">↩\uFE0E<sup>2</sup></a></p></aside>' +
        '<aside epub:type="footnote" role="doc-footnote" id="fn-2"><p><span class="footnote-number">2.</span> The second note. ' +
        '<a role="doc-backlink" href="#fnref-2" aria-label="Back to note 2">↩\uFE0E</a></p></aside></section>',
    );
    expect(html).not.toContain('user-content');
    expect(html).not.toContain('data-footnote');
  });

  it('serialise to XHTML with epub:type as written', async () => {
    const { xhtml } = await md(source);
    expect(xhtml).toContain('<a epub:type="noteref" role="doc-noteref" href="#fn-1" id="fnref-1">1</a>');
    expect(xhtml).toContain(
      '<section xmlns="http://www.w3.org/1999/xhtml" class="footnotes" epub:type="footnotes" role="doc-endnotes"',
    );
    expect(xhtml).toContain('<aside epub:type="footnote" role="doc-footnote" id="fn-2">');
  });

  it('take ids no other element of the chapter has', async () => {
    const { html } = await md('## Fn 1\n\nA note[^1].\n\n[^1]: Note.\n');
    expect(html).toContain('<h2 id="fn-1">Fn 1</h2>');
    expect(html).toContain('href="#fn-1-1" id="fnref-1"');
    expect(html).toContain('id="fn-1-1"');
  });

  it('report notes never referenced and references to notes that do not exist, with their place', async () => {
    const { messages } = await md('Text[^gone] here.\n\n[^unused]: Never used.\n');
    expect(messages).toEqual([
      expect.objectContaining({ rule: 'footnote-unused', line: 3, column: 1 }),
      expect.objectContaining({ rule: 'footnote-undefined', line: 1, column: 5 }),
    ]);
  });

  it("label their section in the chapter's language", async () => {
    const { html } = await md('Texte[^1].\n\n[^1]: Note.\n', { lang: 'fr' });
    expect(html).toContain('aria-label="Notes"');
  });
});

describe('figures', () => {
  it('make a lone image with a title a figure with a caption, without the title attribute', async () => {
    const { html, messages } = await md('![A map of the valley](map.png "The valley in 1850")\n');
    expect(html).toBe(
      '<figure><img src="map.png" alt="A map of the valley"><figcaption>The valley in 1850</figcaption></figure>',
    );
    expect(messages).toEqual([]);
  });

  it('take an id from {#id} at the end of the caption, and give the caption smart quotes', async () => {
    const { html } = await md('![Map](map.png \'The "old" road {#road}\')\n');
    expect(html).toBe(
      '<figure id="road"><img src="map.png" alt="Map"><figcaption>The “old” road</figcaption></figure>',
    );
  });

  it('leave images without a title, or inside text, as they are', async () => {
    const { html } = await md('![Map](map.png)\n\nSee ![icon](i.png "Icon") here.\n');
    expect(html).toBe(
      '<p><img src="map.png" alt="Map"></p>\n<p>See <img src="i.png" alt="icon" title="Icon"> here.</p>',
    );
  });

  it('report an image without alt text, with its place and what to do', async () => {
    const { html, messages } = await md('Intro.\n\n![](deco.png "Caption")\n\n<img src="x.png">\n');
    expect(html).toContain('<figure><img src="deco.png" alt=""><figcaption>Caption</figcaption></figure>');
    expect(html).toContain('<img src="x.png" alt="">');
    expect(messages).toEqual([
      expect.objectContaining({
        rule: 'missing-alt',
        line: 3,
        column: 1,
        note: expect.stringContaining('Describe the image in the [] of ![…](…), or write ![](…) only for decoration'),
      }),
      expect.objectContaining({ rule: 'missing-alt', line: 5, column: 1, note: expect.stringContaining('alt="…"') }),
    ]);
  });
});

describe('code', () => {
  it('is highlighted at build time with pl-* classes, in common languages', async () => {
    const { html } = await md(
      '```js\nconst a = 1; // one\n```\n\n```python\ndef f(x):\n    return "s"\n```\n\n```bash\necho "$HOME"\n```\n\n```rust\nfn main() {}\n```\n',
    );
    expect(html).toContain('<pre><code class="language-js"><span class="pl-k">const</span>');
    expect(html).toContain('<span class="pl-c">// one</span>');
    expect(html).toContain('<span class="pl-k">def</span> <span class="pl-en">f</span>');
    expect(html).toContain('<code class="language-bash"><span class="pl-c1">echo</span>');
    expect(html).toContain('<code class="language-rust"><span class="pl-k">fn</span>');
    expect(html).not.toContain('<script');
  });

  it('stays plain in a language it does not know, and inline code is untouched', async () => {
    const { html, messages } = await md('```klingon\nQapla\' "x" -- y\n```\n\nUse `const "a" -- b` here.\n');
    expect(html).toContain('<pre><code class="language-klingon">Qapla\' "x" -- y\n</code></pre>');
    expect(html).toContain('<code>const "a" -- b</code>');
    expect(messages).toEqual([]);
  });
});

describe('math', () => {
  it('renders $…$ and $$…$$ to MathML at build time', async () => {
    const { html, tree } = await md('Inline $a^2+b^2$ here.\n\n$$\n\\frac{1}{2}\n$$\n');
    expect(html).toMatch(
      /<p>Inline <math xmlns="http:\/\/www.w3.org\/1998\/Math\/MathML" alttext="a squared \+ b squared"><semantics><mrow><msup><mi>a<\/mi>/,
    );
    expect(html).toContain(
      '<div class="math-display"><math xmlns="http://www.w3.org/1998/Math/MathML" display="block"',
    );
    expect(html).toContain('<mfrac><mn>1</mn><mn>2</mn></mfrac>');
    expect(html).toContain('<annotation encoding="application/x-tex">\\frac{1}{2}</annotation>');
    expect(hasMath(tree)).toBe(true);
  });

  it('serialises MathML in its namespace in XHTML', async () => {
    const { xhtml } = await md('$$\nx_1\n$$\n\nand $y$.\n');
    expect(xhtml).toContain(
      '<div xmlns="http://www.w3.org/1999/xhtml" class="math-display"><math xmlns="http://www.w3.org/1998/Math/MathML" display="block"',
    );
    expect(xhtml).toContain('<msub><mi>x</mi><mn>1</mn></msub>');
    expect(xhtml).toMatch(/and <math xmlns="http:\/\/www.w3.org\/1998\/Math\/MathML" alttext="y">/);
    expect(xhtml).toContain('alttext="x sub 1"');
  });

  it('reports invalid TeX with its place and shows it as code, without failing', async () => {
    const { html, messages, tree } = await md('Good $x$, bad $\\frac{1$.\n\n$$\n\\nosuchmacro\n$$\n');
    expect(html).toContain('<code class="math-error">\\frac{1</code>');
    expect(html).toContain('<pre class="math-error"><code class="math-error">\\nosuchmacro</code></pre>');
    expect(messages).toEqual([
      expect.objectContaining({ rule: 'math', line: 1, column: 15 }),
      expect.objectContaining({ rule: 'math', line: 3, column: 1, reason: expect.stringContaining('\\nosuchmacro') }),
    ]);
    expect(hasMath(tree)).toBe(true);
  });

  it('leaves dollars in prose alone', async () => {
    const { html, tree } = await md('It costs $5 and $10, or $ 3 $.\n');
    expect(html).toBe('<p>It costs $5 and $10, or $ 3 $.</p>');
    expect(hasMath(tree)).toBe(false);
  });

  it('shows a ```math block as display math', async () => {
    const { html } = await md('```math\n\\sqrt{2}\n```\n');
    expect(html).toContain(
      '<div class="math-display"><math xmlns="http://www.w3.org/1998/Math/MathML" display="block"',
    );
    expect(html).toContain('<msqrt><mn>2</mn></msqrt>');
  });
});

describe('tables', () => {
  it('align columns with CSS instead of the obsolete align attribute', async () => {
    const { html } = await md('| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n');
    expect(html).toContain('<th style="text-align: left;">a</th>');
    expect(html).toContain('<td style="text-align: center;">2</td>');
    expect(html).toContain('<td style="text-align: right;">3</td>');
    expect(html).not.toContain('align="');
  });
});
