/**
 * The print edition: the same divisions as the other outputs, laid out by
 * Chromium with print CSS (print-book.ts). This module makes the print page
 * and, when the last build kept a print of the very same page, returns that
 * without loading pdf-lib or starting Chromium.
 */
import { rm } from 'node:fs/promises';
import { h } from 'hastscript';
import { DEFAULT_PRINT_SHOP } from '../../config/print.js';
import { type Diagnostic, error, OctavoError } from '../../diagnostics.js';
import { installPrintFonts, PRINT_FONT_CSS } from '../../fonts/install.js';
import { stringsFor } from '../../i18n/strings.js';
import type { PrintPages } from '../../page-list/print-pages.js';
import { type ComposedBook, pageDivisions } from '../../templates/compose.js';
import { buildDocument } from '../../templates/document.js';
import { tempFolder } from '../../util/temp.js';
import { openDetails } from '../details.js';
import { metadataHead } from '../head.js';
import { serialiseHtml } from '../serialise.js';
import { removeProperties } from '../strip.js';
import type { Writer, WriterContext, WriterOutput } from '../writer.js';
import { hyphenateTree } from './hyphenate.js';
import { printLinkUrls } from './link-urls.js';
import { markNotePages } from './note-pages.js';
import { PAGE_STYLE, pageCss, textColumnPx } from './page-css.js';
import { PagePlaces } from './page-places.js';
import { keepPrint, keptPrint, printKey } from './print-cache.js';
import { estimateLowResolution } from './resolution.js';

/**
 * The reading PDF (`<slug>.pdf`) and, when book.yaml has `print:` or the build
 * asks for it, the print-shop PDF (`<slug>-print.pdf`, role `print-shop`):
 * bleed, crop marks, colour conversion.
 */
export const pdfWriter: Writer = {
  format: 'pdf',
  extensions: ['.pdf'],
  render: renderPdf,
  async check(composed, context) {
    context.diagnostics.push(...estimateLowResolution(composed.book.assets, textColumnPx(composed.book.config.pdf)));
  },
};

/** The print page, and (when asked) the numbered places that find where each page begins. */
export interface PrintPage {
  html: string;
  places?: PagePlaces;
}

export function printHtml(composed: ComposedBook, fontFaces: string): string {
  return printPage(composed, fontFaces).html;
}

/** `withPlaces`: number the text blocks for the EPUB's page list (page-places.ts). */
export function printPage(composed: ComposedBook, fontFaces: string, withPlaces = false): PrintPage {
  const { book, theme, divisions } = composed;
  const marks: string[] = [];
  const pageWord = stringsFor(book.config.language).page;
  const places = withPlaces ? new PagePlaces() : undefined;
  const elements = divisions.map((d) => {
    const element = structuredClone(d.element);
    // Numbered before the print changes anything, as the EPUB numbers the same division.
    places?.number(element, d.id);
    openDetails(element);
    hyphenateTree(element, book.config.language);
    if (book.config.pdf.linkUrls) printLinkUrls(element);
    marks.push(...markNotePages(element, pageWord));
    return element;
  });
  const anchors = [...divisions.map((d) => d.id), ...marks];
  const tree = buildDocument(theme, {
    lang: book.config.language,
    dir: book.config.dir,
    title: book.config.title,
    head: [
      ...metadataHead(book.config),
      h('style', `${fontFaces}\n${theme.css.base}\n${PRINT_FONT_CSS}\n${theme.css.print}`),
      h('style', { id: PAGE_STYLE }, pageCss(book.config.pdf, book.config.dir)),
    ],
    body: [
      ...elements,
      // Chromium writes a named destination only for link targets: these (invisible) links
      // give every division and note mark one, so the measured pass knows where each is.
      h(
        'nav',
        { className: ['print-anchors'], ariaHidden: 'true' },
        anchors.map((id) => h('a', { href: `#${id}` }, ' ')),
      ),
    ],
  });
  removeProperties(tree, ['epub:type']);
  return { html: serialiseHtml(tree), ...(places ? { places } : {}) };
}

async function renderPdf(whole: ComposedBook, context: WriterContext): Promise<WriterOutput[]> {
  const { outputs, pages } = await printPdf(whole, context);
  // Once the print folder is gone too: the EPUB that waited then finishes after the PDF, always.
  context.printPages?.publish(pages);
  return outputs;
}

async function printPdf(
  whole: ComposedBook,
  context: WriterContext,
): Promise<{ outputs: WriterOutput[]; pages: PrintPages | undefined }> {
  const composed = { ...whole, divisions: pageDivisions(whole) };
  const { config } = composed.book;
  const { slug } = context;
  const printShop = config.print ?? (context.printShop ? DEFAULT_PRINT_SHOP : undefined);
  const workDir = await tempFolder('print');
  try {
    context.reporter?.phase?.('pdf', 'loading');
    const fontFaces = await installPrintFonts(workDir);
    // An EPUB made in the same build gets the PDF's page numbers (its page list).
    const measurePages = context.printPages !== undefined && config.pageList;
    const { html, places } = printPage(composed, fontFaces, measurePages);
    // The same print page, images, fonts and settings as last time: the same PDF, without printing it again.
    const key = context.cacheRoot
      ? printKey({ html, fontFaces, assets: composed.book.assets, settings: { config, printShop, slug } })
      : undefined;
    const kept = key ? await keptPrint(context.cacheRoot!, key) : undefined;
    if (kept) {
      context.diagnostics.push(...kept.diagnostics);
      return { outputs: kept.outputs, pages: kept.pages };
    }
    const [{ printBook }, { launchChromium }] = await Promise.all([
      import('./print-book.js'),
      import('../../browser/launch.js'),
    ]);
    if (!context.browser) context.reporter?.phase?.('pdf', 'starting Chromium');
    const started = performance.now();
    const ownBrowser = context.browser ? undefined : await launchChromium();
    if (ownBrowser) context.timings['start chromium'] = performance.now() - started;
    const browser = context.browser ?? ownBrowser!.browser;
    // What this print reports is kept with it, to be told again when it is reused.
    const told: Diagnostic[] = [];
    const telling: WriterContext = {
      ...context,
      diagnostics: {
        push: (...items: Diagnostic[]) => {
          told.push(...items);
          return context.diagnostics.push(...items);
        },
      },
    };
    try {
      const { outputs, pages } = await printBook(composed, telling, browser, {
        workDir,
        html,
        fontFaces,
        printShop,
        ...(places ? { places } : {}),
      });
      if (key) await keepPrint(context.cacheRoot!, key, { outputs, diagnostics: told, pages }, context.manuscriptKey);
      return { outputs, pages };
    } catch (err) {
      // A Chromium that died mid-print (killed, out of memory) is the machine's fault, not a bug.
      if (err instanceof OctavoError || browser.connected) throw err;
      throw new OctavoError(
        error(
          'pdf/chromium-crashed',
          `Chromium stopped while printing the PDF: ${(err as Error).message.split('\n')[0]}`,
          {
            hint: 'Run the build again; if it keeps happening, check free memory (a big book needs about 1 GB) and that nothing kills chromium.',
          },
        ),
      );
    } finally {
      await ownBrowser?.close();
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
