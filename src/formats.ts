/** The output formats, apart from build.ts so the CLI can name them without loading the writers. */
export const FORMATS = ['epub', 'pdf', 'html'] as const;
export type Format = (typeof FORMATS)[number];
