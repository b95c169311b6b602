/**
 * Library code never prints: it tells a Reporter, which the CLI (or a test, or
 * an API user) owns. `--quiet` and `--json` are then one place.
 */
import type { Diagnostic } from './diagnostics.js';

export interface Reporter {
  diagnostic(d: Diagnostic): void;
  /** A finished build step and how long it took. */
  step(name: string, ms: number): void;
  info(message: string): void;
}

export const silentReporter: Reporter = {
  diagnostic() {},
  step() {},
  info() {},
};

/** Collects everything, for tests and API users who want the list. */
export class CollectingReporter implements Reporter {
  readonly diagnostics: Diagnostic[] = [];
  readonly steps: { name: string; ms: number }[] = [];
  readonly messages: string[] = [];
  diagnostic(d: Diagnostic): void {
    this.diagnostics.push(d);
  }
  step(name: string, ms: number): void {
    this.steps.push({ name, ms });
  }
  info(message: string): void {
    this.messages.push(message);
  }
}
