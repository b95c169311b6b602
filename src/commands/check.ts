/**
 * `octavo check`: everything a build does short of writing (load, transform,
 * compose, and each writer's own checks), collecting every diagnostic instead
 * of stopping at the first error. Nothing here prints; the CLI turns a
 * CheckResult into text or JSON.
 */
import { prepareBook } from '../build.js';
import { type Diagnostic, type DiagnosticJson, Diagnostics, diagnosticJson, OctavoError } from '../diagnostics.js';
import { FORMATS, loadWriter } from '../writers/registry.js';

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
  const sink = new Diagnostics();
  try {
    const { composed, slug } = await prepareBook(input, { diagnostics: sink, configFile: options.configFile });
    for (const format of FORMATS) {
      const writer = await loadWriter(format);
      await writer.check?.(composed, { slug, diagnostics: sink, timings: {} });
    }
  } catch (err) {
    if (!(err instanceof OctavoError)) throw err;
    // Usually there already (each stage reports into the sink); kept once either way.
    sink.push(...err.diagnostics);
  }
  const errors = sink.count('error');
  return { ok: errors === 0, errors, warnings: sink.count('warning'), diagnostics: sink.list() };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `2 errors, 1 warning`. */
export function checkSummary(result: CheckResult): string {
  return `${plural(result.errors, 'error')}, ${plural(result.warnings, 'warning')}`;
}

/** One diagnostic as `--json` prints it. */
export type CheckJsonDiagnostic = DiagnosticJson;

export interface CheckJson {
  ok: boolean;
  errors: number;
  warnings: number;
  diagnostics: CheckJsonDiagnostic[];
}

/** The `--json` document (documented in README.md, "The command line"). */
export function checkJson(result: CheckResult, input: string, cwd = process.cwd()): CheckJson {
  return {
    ok: result.ok,
    errors: result.errors,
    warnings: result.warnings,
    diagnostics: result.diagnostics.map((d) => diagnosticJson(d, input, cwd)),
  };
}
