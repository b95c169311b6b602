/** The HTML edition: one self-contained page (styles and images inlined), for the screen. */
import type { Element } from 'hast';
import { h } from 'hastscript';
import { screenStrings } from '../../i18n/screen.js';
import { collectCredits } from '../../licence/credits.js';
import { type ComposedBook, type Division, pageDivisions } from '../../templates/compose.js';
import { buildDocument } from '../../templates/document.js';
import { dropFontCredits } from '../font-credits.js';
import { metadataHead } from '../head.js';
import { serialiseHtml } from '../serialise.js';
import { removeProperties } from '../strip.js';
import type { Writer, WriterOutput } from '../writer.js';
import { embedImages } from './images.js';
import { labelNotes, labelScrollRegions, UniqueNames } from './regions.js';

export const htmlWriter: Writer = {
  format: 'html',
  extensions: ['.html'],
  async render(composed, { slug }) {
    return [renderHtml(composed, slug)];
  },
};

/**
 * Where "Skip to the text" leads: where the body matter starts (as the EPUB's `bodymatter` landmark does),
 * else past the contents, else past the title pages.
 */
function textStart(divisions: readonly Division[]): Division | undefined {
  const contents = divisions.findIndex((d) => d.kind === 'contents');
  return (
    divisions.find((d) => d.matter === 'body') ??
    (contents >= 0 ? divisions[contents + 1] : undefined) ??
    divisions.find((d) => d.kind !== 'halftitle' && d.kind !== 'titlepage')
  );
}

/** The page alone, synchronously: watch mode publishes it before the other editions are made. */
export function renderHtml(composed: ComposedBook, slug: string): WriterOutput {
  const { book, theme } = composed;
  const s = screenStrings(book.config.language);
  const head: Element[] = [
    h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    // Both schemes are styled (screen.css): the browser draws its scroll bars and controls to match.
    h('meta', { name: 'color-scheme', content: 'light dark' }),
    // No font: the page is shown in the reader's (writers/font-credits.ts).
    ...metadataHead(book.config, collectCredits(book, [])),
    h('style', `${theme.css.base}\n${theme.css.screen}`),
  ];
  const divisions = pageDivisions(composed);
  const names = new UniqueNames();
  const elements = divisions.map((d) => {
    const element = structuredClone(d.element);
    if (d.kind === 'colophon') dropFontCredits(element);
    labelNotes(element, d.title, s, names);
    labelScrollRegions(element, s, names);
    return element;
  });
  // The whole book is the page's main content; the skip link before it leads past the title pages and contents.
  const start = textStart(divisions);
  const target = start ? elements[divisions.indexOf(start)]?.properties.id : undefined;
  const body: Element[] = [];
  if (typeof target === 'string') body.push(h('a', { className: ['skip-link'], href: `#${target}` }, s.skipToText));
  body.push(h('main', elements));
  const tree = buildDocument(theme, {
    lang: book.config.language,
    dir: book.config.dir,
    title: book.config.title,
    head,
    body,
  });
  // epub:type means nothing on the web; the ARIA roles carry the semantics there.
  removeProperties(tree, ['epub:type']);
  embedImages(tree, book.assets);
  return { name: `${slug}.html`, bytes: serialiseHtml(tree) };
}
