/**
 * What `octavo build` shows while it runs and when it ends, in one of three
 * forms: a live line on a terminal, plain lines in a log (CI, a pipe), or
 * JSON events. The CLI talks to a BuildView; the library only to its Reporter.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Reporter } from '../reporter.js';

/** One file the build wrote, for the summary. */
export interface OutputSummary {
  format: string;
  /** A writer's extra file (`print-shop`), or `preview`. */
  role?: string;
  /** Absolute path. */
  path: string;
  bytes: number;
  pages?: number;
  /** Time of the step that made it. */
  ms?: number;
}

export interface BuildEnd {
  ok: boolean;
  ms: number;
  errors: number;
  warnings: number;
}

export interface BuildView extends Reporter {
  begin(input: string, formats: readonly string[]): void;
  /** The build's diagnostics, once, in reading order. */
  diagnostics(list: readonly Diagnostic[]): void;
  outputs(list: readonly OutputSummary[], totalMs: number): void;
  /** A note for a person (`Preview: 4 spreads in …`); JSON leaves it out. */
  note(message: string): void;
  /** The build is over; JSON says so in a `done` event. */
  end(result: BuildEnd): void;
  /** Stops the live line (and its timer) whatever happened; safe to call twice. */
  close(): void;
}

export interface ViewOptions {
  /** Errors only: no progress, no summary, no warnings. */
  quiet: boolean;
  json: boolean;
  /** The book folder, for diagnostics that name no file (JSON). */
  input: string;
}

/** The view for this process's streams: JSON, a live terminal line on stderr, or plain lines. */
export async function createBuildView(options: ViewOptions): Promise<BuildView> {
  if (options.json) {
    const { JsonView } = await import('./json.js');
    return new JsonView(process.stdout, options.input);
  }
  const { TerminalView, liveLine } = await import('./terminal.js');
  const live = !options.quiet && isLiveTerminal(process.stderr) ? await liveLine(process.stderr) : undefined;
  return new TerminalView({ out: process.stdout, err: process.stderr, quiet: options.quiet, live });
}

/** A terminal that redraws in place: a TTY that is not `TERM=dumb` (Emacs shells, some CI consoles). */
export function isLiveTerminal(stream: NodeJS.WriteStream): boolean {
  return stream.isTTY === true && process.env.TERM !== 'dumb' && !process.env.CI;
}
