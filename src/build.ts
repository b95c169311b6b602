/**
 * load → transform → compose → writers → atomic write, timing each step.
 * The typed core the CLI wraps; nothing here prints. Every stage reports into
 * one Diagnostics sink, which the result (or, on failure, the caller's sink)
 * holds; an OctavoError carries the errors alone.
 */
import path from 'node:path';
import type { Browser } from 'puppeteer';
import type { Book, Manuscript } from './book.js';
import type { LaunchedBrowser } from './browser/launch.js';
import { filesRead, gitState, manuscriptDate } from './config/build-date.js';
import { type Diagnostic, Diagnostics } from './diagnostics.js';
import { loadManuscript } from './manuscript/load.js';
import { printPagesChannel } from './page-list/print-pages.js';
import { type Reporter, silentReporter } from './reporter.js';
import { type ComposedBook, composeBook } from './templates/compose.js';
import { loadTheme } from './templates/theme.js';
import { ChapterStore } from './transform/chapter-store.js';
import { type ChapterCache, transformBook } from './transform/index.js';
import { checkOutputFolder, writeOutputsAtomically } from './util/atomic-write.js';
import { slugify } from './util/identifier.js';
import { DEFAULT_FORMATS, FORMATS, type Format, loadWriter } from './writers/registry.js';
import type { WriterContext, WriterOutput } from './writers/writer.js';

export { DEFAULT_FORMATS, FORMATS, type Format } from './writers/registry.js';

export interface BuildOptions {
  /** The book folder (holds book.yaml), or a single Markdown file. */
  input: string;
  /** Output folder; default `<cwd>/dist`. */
  outDir?: string;
  formats?: readonly Format[];
  /** Told of each finished step (progress output). */
  reporter?: Reporter;
  /**
   * The sink every stage reports into; one is made when not given. Pass your
   * own to read the warnings of a build that failed (the OctavoError has the errors).
   */
  diagnostics?: Diagnostics;
  /** A book.yaml kept outside the book folder (chapter paths stay relative to the folder). */
  configFile?: string;
  /** Reuse a running Chromium (tests, watch mode); otherwise one is launched for the build. */
  browser?: Browser;
  /** Also write the print-shop PDF, with book.yaml's `print:` settings or the defaults (3 mm bleed, crop marks). */
  printShop?: boolean;
  /** Overrides book.yaml's `remote-images:` (the CLI's `--remote-images`). */
  remoteImages?: 'error' | 'omit';
  /** Keep transformed chapters in `.octavo-cache/` in the book folder, and reuse them (the CLI does; default: no). */
  diskCache?: boolean;
}

export interface WrittenFile {
  format: Format;
  /** Set for a writer's extra files, e.g. `print-shop`. */
  role?: string;
  /** A PDF's page count. */
  pages?: number;
  /** Absolute path. */
  path: string;
}

export interface BuildResult {
  book: Book;
  /** Absolute paths of the files written, by format, and by role for a writer's extra files (`print-shop`). */
  outputs: Partial<Record<Format | 'print-shop', string>>;
  files: WrittenFile[];
  /** Every diagnostic of the build, from every stage and writer, once each, in reading order. */
  diagnostics: Diagnostic[];
  timings: Record<string, number>;
  /** Each writer's sub-steps, in ms (the PDF's load, prints, furniture…). */
  writerSteps: Partial<Record<Format, Record<string, number>>>;
  /** The PDF step in detail (`writerSteps.pdf`, kept for the benchmarks). */
  pdfSteps: Record<string, number>;
  /** Whether the build started a Chromium of its own (not when the PDF kept from the last build served). */
  startedChromium: boolean;
}

/** The formats a Chromium serves: the PDF's print, the EPUB's and KEPUB's cover. */
const CHROMIUM_FORMATS: ReadonlySet<Format> = new Set(['pdf', 'epub', 'kepub']);

async function timed<T>(
  name: string,
  timings: Record<string, number>,
  reporter: Reporter,
  run: () => Promise<T>,
): Promise<T> {
  reporter.start?.(name);
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
  /** The chapter store the transform used: its writes end with `settle()`. */
  store?: ChapterStore;
}

export interface PrepareOptions {
  /** Where every stage reports; one is made when not given (then only the OctavoError tells of errors). */
  diagnostics?: Diagnostics;
  reporter?: Reporter;
  /** Filled with the time of load and transform. */
  timings?: Record<string, number>;
  /** A book.yaml kept outside the book folder. */
  configFile?: string;
  /** Chapters kept from an earlier run (watch mode): only changed ones are transformed again. */
  cache?: ChapterCache;
  /** Overrides book.yaml's `remote-images:`. */
  remoteImages?: 'error' | 'omit';
  /** Read and write transformed chapters in the book's `.octavo-cache/`. */
  diskCache?: boolean;
  /** Told of the manuscript once it is read, before it is transformed. */
  onLoaded?: (manuscript: Manuscript) => Promise<void> | void;
}

/**
 * load → transform → compose: everything short of writing. `check` stops here;
 * `build` goes on to the writers. Throws OctavoError when the book has errors.
 */
export async function prepareBook(input: string, options: PrepareOptions = {}): Promise<PreparedBook> {
  const sink = options.diagnostics ?? new Diagnostics();
  const reporter = options.reporter ?? silentReporter;
  const timings = options.timings ?? {};
  return sink.collect(async () => {
    const manuscript = await timed('load', timings, reporter, () => loadManuscript(input, sink, options));
    // git (for the build's date) runs while the chapters are transformed.
    const git = gitState(manuscript.config.root, [manuscript.config.configFile]);
    // A stage that reported an error stops the book here, whichever way it reported it.
    sink.throwIfErrors();
    if (options.remoteImages) manuscript.config.remoteImages = options.remoteImages;
    await options.onLoaded?.(manuscript);
    const store = options.diskCache ? ChapterStore.at(manuscript.config.root) : undefined;
    const book = await timed('transform', timings, reporter, () =>
      transformBook(manuscript, sink, { cache: options.cache, store, reporter }).catch(async (err: unknown) => {
        // The chapters that did transform are kept for the next try.
        await store?.settle();
        throw err;
      }),
    );
    // Dated by the manuscript, not the clock: an unchanged book builds to the same bytes.
    book.config.modified = await manuscriptDate(book.config.root, await filesRead(book), git);
    const theme = await loadTheme(book.config.theme, sink);
    const composed = composeBook(book, theme);
    if (options.cache) {
      // Forget chapters that left the book.
      const files = new Set(manuscript.chapters.map((c) => c.file));
      for (const file of options.cache.keys()) if (!files.has(file)) options.cache.delete(file);
    }
    return { book, composed, slug: slugify(book.config.title), ...(store ? { store } : {}) };
  });
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const reporter = options.reporter ?? silentReporter;
  const sink = options.diagnostics ?? new Diagnostics();
  const formats = FORMATS.filter((f) => (options.formats ?? DEFAULT_FORMATS).includes(f));
  const outDir = path.resolve(options.outDir ?? 'dist');
  const timings: Record<string, number> = {};
  await sink.collect(() => checkOutputFolder(outDir));
  // Chromium starts while the book is transformed, so its start-up is not waited for later;
  // not when the PDF kept from the last build was made from this very manuscript.
  let launching: Promise<LaunchedBrowser> | undefined;
  let manuscriptKey: string | undefined;
  const onLoaded = async (manuscript: Manuscript) => {
    if (options.browser) return;
    const printing = formats.includes('pdf') && !(await printKept(manuscript));
    const drawing = !printing && (await coverToDraw(manuscript));
    if (!printing && !drawing) return;
    // What the machine lacks is found before the long steps, not after them. A cover without
    // Chromium is an SVG (the EPUB writer warns); a PDF without it is an error.
    const { locateChromium, requireChromium } = await import('./browser/locate.js');
    if (printing) await requireChromium();
    else if (!(await locateChromium().catch(() => undefined))) return;
    const { launchChromium } = await import('./browser/launch.js');
    launching = launchChromium();
    // A failed start is reported where the PDF writer waits for it.
    launching.catch(() => undefined);
  };
  /** The PDF kept from the last build was made from this very manuscript: no Chromium needed for it. */
  const printKept = async (manuscript: Manuscript): Promise<boolean> => {
    if (!options.diskCache) return false;
    const cache = await import('./writers/pdf/print-cache.js');
    manuscriptKey = cache.manuscriptKey(manuscript);
    return cache.printKeptFor(manuscript.config.root, manuscriptKey);
  };
  /** The EPUB's cover is generated and not yet drawn for this title. */
  const coverToDraw = async ({ config }: Manuscript): Promise<boolean> => {
    if (!(formats.includes('epub') || formats.includes('kepub')) || config.cover) return false;
    const { coverKey, keptCover } = await import('./cover/index.js');
    return !(await keptCover(coverKey(config), options.diskCache ? config.root : undefined));
  };
  let store: ChapterStore | undefined;
  try {
    const prepared = await prepareBook(options.input, {
      diagnostics: sink,
      reporter,
      timings,
      configFile: options.configFile,
      remoteImages: options.remoteImages,
      diskCache: options.diskCache ?? false,
      onLoaded,
    });
    store = prepared.store;
    const { book, composed, slug } = prepared;
    return await writeBook(book, composed, slug, formats, outDir, options, sink, timings, launching, manuscriptKey);
  } finally {
    await Promise.all([store?.settle(), launching?.then((l) => l.close()).catch(() => undefined)]);
  }
}

async function writeBook(
  book: Book,
  composed: ComposedBook,
  slug: string,
  formats: readonly Format[],
  outDir: string,
  options: BuildOptions,
  sink: Diagnostics,
  timings: Record<string, number>,
  launching: Promise<LaunchedBrowser> | undefined,
  manuscriptKey: string | undefined,
): Promise<BuildResult> {
  const reporter = options.reporter ?? silentReporter;

  const byFormat = new Map<Format, WriterOutput[]>();
  const writerSteps: BuildResult['writerSteps'] = {};
  // The EPUB of a build that prints too waits for the PDF's page numbers (`page-list`).
  const printPages =
    book.config.pageList && formats.includes('pdf') && formats.some((f) => f === 'epub' || f === 'kepub')
      ? printPagesChannel()
      : undefined;
  const render = async (format: Format) => {
    const writer = await loadWriter(format);
    const steps: Record<string, number> = {};
    writerSteps[format] = steps;
    // The PDF prints with Chromium (and fails without it); the EPUB (and KEPUB) draws its cover with it, if it can.
    const started = format === 'pdf' ? launching : launching?.catch(() => undefined);
    const browser = CHROMIUM_FORMATS.has(format) ? (options.browser ?? (await started)?.browser) : undefined;
    const context: WriterContext = {
      slug,
      diagnostics: sink,
      browser,
      printShop: options.printShop,
      timings: steps,
      reporter,
      ...(options.diskCache ? { cacheRoot: book.config.root, manuscriptKey } : {}),
      ...(printPages && CHROMIUM_FORMATS.has(format) ? { printPages } : {}),
    };
    byFormat.set(format, await timed(format, timings, reporter, () => writer.render(composed, context)));
  };
  await sink.collect(async () => {
    // The PDF is mostly Chromium's work, in its own processes: the other writers run meanwhile.
    const pdf = formats.includes('pdf') ? render('pdf') : undefined;
    // A PDF that failed tells the EPUB to go on without page numbers (the build fails anyway).
    pdf?.catch(() => undefined).finally(() => printPages?.publish(undefined));
    try {
      for (const format of formats) if (format !== 'pdf') await render(format);
    } finally {
      // Whatever the others did, the PDF is finished (or failed) before anything is written or thrown.
      await pdf;
    }
    // A writer may report errors it could not work around: then nothing is written.
    sink.throwIfErrors();
  });
  // In the order asked for, whichever finished first.
  const made = formats.flatMap((format) => (byFormat.get(format) ?? []).map((output) => ({ format, output })));

  const written = await timed('write', timings, reporter, () =>
    writeOutputsAtomically(
      outDir,
      made.map((m) => m.output),
    ),
  );
  const files = made.map(
    (m, i): WrittenFile => ({
      format: m.format,
      ...(m.output.role ? { role: m.output.role } : {}),
      ...(m.output.pages ? { pages: m.output.pages } : {}),
      path: written[i]!,
    }),
  );
  const outputs: BuildResult['outputs'] = {};
  for (const f of files) outputs[(f.role ?? f.format) as Format] = f.path;
  return {
    book,
    outputs,
    files,
    diagnostics: sink.list(),
    timings,
    writerSteps,
    pdfSteps: writerSteps.pdf ?? {},
    startedChromium: launching !== undefined || 'start chromium' in (writerSteps.pdf ?? {}),
  };
}
