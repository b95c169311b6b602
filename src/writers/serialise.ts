/**
 * How every HTML edition is serialised: one unified processor ending in
 * rehype-stringify, with its options here (the screen edition, the print
 * document and the PDF's furniture sheets all go through it). The EPUB's
 * XHTML is XML and has its own one step, xhtml.ts.
 */
import type { Root } from 'hast';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';

const processor = unified()
  .use(rehypeStringify, {
    // Trees reach the writers sanitised and composed: no raw HTML is left to pass through.
    allowDangerousHtml: false,
  })
  .freeze();

/** A hast document as HTML text. The tree is not changed. */
export function serialiseHtml(tree: Root): string {
  return processor.stringify(tree);
}
