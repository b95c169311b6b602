/**
 * What each book.yaml field means, for the JSON Schema (editor tooltips). Keyed
 * by dotted path (`pdf.page-size`). A unit test fails when the zod schema has a
 * field that is described neither here nor by `.meta({ description })`.
 */
import { DEFAULT_LIMITS } from '../config/limits.js';
import { MARKDOWN_FEATURES } from '../dialects/features.js';

export interface FieldDoc {
  description: string;
  examples?: unknown[];
  default?: unknown;
}

export const FIELD_DOCS: Record<string, FieldDoc> = {
  title: {
    description: "The book's title: on the title page, in the contents and in every edition's metadata. Required.",
    examples: ['My First Book'],
  },
  subtitle: { description: 'A subtitle, shown under the title.' },
  creator: {
    description:
      'Author(s) or rights holder: a name or a list of names. Required by every CC BY licence, which asks to credit the creator. `author` is accepted too.',
    examples: ['Ann Author', ['Ann Author', 'Bob Writer']],
  },
  language: {
    description:
      'The language of the text, as a BCP 47 tag. Used by readers, hyphenation and screen readers. Default `en`, with a warning.',
    examples: ['en', 'fr', 'pt-BR', 'fa'],
    default: 'en',
  },
  dir: {
    description:
      'Direction of the text: `ltr` (left to right) or `rtl` (right to left, e.g. Arabic, Persian, Hebrew). Default: from the language.',
  },
  identifier: {
    description:
      'A unique identifier such as `isbn:…` or `urn:uuid:…`. Default: a UUID derived from title, creators, language, publisher and date, so it stays the same from build to build.',
    examples: ['isbn:9780000000000', 'urn:uuid:00000000-0000-5000-8000-000000000000'],
  },
  date: {
    description: 'Publication date as YYYY, YYYY-MM or YYYY-MM-DD. None is invented when absent.',
    examples: ['2024', '2024-05', '2024-05-17'],
  },
  publisher: { description: 'The publisher, in the metadata and the colophon.' },
  description: { description: 'A short summary: EPUB `dc:description`, PDF subject, HTML meta description.' },
  subjects: {
    description: 'Subjects or keywords (EPUB `dc:subject`, PDF keywords).',
    examples: [['History', 'Travel']],
  },
  source: {
    description:
      'Where the text comes from: a URL, or a description when there is none. CC BY licences ask to credit the source where it is known.',
    examples: ['https://example.org/original-article'],
  },
  licence: {
    description:
      'The licence as an SPDX id (any case) or an SPDX expression such as `MIT OR Apache-2.0`; a licence name or URL works too. Without it the book says "all rights reserved", with a warning. Every edition carries the licence: a colophon for people, metadata for machines. `license` is accepted too.',
    examples: ['CC-BY-4.0', 'CC-BY-SA-4.0', 'CC-BY-NC-4.0', 'CC0-1.0', 'MIT OR Apache-2.0'],
  },
  'licence-statement': {
    description: "The source's own licence sentence, reproduced verbatim in the colophon and the metadata.",
    examples: ['This work is licensed under a Creative Commons Attribution 4.0 International License.'],
  },
  changes: {
    description:
      'What was changed from the source: a sentence or a list. CC 4.0 licences ask to indicate modifications.',
    examples: [['Added a title.', 'Corrected spelling.']],
  },
  chapters: {
    description:
      'The chapter files in reading order, relative to the book folder (they must lie inside it). Default: every *.md file at the top of the folder (not README.md or files starting with `_`), in natural order.',
    examples: [['01-beginning.md', '02-middle.md']],
  },
  cover: {
    description:
      'A cover image, relative to the book folder. Default: a cover is generated from the title and creator.',
  },
  typography: { description: 'Smart quotes, dashes and ellipses according to the language. Default: on.' },
  'figure-lines': {
    description:
      'For books that place figures with a line of their own convention instead of Markdown image syntax: a paragraph whose first line matches `match` (a regular expression) becomes a figure of the image `src` (relative to the book folder; `$1`… are the groups), the rest of the paragraph its caption.',
    examples: [{ match: '^Insert (\\S+)\\.png$', src: 'figures/$1.png' }],
  },
  'figure-lines.match': {
    description: 'A regular expression for the line that places a figure, e.g. `^Insert (\\S+)\\.png$`.',
  },
  'figure-lines.src': {
    description: 'The image, relative to the book folder; `$1`, `$2`… stand for the groups of `match`.',
  },
  copyright: {
    description:
      'A copyright line where the source gives one, e.g. `© 2019 Kyle Simpson`; shown in the colophon and the metadata.',
  },
  'image-credits': {
    description:
      'Credits of images reused under their own licence, by path relative to the book folder: `creator`, `source`, `licence` (required), `title`, `licence-statement`, `changes`. A file `IMAGE.credit.yaml` next to an image does the same.',
    examples: [{ 'images/map.png': { creator: 'Jane Doe', source: 'https://example.org/map', licence: 'CC-BY-4.0' } }],
  },
  gitbook: {
    description:
      'For books written for GitBook: expand `{% include "file" %}`, `{% raw %}`, `{% filename %}` and `{{ book.name }}` in the chapters. Included text keeps its own file and line in diagnostics.',
    default: false,
  },
  mdbook: {
    description:
      'For books written for mdBook: expand `{{#include file:2:10}}`, `{{#include file:anchor}}`, `{{#rustdoc_include …}}`, `{{#playground …}}` and `{{#title …}}` in the chapters, and hide the `# ` lines of Rust code blocks (and of blocks with no language). A folder with a book.toml and no book.yaml is built so; `octavo init --from` writes the book.yaml with this set.',
    default: false,
  },
  'split-level': {
    description:
      'Cut chapter files into several chapters at the headings of this level (1–6). A single Markdown file is cut at its top heading level when it has several headings there; a first `# Title` that repeats the title is the title, not a chapter.',
    examples: [1, 2],
  },
  variables: {
    description: 'Values for `{{ book.name }}` (and `{{ name }}`) in a GitBook book, e.g. `py_release: "3.12"`.',
    examples: [{ py_release: '3.12' }],
  },
  'broken-links': {
    description:
      'What a link to an id that exists nowhere in the book does: `error` (the default) stops the build; `warn` reports it and leaves the text unlinked.',
    default: 'error',
  },
  'remote-images': {
    description:
      'What to do with an image linked by URL (http://…), which a build never downloads: `error` (the default for a book folder) stops the build; `omit` (the default for a single Markdown file) leaves it out, keeping its alt text, with one warning. `octavo build --remote-images` overrides it.',
    default: 'error',
  },
  theme: {
    description: '`default`, or a path such as `./my-theme` to a folder laid out like templates/default.',
    examples: ['default', './my-theme'],
    default: 'default',
  },
  markdown: {
    description:
      'Markdown features to turn off (all are on by default), for a manuscript whose syntax means something else: e.g. `subscript: false` makes `~text~` strikethrough as on GitHub. Syntax of a feature that is off is kept as text with a warning.',
    examples: [{ subscript: false, superscript: false }],
  },
  ...Object.fromEntries(
    Object.entries(MARKDOWN_FEATURES).map(([name, what]) => [`markdown.${name}`, { description: what, default: true }]),
  ),
  bibliography: {
    description:
      'A bibliography file (BibTeX `.bib`, CSL JSON `.json` or CSL YAML `.yaml`), or a list of them, for citations such as `[@key, p. 33]`.',
    examples: ['references.bib'],
  },
  csl: {
    description: 'A citation style (`.csl` file in the book folder). Default: Chicago author-date.',
    examples: ['apa.csl'],
  },
  'number-sections': {
    description:
      'Number chapters and their sections (1, 1.1, 1.2…) in the headings, the contents and cross-references, as pandoc does.',
    default: false,
  },
  toc: {
    description: 'A contents page in the PDF and HTML editions (the EPUB always has its navigation). Default: on.',
    default: true,
  },
  'toc-depth': {
    description:
      'How many heading levels the contents and the EPUB navigation list: 1 for chapters only, 2 for chapters and their `##` sections, 3 for `###` too.',
    default: 2,
  },
  'page-list': {
    description:
      "The EPUB carries the PDF's page numbers: a page list, and a marker where each PDF page begins (when the same build makes the PDF). Measuring where pages begin makes the whole build about a third slower (a 786-page book 14 → 24 s); false leaves it out.",
    default: true,
  },
  pdf: { description: 'Settings of the print (PDF) edition.' },
  'pdf.page-size': {
    description:
      'Trim size of the PDF: A4, A5, A6, B5, Letter, Legal, "US Trade" (6 × 9 in), Digest (5.5 × 8.5 in), Novel (5 × 8 in), in any case, or "WIDTH HEIGHT" with units mm, cm, in or pt.',
    examples: ['A5', 'US Trade', '6in 9in', '148mm 210mm'],
    default: 'A5',
  },
  'pdf.chapter-start': {
    description:
      'Where chapters and parts open in the PDF: `recto` (a right-hand page, with a blank page before when needed, as printed books do) or `any`.',
    default: 'recto',
  },
  'pdf.binding': {
    description:
      'The side of the spine: `left` (default for left-to-right books) or `right` (default for right-to-left ones). The inner margin is on this side of a recto.',
  },
  'pdf.margins': {
    description:
      'Page margins; each defaults in proportion to the trim size (A5: top 16.8 mm, bottom 21 mm, inner 17 mm, outer 13.3 mm).',
  },
  'pdf.margins.top': {
    description: 'Top margin, which holds the running head: a length such as 18mm or 0.75in (a bare number is mm).',
  },
  'pdf.margins.bottom': { description: 'Bottom margin, which holds the folio.' },
  'pdf.margins.inner': {
    description: 'Inner (binding-side) margin; wider than the outer by default, as a glued spine takes some of it.',
  },
  'pdf.margins.outer': { description: 'Outer margin.' },
  'pdf.running-heads': {
    description:
      'What the running heads show, on versos and on rectos. None on chapter openings, part pages and blank pages.',
  },
  'pdf.running-heads.verso': {
    description: '`book-title` (default), `chapter-title`, `part-title`, `creator` or `none`.',
    default: 'book-title',
  },
  'pdf.running-heads.recto': {
    description: '`chapter-title` (default), `book-title`, `part-title`, `creator` or `none`.',
    default: 'chapter-title',
  },
  'pdf.link-urls': {
    description:
      'Print the address of each external link after its text, since paper cannot be clicked (the link stays live in the PDF). Default true.',
    default: true,
  },
  print: {
    description:
      'The print-shop PDF (`<book>-print.pdf`, next to the reading PDF): written when this section is present or with `octavo build --print-shop`.',
  },
  limits: {
    description:
      'Bounds on shapes of text that make a build slow or deep beyond reason (a contributed chapter, a README from the internet). A build that passes one stops with an error naming the file, the line and the setting; raise it here if the book truly needs more.',
  },
  'limits.nesting': {
    description: 'How deep lists, block quotes and HTML elements may nest inside one another.',
    default: DEFAULT_LIMITS.nesting,
  },
  'limits.paragraph-characters': {
    description: 'Characters in one paragraph (lines with no blank line between them) or one code block.',
    default: DEFAULT_LIMITS.paragraphCharacters,
  },
  'limits.emphasis-marks': {
    description:
      'Runs of `*`, `_` and `~` in one paragraph (emphasis is matched in time that grows with their square).',
    default: DEFAULT_LIMITS.emphasisMarks,
  },
  'limits.table-columns': { description: 'Columns of one table.', default: DEFAULT_LIMITS.tableColumns },
  'limits.image-megapixels': {
    description: 'Millions of pixels of one raster image (Chromium decodes each whole to print it: 4 bytes a pixel).',
    default: DEFAULT_LIMITS.imageMegapixels,
  },
  'print.bleed': {
    description: 'Bleed around the trim on each side: a length such as 3mm or 0.125in (a bare number is mm).',
    default: '3mm',
  },
  'print.crop-marks': {
    description: 'Draw crop marks outside the bleed (print shops want them; most print-on-demand services do not).',
    default: true,
  },
  'print.colour': {
    description:
      '`keep` the colours, or convert them all to `cmyk` or `grey` with Ghostscript (installed by `node scripts/bootstrap.mjs --print-shop`).',
    default: 'keep',
  },
  'print.pdfx': {
    description:
      'Make the print-shop PDF a PDF/X-3 (with Ghostscript; CMYK unless colour is grey). PDF/X has no links, and Ghostscript keeps neither tags nor XMP and flattens any page with transparency into an image.',
    default: false,
  },
  'print.page-multiple': {
    description: 'Add blank pages at the end until the page count is a multiple of this (e.g. 4 or 16 for signatures).',
    default: 1,
  },
};
