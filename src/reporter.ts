/**
 * Library code never prints: it tells a Reporter of its progress, which the
 * CLI (or a test, or an API user) owns. Diagnostics are not progress: they
 * go to the build's Diagnostics sink (diagnostics.ts).
 */
export interface Reporter {
  /** A build step begins (load, transform, each format, write); `step` tells when it ends. */
  start?(name: string): void;
  /** A finished build step and how long it took. */
  step(name: string, ms: number): void;
  info(message: string): void;
  /**
   * What a long step is doing now (the PDF's `measuring`, the EPUB's `packing`),
   * for steps whose parts have no count; a new phase starts its count afresh.
   */
  phase?(step: string, phase: string): void;
  /**
   * Progress inside a step that takes a while: `done` of `total` units
   * (chapters transformed, pages printed); `total` 0 when not known yet.
   */
  progress?(step: string, done: number, total: number, unit: string): void;
}

export const silentReporter: Reporter = {
  step() {},
  info() {},
};

/** Collects everything, for tests and API users who want the list. */
export class CollectingReporter implements Reporter {
  readonly steps: { name: string; ms: number }[] = [];
  readonly messages: string[] = [];
  step(name: string, ms: number): void {
    this.steps.push({ name, ms });
  }
  info(message: string): void {
    this.messages.push(message);
  }
}
