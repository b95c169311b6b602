/**
 * The one data model every writer reads. Built once per build by load +
 * transform; no writer re-parses Markdown.
 */
import type { Root } from 'hast';
import type { BookConfig, ChapterEntry } from './config/config.js';
import type { Credit } from './licence/credit.js';
import type { LineOrigin } from './manuscript/gitbook.js';
import type { ChapterKind } from './structure/kinds.js';

export interface Heading {
  id: string;
  depth: number;
  text: string;
}

/** A chapter as read from disk, before transformation. */
export interface SourceChapter {
  /** Absolute path. */
  file: string;
  /** Path relative to the book root, as shown in diagnostics and credits. */
  relPath: string;
  source: string;
  /** Its place in the reading order (kind, part, title from book.yaml). */
  entry: ChapterEntry;
  /** Where each line came from, when the source was assembled from several files (GitBook includes). */
  origins?: LineOrigin[];
  /** Which piece of its file, when the file was cut into several chapters (split-level). */
  piece?: number;
  /** Levels its headings move up (a piece cut at `##` opens with a `#` title). */
  headingShift?: number;
}

export interface Manuscript {
  config: BookConfig;
  chapters: SourceChapter[];
}

export interface Chapter {
  index: number;
  file: string;
  relPath: string;
  /** Unique across the book; the chapter's anchor and the base of its EPUB file name. */
  id: string;
  title: string;
  /** The chapter's content as hast (its own h1 included). */
  tree: Root;
  headings: Heading[];
  /** Per-chapter front matter, as written. */
  frontMatter: Record<string, unknown>;
  kind: ChapterKind;
  /** Index into config.parts when the chapter belongs to a part. */
  part?: number;
  /** Sub-chapter depth (1 under a chapter, 2 under a sub-chapter …): nested in the contents, headings moved down. */
  depth?: number;
  /** Its number with `number-sections: true` ("2", or "A" for an appendix). */
  number?: string;
  subtitle?: string;
  /** The chapter's own authors (anthologies); empty: the book's. */
  creators: string[];
  lang: string;
  dir: 'ltr' | 'rtl';
  /** The chapter's own credit, when it differs from the book's (anthologies). */
  credit?: ChapterCredit;
  /** Line origins when the chapter was assembled from several files. */
  origins?: LineOrigin[];
}

/**
 * A chapter's own credit (src/licence/credit.ts): its title and creators are
 * the chapter's; without a licence of its own, the book's applies.
 */
export type ChapterCredit = Partial<Pick<Credit, 'source' | 'licence' | 'licenceStatement'>> &
  Pick<Credit, 'changes'> & { adapted: boolean };

/** A file the book uses (an image), checked and given its place in the outputs. */
export interface Asset {
  id: string;
  /** Path inside the outputs, e.g. `images/map.png`; chapters' img src point here. */
  href: string;
  mediaType: string;
  bytes: Uint8Array;
  /** Absolute path of the original. */
  sourceFile: string;
  width?: number;
  height?: number;
  /** The image's own credit, when it has one (title text, a sidecar .credit.yaml, or book.yaml). */
  credit?: ImageCredit;
}

/** An image's own credit (src/licence/credit.ts), placed by its asset's href. */
export type ImageCredit = Omit<Credit, 'kind' | 'target' | 'copyright' | 'adapted'> & { adapted: boolean };

export interface Book {
  config: BookConfig;
  chapters: Chapter[];
  assets: Asset[];
  /** The cover image from book.yaml (also in `assets`); absent: a cover is generated. */
  cover?: Asset;
}
