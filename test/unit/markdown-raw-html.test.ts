/** Raw HTML in Markdown: kept when safe, every removal reported at its place. */

import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { markdownToHast } from '../../src/transform/markdown.js';
import { toXhtml } from '../../src/writers/xhtml.js';
import { chapterContext } from '../helpers/transform.js';

async function md(source: string) {
  const { tree, file } = await markdownToHast(source, 'chapter.md', chapterContext);
  return {
    tree,
    html: toHtml(tree),
    messages: file.messages.map((m) => ({ rule: m.ruleId, line: m.line, column: m.column, reason: m.reason })),
  };
}

describe('raw HTML', () => {
  it('keeps the elements and attributes of book semantics, ids as written', async () => {
    const source = [
      '<section id="intro" class="note" lang="fr" dir="ltr" role="doc-introduction"><p>Un <abbr title="HyperText Markup Language">HTML</abbr> <dfn>terme</dfn>, <cite>Livre</cite>, <time datetime="2024-01-02">hier</time>, H<sub>2</sub>O, x<sup>2</sup>, <kbd>Ctrl</kbd>, <span class="x">s</span>.</p></section>',
      '',
      '<aside role="note"><p>Aside</p></aside>',
      '',
      '<figure id="f"><img src="a.png" alt="A" title="T" width="10" height="20"><figcaption>Cap</figcaption></figure>',
      '',
      '<table><thead><tr><th scope="col" colspan="2">H</th></tr></thead><tbody><tr><td rowspan="2" headers="h1">1</td></tr></tbody></table>',
      '',
      '<ol start="3" reversed><li>three</li></ol>',
      '',
      '<details><summary>More</summary><div>Hidden</div></details>',
      '',
    ].join('\n');
    const { html, messages } = await md(source);
    expect(messages).toEqual([]);
    for (const fragment of [
      '<section id="intro" class="note" lang="fr" dir="ltr" role="doc-introduction">',
      '<abbr title="HyperText Markup Language">HTML</abbr>',
      '<dfn>terme</dfn>',
      '<cite>Livre</cite>',
      '<time datetime="2024-01-02">hier</time>',
      'H<sub>2</sub>O',
      '<kbd>Ctrl</kbd>',
      '<aside role="note">',
      '<figure id="f"><img src="a.png" alt="A" title="T" width="10" height="20"><figcaption>Cap</figcaption></figure>',
      '<th scope="col" colspan="2">H</th>',
      '<td rowspan="2" headers="h1">1</td>',
      '<ol start="3" reversed>',
      '<details><summary>More</summary><div>Hidden</div></details>',
    ]) {
      expect(html).toContain(fragment);
    }
    expect(html).not.toContain('user-content');
  });

  it('still reads Markdown between block HTML tags', async () => {
    const { html } = await md('<div class="box">\n\n*Markdown* "inside"\n\n</div>\n');
    expect(html).toBe('<div class="box">\n<p><em>Markdown</em> “inside”</p>\n</div>');
  });

  it('removes scripts, handlers, javascript: links, embeds, forms, styles, links and metas, each reported at its place', async () => {
    const source = [
      'Text <span onclick="steal()" style="color:red">x</span> and <a href="javascript:alert(1)">y</a>.',
      '',
      '<script>alert(1)</script>',
      '',
      '<iframe src="https://example.com"></iframe>',
      '',
      '<object data="x.swf"></object><embed src="x.swf">',
      '',
      '<form action="/x"><input type="text" name="q"></form>',
      '',
      '<style>body { display: none }</style>',
      '',
      '<link rel="stylesheet" href="https://evil.example/x.css"><meta http-equiv="refresh" content="0">',
      '',
      '<p epub:type="chapter">z</p>',
      '',
    ].join('\n');
    const { html, messages } = await md(source);
    expect(html).not.toMatch(/script|onclick|javascript|iframe|object|embed|form|input|style|link|meta|evil|epub:type/);
    expect(html).toContain('Text <span>x</span> and <a>y</a>.');
    expect(html).toContain('<p>z</p>');
    const where = messages.map((m) => [m.rule, m.line, m.column, m.reason]);
    expect(where).toEqual(
      expect.arrayContaining([
        ['unsafe-html', 1, 6, 'attribute `onclick` removed from `<span>`'],
        ['unsafe-html', 1, 6, 'attribute `style` removed from `<span>`'],
        ['unsafe-html', 1, 61, expect.stringContaining('`href="javascript:alert(1)"` removed from `<a>`')],
        ['unsafe-html', 3, 1, '`<script>` removed'],
        ['unsafe-html', 5, 1, '`<iframe>` removed'],
        ['unsafe-html', 7, 1, '`<object>` removed'],
        ['unsafe-html', 7, 31, '`<embed>` removed'],
        ['unsafe-html', 9, 1, '`<form>` removed'],
        ['unsafe-html', 11, 1, '`<style>` removed'],
        ['unsafe-html', 13, 1, '`<link>` removed'],
        ['unsafe-html', 13, 58, '`<meta>` removed'],
        ['unsafe-html', 15, 1, 'attribute `epub:type` removed from `<p>`'],
      ]),
    );
    // The form's input is inside the removed form: reported once, with the form.
    expect(messages).toHaveLength(12);
    expect(messages.every((m) => m.rule === 'unsafe-html')).toBe(true);
  });

  it("removes the author's remote media, and leaves images, remote or not, to the asset pass", async () => {
    const source =
      'A <img src="https://example.com/a.png" alt="remote"> B <img src="//cdn.example.com/b.png" alt="cdn"> C <img src="pics/c.png" alt="local">\n\n<video src="http://example.com/v.mp4" controls></video>\n';
    const { html, messages } = await md(source);
    // The asset pass counts remote images in one warning (remote-images: omit) or refuses each (error).
    expect(html.trim()).toBe(
      '<p>A <img src="https://example.com/a.png" alt="remote"> B <img src="//cdn.example.com/b.png" alt="cdn"> C <img src="pics/c.png" alt="local"></p>',
    );
    expect(messages.map((m) => [m.line, m.column, m.reason])).toEqual([
      [3, 1, 'remote file `http://example.com/v.mp4` removed with its `<video>`: a book is built offline'],
    ]);
  });

  it("leaves Markdown images, and the address of the author's local images, to the asset pass", async () => {
    const { html, messages } = await md(
      '![Remote](https://example.com/a.png) ![File](file:///etc/passwd) <img src="data:image/png;base64,AA" alt="d">\n',
    );
    expect(html).toBe(
      '<p><img src="https://example.com/a.png" alt="Remote"> <img src="file:///etc/passwd" alt="File"> <img src="data:image/png;base64,AA" alt="d"></p>',
    );
    expect(messages).toEqual([]);
  });

  it("removes the author's media whose address is not a file in the book", async () => {
    const { html, messages } = await md(
      '<audio controls src="data:audio/ogg;base64,AA"></audio>\n\n<video controls src="clip.mp4"></video>\n',
    );
    expect(html.trim()).toBe('<p><video controls src="clip.mp4"></video></p>');
    expect(messages.map((m) => [m.line, m.reason])).toEqual([
      [1, '`<audio src="data:audio/ogg;base64,AA">` removed: a book\'s media are files in the book folder'],
    ]);
  });

  it('unwraps unknown elements, keeping their text, and turns <a name> into an id', async () => {
    const { html, messages } = await md(
      '<center>Centred <font color="red">text</font></center>\n\n<a name="old-anchor"></a>Anchor\n',
    );
    expect(html).toContain('Centred text');
    expect(html).toContain('<a id="old-anchor"></a>Anchor');
    expect(messages.map((m) => m.reason)).toEqual([
      '`<center>` removed (its content is kept)',
      '`<font>` removed (its content is kept)',
    ]);
  });

  it('writes valid XHTML from what it keeps', async () => {
    const { tree } = await md('<p>Line<br>break <img src="a.png" alt="a"></p>\n');
    expect(toXhtml(tree)).toContain(
      '<p xmlns="http://www.w3.org/1999/xhtml">Line<br />break <img src="a.png" alt="a" /></p>',
    );
  });
});

describe('raw HTML repairs', () => {
  it("keeps a figure's caption last, dropping spacing line breaks after it", async () => {
    const { html, messages } = await md(
      '<figure>\n  <img src="f.png" alt="F">\n  <figcaption>Fig. 1</figcaption>\n  <br><br>\n</figure>\n',
    );
    expect(html).toBe('<figure>\n  <img src="f.png" alt="F">\n  <figcaption>Fig. 1</figcaption></figure>');
    expect(messages).toEqual([]);
  });
});
