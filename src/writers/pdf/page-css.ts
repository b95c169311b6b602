/**
 * The book's @page rules: trim size, mirrored margins, running heads and
 * folios. Generated per book because Chromium has no string-set(): each
 * chapter gets a named page whose recto head is its own title.
 */
import type { ComposedBook } from '../../templates/compose.js';

/** A CSS string literal; CSS is not HTML, and this is its only escaping rule. */
export function cssString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\A ')}"`;
}

/** Inner plus outer margin (mm): the text column is the page width less this. */
export const HORIZONTAL_MARGINS_MM = 30;

const HEAD = 'font-family: inherit; font-size: 8pt; font-style: italic; color: #333;';
const FOLIO = 'font-size: 9pt;';

export function pageCss(composed: ComposedBook): string {
  const { book, divisions } = composed;
  const title = cssString(book.config.title);
  const rules: string[] = [
    `@page { size: ${book.config.pdf.pageSize}; margin: 17mm 15mm 20mm 15mm;
  @bottom-center { content: counter(page); ${FOLIO} } }`,
    // Mirrored margins: the inner (binding) margin is the wider one.
    `@page :left { margin-left: 13mm; margin-right: ${HORIZONTAL_MARGINS_MM - 13}mm; }`,
    `@page :right { margin-left: ${HORIZONTAL_MARGINS_MM - 13}mm; margin-right: 13mm; }`,
    // Front matter has no folios, and the count starts at 1 on the first chapter.
    '@page titlepage { counter-reset: page 0; @bottom-center { content: none; } }',
    '@page front { counter-reset: page 0; @bottom-center { content: none; } }',
    `@page back:left { @top-center { content: ${title}; ${HEAD} } }`,
    '@page part { @top-center { content: none; } @bottom-center { content: none; } }',
    // The blank page before a chapter that must open on a recto: no running head, no folio.
    '@page blank { @top-center { content: none; } @bottom-center { content: none; } }',
    '.blank-page { page: blank; break-before: page; }',
  ];
  // Versos carry the book's title, rectos the chapter's; in a right-to-left book the recto is the left page.
  const [verso, recto] = book.config.dir === 'rtl' ? ['right', 'left'] : ['left', 'right'];
  for (const d of divisions) {
    if (!d.chapter) continue;
    if (d.matter === 'front') {
      rules.push(`#${d.id} { page: front; }`);
      continue;
    }
    const name = `division-${d.id}`;
    rules.push(
      `#${d.id} { page: ${name}; }`,
      `@page ${name}:${verso} { @top-center { content: ${title}; ${HEAD} } }`,
      `@page ${name}:${recto} { @top-center { content: ${cssString(d.title)}; ${HEAD} } }`,
    );
  }
  return rules.join('\n');
}
