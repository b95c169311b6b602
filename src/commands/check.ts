/**
 * `octavo check`: everything a build does short of writing (load, transform,
 * compose), collecting every diagnostic instead of stopping at the first error.
 * Nothing here prints; the CLI turns a CheckResult into text or JSON.
 */
import path from 'node:path';
import { prepareBook } from '../build.js';
import { formatDiagnostic, OctavoError, type Diagnostic, type Severity } from '../diagnostics.js';
import { CollectingReporter } from '../reporter.js';

export interface CheckResult {
  /** No errors (warnings allowed). */
  ok: boolean;
  errors: number;
  warnings: number;
  diagnostics: Diagnostic[];
}

export interface CheckOptions {
  /** A book.yaml kept outside the book folder. */
  configFile?: string;
}

export async function checkBook(input: string, options: CheckOptions = {}): Promise<CheckResult> {
  const reporter = new CollectingReporter();
  let thrown: Diagnostic[] = [];
  try {
    await prepareBook(input, reporter, {}, { configFile: options.configFile });
  } catch (err) {
    if (!(err instanceof OctavoError)) throw err;
    thrown = err.diagnostics;
  }
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const d of [...reporter.diagnostics, ...thrown]) {
    const key = formatDiagnostic(d, '/');
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push(d);
  }
  const count = (s: Severity) => diagnostics.filter((d) => d.severity === s).length;
  const errors = count('error');
  return { ok: errors === 0, errors, warnings: count('warning'), diagnostics };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `2 errors, 1 warning`. */
export function checkSummary(result: CheckResult): string {
  return `${plural(result.errors, 'error')}, ${plural(result.warnings, 'warning')}`;
}

/** One diagnostic as `--json` prints it. */
export interface CheckJsonDiagnostic {
  severity: Severity;
  code: string;
  message: string;
  hint?: string;
  /** Relative to the working folder; the book folder when the problem is in no single file. */
  file: string;
  line?: number;
  column?: number;
}

export interface CheckJson {
  ok: boolean;
  errors: number;
  warnings: number;
  diagnostics: CheckJsonDiagnostic[];
}

function relative(file: string, cwd: string): string {
  const abs = path.resolve(cwd, file);
  return path.relative(cwd, abs) || '.';
}

/** The `--json` document (documented in README.md, "The command line"). */
export function checkJson(result: CheckResult, input: string, cwd = process.cwd()): CheckJson {
  return {
    ok: result.ok,
    errors: result.errors,
    warnings: result.warnings,
    diagnostics: result.diagnostics.map(
      (d): CheckJsonDiagnostic => ({
        severity: d.severity,
        code: d.code,
        message: d.message,
        ...(d.hint ? { hint: d.hint } : {}),
        file: relative(d.file ?? input, cwd),
        ...(d.line !== undefined ? { line: d.line } : {}),
        ...(d.column !== undefined ? { column: d.column } : {}),
      }),
    ),
  };
}
