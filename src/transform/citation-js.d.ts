/** The parts of citation-js Octavo uses (the package ships no types). */
declare module '@citation-js/core' {
  export const plugins: {
    input: { chain(data: string, options: { forceType?: string; generateGraph?: boolean }): unknown[] };
    config: { get(name: string): unknown };
  };
  export const logger: { _log: unknown[]; level: string };
}
/** Plugins that register themselves with the core when loaded. */
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-csl';
