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
 * carries every diagnostic found so far, warnings included, errors among them.
 */
export class OctavoError extends Error {
  readonly diagnostics: Diagnostic[];

  constructor(diagnostics: Diagnostic | Diagnostic[]) {
    // In reading order wherever they come from (zod reports unknown keys after the bad values).
    const list = sortDiagnostics(Array.isArray(diagnostics) ? diagnostics : [diagnostics]);
    super(list.map((d) => formatDiagnostic(d)).join('\n'));
    this.name = 'OctavoError';
    this.diagnostics = list;
  }
}

export function error(code: string, message: string, where: Partial<Diagnostic> = {}): Diagnostic {
  return { severity: 'error', code, message, ...where };
}

export function warning(code: string, message: string, where: Partial<Diagnostic> = {}): Diagnostic {
  return { severity: 'warning', code, message, ...where };
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
