/** Manuscript → Book: every chapter through the unified pipeline, then book-wide passes. */
import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';
import type { VFileMessage } from 'vfile-message';
import type { Book, Chapter, Manuscript } from '../book.js';
import { OctavoError, type Diagnostic } from '../diagnostics.js';
import { slugify } from '../util/identifier.js';
import { markdownToHast } from './markdown.js';

function toDiagnostic(m: VFileMessage, file: string): Diagnostic {
  return {
    severity: m.fatal ? 'error' : 'warning',
    code: `markdown/${m.ruleId ?? 'message'}`,
    message: m.reason,
    file,
    line: m.line ?? undefined,
    column: m.column ?? undefined,
  };
}

export async function transformBook(manuscript: Manuscript): Promise<Book> {
  const diagnostics: Diagnostic[] = [...manuscript.diagnostics];
  const chapters: Chapter[] = [];
  for (const [index, src] of manuscript.chapters.entries()) {
    const { tree, file } = await markdownToHast(src.source, src.file);
    diagnostics.push(...file.messages.map((m) => toDiagnostic(m, src.file)));
    const frontMatter = file.data.frontMatter ?? {};
    const headings = file.data.headings ?? [];
    const fmTitle = typeof frontMatter.title === 'string' ? frontMatter.title : undefined;
    const firstH1 = headings.find((hd) => hd.depth === 1);
    const title = fmTitle ?? firstH1?.text ?? src.relPath.replace(/\.(md|markdown)$/i, '').replace(/^[\d]+[-_ ]*/, '');
    if (!firstH1) {
      // Every chapter opens with its title, whether written as `# Title` or in front matter.
      const id = slugify(title);
      tree.children.unshift(h('h1', { id }, title));
      headings.unshift({ id, depth: 1, text: title });
    }
    chapters.push({
      index,
      file: src.file,
      relPath: src.relPath,
      id: `ch-${index + 1}`,
      title,
      tree,
      headings,
      frontMatter,
    });
  }
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new OctavoError(errors);
  makeIdsUnique(chapters);
  return { config: manuscript.config, chapters, diagnostics };
}

/**
 * Ids must be unique across the whole book (HTML and PDF are one document). A
 * later duplicate gets a suffix; links inside its own chapter follow it.
 */
function makeIdsUnique(chapters: Chapter[]): void {
  const seen = new Set<string>(chapters.map((c) => c.id));
  for (const chapter of chapters) {
    const renamed = new Map<string, string>();
    visit(chapter.tree, 'element', (node: Element) => {
      const id = node.properties.id;
      if (typeof id !== 'string') return;
      let unique = id;
      for (let n = 1; seen.has(unique); n++) unique = `${id}-${n}`;
      seen.add(unique);
      if (unique !== id) {
        renamed.set(id, unique);
        node.properties.id = unique;
      }
    });
    if (renamed.size === 0) continue;
    for (const hd of chapter.headings) hd.id = renamed.get(hd.id) ?? hd.id;
    visit(chapter.tree, 'element', (node: Element) => {
      const href = node.properties.href;
      if (node.tagName === 'a' && typeof href === 'string' && href.startsWith('#')) {
        const target = renamed.get(href.slice(1));
        if (target) node.properties.href = `#${target}`;
      }
    });
  }
}

export function chapterText(tree: Root): string {
  return toString(tree);
}
