/**
 * Kobo's span markup against kepubify's own cases (github.com/pgaskin/kepubify,
 * kepub/transform_test.go, TestTransformContent's koboSpans cases; their
 * outputs copied verbatim), so the KEPUB numbers spans as Kobo's reader expects.
 */
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { describe, expect, it } from 'vitest';
import { addKoboSpans, koboMarkup, sentences } from '../../src/writers/kepub/kobo-markup.js';

/** The fragment as kepubify's transform leaves it (both sides through one HTML parser and printer). */
function spans(input: string): string {
  const root = h('body', fromHtml(input, { fragment: true }).children as Element['children']);
  addKoboSpans(root, 'en');
  return toHtml(root.children);
}
const html = (text: string) => toHtml(fromHtml(text, { fragment: true }));

const CASES: [string, string, string][] = [
  [
    'increment segment counter from 1 for every sentence',
    '<p>Sentence 1. Sentence 2. Sentence 3.</p>',
    '<p><span class="koboSpan" id="kobo.1.1">Sentence 1. </span><span class="koboSpan" id="kobo.1.2">Sentence 2. </span><span class="koboSpan" id="kobo.1.3">Sentence 3.</span></p>',
  ],
  [
    'increment paragraph counter from 1 and reset segment counter for every p, ul, ol, or table',
    '<p>Sentence 1. Sentence 2.</p><p>Sentence 3.</p><ul><li>Sentence 4</li><li>Sentence 5</li></ul><ol><li>Sentence 6</li><li>Sentence 7</li></ol><table><tbody><tr><td>Test</td></tr><tr><td>Test</td></tr></tbody></table>',
    '<p><span class="koboSpan" id="kobo.1.1">Sentence 1. </span><span class="koboSpan" id="kobo.1.2">Sentence 2.</span></p><p><span class="koboSpan" id="kobo.2.1">Sentence 3.</span></p><ul><li><span class="koboSpan" id="kobo.3.1">Sentence 4</span></li><li><span class="koboSpan" id="kobo.3.2">Sentence 5</span></li></ul><ol><li><span class="koboSpan" id="kobo.4.1">Sentence 6</span></li><li><span class="koboSpan" id="kobo.4.2">Sentence 7</span></li></ol><table><tbody><tr><td><span class="koboSpan" id="kobo.5.1">Test</span></td></tr><tr><td><span class="koboSpan" id="kobo.5.2">Test</span></td></tr></tbody></table>',
  ],
  [
    'merge stray text at the end of lines into the next sentence',
    '<p>Sentence 1. Sentence 2. Stray text\nAnother sentence.</p>',
    '<p><span class="koboSpan" id="kobo.1.1">Sentence 1. </span><span class="koboSpan" id="kobo.1.2">Sentence 2. </span><span class="koboSpan" id="kobo.1.3">Stray text\nAnother sentence.</span></p>',
  ],
  [
    "don't lose stray text not part of a sentence",
    '<p>Sentence 1. Sentence 2. Stray text</p>',
    '<p><span class="koboSpan" id="kobo.1.1">Sentence 1. </span><span class="koboSpan" id="kobo.1.2">Sentence 2. </span><span class="koboSpan" id="kobo.1.3">Stray text</span></p>',
  ],
  [
    "preserve but don't wrap extra whitespace outside of P elements",
    '<p>This is a test.\n    This is another sentence on the next line.<span> </span>Another sentence.</p>\n    <p>Another paragraph.</p><p> </p><p></p>',
    '<p><span class="koboSpan" id="kobo.1.1">This is a test.\n    </span><span class="koboSpan" id="kobo.1.2">This is another sentence on the next line.</span><span> </span><span class="koboSpan" id="kobo.1.3">Another sentence.</span></p>\n    <p><span class="koboSpan" id="kobo.2.1">Another paragraph.</span></p><p><span class="koboSpan" id="kobo.3.1"> </span></p><p></p>',
  ],
  [
    'preserve and split segments on formatting and links',
    '<p>Sentence<b> 1. </b>Sentence <span>2. Se</span>nten<a href="test.html">ce 3. Another word</a></p>',
    '<p><span class="koboSpan" id="kobo.1.1">Sentence</span><b><span class="koboSpan" id="kobo.1.2"> 1. </span></b><span class="koboSpan" id="kobo.1.3">Sentence </span><span><span class="koboSpan" id="kobo.1.4">2. </span><span class="koboSpan" id="kobo.1.5">Se</span></span><span class="koboSpan" id="kobo.1.6">nten</span><a href="test.html"><span class="koboSpan" id="kobo.1.7">ce 3. </span><span class="koboSpan" id="kobo.1.8">Another word</span></a></p>',
  ],
  [
    'preserve and split segments on nested formatting and links',
    '<p>Sentence<b> 1. Sente<i>nce <span>2. Se</span>nt</i>en<a href="test.html">ce 3. Another word</a></b></p>',
    '<p><span class="koboSpan" id="kobo.1.1">Sentence</span><b><span class="koboSpan" id="kobo.1.2"> 1. </span><span class="koboSpan" id="kobo.1.3">Sente</span><i><span class="koboSpan" id="kobo.1.4">nce </span><span><span class="koboSpan" id="kobo.1.5">2. </span><span class="koboSpan" id="kobo.1.6">Se</span></span><span class="koboSpan" id="kobo.1.7">nt</span></i><span class="koboSpan" id="kobo.1.8">en</span><a href="test.html"><span class="koboSpan" id="kobo.1.9">ce 3. </span><span class="koboSpan" id="kobo.1.10">Another word</span></a></b></p>',
  ],
  [
    'nested lists/paragraphs should not reset numbering once out of scope',
    '<p>Sentence.<ul><li>Another sentence.</li><li>Another sentence.<ul><li>Another sentence.</li><li>Another sentence.</li></ul></li><li>Another sentence.</li></ul> Another sentence.</p>',
    '<p><span class="koboSpan" id="kobo.1.1">Sentence.</span></p><ul><li><span class="koboSpan" id="kobo.2.1">Another sentence.</span></li><li><span class="koboSpan" id="kobo.2.2">Another sentence.</span><ul><li><span class="koboSpan" id="kobo.3.1">Another sentence.</span></li><li><span class="koboSpan" id="kobo.3.2">Another sentence.</span></li></ul></li><li><span class="koboSpan" id="kobo.3.3">Another sentence.</span></li></ul><span class="koboSpan" id="kobo.3.4"> Another sentence.</span><p></p>',
  ],
  [
    "don't touch the contents of script, style, pre, audio, video tags",
    '<p>Touch this.</p><script>not this</script><style>or this</style><pre>or this</pre><audio>or this</audio><video>or this</video><p>Touch this.</p>',
    '<p><span class="koboSpan" id="kobo.1.1">Touch this.</span></p><script>not this</script><style>or this</style><pre>or this</pre><audio>or this</audio><video>or this</video><p><span class="koboSpan" id="kobo.2.1">Touch this.</span></p>',
  ],
  [
    'treat an img as a new paragraph and add a span around it',
    '<p>One.</p><img src="test"><p>Three.</p>',
    '<p><span class="koboSpan" id="kobo.1.1">One.</span></p><span class="koboSpan" id="kobo.2.1"><img src="test"/></span><p><span class="koboSpan" id="kobo.3.1">Three.</span></p>',
  ],
  [
    "don't increment paragraph counter if no spans were added",
    '<p>One.</p><p> </p><p><!-- comment --></p><p>Two.</p><p><b>Three.</b></p>',
    '<p><span class="koboSpan" id="kobo.1.1">One.</span></p><p><span class="koboSpan" id="kobo.2.1"> </span></p><p><!-- comment --></p><p><span class="koboSpan" id="kobo.3.1">Two.</span></p><p><b><span class="koboSpan" id="kobo.4.1">Three.</span></b></p>',
  ],
  [
    "don't add spans to svg and math elements",
    '<svg xmlns="http://www.w3.org/2000/svg"><g><text font-size="24" y="20" x="0">kepubify</text></g></svg><math xmlns="http://www.w3.org/1998/Math/MathML"><mi>x</mi><mo>=</mo><mn>2</mn></math>',
    '<svg xmlns="http://www.w3.org/2000/svg"><g><text font-size="24" y="20" x="0">kepubify</text></g></svg><math xmlns="http://www.w3.org/1998/Math/MathML"><mi>x</mi><mo>=</mo><mn>2</mn></math>',
  ],
  [
    "also increment paragraph counter on heading tags and don't split sentences after colons",
    '<div class="img_container"><p class="ad_image"><img src="bookwire_ad_cover1.jpg" alt="image"/></p></div>\n    <h2 class="subheadline">The Christmas Collection: All Of Your Favourite Classic Christmas Stories, Novels, Poems, Carols in One Ebook</h2>\n    <p class="subheadline2"></p>\n    <p class="metadata">Carr, Annie Roe</p>',
    '<div class="img_container"><p class="ad_image"><span class="koboSpan" id="kobo.1.1"><img src="bookwire_ad_cover1.jpg" alt="image"/></span></p></div>\n    <h2 class="subheadline"><span class="koboSpan" id="kobo.2.1">The Christmas Collection: All Of Your Favourite Classic Christmas Stories, Novels, Poems, Carols in One Ebook</span></h2>\n    <p class="subheadline2"></p>\n    <p class="metadata"><span class="koboSpan" id="kobo.3.1">Carr, Annie Roe</span></p>',
  ],
];

describe('Kobo spans, as kepubify adds them', () => {
  it.each(CASES)('%s', (_what, input, output) => {
    expect(spans(input)).toBe(html(output));
  });

  it('numbers text before any paragraph as paragraph 0, as kepubify does', () => {
    expect(spans('<div>Loose text.</div><p>A.</p>')).toBe(
      html(
        '<div><span class="koboSpan" id="kobo.0.1">Loose text.</span></div><p><span class="koboSpan" id="kobo.1.1">A.</span></p>',
      ),
    );
  });

  it('spans inline code, as kepubify does, but leaves a code block whole', () => {
    expect(spans('<p>Run <code>ls -l</code>.</p><pre><code>ls -l\n</code></pre>')).toBe(
      html(
        '<p><span class="koboSpan" id="kobo.1.1">Run </span><code><span class="koboSpan" id="kobo.1.2">ls -l</span></code><span class="koboSpan" id="kobo.1.3">.</span></p><pre><code>ls -l\n</code></pre>',
      ),
    );
  });
});

describe('sentences', () => {
  it('keeps every character, the space after a sentence with it', () => {
    const text = 'Er sagte: „Komm!“ Dann ging er.\nDer Tag war lang. ';
    const parts = sentences(text, 'de');
    expect(parts.join('')).toBe(text);
    expect(parts).toEqual(['Er sagte: „Komm!“ ', 'Dann ging er.\n', 'Der Tag war lang. ']);
  });

  it('splits Chinese at its full stops, and takes an unknown language tag without failing', () => {
    expect(sentences('这是第一句。这是第二句。', 'zh')).toEqual(['这是第一句。', '这是第二句。']);
    expect(sentences('One. Two.', 'not a tag!').join('')).toBe('One. Two.');
  });
});

it('wraps the body in div#book-columns > div#book-inner and adds the style kepubify adds', () => {
  const tree = fromHtml('<!doctype html><html lang="en"><head><title>T</title></head><body><p>A.</p></body></html>');
  koboMarkup(tree);
  expect(toHtml(tree)).toBe(
    '<!doctype html><html lang="en"><head><title>T</title><style type="text/css" class="kobostylehacks">div#book-inner { margin-top: 0; margin-bottom: 0;}</style></head><body><div id="book-columns"><div id="book-inner"><p><span class="koboSpan" id="kobo.1.1">A.</span></p></div></div></body></html>',
  );
});
