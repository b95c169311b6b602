/** Smart typography by language, on the tree: prose changes, code, URLs and math do not. */

import { toHtml } from 'hast-util-to-html';
import type { Root } from 'mdast';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { quotesFor } from '../../src/i18n/typography.js';
import { type ChapterContext, markdownToHast } from '../../src/transform/markdown.js';
import { applyFrenchSpacing, remarkTypography } from '../../src/transform/typography.js';
import { chapterContext } from '../helpers/transform.js';

const NNBSP = '\u202F';

async function html(source: string, context: Partial<ChapterContext> = {}): Promise<string> {
  const { tree } = await markdownToHast(source, 'chapter.md', { ...chapterContext, ...context });
  return toHtml(tree);
}

describe('smart typography', () => {
  it('curls quotes and apostrophes, and makes dashes and ellipses, in English', async () => {
    expect(await html(`He said "it's 'fine' -- really" --- then... nothing.\n`)).toBe(
      '<p>He said “it’s ‘fine’ – really” — then… nothing.</p>',
    );
  });

  it('works across emphasis and links, and in headings, lists, tables and quotes', async () => {
    const out = await html(`# "Title"\n\n- "a *b*"\n\n| "c" |\n|---|\n| 'd' |\n\n> "e [f](https://x.org)"\n`);
    expect(out).toContain('<h1 id="title">“Title”</h1>');
    expect(out).toContain('<li>“a <em>b</em>”</li>');
    expect(out).toContain('<th>“c”</th>');
    expect(out).toContain('<td>‘d’</td>');
    expect(out).toContain('<p>“e <a href="https://x.org">f</a>”</p>');
  });

  it('leaves code, URLs, raw HTML attributes and math untouched', async () => {
    const out = await html(
      'Run `a -- "b"` and see <https://example.com/a--b> or www.example.org/x...y, <abbr title="a -- \'b\'">X</abbr>, $a--b$.\n\n```\n"quoted" -- code...\n```\n',
    );
    expect(out).toContain('<code>a -- "b"</code>');
    expect(out).toContain('<a href="https://example.com/a--b">https://example.com/a--b</a>');
    expect(out).toContain('>www.example.org/x...y</a>');
    expect(out).toContain('<abbr title="a -- &#x27;b&#x27;">X</abbr>');
    expect(out).toContain('<annotation encoding="application/x-tex">a--b</annotation>');
    expect(out).toContain('<pre><code>"quoted" -- code...\n</code></pre>');
  });

  it('uses French guillemets with narrow no-break spaces, and spaces before ; : ! ?', async () => {
    const out = await html(`Il dit "bonjour" ; puis: "Quoi?" Non! L'heure : 10:30, voir https://x.fr/?a=1.\n`, {
      lang: 'fr-FR',
    });
    expect(out).toBe(
      `<p>Il dit «${NNBSP}bonjour${NNBSP}»${NNBSP}; puis${NNBSP}: «${NNBSP}Quoi${NNBSP}?${NNBSP}» Non${NNBSP}! L’heure${NNBSP}: 10:30, voir <a href="https://x.fr/?a=1">https://x.fr/?a=1</a>.</p>`,
    );
  });

  it("uses each language's quotation marks", async () => {
    expect(await html("Er sagte \"ja\" und 'nein', geht's?\n", { lang: 'de' })).toBe(
      '<p>Er sagte „ja“ und ‚nein‘, geht’s?</p>',
    );
    expect(await html('Dijo "hola".\n', { lang: 'es' })).toBe('<p>Dijo «hola».</p>');
    expect(await html('Он сказал "да".\n', { lang: 'ru' })).toBe('<p>Он сказал «да».</p>');
    expect(await html('彼は"はい"と言った。\n', { lang: 'ja' })).toBe('<p>彼は「はい」と言った。</p>');
    expect(await html('他说"好"。\n', { lang: 'zh-CN' })).toBe('<p>他说“好”。</p>');
    expect(await html('Hy sê "ja".\n', { lang: 'af' })).toBe('<p>Hy sê “ja”.</p>');
    expect(quotesFor('pt-BR')).toEqual(['«', '»', '“', '”']);
    expect(quotesFor('nl')).toEqual(['“', '”', '‘', '’']);
    expect(quotesFor('fa')[0]).toBe('«');
  });

  it('can be turned off for a chapter or a book', async () => {
    const source = `"Quoted" -- and... it's\n`;
    expect(await html(source, { typography: false })).toBe(`<p>"Quoted" -- and... it's</p>`);
    const tree: Root = { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: source }] }] };
    remarkTypography({ enabled: false })(tree, new VFile());
    expect(JSON.stringify(tree)).toContain('\\"Quoted\\" -- and... it\'s');
    remarkTypography()(tree, new VFile());
    expect(JSON.stringify(tree)).toContain('“Quoted” – and… it’s');
  });
});

describe('French spacing', () => {
  it('replaces a space by a narrow no-break space, or adds one, across text nodes', () => {
    expect(applyFrenchSpacing(['« oui »', ' ; non !'])).toEqual([`«${NNBSP}oui${NNBSP}»`, `${NNBSP}; non${NNBSP}!`]);
    expect(applyFrenchSpacing(['Quoi', '?!'])).toEqual(['Quoi', `${NNBSP}?!`]);
    expect(applyFrenchSpacing(['À 10:30, http://a.fr et «', 'x', '»'])).toEqual([
      `À 10:30, http://a.fr et «${NNBSP}`,
      'x',
      `${NNBSP}»`,
    ]);
  });
});

describe('quotes in text without spaces between words', () => {
  it('pairs them in order', async () => {
    expect(await html(`他说'好'和"不"。\n`, { lang: 'zh' })).toBe('<p>他说‘好’和“不”。</p>');
  });
});
