/**
 * The seam every output format plugs into: a Writer turns the composed book
 * into files. It reads the composed divisions and never reaches back into the
 * manuscript or the Markdown (pandoc's rule: one reader, one model, a writer
 * per format); facts only its format needs stay inside its folder.
 */
import type { Browser } from 'puppeteer';
import type { DiagnosticSink } from '../diagnostics.js';
import type { PrintPagesChannel } from '../page-list/print-pages.js';
import type { Reporter } from '../reporter.js';
import type { ComposedBook } from '../templates/compose.js';
import type { OutputFile } from '../util/atomic-write.js';

export interface WriterOutput extends OutputFile {
  /** What the file is for when a writer makes more than one (the PDF writer's `print-shop`); absent: the edition itself. */
  role?: string;
  /** A PDF's page count, for the build's summary. */
  pages?: number;
}

export interface WriterContext {
  /** Base name of the output files. */
  slug: string;
  /** Where a writer reports what it finds (low-resolution images, transparency…). */
  diagnostics: DiagnosticSink;
  /** A running Chromium to share (tests, watch); a writer that needs one and gets none launches its own. */
  browser?: Browser;
  /** `--print-shop`: also make the PDF for a printer, with the defaults when book.yaml has no `print:`. */
  printShop?: boolean;
  /** Filled with the time (ms) of each sub-step, for the benchmark. */
  timings: Record<string, number>;
  /** Told of the phases of a long render (the PDF's passes, pages n/N), for progress output. */
  reporter?: Reporter;
  /** The book folder whose `.octavo-cache/` a writer may keep its work in (absent: keep nothing). */
  cacheRoot?: string;
  /** The manuscript this build read (print-cache.ts manuscriptKey), kept with a print. */
  manuscriptKey?: string;
  /**
   * When the build makes both the PDF and an EPUB: the PDF writer tells where
   * each of its pages begins, the EPUB writers wait for it (their page list).
   */
  printPages?: PrintPagesChannel;
}

export interface Writer {
  /** The name `--format` takes, e.g. `epub`. */
  readonly format: string;
  /** Extensions of the files it writes, the edition's first. */
  readonly extensions: readonly string[];
  render(composed: ComposedBook, context: WriterContext): Promise<WriterOutput[]>;
  /**
   * What `octavo check` can find without writing: the problems `render` would
   * report, estimated without laying anything out. Optional.
   */
  check?(composed: ComposedBook, context: WriterContext): Promise<void>;
}
