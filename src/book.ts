/**
 * The one data model every writer reads. Built once per build by load +
 * transform; no writer re-parses Markdown.
 */
import type { Root } from 'hast';
import type { BookConfig } from './config/config.js';
import type { Diagnostic } from './diagnostics.js';

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
}

export interface Manuscript {
  config: BookConfig;
  chapters: SourceChapter[];
  diagnostics: Diagnostic[];
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
}

export interface Book {
  config: BookConfig;
  chapters: Chapter[];
  diagnostics: Diagnostic[];
}
