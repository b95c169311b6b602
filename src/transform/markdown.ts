/** The Markdown → hast pipeline for one chapter. Chapters are transformed independently. */
import type { Root } from 'hast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { VFile } from 'vfile';
import type { Heading } from '../book.js';
import { remarkFrontMatterData } from './front-matter.js';
import { rehypeHeadingIds } from './headings.js';
import { remarkReportRawHtml } from './raw-html.js';

/** What a chapter's plugins may know about where the chapter sits. */
export interface ChapterContext {
  /** BCP 47 language of the chapter (its front matter's, else the book's). */
  lang: string;
  dir: 'ltr' | 'rtl';
  /** Absolute path of the book folder. */
  root: string;
}

declare module 'vfile' {
  interface DataMap {
    frontMatter: Record<string, unknown>;
    headings: Heading[];
    context: ChapterContext;
  }
}

const processor = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ['yaml'])
  .use(remarkFrontMatterData)
  .use(remarkGfm)
  .use(remarkReportRawHtml)
  .use(remarkRehype)
  .use(rehypeHeadingIds)
  .freeze();

export interface TransformedMarkdown {
  tree: Root;
  file: VFile;
}

export async function markdownToHast(source: string, path: string, context: ChapterContext): Promise<TransformedMarkdown> {
  const file = new VFile({ value: source, path, data: { context } });
  const mdast = processor.parse(file);
  const tree = (await processor.run(mdast, file)) as Root;
  return { tree, file };
}
