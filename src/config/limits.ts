/**
 * The bounds a build keeps to whatever the input (issue 11 §3), each a
 * book.yaml setting under `limits:` and named in the error it gives, so a
 * book that truly needs more can say so.
 */
import { type Diagnostic, error } from '../diagnostics.js';

export interface Limits {
  /** Lists, block quotes and HTML elements inside one another. */
  nesting: number;
  /** Characters in one paragraph (a run of lines without a blank one), or in one code block. */
  paragraphCharacters: number;
  /** Runs of `*`, `_` and `~` in one paragraph (emphasis is resolved in time quadratic in them). */
  emphasisMarks: number;
  /** Columns of one table. */
  tableColumns: number;
  /** Pixels of one raster image, in millions (Chromium decodes it whole to print it). */
  imageMegapixels: number;
}

export const DEFAULT_LIMITS: Limits = {
  nesting: 100,
  paragraphCharacters: 1_048_576,
  emphasisMarks: 10_000,
  tableColumns: 1_000,
  imageMegapixels: 50,
};

/** book.yaml's name for each limit. */
export const LIMIT_SETTINGS: Record<keyof Limits, string> = {
  nesting: 'nesting',
  paragraphCharacters: 'paragraph-characters',
  emphasisMarks: 'emphasis-marks',
  tableColumns: 'table-columns',
  imageMegapixels: 'image-megapixels',
};

/** The error for a limit passed at `file`:`line`; `what` says what was found, with its size. */
export function overLimit(
  limit: keyof Limits,
  limits: Limits,
  what: string,
  at: { file?: string; line?: number; column?: number },
  remedy: string,
): Diagnostic {
  const setting = `limits.${LIMIT_SETTINGS[limit]}`;
  return error(
    `limits/${LIMIT_SETTINGS[limit]}`,
    `${what}, over the limit of ${limits[limit].toLocaleString('en')} (${setting}).`,
    {
      ...at,
      hint: `${remedy}, or raise \`${setting}\` in book.yaml (a single file: in its front matter) if the book truly needs it.`,
    },
  );
}

/** book.yaml's `limits:` (checked by the schema) over the defaults. */
export function resolveLimits(given: Partial<Record<string, number | undefined>> | undefined): Limits {
  const limits = { ...DEFAULT_LIMITS };
  for (const [key, setting] of Object.entries(LIMIT_SETTINGS) as [keyof Limits, string][]) {
    const value = given?.[setting];
    if (value !== undefined) limits[key] = value;
  }
  return limits;
}
