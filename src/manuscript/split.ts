/**
 * One Markdown file cut into several chapters at its headings: a single-file
 * book with several top-level headings, or any chapter file when book.yaml
 * (or the single file's front matter) sets `split-level`.
 *
 * Each piece keeps the file's line numbering: the lines of the other pieces
 * are left blank, so diagnostics, line origins and positions stay the file's
 * own. Link reference definitions (`[x]: url`) are kept in every piece, as
 * they serve the whole file. A first `# Title` that repeats the book's title
 * is the title, not a chapter.
 */
import type { Heading, Root, RootContent } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

export interface Piece {
  /** The file's text with every line outside this piece blank. */
  source: string;
  /** Levels the piece's headings move up, so its own heading is its `#` title. */
  headingShift: number;
}

export interface SplitOptions {
  /** `split-level`; absent: the file's top heading level, and only when it has several chapters' headings. */
  level?: number;
  /** The book's title from front matter: a first heading repeating it is the title, not a chapter. */
  bookTitle?: string;
  /** Blank the front matter (a single-file book's, which is the book's configuration). */
  dropFrontMatter?: boolean;
}

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkMath).freeze();

function text(node: { value?: string; children?: unknown[] }): string {
  if (typeof node.value === 'string') return node.value;
  return ((node.children ?? []) as object[]).map((c) => text(c as never)).join('');
}

const same = (a: string, b: string) =>
  a
    .replace(/\s*\{#[^}]*\}\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase() === b.replace(/\s+/g, ' ').trim().toLowerCase();

/** The pieces of `source`, or undefined when it stays one chapter. */
export function splitChapter(source: string, options: SplitOptions = {}): Piece[] | undefined {
  const tree = parser.parse(source) as Root;
  const nodes = tree.children as RootContent[];
  const startLine = (n: RootContent) => n.position?.start.line ?? 1;
  const endLine = (n: RootContent) => n.position?.end.line ?? startLine(n);
  const blank = new Set<number>();
  const keep = new Set<number>();
  const frontMatter = new Set<number>();
  for (const n of nodes) {
    if (n.type === 'yaml')
      for (let l = startLine(n); l <= endLine(n); l++) (options.dropFrontMatter ? blank : frontMatter).add(l);
    if (n.type === 'definition') for (let l = startLine(n); l <= endLine(n); l++) keep.add(l);
  }
  const content = nodes.filter((n) => n.type !== 'yaml' && n.type !== 'definition');
  let headings = content.filter((n): n is Heading => n.type === 'heading');
  const first = content[0];
  let titleHeading: Heading | undefined;
  if (first?.type === 'heading' && options.bookTitle && same(text(first), options.bookTitle)) {
    titleHeading = first;
    headings = headings.filter((h) => h !== first);
  }
  if (headings.length === 0) return undefined;
  // The file's top level counts its title heading: `# Title` over `##` sections is one chapter, as pandoc reads it.
  const level = options.level ?? Math.min(...headings.map((h) => h.depth), titleHeading?.depth ?? 6);
  const cuts = headings.filter((h) => h.depth <= level);
  if (cuts.length === 0 || (options.level === undefined && cuts.length < 2)) return undefined;

  const lines = source.split('\n');
  const pieces: Piece[] = [];
  const piece = (from: number, to: number, shift: number): Piece => {
    // A chapter file's own front matter (title, type, credit) stays with its first piece.
    const first = pieces.length === 0;
    const out = lines.map((line, i) => {
      const n = i + 1;
      if (keep.has(n) || (first && frontMatter.has(n))) return line;
      if (n < from || n >= to || blank.has(n)) return '';
      return line;
    });
    return { source: out.join('\n'), headingShift: shift };
  };
  const firstCut = startLine(cuts[0]!);
  // What comes before the first cut (after the title heading) is a chapter of its own, the heading with it.
  const before = content.filter((n) => startLine(n) < firstCut && n !== titleHeading);
  if (before.length > 0) pieces.push(piece(1, firstCut, 0));
  for (const [i, cut] of cuts.entries()) {
    const to = i + 1 < cuts.length ? startLine(cuts[i + 1]!) : lines.length + 1;
    pieces.push(piece(startLine(cut), to, level - 1));
  }
  return pieces;
}
