/**
 * pandoc's metadata variables (https://pandoc.org/MANUAL.html#variables) that
 * mean nothing to Octavo, with what to use instead where there is something.
 * A book.yaml or front matter written for pandoc keeps working: these keys are
 * warnings, not errors, and so is any other unknown key in such a file.
 * (The pandoc keys Octavo reads are in schema.ts, spelled as pandoc spells
 * them or as aliases: author, lang, rights, keywords, subject, abstract, date,
 * toc, toc-depth, cover-image, bibliography, csl, number-sections.)
 */

const THEME = 'Octavo takes the look of the book from a theme: `theme: ./my-theme` (CSS).';
const PAGE = 'Set the page in book.yaml: `pdf: { page-size: A5, margins: { … } }`.';
const NONE = '';

export const PANDOC_ONLY_KEYS: Readonly<Record<string, string>> = {
  // Layout and fonts of pandoc's LaTeX, HTML and EPUB writers.
  css: THEME,
  stylesheet: THEME,
  'header-includes': THEME,
  'include-before': THEME,
  'include-after': THEME,
  documentclass: THEME,
  classoption: THEME,
  fontsize: THEME,
  fontfamily: THEME,
  fontfamilyoptions: THEME,
  mainfont: THEME,
  mainfontoptions: THEME,
  sansfont: THEME,
  monofont: THEME,
  mathfont: THEME,
  CJKmainfont: THEME,
  fontenc: THEME,
  linestretch: THEME,
  indent: THEME,
  linkcolor: THEME,
  urlcolor: THEME,
  citecolor: THEME,
  filecolor: THEME,
  toccolor: THEME,
  colorlinks: THEME,
  pagestyle: THEME,
  geometry: PAGE,
  papersize: PAGE,
  'margin-left': PAGE,
  'margin-right': PAGE,
  'margin-top': PAGE,
  'margin-bottom': PAGE,
  // Structure.
  'toc-title': 'The contents title comes from the book’s `language`.',
  'abstract-title': NONE,
  lof: 'Octavo makes no list of figures yet.',
  lot: 'Octavo makes no list of tables yet.',
  secnumdepth: 'Use `number-sections: true`; chapters and sections down to `###` are numbered.',
  numbersections: 'Octavo spells it `number-sections: true`.',
  // Citations.
  'link-citations': 'Citations always link to their entry.',
  'link-bibliography': NONE,
  'reference-section-title': 'Put a heading `# References {#refs}` where the bibliography goes.',
  'suppress-bibliography': NONE,
  'citation-abbreviations': NONE,
  nocite: NONE,
  'biblio-title': 'Put a heading `# References {#refs}` where the bibliography goes.',
  'biblio-style': 'Use `csl:` with a .csl style file.',
  biblatexoptions: NONE,
  natbiboptions: NONE,
  // EPUB and HTML metadata pandoc has and Octavo fills itself.
  'epub-cover-image': 'Octavo spells it `cover:` (or `cover-image:`).',
  'page-progression-direction': 'Octavo takes it from `dir:` (or the language).',
  'belongs-to-collection': NONE,
  'group-position': NONE,
  ibooks: NONE,
  pagetitle: NONE,
  'title-prefix': NONE,
  'author-meta': NONE,
  'date-meta': NONE,
  category: NONE,
  type: NONE,
  format: NONE,
  relation: NONE,
  coverage: NONE,
  contributor: NONE,
  thanks: NONE,
  institute: NONE,
  otherlangs: NONE,
  // R Markdown and Quarto documents carry their tool's settings in the same header.
  output: NONE,
  editor_options: NONE,
  'editor-options': NONE,
  format_version: NONE,
  execute: NONE,
  jupyter: NONE,
};

/** The file is written for pandoc (or R Markdown / Quarto) when it uses any key only they read. */
export function writtenForPandoc(keys: readonly string[]): boolean {
  return keys.some((k) => Object.hasOwn(PANDOC_ONLY_KEYS, k));
}

/**
 * pandoc's `author` may be a list of maps (`- name: Ann`, with `affiliation`);
 * Octavo keeps the names.
 */
export function pandocNames(value: unknown): unknown {
  const name = (v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { name?: unknown }).name === 'string'
      ? (v as { name: string }).name
      : v;
  return Array.isArray(value) ? value.map(name) : name(value);
}

/** pandoc dates are free text; an ISO date with a time keeps its day. */
export function pandocDate(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}[T ]\d/.test(value.trim())) return value.trim().slice(0, 10);
  return value;
}
