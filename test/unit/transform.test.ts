import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics.js';
import { transformBook } from '../../src/transform/index.js';
import { type ChapterContext, markdownToHast } from '../../src/transform/markdown.js';
import { chapterContext, manuscriptOf } from '../helpers/transform.js';

const manuscript = (chapters: Record<string, string>) => manuscriptOf(chapters);

const ctx: ChapterContext = chapterContext;

describe('Markdown to hast', () => {
  it('renders GFM and gives headings GitHub-style ids', async () => {
    const { tree, file } = await markdownToHast(
      '# Hello, World\n\n## Hello, World\n\n| a |\n|---|\n| b |\n\n~~gone~~\n',
      'x.md',
      ctx,
    );
    const html = toHtml(tree);
    expect(html).toContain('<h1 id="hello-world">Hello, World</h1>');
    expect(html).toContain('<h2 id="hello-world-1">Hello, World</h2>');
    expect(html).toContain('<table>');
    expect(html).toContain('<del>gone</del>');
    expect(file.data.headings).toEqual([
      { id: 'hello-world', depth: 1, text: 'Hello, World' },
      { id: 'hello-world-1', depth: 2, text: 'Hello, World' },
    ]);
  });

  it('reads front matter and keeps it out of the text', async () => {
    const { tree, file } = await markdownToHast('---\ntitle: From YAML\n---\n\nBody.\n', 'x.md', ctx);
    expect(file.data.frontMatter).toEqual({ title: 'From YAML' });
    expect(toHtml(tree)).toBe('<p>Body.</p>');
  });

  it('removes unsafe raw HTML, reporting it with its position', async () => {
    const { tree, file } = await markdownToHast('Text\n\n<script>alert(1)</script>\n', 'x.md', ctx);
    expect(toHtml(tree)).not.toContain('script');
    expect(file.messages.map((m) => [m.line, m.ruleId])).toEqual([[3, 'unsafe-html']]);
  });
});

describe('transformBook', () => {
  it('takes each chapter title from its front matter, its first heading, or its file name', async () => {
    const book = await transformBook(
      await manuscript({
        'a.md': '---\ntitle: Named\n---\n\nText.\n',
        'b.md': '# Heading\n\nText.\n',
        '03-the-end.md': 'Text.\n',
      }),
      new Diagnostics(),
    );
    expect(book.chapters.map((c) => c.title)).toEqual(['Named', 'Heading', 'the-end']);
    expect(book.chapters.map((c) => c.id)).toEqual(['ch-1', 'ch-2', 'ch-3']);
    // A chapter without a heading gets one, so every chapter opens with its title.
    expect(toHtml(book.chapters[0]!.tree)).toMatch(/^<h1 id="named">Named<\/h1>/);
  });

  it('makes ids unique across the book and keeps same-chapter links pointing at them', async () => {
    const book = await transformBook(
      await manuscript({ 'a.md': '# Intro\n', 'b.md': '# Intro\n\nSee [above](#intro).\n' }),
      new Diagnostics(),
    );
    expect(book.chapters[1]!.headings[0]!.id).toBe('intro-1');
    expect(toHtml(book.chapters[1]!.tree)).toContain('<a href="#intro-1">above</a>');
  });
});
