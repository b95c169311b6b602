/**
 * The Markdown → hast pipeline for one chapter. Chapters are transformed
 * independently; what needs the whole book (unique ids, cross-references) is
 * in book-passes.ts.
 *
 * Order matters:
 * - on the Markdown tree: heading ids from the text as written, then figures,
 *   then smart typography (so captions get it, and code, math and URLs not);
 * - on the HTML tree: the author's raw HTML is parsed and sanitised first, so
 *   that only what the author wrote is sanitised, then math, code
 *   highlighting, heading ids, footnotes (whose ids avoid the others'), and
 *   the last checks.
 */
import type { Root } from 'hast';
import rehypeRaw from 'rehype-raw';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { VFile } from 'vfile';
import type { Heading } from '../book.js';
import type { Limits } from '../config/limits.js';
import type { Features } from '../dialects/features.js';
import { pandocHandlers, remarkPandoc } from '../dialects/pandoc/index.js';
import { remarkUnhandledSyntax } from '../dialects/unhandled.js';
import { rehypeContentModel } from './content-model.js';
import { rehypeImageAlt, remarkFigures } from './figures.js';
import { rehypeFootnotes, remarkFootnoteChecks } from './footnotes.js';
import { remarkFrontMatterData } from './front-matter.js';
import { rehypeHeadingIds, remarkHeadingIds } from './headings.js';
import { rehypeHighlight } from './highlight.js';
import { rehypeMath, remarkMathGuard } from './math.js';
import { rehypeRecordRawHtml, rehypeSafeHtml } from './raw-html.js';
import { rehypeTableAlign } from './tables.js';
import { remarkTypography } from './typography.js';

export { hasMath } from './math.js';
export { remarkTypography, type TypographyOptions } from './typography.js';

/** What a chapter's plugins may know about where the chapter sits. */
export interface ChapterContext {
  /** BCP 47 language of the chapter (its front matter's, else the book's). */
  lang: string;
  dir: 'ltr' | 'rtl';
  /** Absolute path of the book folder. */
  root: string;
  /** Smart quotes, dashes and ellipses (book.yaml / front matter `typography:`, default on). */
  typography: boolean;
  limits: Limits;
  /** Markdown features beyond CommonMark + GFM (book.yaml `markdown:`). */
  features: Features;
  /** GitBook templating was expanded before the parse (it reports its own leftovers). */
  gitbook?: boolean;
}

declare module 'vfile' {
  interface DataMap {
    frontMatter: Record<string, unknown>;
    headings: Heading[];
    context: ChapterContext;
  }
}

/**
 * The pipeline for one set of features. Syntax extensions change the parser,
 * so each set has its own frozen processor (a book has one or two).
 */
function makeProcessor(features: Features) {
  return unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkFrontMatterData)
    .use(remarkGfm, { singleTilde: !features.subscript })
    .use(remarkMath)
    .use(remarkMathGuard)
    .use(remarkPandoc, features)
    .use(remarkHeadingIds)
    .use(remarkFigures)
    .use(remarkFootnoteChecks)
    .use(remarkUnhandledSyntax)
    .use(remarkTypography)
    .use(remarkRehype, { allowDangerousHtml: true, handlers: pandocHandlers })
    .use(rehypeRecordRawHtml)
    .use(rehypeRaw)
    .use(rehypeSafeHtml)
    .use(rehypeMath)
    .use(rehypeHighlight)
    .use(rehypeTableAlign)
    .use(rehypeHeadingIds)
    .use(rehypeFootnotes)
    .use(rehypeImageAlt)
    .use(rehypeContentModel)
    .freeze();
}

const processors = new Map<string, ReturnType<typeof makeProcessor>>();

function processorFor(features: Features) {
  const key = JSON.stringify(features);
  let processor = processors.get(key);
  if (!processor) {
    processor = makeProcessor(features);
    processors.set(key, processor);
  }
  return processor;
}

export interface TransformedMarkdown {
  tree: Root;
  file: VFile;
}

export async function markdownToHast(
  source: string,
  path: string,
  context: ChapterContext,
): Promise<TransformedMarkdown> {
  const file = new VFile({ value: source, path, data: { context } });
  const processor = processorFor(context.features);
  const mdast = processor.parse(file);
  const tree = (await processor.run(mdast, file)) as Root;
  return { tree, file };
}
