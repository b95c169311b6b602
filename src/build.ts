/**
 * load → transform → compose → writers → atomic write, timing each step.
 * The typed core the CLI wraps; nothing here prints.
 */
import path from 'node:path';
import type { Browser } from 'puppeteer';
import type { Book } from './book.js';
import { hasErrors, OctavoError, type Diagnostic } from './diagnostics.js';
import { FORMATS, type Format } from './formats.js';
import { DEFAULT_PRINT_SHOP } from './config/print.js';
import { loadManuscript } from './manuscript/load.js';
import { silentReporter, type Reporter } from './reporter.js';
import { composeBook, type ComposedBook } from './templates/compose.js';
import { loadTheme } from './templates/theme.js';
import { transformBook, type ChapterCache } from './transform/index.js';
import { writeOutputsAtomically, type OutputFile } from './util/atomic-write.js';
import { slugify } from './util/identifier.js';
import { renderEpub } from './writers/epub/index.js';
import { renderHtml } from './writers/html.js';

export { FORMATS, type Format } from './formats.js';

export interface BuildOptions {
  /** The book folder (holds book.yaml). */
  input: string;
  /** Output folder; default `<cwd>/dist`. */
  outDir?: string;
  formats?: readonly Format[];
  reporter?: Reporter;
  /** A book.yaml kept outside the book folder (chapter paths stay relative to the folder). */
  configFile?: string;
  /** Reuse a running Chromium (tests, watch mode); otherwise one is launched for the build. */
  browser?: Browser;
  /** Also write the print-shop PDF, with book.yaml's `print:` settings or the defaults (3 mm bleed, crop marks). */
  printShop?: boolean;
}

export interface BuildResult {
  book: Book;
  /** Absolute paths of the files written, by format (`print-shop`: the print-shop PDF). */
  outputs: Partial<Record<Format | 'print-shop', string>>;
  diagnostics: Diagnostic[];
  timings: Record<string, number>;
  /** The PDF step in detail (load, print, measure, furniture…), in ms. */
  pdfSteps: Record<string, number>;
}

async function timed<T>(name: string, timings: Record<string, number>, reporter: Reporter, run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await run();
  const ms = performance.now() - start;
  timings[name] = ms;
  reporter.step(name, ms);
  return result;
}

export interface PreparedBook {
  book: Book;
  composed: ComposedBook;
  /** Base name of the output files. */
  slug: string;
  diagnostics: Diagnostic[];
}

export interface PrepareOptions {
  /** A book.yaml kept outside the book folder. */
  configFile?: string;
  /** Chapters kept from an earlier run (watch mode): only changed ones are transformed again. */
  cache?: ChapterCache;
}

/**
 * load → transform → compose: everything short of writing. `check` stops here;
 * `build` goes on to the writers. Throws OctavoError when the book has errors.
 */
export async function prepareBook(
  input: string,
  reporter: Reporter = silentReporter,
  timings: Record<string, number> = {},
  options: PrepareOptions = {},
): Promise<PreparedBook> {
  const manuscript = await timed('load', timings, reporter, () => loadManuscript(input, options));
  const book = await timed('transform', timings, reporter, () => transformBook(manuscript, { cache: options.cache }));
  for (const d of book.diagnostics) reporter.diagnostic(d);
  if (hasErrors(book.diagnostics)) throw new OctavoError(book.diagnostics.filter((d) => d.severity === 'error'));
  const theme = await loadTheme(book.config.theme);
  const composed = composeBook(book, theme);
  if (options.cache) {
    // Forget chapters that left the book.
    const files = new Set(manuscript.chapters.map((c) => c.file));
    for (const file of options.cache.keys()) if (!files.has(file)) options.cache.delete(file);
  }
  return { book, composed, slug: slugify(book.config.title), diagnostics: book.diagnostics };
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const reporter = options.reporter ?? silentReporter;
  const formats = options.formats ?? FORMATS;
  const outDir = path.resolve(options.outDir ?? 'dist');
  const timings: Record<string, number> = {};
  const { book, composed, slug } = await prepareBook(options.input, reporter, timings, { configFile: options.configFile });

  const files: { format: Format | 'print-shop'; file: OutputFile }[] = [];
  const pdfSteps: Record<string, number> = {};
  if (formats.includes('html')) files.push({ format: 'html', file: await timed('html', timings, reporter, async () => renderHtml(composed, slug)) });
  if (formats.includes('epub')) files.push({ format: 'epub', file: await timed('epub', timings, reporter, () => renderEpub(composed, slug)) });
  if (formats.includes('pdf')) {
    // Loaded on demand: Puppeteer is heavy, and EPUB/HTML-only builds and `check` never need it.
    const { renderPdf } = await import('./writers/pdf/index.js');
    const printShop = book.config.print ?? (options.printShop ? DEFAULT_PRINT_SHOP : undefined);
    const [reading, press] = await timed('pdf', timings, reporter, () =>
      renderPdf(composed, slug, { browser: options.browser, printShop, timings: pdfSteps, onDiagnostic: (d) => reporter.diagnostic(d) }),
    );
    files.push({ format: 'pdf', file: reading! });
    if (press) files.push({ format: 'print-shop', file: press });
  }

  const written = await timed('write', timings, reporter, () => writeOutputsAtomically(outDir, files.map((f) => f.file)));
  const outputs: BuildResult['outputs'] = {};
  files.forEach((f, i) => (outputs[f.format] = written[i]));
  return { book, outputs, diagnostics: book.diagnostics, timings, pdfSteps };
}
