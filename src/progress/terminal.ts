/**
 * The human forms of the build's output. Step timings and the summary go to
 * stdout, diagnostics to stderr. On a terminal, one live line on stderr
 * shows the running step (`pdf  printing 665 pages (pass 2)  6.4 s`), drawn
 * in place by log-update and replaced by the step's timing when it ends;
 * elsewhere (CI, a pipe) plain lines only: a step's timing when it ends, and
 * one line when a step is still running after a while, never one per page.
 */
import path from 'node:path';
import { type Diagnostic, formatDiagnostic } from '../diagnostics.js';
import { formatBytes, formatCount, formatDuration } from './format.js';
import type { BuildEnd, BuildView, OutputSummary } from './view.js';

/** What the view needs of log-update: draw a frame, erase it, give the cursor back. */
export interface LiveLine {
  (text: string): void;
  clear(): void;
  done(): void;
}

/** log-update on `stream`; imported only for a terminal, so pipes and CI never load it. */
export async function liveLine(stream: NodeJS.WriteStream): Promise<LiveLine> {
  const { createLogUpdate } = await import('log-update');
  return createLogUpdate(stream);
}

/** How often the live line's clock moves while nothing else happens (Chromium printing). */
const TICK_MS = 200;
/** No more redraws than this (a page counter can move faster than a terminal wants). */
const REDRAW_MS = 50;
/** A plain log says a step is still running once it has run this long. */
const STILL_RUNNING_MS = 2000;

interface Running {
  name: string;
  started: number;
  phase?: string;
  count?: string;
  /** Plain lines: the step's "still running" line is out. */
  announced: boolean;
}

export interface TerminalViewOptions {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  quiet: boolean;
  /** Absent: plain lines. */
  live?: LiveLine;
  /** Paths in the summary are shown relative to it. */
  cwd?: string;
}

const stepLine = (name: string, text: string) => `  ${name.padEnd(10)} ${text}`;

export class TerminalView implements BuildView {
  private readonly out: NodeJS.WritableStream;
  private readonly err: NodeJS.WritableStream;
  private readonly quiet: boolean;
  private readonly live?: LiveLine;
  private readonly cwd: string;
  private running?: Running;
  private timer?: NodeJS.Timeout;
  private lastDraw = 0;

  constructor(options: TerminalViewOptions) {
    this.out = options.out;
    this.err = options.err;
    this.quiet = options.quiet;
    this.live = options.live;
    this.cwd = options.cwd ?? process.cwd();
  }

  begin(input: string, formats: readonly string[]): void {
    this.print(`Building ${input} (${formats.join(', ')})`);
  }

  start(name: string): void {
    this.running = { name, started: performance.now(), announced: false };
    if (this.quiet) return;
    this.stopTimer();
    if (this.live) {
      this.timer = setInterval(() => this.draw(true), TICK_MS);
      this.draw(true);
    } else {
      this.timer = setTimeout(() => this.announce(), STILL_RUNNING_MS);
    }
    this.timer.unref();
  }

  phase(step: string, phase: string): void {
    const running = this.current(step);
    if (!running) return;
    running.phase = phase;
    running.count = undefined;
    this.draw(true);
  }

  progress(step: string, done: number, total: number, unit: string): void {
    const running = this.current(step);
    if (!running) return;
    running.count = formatCount(done, total, unit);
    this.draw(total > 0 && done >= total);
  }

  step(name: string, ms: number): void {
    if (this.running?.name === name) {
      this.stopTimer();
      this.running = undefined;
    }
    this.print(stepLine(name, formatDuration(ms).padStart(7)));
  }

  info(message: string): void {
    this.print(message);
  }

  note(message: string): void {
    this.print(message);
  }

  diagnostics(list: readonly Diagnostic[]): void {
    // --quiet: errors only; a warning is for the author at work, not for a script.
    const shown = this.quiet ? list.filter((d) => d.severity === 'error') : list;
    if (!shown.length) return;
    this.live?.clear();
    for (const d of shown) this.err.write(`${formatDiagnostic(d, this.cwd)}\n`);
    this.draw(true);
  }

  /** `dist/book.pdf  2.4 MB  665 pages  13.1 s`, one line a file, in columns. */
  outputs(list: readonly OutputSummary[], totalMs: number): void {
    this.print(stepLine('total', formatDuration(totalMs).padStart(7)));
    if (!list.length) return;
    const rows = list.map((o) => [
      path.relative(this.cwd, o.path) || o.path,
      formatBytes(o.bytes),
      o.pages === undefined ? '' : `${o.pages} page${o.pages === 1 ? '' : 's'}`,
      o.ms === undefined ? '' : formatDuration(o.ms),
    ]);
    const width = (i: number) => Math.max(...rows.map((r) => r[i]!.length));
    const [w0, w1, w2, w3] = [width(0), width(1), width(2), width(3)];
    this.print('Wrote:');
    for (const [file, size, pages, time] of rows) {
      const columns = [file!.padEnd(w0), size!.padStart(w1), ...(w2 ? [pages!.padStart(w2)] : []), time!.padStart(w3)];
      this.print(`  ${columns.join('  ').trimEnd()}`);
    }
  }

  end(_result: BuildEnd): void {
    this.close();
  }

  close(): void {
    this.stopTimer();
    this.running = undefined;
    if (this.live) {
      this.live.clear();
      this.live.done();
    }
  }

  /** The running step, if `step` is it (a late report of a step that ended is dropped). */
  private current(step: string): Running | undefined {
    return this.running?.name === step ? this.running : undefined;
  }

  private print(line: string): void {
    if (this.quiet) return;
    // The live line sits below the log: lift it, write, draw it again.
    this.live?.clear();
    this.out.write(`${line}\n`);
    this.draw(true);
  }

  private draw(force: boolean): void {
    const running = this.running;
    if (!this.live || !running || this.quiet) return;
    const now = performance.now();
    if (!force && now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    const doing = [running.phase, running.count].filter(Boolean).join('  ') || '…';
    this.live(stepLine(running.name, `${doing}  ${formatDuration(now - running.started)}`));
  }

  /** Plain lines: one line for a step that is taking a while, saying what it is doing. */
  private announce(): void {
    const running = this.running;
    if (!running || running.announced || this.quiet) return;
    running.announced = true;
    this.out.write(`${stepLine(running.name, `running${running.phase ? `: ${running.phase}` : ''}…`)}\n`);
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
