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
import remarkFrontmatter from 'remark-frontmatter';
import remarkGemoji from 'remark-gemoji';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { VFile } from 'vfile';
import type { Heading } from '../book.js';
import type { Limits } from '../config/limits.js';
import type { Features } from '../dialects/features.js';
import { remarkAlerts, remarkCjkAutolinks } from '../dialects/github.js';
import { pandocHandlers, remarkPandoc } from '../dialects/pandoc/index.js';
import { remarkUnhandledSyntax } from '../dialects/unhandled.js';
import { citeToHast, rehypeCiteData, remarkCitationSyntax } from './citation-syntax.js';
import { rehypeContentModel } from './content-model.js';
import { blankClosingLabels, remarkEquationLabels } from './equation-labels.js';
import { rehypeImageAlt, remarkFigures } from './figures.js';
import { rehypeFootnotes, remarkFootnoteChecks } from './footnotes.js';
import { remarkFrontMatterData } from './front-matter.js';
import { rehypeHeadingIds, remarkHeadingIds } from './headings.js';
import { rehypeHighlight } from './highlight.js';
import { rehypeMath, remarkMathGuard } from './math.js';
import { remarkMdbookCode, remarkShiftHeadings } from './mdbook-code.js';
import { rehypeRawWhereNeeded, rehypeRecordRawHtml, rehypeSafeHtml } from './raw-html.js';
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
  /** A book laid out for mdBook: hidden `# ` lines in Rust code (see mdbook-code.ts). */
  mdbook?: boolean;
  /** Levels every heading moves up: a chapter split out of a file at `##` opens with its `#` title. */
  headingShift?: number;
  /** The book names a bibliography: `@key` and `[@key]` are citations (with `markdown.citations`). */
  bibliography?: boolean;
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
function makeProcessor(features: Features, bibliography: boolean) {
  const on = <T>(feature: keyof Features, plugin: T): T[] => (features[feature] ? [plugin] : []);
  const citations = features.citations && bibliography;
  const crossReferences = features['cross-references'];
  return (
    unified()
      .use(remarkParse)
      .use(remarkFrontmatter, ['yaml'])
      .use(remarkFrontMatterData)
      .use(remarkGfm, { singleTilde: !features.subscript })
      .use(remarkCjkAutolinks)
      .use(remarkMath)
      .use(remarkMathGuard)
      .use(remarkShiftHeadings)
      .use(remarkMdbookCode)
      .use(remarkPandoc, features)
      // GitHub: emoji before heading ids (a slug drops them, as GitHub's does), alerts before the unhandled-syntax check.
      .use(on('emoji', remarkGemoji))
      .use(on('alerts', remarkAlerts))
      .use(remarkHeadingIds)
      .use(remarkFigures)
      .use(crossReferences ? [remarkEquationLabels] : [])
      .use(citations || crossReferences ? [[remarkCitationSyntax, { citations, crossReferences }]] : [])
      .use(remarkFootnoteChecks)
      .use(remarkUnhandledSyntax)
      .use(remarkTypography)
      .use(remarkRehype, { allowDangerousHtml: true, handlers: { ...pandocHandlers, cite: citeToHast } })
      .use(rehypeRecordRawHtml)
      .use(rehypeRawWhereNeeded)
      .use(rehypeSafeHtml)
      .use(citations || crossReferences ? [rehypeCiteData] : [])
      .use(rehypeMath)
      .use(rehypeHighlight)
      .use(rehypeTableAlign)
      .use(rehypeHeadingIds)
      .use(rehypeFootnotes)
      .use(rehypeImageAlt)
      .use(rehypeContentModel)
      .freeze()
  );
}

const processors = new Map<string, ReturnType<typeof makeProcessor>>();

function processorFor(features: Features, bibliography: boolean) {
  const key = JSON.stringify([features, bibliography]);
  let processor = processors.get(key);
  if (!processor) {
    processor = makeProcessor(features, bibliography);
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
  // `$$ {#eq-x}` closing a display: the label is read aside, the fence left plain (see equation-labels.ts).
  const labelled = context.features['cross-references'] ? blankClosingLabels(source) : undefined;
  const file = new VFile({
    value: labelled?.source ?? source,
    path,
    data: { context, ...(labelled?.labels.size ? { equationLabels: labelled.labels } : {}) },
  });
  const processor = processorFor(context.features, context.bibliography ?? false);
  const mdast = processor.parse(file);
  const tree = (await processor.run(mdast, file)) as Root;
  return { tree, file };
}
