/**
 * Kobo's markup, as kepubify (github.com/pgaskin/kepubify, kepub/transform.go)
 * and Kobo's own KEPUBs have it: the reader's highlights, bookmarks, reading
 * statistics and page turns find text by these spans.
 *   - each sentence of text in the body is wrapped in
 *     `<span class="koboSpan" id="kobo.P.S">` (P counts paragraphs, S the
 *     sentences within one), each image in a span of its own paragraph;
 *   - the body's content is wrapped in `div#book-columns > div#book-inner`;
 *   - a small style takes the margins off `div#book-inner`.
 * Built on the tree, never on the serialised text.
 */
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';

/** Their text stays as it is (kepubify's list). */
const KEEP = new Set(['script', 'style', 'pre', 'audio', 'video', 'svg', 'math']);
/** Their text starts a new paragraph number, when they have any. */
const PARAGRAPHS = new Set(['p', 'ol', 'ul', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const STYLE = 'div#book-inner { margin-top: 0; margin-bottom: 0;}';

const segmenters = new Map<string, Intl.Segmenter>();

/** A sentence segmenter for a language; an unknown tag gets the root locale's (never the machine's). */
function segmenter(lang: string): Intl.Segmenter {
  let s = segmenters.get(lang);
  if (!s) {
    try {
      s = new Intl.Segmenter(lang, { granularity: 'sentence' });
    } catch {
      s = new Intl.Segmenter('und', { granularity: 'sentence' });
    }
    segmenters.set(lang, s);
  }
  return s;
}

/**
 * Sentences with the space after each kept with it, so they join back into
 * the text. A line break is a space here, as for kepubify: Unicode ends a
 * sentence at every one, but in Markdown it is only the source's line wrap.
 */
export function sentences(text: string, lang: string): string[] {
  const flat = text.replace(/[\n\r\u0085\u2028\u2029]/g, ' ');
  const starts = Array.from(segmenter(lang).segment(flat), (s) => s.index);
  return starts.map((start, i) => text.slice(start, starts[i + 1] ?? text.length));
}

const isSpace = (text: string) => /^\s*$/u.test(text);

function child(parent: Element | Root, tagName: string): Element | undefined {
  for (const c of parent.children) if (c.type === 'element' && c.tagName === tagName) return c;
  return undefined;
}

/** Adds Kobo's spans, wrappers and style to one XHTML content document. */
export function koboMarkup(tree: Root): void {
  const html = child(tree, 'html');
  const head = html && child(html, 'head');
  const body = html && child(html, 'body');
  if (!html || !head || !body) throw new Error('content document without html, head or body');
  head.children.push(h('style', { type: 'text/css', className: ['kobostylehacks'] }, STYLE));
  const lang = typeof html.properties.lang === 'string' ? html.properties.lang : 'und';
  addKoboSpans(body, lang);
  body.children = [h('div', { id: 'book-columns' }, [h('div', { id: 'book-inner' }, body.children)])];
}

/** Wraps every sentence under `root` (and every image) in a numbered koboSpan, in reading order. */
export function addKoboSpans(root: Element, lang: string): void {
  let paragraph = 0;
  let sentence = 0;
  // Set by a paragraph-like element; the number goes up at its first span, so empty ones use none.
  let nextParagraph = false;
  const span = (children: ElementContent[]): Element =>
    h('span', { className: ['koboSpan'], id: `kobo.${paragraph}.${++sentence}` }, children);

  const walk = (parent: Element, lang: string): void => {
    const out: ElementContent[] = [];
    for (const node of parent.children) {
      if (node.type === 'text') {
        for (const text of sentences(node.value, lang)) {
          // Space between elements stays bare, except inside a paragraph.
          if (isSpace(text) && parent.tagName !== 'p') {
            out.push({ type: 'text', value: text });
            continue;
          }
          if (nextParagraph) {
            paragraph++;
            sentence = 0;
            nextParagraph = false;
          }
          out.push(span([{ type: 'text', value: text }]));
        }
      } else if (node.type === 'element' && node.tagName === 'img') {
        // An image is a paragraph of its own.
        paragraph++;
        sentence = 0;
        nextParagraph = false;
        out.push(span([node]));
      } else if (node.type === 'element' && !KEEP.has(node.tagName)) {
        if (PARAGRAPHS.has(node.tagName)) nextParagraph = true;
        walk(node, typeof node.properties.lang === 'string' ? node.properties.lang : lang);
        out.push(node);
      } else out.push(node);
    }
    parent.children = out;
  };
  walk(root, lang);
}
