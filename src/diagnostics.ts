/**
 * One diagnostics type for the whole tool: every problem a user can cause is a
 * Diagnostic with a code, a message, where it is (file:line:col) and what to do.
 */
import path from 'node:path';

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  severity: Severity;
  /** Stable identifier, e.g. `config/unknown-key`; documented in the README. */
  code: string;
  message: string;
  /** Absolute or cwd-relative path of the file the problem is in. */
  file?: string;
  line?: number;
  column?: number;
  /** What the user should do about it. */
  hint?: string;
}

/**
 * An error the user can cause and fix: printed without a stack trace. It
 * carries errors only; the warnings of the same run are in its Diagnostics sink.
 */
export class OctavoError extends Error {
  readonly diagnostics: Diagnostic[];

  constructor(diagnostics: Diagnostic | Diagnostic[]) {
    // In reading order wherever they come from (zod reports unknown keys after the bad values).
    const list = sortDiagnostics(
      (Array.isArray(diagnostics) ? diagnostics : [diagnostics]).filter((d) => d.severity === 'error'),
    );
    super(list.map((d) => formatDiagnostic(d)).join('\n'));
    this.name = 'OctavoError';
    this.diagnostics = list;
  }
}

/**
 * Where a stage reports what it finds. An array is one (a stage that works on
 * its own, e.g. a cached chapter); a build's `Diagnostics` is the one that counts.
 */
export interface DiagnosticSink {
  push(...items: Diagnostic[]): unknown;
}

/**
 * The one sink of a build or check, created by build()/check() and passed to
 * every stage and writer. It keeps each diagnostic once (a file included twice
 * reports its problems once) and hands them out in reading order.
 */
export class Diagnostics implements DiagnosticSink {
  private readonly items: Diagnostic[] = [];
  private readonly keys = new Set<string>();

  /** Told of each new diagnostic as it arrives (progress output); the list stays the record. */
  constructor(private readonly onReport?: (d: Diagnostic) => void) {}

  push(...items: Diagnostic[]): number {
    for (const d of items) {
      const key = JSON.stringify([d.severity, d.code, d.file ? path.resolve(d.file) : '', d.line, d.column, d.message]);
      if (this.keys.has(key)) continue;
      this.keys.add(key);
      this.items.push(d);
      this.onReport?.(d);
    }
    return this.items.length;
  }

  /** Every diagnostic so far, in reading order. */
  list(): Diagnostic[] {
    return sortDiagnostics(this.items);
  }

  hasErrors(): boolean {
    return hasErrors(this.items);
  }

  count(severity: Severity): number {
    return this.items.filter((d) => d.severity === severity).length;
  }

  /** Stops the run when a stage found errors: the OctavoError carries them, the sink keeps the rest. */
  throwIfErrors(): void {
    if (this.hasErrors()) throw new OctavoError(this.items);
  }

  /**
   * Runs a stage and keeps what an OctavoError from it carried, so the sink
   * holds every problem whichever way a stage reported it.
   */
  async collect<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (err instanceof OctavoError) {
        this.push(...err.diagnostics);
        throw new OctavoError(this.items);
      }
      if (err instanceof RangeError && /call stack/i.test(err.message)) {
        // The tree walkers recurse: past the limits' scan (a book that raised limits.nesting), depth overflows.
        this.push(
          error(
            'limits/nesting',
            'the book nests too deeply to be processed (lists, block quotes or HTML elements inside one another).',
            { hint: 'Flatten the nesting; with a lower `limits.nesting` in book.yaml the build names the place.' },
          ),
        );
        throw new OctavoError(this.items);
      }
      throw err;
    }
  }
}

/**
 * Codes of problems with the machine rather than the book (a missing tool, a
 * full disk, an output folder that cannot be written): the CLI exits 3 when
 * every error is one of these.
 */
const ENVIRONMENT_CODES = new Set([
  'pdf/no-chromium',
  'pdf/bad-chromium-path',
  'pdf/chromium-crashed',
  'pdf/ghostscript',
  'pdf/no-icc-profile',
  'preview/pdftoppm',
]);
const ENVIRONMENT_PREFIXES = ['output/', 'temp/'];

export function isEnvironmental(d: Diagnostic): boolean {
  return ENVIRONMENT_CODES.has(d.code) || ENVIRONMENT_PREFIXES.some((p) => d.code.startsWith(p));
}

export function error(code: string, message: string, where: Partial<Diagnostic> = {}): Diagnostic {
  return { severity: 'error', code, message, ...where };
}

export function info(code: string, message: string, where: Partial<Diagnostic> = {}): Diagnostic {
  return { severity: 'info', code, message, ...where };
}

export function warning(code: string, message: string, where: Partial<Diagnostic> = {}): Diagnostic {
  return { severity: 'warning', code, message, ...where };
}

/** One diagnostic as a `--json` output prints it (check's document, build's event stream). */
export interface DiagnosticJson {
  severity: Severity;
  code: string;
  message: string;
  hint?: string;
  /** Relative to the working folder; `where` (the book folder) when the problem is in no single file. */
  file: string;
  line?: number;
  column?: number;
}

export function diagnosticJson(d: Diagnostic, where: string, cwd = process.cwd()): DiagnosticJson {
  const file = path.relative(cwd, path.resolve(cwd, d.file ?? where)) || '.';
  return {
    severity: d.severity,
    code: d.code,
    message: d.message,
    ...(d.hint ? { hint: d.hint } : {}),
    file,
    ...(d.line !== undefined ? { line: d.line } : {}),
    ...(d.column !== undefined ? { column: d.column } : {}),
  };
}

/** `file:line:col severity message [code]`, the format of vfile-reporter and compilers. */
export function formatDiagnostic(d: Diagnostic, cwd = process.cwd()): string {
  let place = '';
  if (d.file) {
    const rel = path.isAbsolute(d.file) ? path.relative(cwd, d.file) || d.file : d.file;
    place = rel.startsWith('..') ? d.file : rel;
    if (d.line !== undefined) place += `:${d.line}`;
    if (d.line !== undefined && d.column !== undefined) place += `:${d.column}`;
    place += ' ';
  }
  const hint = d.hint ? ` ${d.hint}` : '';
  // A message and its hint are two sentences, whoever wrote the message.
  const message = hint && !/[.!?:…]$/.test(d.message) ? `${d.message}.` : d.message;
  return `${place}${d.severity} ${message}${hint} [${d.code}]`;
}

export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === 'error');
}

/**
 * Diagnostics in reading order: files in the order they were first reported,
 * and by line and column within a file (passes over the whole book report late).
 */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  const fileOrder = new Map<string, number>();
  for (const d of list) if (!fileOrder.has(d.file ?? '')) fileOrder.set(d.file ?? '', fileOrder.size);
  return list
    .map((d, i) => ({ d, i }))
    .sort(
      (a, b) =>
        fileOrder.get(a.d.file ?? '')! - fileOrder.get(b.d.file ?? '')! ||
        (a.d.line ?? 0) - (b.d.line ?? 0) ||
        (a.d.column ?? 0) - (b.d.column ?? 0) ||
        a.i - b.i,
    )
    .map(({ d }) => d);
}
