/** The HTML edition: one self-contained page (styles inlined), for the screen. */
import type { Element } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';
import type { ComposedBook } from '../templates/compose.js';
import { structuredCloneTree } from '../templates/clone.js';
import { buildDocument } from '../templates/document.js';
import type { OutputFile } from '../util/atomic-write.js';
import { collectCredits } from '../licence/credits.js';
import { metadataHead } from './head.js';
import { removeProperties } from './strip.js';

export function renderHtml(composed: ComposedBook, slug: string): OutputFile {
  const { book, theme, divisions } = composed;
  const head: Element[] = [
    h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    ...metadataHead(book.config, collectCredits(book)),
    h('style', `${theme.css.base}\n${theme.css.screen}`),
  ];
  const tree = buildDocument(theme, {
    lang: book.config.language,
    dir: book.config.dir,
    title: book.config.title,
    head,
    body: divisions.map((d) => structuredClone(d.element)),
  });
  // epub:type means nothing on the web; the ARIA roles carry the semantics there.
  removeProperties(tree, ['epub:type']);
  // One self-contained file: images travel inside it.
  const dataUris = new Map(book.assets.map((a) => [a.href, `data:${a.mediaType};base64,${Buffer.from(a.bytes).toString('base64')}`]));
  visit(tree, 'element', (node) => {
    const src = node.properties.src;
    if (node.tagName === 'img' && typeof src === 'string') node.properties.src = dataUris.get(src) ?? src;
  });
  return { name: `${slug}.html`, bytes: toHtml(structuredCloneTree(tree)) };
}
