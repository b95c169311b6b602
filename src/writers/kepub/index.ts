/**
 * The KEPUB edition for Kobo readers (`<slug>.kepub.epub`): the EPUB, with
 * Kobo's span markup in every content document, as kepubify writes it
 * (kobo-markup.ts). Kobo's reader then counts pages and reading time, and
 * keeps highlights and bookmarks, as it does for books from its own store.
 */
import { generatedCover } from '../../cover/index.js';
import { renderEpub, waitForPages } from '../epub/index.js';
import type { Writer } from '../writer.js';
import { koboMarkup } from './kobo-markup.js';

export const kepubWriter: Writer = {
  format: 'kepub',
  extensions: ['.kepub.epub'],
  async render(composed, context) {
    const { slug, reporter } = context;
    // The EPUB's cover: drawn once per build (kept in memory), whichever of the two asks first.
    reporter?.phase?.('kepub', composed.book.cover ? 'writing the chapters' : 'drawing the cover');
    const cover = composed.book.cover ?? (await generatedCover(composed.book.config, context));
    const printPages = await waitForPages(context, 'kepub');
    reporter?.phase?.('kepub', 'writing the chapters');
    return [
      await renderEpub(composed, slug, cover, {
        document: koboMarkup,
        name: `${slug}.kepub.epub`,
        packing: () => reporter?.phase?.('kepub', 'packing'),
        printPages,
      }),
    ];
  },
};
