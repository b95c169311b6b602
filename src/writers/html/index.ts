/** The HTML edition: one self-contained page (styles inlined), for the screen. */
import type { Element } from 'hast';
import { h } from 'hastscript';
import { collectCredits } from '../../licence/credits.js';
import { type ComposedBook, pageDivisions } from '../../templates/compose.js';
import { buildDocument } from '../../templates/document.js';
import { visit } from '../../util/visit.js';
import { dropFontCredits } from '../font-credits.js';
import { metadataHead } from '../head.js';
import { serialiseHtml } from '../serialise.js';
import { removeProperties } from '../strip.js';
import type { Writer, WriterOutput } from '../writer.js';

export const htmlWriter: Writer = {
  format: 'html',
  extensions: ['.html'],
  async render(composed, { slug }) {
    return [renderHtml(composed, slug)];
  },
};

/** The page alone, synchronously: watch mode publishes it before the other editions are made. */
export function renderHtml(composed: ComposedBook, slug: string): WriterOutput {
  const { book, theme } = composed;
  const head: Element[] = [
    h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    // No font: the page is shown in the reader's (writers/font-credits.ts).
    ...metadataHead(book.config, collectCredits(book, [])),
    h('style', `${theme.css.base}\n${theme.css.screen}`),
  ];
  const tree = buildDocument(theme, {
    lang: book.config.language,
    dir: book.config.dir,
    title: book.config.title,
    head,
    body: pageDivisions(composed).map((d) => {
      const el = structuredClone(d.element);
      if (d.kind === 'colophon') dropFontCredits(el);
      return el;
    }),
  });
  // epub:type means nothing on the web; the ARIA roles carry the semantics there.
  removeProperties(tree, ['epub:type']);
  // One self-contained file: images travel inside it.
  const dataUris = new Map(
    book.assets.map((a) => [a.href, `data:${a.mediaType};base64,${Buffer.from(a.bytes).toString('base64')}`]),
  );
  visit(tree, 'element', (node) => {
    const src = node.properties.src;
    if (node.tagName === 'img' && typeof src === 'string') node.properties.src = dataUris.get(src) ?? src;
  });
  return { name: `${slug}.html`, bytes: serialiseHtml(tree) };
}
