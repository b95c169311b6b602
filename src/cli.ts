#!/usr/bin/env node
/** The `octavo` command: argument parsing, printing and exit codes only. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build, FORMATS, type Format } from './build.js';
import { formatDiagnostic, OctavoError, type Diagnostic } from './diagnostics.js';
import type { Reporter } from './reporter.js';
import { VERSION } from './version.js';

const EXIT_OK = 0;
const EXIT_BUILD_FAILED = 1;
const EXIT_USAGE = 2;
const EXIT_BUG = 70;

const HELP = `octavo ${VERSION}: one Markdown manuscript to EPUB 3, print-ready PDF and HTML

Usage:
  octavo build [dir] [options]    build the book in dir (default: .) into dist/
  octavo --help | --version

Options for build:
  -o, --out <dir>         output folder (default: dist)
  -f, --format <list>     comma-separated formats to build: ${FORMATS.join(',')} (default: all)
  -q, --quiet             print only warnings and errors
  -h, --help              show this help

Exit status: 0 built, 1 the book has errors (printed as file:line:col), 2 wrong usage.
`;

class UsageError extends Error {}

function parseFormats(value: string | undefined): Format[] {
  if (!value) return [...FORMATS];
  const list = value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  for (const f of list) {
    if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`unknown format "${f}"; use one or more of ${FORMATS.join(', ')}`);
  }
  return list as Format[];
}

function consoleReporter(quiet: boolean): Reporter {
  return {
    diagnostic: (d: Diagnostic) => console.error(formatDiagnostic(d)),
    step: (name, ms) => {
      if (!quiet) console.log(`  ${name.padEnd(10)} ${ms.toFixed(0).padStart(6)} ms`);
    },
    info: (message) => {
      if (!quiet) console.log(message);
    },
  };
}

async function runBuild(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      format: { type: 'string', short: 'f' },
      quiet: { type: 'boolean', short: 'q', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return EXIT_OK;
  }
  if (positionals.length > 1) throw new UsageError(`build takes one book folder, got ${positionals.length}`);
  const input = positionals[0] ?? '.';
  const formats = parseFormats(values.format);
  const quiet = values.quiet ?? false;
  const reporter = consoleReporter(quiet);
  if (!quiet) console.log(`Building ${input} (${formats.join(', ')})`);
  const start = performance.now();
  const result = await build({ input, outDir: values.out ?? 'dist', formats, reporter });
  if (!quiet) {
    console.log(`  ${'total'.padEnd(10)} ${(performance.now() - start).toFixed(0).padStart(6)} ms`);
    console.log('Wrote:');
    for (const f of formats) {
      const file = result.outputs[f];
      if (file) console.log(`  ${path.relative(process.cwd(), file) || file}`);
    }
  }
  return EXIT_OK;
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
    if (command === 'build') return await runBuild(rest);
    throw new UsageError(`unknown command "${command}"`);
  } catch (err) {
    if (err instanceof OctavoError) {
      for (const d of err.diagnostics) console.error(formatDiagnostic(d));
      console.error(`octavo: build failed with ${err.diagnostics.length} error(s); nothing was written.`);
      return EXIT_BUILD_FAILED;
    }
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`octavo: ${(err as Error).message}\nRun \`octavo --help\` for usage.`);
      return EXIT_USAGE;
    }
    // A bug in Octavo or a crash of a tool it drives: say so plainly; the stack only on request.
    console.error(`octavo: internal error: ${(err as Error).message ?? String(err)}`);
    console.error(process.env.OCTAVO_DEBUG ? (err as Error).stack : 'Set OCTAVO_DEBUG=1 to see the stack trace, and please report it.');
    return EXIT_BUG;
  }
}

const exitCode = await main(process.argv.slice(2));
process.exitCode = exitCode;
