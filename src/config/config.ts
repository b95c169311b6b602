/** The validated, defaulted book configuration the rest of Octavo reads. */

import type { Features } from '../dialects/features.js';
import type { Licence } from '../licence/catalogue.js';
import type { ChapterKind } from '../structure/kinds.js';
import type { Limits } from './limits.js';

/** A file of the reading order. */
export interface ChapterEntry {
  /** Path relative to the book folder. */
  file: string;
  /** From book.yaml; when absent, the chapter's front matter `type:` or `chapter`. */
  kind?: ChapterKind;
  title?: string;
  /** Index into BookConfig.parts. */
  part?: number;
  /** 1 for a sub-chapter (listed under another chapter's `chapters:`), 2 for its own, …; absent at the top. */
  depth?: number;
}

export interface PartEntry {
  index: number;
  title: string;
}

/** What a running head shows. */
export type HeadContent = 'book-title' | 'chapter-title' | 'part-title' | 'creator' | 'none';

export interface PdfConfig {
  /** The trim size as book.yaml gave it (A5, "6in 9in"). */
  pageSize: string;
  /** The trim size in millimetres. */
  trim: { width: number; height: number };
  /** Page margins in millimetres; inner is the binding side. */
  margins: { top: number; bottom: number; inner: number; outer: number };
  /** The spine's side: left for left-to-right books, right for right-to-left ones. */
  binding: 'left' | 'right';
  /** Chapters and parts open on a right-hand page (a blank page is added before when needed), or on any page. */
  chapterStart: 'recto' | 'any';
  runningHeads: { verso: HeadContent; recto: HeadContent };
  /** Print each external link's address after its text (paper has no links to follow). */
  linkUrls: boolean;
}

/** The print-shop PDF: present when book.yaml has a `print:` section or the build asks for it. */
export interface PrintShopConfig {
  /** Millimetres of bleed on each side. */
  bleed: number;
  cropMarks: boolean;
  colour: 'keep' | 'cmyk' | 'grey';
  /** Pad the page count with blank pages to a multiple of this (1: no padding). */
  pageMultiple: number;
  /** Make it PDF/X-3 (with Ghostscript; implies CMYK unless the colour is grey). */
  pdfx: boolean;
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
  /** Last modification, ISO 8601 to the second, UTC: SOURCE_DATE_EPOCH, else the manuscript's (config/build-date.ts). */
  modified: string;
  publisher?: string;
  description?: string;
  subjects: string[];
  source?: string;
  licence: Licence;
  /** True when the licence was given in book.yaml (false: all rights reserved assumed). */
  licenceDeclared: boolean;
  licenceStatement?: string;
  /** Copyright line where given, e.g. "© 2019 Kyle Simpson". */
  copyright?: string;
  /** What was changed from the source, as sentences. */
  changes: string[];
  /** Whether any change adapts the content (not only its form): NoDerivatives forbids that. */
  adapted: boolean;
  /** False when book.yaml says nothing about changes (CC 4.0 asks to indicate them). */
  changesDeclared: boolean;
  /** Chapter files in reading order. */
  chapters: ChapterEntry[];
  parts: PartEntry[];
  /** A generated half-title page before the title page. */
  halfTitle: boolean;
  dir: 'ltr' | 'rtl';
  /** Cover image, relative to root; none: a cover is generated. */
  cover?: string;
  /** Smart quotes, dashes and ellipses by language. */
  typography: boolean;
  /** Remote images are never fetched: refuse the build (error) or leave them out with a warning (omit). */
  remoteImages: 'error' | 'omit';
  /** Links to anchors or files that are not in the book: refuse the build (error) or unlink them with a warning (warn). */
  brokenLinks: 'error' | 'warn';
  /** Credits of images, by path relative to the book folder (raw; checked when the image is used). */
  imageCredits: Record<string, unknown>;
  /** Expand GitBook templating ({% include %}, {{ book.x }}…) in chapters. */
  gitbook: boolean;
  /** Expand mdBook's links ({{#include}}, {{#title}}…) and hide `# ` lines of Rust code. */
  mdbook: boolean;
  /** Cut each chapter file into chapters at headings of this level (1–6); a single file: at its top level when absent. */
  splitLevel?: number;
  /** Values for {{ book.name }} / {{ name }} in GitBook books. */
  variables: Record<string, string>;
  /** A line convention that places figures (see transform/figure-lines.ts). */
  figureLines?: { match: string; src: string };
  /** Absolute path of the theme folder. */
  theme: string;
  /** Bounds on the input's shapes (see config/limits.ts). */
  limits: Limits;
  /** Markdown features the chapters are read with (see dialects/features.ts). */
  markdown: Features;
  /** Bibliography files, relative to root (pandoc's `bibliography:`). */
  bibliography: string[];
  /** A CSL style file relative to root; none: Chicago author-date. */
  csl?: string;
  /** Number chapters and sections (pandoc's `number-sections`). */
  numberSections: boolean;
  /** A contents page in the PDF and HTML editions (pandoc's `toc`). */
  toc: boolean;
  /** Heading levels the contents lists (pandoc's `toc-depth`). */
  tocDepth: number;
  /**
   * The EPUB carries the PDF's page numbers (`page-list`, on by default; only when the same
   * build prints). `false` saves measuring them, about a third of a whole build.
   */
  pageList: boolean;
  pdf: PdfConfig;
  /** The print-shop PDF's settings, when book.yaml has a `print:` section. */
  print?: PrintShopConfig;
  /** 1-based line of each top-level key in book.yaml, for diagnostics. */
  keyLines: Record<string, number>;
}
