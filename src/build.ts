/**
 * load → transform → compose → writers → atomic write, timing each step.
 * The typed core the CLI wraps; nothing here prints.
 */
import path from 'node:path';
import type { Browser } from 'puppeteer';
import type { Book } from './book.js';
import { hasErrors, OctavoError, type Diagnostic } from './diagnostics.js';
import { loadManuscript } from './manuscript/load.js';
import { silentReporter, type Reporter } from './reporter.js';
import { composeBook } from './templates/compose.js';
import { loadTheme } from './templates/theme.js';
import { transformBook } from './transform/index.js';
import { writeOutputsAtomically, type OutputFile } from './util/atomic-write.js';
import { slugify } from './util/identifier.js';
import { renderEpub } from './writers/epub/index.js';
import { renderHtml } from './writers/html.js';
import { renderPdf } from './writers/pdf/index.js';

export const FORMATS = ['epub', 'pdf', 'html'] as const;
export type Format = (typeof FORMATS)[number];

export interface BuildOptions {
  /** The book folder (holds book.yaml). */
  input: string;
  /** Output folder; default `<cwd>/dist`. */
  outDir?: string;
  formats?: readonly Format[];
  reporter?: Reporter;
  /** Reuse a running Chromium (tests, watch mode); otherwise one is launched for the build. */
  browser?: Browser;
}

export interface BuildResult {
  book: Book;
  /** Absolute paths of the files written, by format. */
  outputs: Partial<Record<Format, string>>;
  diagnostics: Diagnostic[];
  timings: Record<string, number>;
}

async function timed<T>(name: string, timings: Record<string, number>, reporter: Reporter, run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await run();
  const ms = performance.now() - start;
  timings[name] = ms;
  reporter.step(name, ms);
  return result;
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const reporter = options.reporter ?? silentReporter;
  const formats = options.formats ?? FORMATS;
  const outDir = path.resolve(options.outDir ?? 'dist');
  const timings: Record<string, number> = {};

  const manuscript = await timed('load', timings, reporter, () => loadManuscript(options.input));
  const book = await timed('transform', timings, reporter, () => transformBook(manuscript));
  for (const d of book.diagnostics) reporter.diagnostic(d);
  if (hasErrors(book.diagnostics)) throw new OctavoError(book.diagnostics.filter((d) => d.severity === 'error'));

  const theme = await loadTheme(book.config.theme);
  const composed = composeBook(book, theme);
  const slug = slugify(book.config.title);

  const files: { format: Format; file: OutputFile }[] = [];
  if (formats.includes('html')) files.push({ format: 'html', file: await timed('html', timings, reporter, async () => renderHtml(composed, slug)) });
  if (formats.includes('epub')) files.push({ format: 'epub', file: await timed('epub', timings, reporter, () => renderEpub(composed, slug)) });
  if (formats.includes('pdf')) {
    files.push({ format: 'pdf', file: await timed('pdf', timings, reporter, () => renderPdf(composed, slug, { browser: options.browser })) });
  }

  const written = await timed('write', timings, reporter, () => writeOutputsAtomically(outDir, files.map((f) => f.file)));
  const outputs: Partial<Record<Format, string>> = {};
  files.forEach((f, i) => (outputs[f.format] = written[i]));
  return { book, outputs, diagnostics: book.diagnostics, timings };
}
