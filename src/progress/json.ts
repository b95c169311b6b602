/**
 * `octavo build --json`: one JSON object per line on stdout for every event,
 * for editors and CI to read as it comes (README, "Progress and --json").
 */
import path from 'node:path';
import { type Diagnostic, diagnosticJson } from '../diagnostics.js';
import type { BuildEnd, BuildView, OutputSummary } from './view.js';

export type BuildEvent =
  | { event: 'step-start'; step: string }
  | { event: 'progress'; step: string; phase?: string; done?: number; total?: number; unit?: string }
  | { event: 'step'; step: string; ms: number }
  | { event: 'info'; message: string }
  | ({ event: 'diagnostic' } & ReturnType<typeof diagnosticJson>)
  /** `path` relative to the working folder. */
  | ({ event: 'output' } & OutputSummary)
  | ({ event: 'done' } & BuildEnd);

export class JsonView implements BuildView {
  /** The phase a step is in, repeated on its counts so each line stands alone. */
  private readonly phases = new Map<string, string>();
  private ended = false;
  private readonly started = performance.now();

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly input: string,
    private readonly cwd = process.cwd(),
  ) {}

  private emit(event: BuildEvent): void {
    this.out.write(`${JSON.stringify(event)}\n`);
  }

  begin(): void {}

  start(step: string): void {
    this.phases.delete(step);
    this.emit({ event: 'step-start', step });
  }

  phase(step: string, phase: string): void {
    this.phases.set(step, phase);
    this.emit({ event: 'progress', step, phase });
  }

  progress(step: string, done: number, total: number, unit: string): void {
    const phase = this.phases.get(step);
    this.emit({ event: 'progress', step, ...(phase ? { phase } : {}), done, total, unit });
  }

  step(step: string, ms: number): void {
    this.emit({ event: 'step', step, ms: Math.round(ms) });
  }

  info(message: string): void {
    this.emit({ event: 'info', message });
  }

  note(): void {}

  diagnostics(list: readonly Diagnostic[]): void {
    for (const d of list) this.emit({ event: 'diagnostic', ...diagnosticJson(d, this.input, this.cwd) });
  }

  outputs(list: readonly OutputSummary[]): void {
    for (const o of list) {
      this.emit({
        event: 'output',
        format: o.format,
        ...(o.role ? { role: o.role } : {}),
        path: path.relative(this.cwd, o.path) || o.path,
        bytes: o.bytes,
        ...(o.pages !== undefined ? { pages: o.pages } : {}),
        ...(o.ms !== undefined ? { ms: Math.round(o.ms) } : {}),
      });
    }
  }

  end(result: BuildEnd): void {
    if (this.ended) return;
    this.ended = true;
    this.emit({ event: 'done', ...result, ms: Math.round(result.ms) });
  }

  /** A build that stopped without an end (a crash) still ends the stream, so a reader is not left waiting. */
  close(): void {
    if (!this.ended) this.end({ ok: false, ms: performance.now() - this.started, errors: 0, warnings: 0 });
  }
}
