/**
 * The Markdown features Octavo reads beyond CommonMark + GFM, each from the
 * dialect that made it known. All are on by default; book.yaml's `markdown:`
 * turns single ones off (`markdown: { subscript: false }` gives `~x~` back to
 * GFM's strikethrough). Syntax of a feature that is off is not printed
 * silently: dialects/unhandled.ts warns about what is left as text.
 */

export const MARKDOWN_FEATURES = {
  attributes: 'pandoc: `{#id .class key=value}` on headings, images, links, fenced code and `[spans]{.class}`',
  'fenced-divs': 'pandoc: `::: {.note}` … `:::` blocks, as asides where a standard kind fits',
  'definition-lists': 'pandoc: a term, then `: its definition`',
  'inline-notes': 'pandoc: `^[a note written where it is cited]`',
  'table-captions': 'pandoc: `Table: caption {#tbl-id}` before or after a table',
  'line-blocks': 'pandoc: lines starting with `| ` keep their breaks (verse, addresses)',
  superscript: 'pandoc: `2^10^`',
  subscript: 'pandoc: `H~2~O` (off: `~text~` is GFM strikethrough)',
  'raw-tex': 'pandoc: `\\newpage`, `\\begin{…}` and other LaTeX commands are left out with a warning',
  'cross-references': 'pandoc-crossref / Quarto: `{#fig-x}`, `{#tbl-x}`, `{#eq-x}`, `{#sec-x}` and `@fig-x`',
  citations: 'pandoc: `[@key, p. 33]` and `@key` with a `bibliography:`',
  alerts: 'GitHub: `> [!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]`, `[!CAUTION]`',
  emoji: 'GitHub: `:smile:` shortcodes',
} as const;

export type MarkdownFeature = keyof typeof MARKDOWN_FEATURES;
export const FEATURE_NAMES = Object.keys(MARKDOWN_FEATURES) as MarkdownFeature[];

/** Which features a chapter is read with. */
export type Features = Readonly<Record<MarkdownFeature, boolean>>;

export const DEFAULT_FEATURES: Features = Object.fromEntries(FEATURE_NAMES.map((f) => [f, true])) as Record<
  MarkdownFeature,
  boolean
>;

export function resolveFeatures(given: Partial<Record<MarkdownFeature, boolean>> | undefined): Features {
  return { ...DEFAULT_FEATURES, ...given };
}
