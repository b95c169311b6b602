/** The validated, defaulted book configuration the rest of Octavo reads. */
import type { Licence } from '../licence/catalogue.js';

export interface PdfConfig {
  /** CSS `size` value: a name (A5) or "WIDTH HEIGHT". */
  pageSize: string;
}

export interface BookConfig {
  /** Absolute path of the book folder. */
  root: string;
  /** Absolute path of book.yaml, or of the single Markdown file built as a book. */
  configFile: string;
  title: string;
  subtitle?: string;
  creators: string[];
  language: string;
  identifier: string;
  /** Publication date as given (YYYY[-MM[-DD]]); absent when unknown. */
  date?: string;
  /** Last modification, ISO 8601 to the second, UTC (SOURCE_DATE_EPOCH or now). */
  modified: string;
  publisher?: string;
  description?: string;
  subjects: string[];
  source?: string;
  licence: Licence;
  /** True when the licence was given in book.yaml (false: all rights reserved assumed). */
  licenceDeclared: boolean;
  licenceStatement?: string;
  changes: string[];
  /** Chapter files relative to root, in reading order. */
  chapters: string[];
  /** Absolute path of the theme folder. */
  theme: string;
  pdf: PdfConfig;
  /** 1-based line of each top-level key in book.yaml, for diagnostics. */
  keyLines: Record<string, number>;
}
