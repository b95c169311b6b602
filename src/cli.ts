#!/usr/bin/env node
/** The `octavo` command: argument parsing, printing and exit codes only. */
/*
 * Only light modules are imported here: each command's module (and with it
 * Chromium, pdf-lib, the Markdown pipeline, the writers) is imported when that
 * command runs, so `--version` and `--help` answer at once.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_PORT } from './commands/live-server.js';
import type { RebuiltEvent } from './commands/watch.js';
import { type Diagnostic, Diagnostics, formatDiagnostic, isEnvironmental, OctavoError } from './diagnostics.js';
import type { BuildView, OutputSummary } from './progress/view.js';
import { exitCleanlyOnSignals, tempFault } from './util/temp.js';
import { VERSION } from './version.js';
import { DEFAULT_FORMATS, FORMATS, type Format, isFormat } from './writers/registry.js';

const EXIT_OK = 0;
const EXIT_BUILD_FAILED = 1;
const EXIT_USAGE = 2;
/** The machine, not the book: no Chromium or Ghostscript, a full disk, an output folder that cannot be written. */
const EXIT_ENVIRONMENT = 3;
const EXIT_BUG = 70;

const HELP = `octavo ${VERSION}: one Markdown manuscript to EPUB 3, print-ready PDF and HTML

Usage:
  octavo build [dir] [options]    build the book in dir (default: .) into dist/
  octavo check [dir] [--json]     check book.yaml and the chapters; write nothing
  octavo init [dir]               start a new book in dir (default: .)
  octavo init --from <dir>        write the book.yaml of an mdBook or GitBook folder
  octavo import <file.docx> [dir] make a book folder from a Word manuscript (default dir:
                                  beside the document, named after it; new or empty)
  octavo watch [dir] [options]    build, serve the HTML edition, rebuild on save
  octavo licence <file> [--json]  read the licence notice back from an .epub, .pdf or .html
  octavo preview <file.pdf> [options]  draw pages or spreads of a PDF as PNG pictures
  octavo --help | --version

  dir is a book folder, or a single Markdown file for build, check and watch.
  -c, --config <file>     a book.yaml kept outside the book folder (build, check, watch)

Options for build:
  -o, --out <dir>         output folder (default: dist)
  -f, --format <list>     comma-separated formats to build: ${FORMATS.join(',')}
                          (default: ${DEFAULT_FORMATS.join(',')}; kepub: <book>.kepub.epub for Kobo)
  --print-shop            also write <book>-print.pdf for a printer (bleed, crop marks;
                          book.yaml's print: section sets them, and writes it always)
  --remote-images <how>   error (stop) or omit (leave out, keep the alt text); overrides
                          book.yaml's remote-images: (a single Markdown file: omit)
  --preview               also draw the PDF's first spreads as PNGs into <out>/preview
  -q, --quiet             print errors only (no progress, no summary, no warnings)
  --json                  print one JSON event per line (steps, progress, diagnostics,
                          outputs, done) instead of text
  --no-cache              transform every chapter again, without reading or writing
                          the book's .octavo-cache/ (kept chapters, safe to delete)

Options for preview:
  --pages <list>          PDF pages (not folios) such as 1-4,9 (default: 1-8)
  --spreads               facing pages side by side, as the bound book opens
  --dpi <n>               resolution (default: 60)
  -o, --out <dir>         output folder (default: preview, beside the PDF)

Options for check:
  --json                  print one JSON document (ok, errors, warnings, diagnostics)

Options for watch:
  -p, --port <n>          port of the local server (default: ${DEFAULT_PORT}; 0: any free port)
  -o, --out <dir>         output folder (default: dist)
  --pdf                   rebuild the PDF too (HTML and EPUB are always rebuilt)

Options for licence:
  --json                  print one JSON document (licence, TASL, credits, notice, problems)

  -h, --help              show this help

Exit status: 0 done (check: no errors; licence: a complete notice), 1 the book
has errors (printed as file:line:col; licence: the notice is missing or
incomplete), 2 wrong usage, 3 the environment (no Chromium or Ghostscript, disk
full, output folder not writable), 130/143 interrupted (SIGINT/SIGTERM).
`;

class UsageError extends Error {}

function parseFormats(value: string | undefined): Format[] {
  if (!value) return [...DEFAULT_FORMATS];
  const list = value
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  return list.map((f) => {
    if (!isFormat(f)) throw new UsageError(`unknown format "${f}"; use one or more of ${FORMATS.join(', ')}`);
    return f;
  });
}

async function runBuild(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      format: { type: 'string', short: 'f' },
      config: { type: 'string', short: 'c' },
      'print-shop': { type: 'boolean', default: false },
      preview: { type: 'boolean', default: false },
      'remote-images': { type: 'string' },
      quiet: { type: 'boolean', short: 'q', default: false },
      json: { type: 'boolean', default: false },
      'no-cache': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return EXIT_OK;
  }
  const input = bookFolder('build', positionals);
  const formats = parseFormats(values.format);
  if (values.preview && !formats.includes('pdf'))
    throw new UsageError('--preview draws pages of the PDF: add pdf to --format');
  if (values['print-shop'] && !formats.includes('pdf'))
    throw new UsageError('--print-shop makes a PDF: add pdf to --format');
  const remoteImages = values['remote-images'];
  if (remoteImages !== undefined && remoteImages !== 'error' && remoteImages !== 'omit')
    throw new UsageError('--remote-images takes error or omit');
  const quiet = values.quiet ?? false;
  const { createBuildView } = await import('./progress/view.js');
  const view = await createBuildView({ quiet, json: values.json ?? false, input });
  try {
    return await buildWith(view, {
      input,
      formats,
      outDir: values.out ?? 'dist',
      configFile: values.config,
      printShop: values['print-shop'],
      remoteImages,
      diskCache: !values['no-cache'],
      preview: values.preview ?? false,
      json: values.json ?? false,
    });
  } finally {
    // Whatever happened, the terminal gets its cursor back and a JSON reader its `done`.
    view.close();
  }
}

interface BuildRun {
  input: string;
  formats: Format[];
  outDir: string;
  configFile?: string;
  printShop?: boolean;
  remoteImages?: 'error' | 'omit';
  diskCache: boolean;
  preview: boolean;
  json: boolean;
}

async function buildWith(view: BuildView, run: BuildRun): Promise<number> {
  const { input, formats } = run;
  view.begin(input, formats);
  const { build } = await import('./build.js');
  const start = performance.now();
  const diagnostics = new Diagnostics();
  const end = (ok: boolean, list: readonly Diagnostic[]) =>
    view.end({
      ok,
      ms: performance.now() - start,
      errors: list.filter((d) => d.severity === 'error').length,
      warnings: list.filter((d) => d.severity === 'warning').length,
    });
  let result: Awaited<ReturnType<typeof build>>;
  try {
    result = await build({
      input,
      outDir: run.outDir,
      formats,
      reporter: view,
      diagnostics,
      configFile: run.configFile,
      printShop: run.printShop,
      remoteImages: run.remoteImages,
      diskCache: run.diskCache,
    });
  } catch (err) {
    if (!(err instanceof OctavoError)) throw err;
    // The warnings of a failed build matter too: print the sink, in reading order.
    diagnostics.push(...err.diagnostics);
    const list = diagnostics.list();
    view.diagnostics(list);
    end(false, list);
    // JSON has said it in the `done` event.
    if (!run.json) console.error(failureLine('build', list));
    return failureStatus(list);
  }
  view.diagnostics(result.diagnostics);
  const { stat } = await import('node:fs/promises');
  const outputs: OutputSummary[] = [];
  for (const f of result.files) {
    outputs.push({
      format: f.format,
      ...(f.role ? { role: f.role } : {}),
      path: f.path,
      bytes: (await stat(f.path)).size,
      ...(f.pages !== undefined ? { pages: f.pages } : {}),
      ms: result.timings[f.format],
    });
  }
  view.outputs(outputs, performance.now() - start);
  if (run.preview && result.outputs.pdf) {
    const { renderPreview } = await import('./preview/index.js');
    view.start?.('preview');
    const began = performance.now();
    const pictures = await renderPreview(result.outputs.pdf, path.join(path.dirname(result.outputs.pdf), 'preview'), {
      spreads: true,
    });
    view.step('preview', performance.now() - began);
    view.note(
      `Preview: ${pictures.length} spread(s) in ${path.relative(process.cwd(), path.dirname(pictures[0] ?? '.')) || '.'}`,
    );
  }
  end(true, result.diagnostics);
  return EXIT_OK;
}

async function runPreview(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      pages: { type: 'string' },
      spreads: { type: 'boolean', default: false },
      dpi: { type: 'string' },
      out: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return EXIT_OK;
  }
  if (positionals.length !== 1) throw new UsageError(`preview takes one PDF file, got ${positionals.length}`);
  const file = positionals[0]!;
  const { parsePageList, renderPreview } = await import('./preview/index.js');
  const pages = values.pages === undefined ? undefined : parsePageList(values.pages);
  if (pages === undefined && values.pages !== undefined)
    throw new UsageError(`--pages "${values.pages}" is not a page list such as 1-4,9`);
  const dpi = values.dpi === undefined ? undefined : Number(values.dpi);
  if (dpi !== undefined && !(Number.isInteger(dpi) && dpi >= 10 && dpi <= 600))
    throw new UsageError('--dpi takes a whole number from 10 to 600');
  const outDir = values.out ?? path.join(path.dirname(file), 'preview');
  const { checkOutputFolder } = await import('./util/atomic-write.js');
  await checkOutputFolder(outDir);
  const pictures = await renderPreview(file, outDir, { pages, spreads: values.spreads, dpi });
  for (const p of pictures) console.log(path.relative(process.cwd(), p) || p);
  return EXIT_OK;
}

/** At most one book folder, default `.`. */
function bookFolder(command: string, positionals: string[]): string {
  if (positionals.length > 1) throw new UsageError(`${command} takes one book folder, got ${positionals.length}`);
  return positionals[0] ?? '.';
}

async function runCheck(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      config: { type: 'string', short: 'c' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return EXIT_OK;
  }
  const input = bookFolder('check', positionals);
  const { checkBook, checkJson, checkSummary } = await import('./commands/check.js');
  const result = await checkBook(input, { configFile: values.config });
  if (values.json) {
    console.log(JSON.stringify(checkJson(result, input), null, 2));
  } else {
    for (const d of result.diagnostics) console.log(formatDiagnostic(d));
    console.log(checkSummary(result));
  }
  return result.ok ? EXIT_OK : EXIT_BUILD_FAILED;
}

async function runImport(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) {
    console.log(HELP);
    return EXIT_OK;
  }
  if (positionals.length < 1 || positionals.length > 2)
    throw new UsageError(
      `import takes a Word document and, optionally, a book folder; got ${positionals.length} argument(s)`,
    );
  const [docx, target] = positionals as [string, string | undefined];
  const { importDocx, importSummary } = await import('./commands/import.js');
  const result = await importDocx(docx, target);
  for (const d of result.diagnostics) console.error(formatDiagnostic(d));
  const where = path.relative(process.cwd(), result.dir);
  console.log(`Imported ${docx} into ${where || '.'}:`);
  for (const file of result.created) console.log(`  ${path.relative(process.cwd(), file)}`);
  console.log(importSummary(result));
  const arg = where ? ` ${/\s/.test(where) ? JSON.stringify(where) : where}` : '';
  console.log(
    `\nNext: fill in the licence in book.yaml, read the chapters, then run\n  octavo watch${arg}    (or: octavo build${arg})`,
  );
  return EXIT_OK;
}

async function runInit(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { from: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) {
    console.log(HELP);
    return EXIT_OK;
  }
  if (values.from !== undefined) {
    if (positionals.length > 0) throw new UsageError('init --from takes the book folder as its value only');
    const { initFromLayout } = await import('./commands/init.js');
    const result = await initFromLayout(values.from);
    for (const d of result.diagnostics) console.error(formatDiagnostic(d));
    console.log(
      `Wrote ${path.relative(process.cwd(), result.file) || result.file} from ${result.sources.join(' and ')}.`,
    );
    console.log('Octavo reads it instead of those files from now on: edit it to add a licence, a cover, a theme…');
    return EXIT_OK;
  }
  const target = bookFolder('init', positionals);
  const { initBook } = await import('./commands/init.js');
  const { dir, created } = await initBook(target);
  const where = path.relative(process.cwd(), dir);
  console.log(`Created a new book in ${where || '.'}:`);
  for (const file of created) console.log(`  ${path.relative(process.cwd(), file)}`);
  const arg = where ? ` ${/\s/.test(where) ? JSON.stringify(where) : where}` : '';
  console.log(`\nNext: edit book.yaml and the chapters, then run\n  octavo watch${arg}    (or: octavo build${arg})`);
  return EXIT_OK;
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535)
    throw new UsageError(`--port must be a number from 0 to 65535, got "${value}"`);
  return port;
}

const clock = () => new Date().toLocaleTimeString('en-GB', { hour12: false });

async function runWatch(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      port: { type: 'string', short: 'p' },
      out: { type: 'string', short: 'o' },
      pdf: { type: 'boolean', default: false },
      config: { type: 'string', short: 'c' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return EXIT_OK;
  }
  const input = bookFolder('watch', positionals);
  const port = parsePort(values.port);
  const pdf = values.pdf ?? false;
  const { Watcher } = await import('./commands/watch.js');
  const watcher = new Watcher({ input, port, pdf, outDir: values.out ?? 'dist', configFile: values.config });
  const shown = (file: string) => path.relative(process.cwd(), file) || file;

  // Print a rebuild's warnings only when they differ from the last build's.
  let lastWarnings = '';
  const printWarnings = (list: readonly Diagnostic[]) => {
    const text = list.map((d) => formatDiagnostic(d)).join('\n');
    if (text && text !== lastWarnings) console.error(text);
    lastWarnings = text;
  };
  watcher.on('rebuilt', (e: RebuiltEvent) => {
    const cause = e.changed.length ? `${e.changed.map(shown).join(', ')} changed: ` : '';
    const chapters = `${e.transformed.length} chapter${e.transformed.length === 1 ? '' : 's'} transformed`;
    console.log(
      `[${clock()}] ${cause}built ${Object.keys(e.outputs).join(', ')} in ${e.totalMs.toFixed(0)} ms (page ready in ${e.htmlMs.toFixed(0)} ms; ${chapters})`,
    );
    printWarnings(e.diagnostics);
  });
  watcher.on('failed', (e) => {
    const cause = e.changed.length ? `${e.changed.map(shown).join(', ')} changed: ` : '';
    console.error(`[${clock()}] ${cause}the book has errors; still serving the last good build.`);
    for (const d of e.diagnostics) console.error(formatDiagnostic(d));
    lastWarnings = '';
  });

  // Listen for Ctrl-C before the first build: a signal during it must still close cleanly.
  const stopped = new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  console.log(`Watching ${input} (html, epub${pdf ? ', pdf' : ''} into ${shown(watcher.outDir)})`);
  const started = await Promise.race([watcher.start().then(() => true), stopped.then(() => false)]);
  if (started) console.log(`Serving ${watcher.url}  (Ctrl-C to stop)`);
  await stopped;
  console.log('\nStopping…');
  await watcher.close();
  return EXIT_OK;
}

async function runLicence(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return EXIT_OK;
  }
  if (positionals.length !== 1)
    throw new UsageError(`licence takes one file (an .epub, .pdf or .html), got ${positionals.length}`);
  const file = positionals[0]!;
  const { exitStatus, licenceJson, licenceReport, licenceSummary, UnknownFileType } = await import(
    './commands/licence.js'
  );
  let report: Awaited<ReturnType<typeof licenceReport>>;
  try {
    report = await licenceReport(file);
  } catch (err) {
    if (err instanceof UnknownFileType) throw new UsageError(err.message);
    const code = (err as { code?: string }).code;
    if (code === 'ENOENT' || code === 'EISDIR')
      throw new UsageError(`${file}: ${code === 'ENOENT' ? 'no such file' : 'is a folder, not a file'}`);
    throw err;
  }
  console.log(values.json ? JSON.stringify(licenceJson(report), null, 2) : licenceSummary(report));
  return exitStatus(report);
}

/** Prints what stopped a command (and the warnings that came with it) and says what was left undone. */
function failed(command: string, diagnostics: readonly Diagnostic[]): number {
  for (const d of diagnostics) console.error(formatDiagnostic(d));
  console.error(failureLine(command, diagnostics));
  return failureStatus(diagnostics);
}

function failureLine(command: string, diagnostics: readonly Diagnostic[]): string {
  const n = `${diagnostics.filter((d) => d.severity === 'error').length} error(s)`;
  if (command === 'init') return `octavo: init failed with ${n}; nothing was created.`;
  if (command === 'import') return `octavo: import failed with ${n}; nothing was written.`;
  if (command === 'watch') return `octavo: watch could not start: ${n}.`;
  if (command === 'preview') return `octavo: preview failed with ${n}.`;
  return `octavo: build failed with ${n}; no output was written.`;
}

/** 3 when only the machine is at fault (no Chromium, a full disk), else 1. */
function failureStatus(diagnostics: readonly Diagnostic[]): number {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  return errors.length && errors.every(isEnvironmental) ? EXIT_ENVIRONMENT : EXIT_BUILD_FAILED;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === '-h' || command === '--help' || command === 'help') {
      console.log(HELP);
      return command ? EXIT_OK : EXIT_USAGE;
    }
    if (command === '-v' || command === '--version') {
      console.log(VERSION);
      return EXIT_OK;
    }
    // One-shot commands close Chromium and remove their temp files on Ctrl-C; watch handles signals itself.
    if (command === 'build' || command === 'preview' || command === 'import') exitCleanlyOnSignals();
    // A Chromium already running (a container's, a test run's): used instead of starting one.
    const endpoint = process.env.OCTAVO_CHROMIUM_ENDPOINT;
    if (endpoint) (await import('./browser/launch.js')).useChromium(endpoint);
    if (command === 'build') return await runBuild(rest);
    if (command === 'check') return await runCheck(rest);
    if (command === 'init') return await runInit(rest);
    if (command === 'import') return await runImport(rest);
    if (command === 'watch') return await runWatch(rest);
    if (command === 'licence' || command === 'license') return await runLicence(rest);
    if (command === 'preview') return await runPreview(rest);
    throw new UsageError(`unknown command "${command}"`);
  } catch (err) {
    if (err instanceof OctavoError) return failed(command ?? '', err.diagnostics);
    const fault = tempFault(err);
    if (fault) return failed(command ?? '', [fault]);
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`octavo: ${(err as Error).message}\nRun \`octavo --help\` for usage.`);
      return EXIT_USAGE;
    }
    // A bug in Octavo or a crash of a tool it drives: say so plainly; the stack only on request.
    console.error(`octavo: internal error: ${(err as Error).message ?? String(err)}`);
    console.error(
      process.env.OCTAVO_DEBUG
        ? (err as Error).stack
        : 'Set OCTAVO_DEBUG=1 to see the stack trace, and please report it.',
    );
    return EXIT_BUG;
  }
}

const exitCode = await main(process.argv.slice(2));
process.exitCode = exitCode;
