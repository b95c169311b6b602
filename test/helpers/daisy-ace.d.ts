/** The parts of DAISY Ace the tests use (its packages ship no types). */
declare module '@daisy/ace-core' {
  export interface AceOptions {
    cwd: string;
    outdir: string;
    tmpdir: string;
    verbose: boolean;
    silent: boolean;
    initLogger: boolean;
  }
  /** Resolves to [job id, the report as JSON-LD]. */
  export default function ace(epub: string, options: AceOptions, runner: unknown): Promise<[string, unknown]>;
}

declare module '@daisy/ace-axe-runner-puppeteer' {
  /** Pages checked at once; Ace reads it from the runner. */
  const runner: { concurrency: number };
  export default runner;
}
