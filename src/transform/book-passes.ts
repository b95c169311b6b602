/**
 * Passes over the whole book, after every chapter went through the unified
 * pipeline on its own: what needs to see all chapters at once (unique ids,
 * cross-references) lives here.
 */
import path from 'node:path';
import type { Element, ElementContent, Root } from 'hast';
import type { Chapter } from '../book.js';
import { type DiagnosticSink, error, warning } from '../diagnostics.js';
import { didYouMean } from '../util/did-you-mean.js';
import { SKIP, visit } from '../util/visit.js';
import { type Bibliography, renderCitations } from './citations.js';
import { numberElements, numberedText, numberOf, numberSections, resolveCrossReferences } from './cross-references.js';
import { plainText } from './text.js';

/** Ids of the default theme's divisions (title page, contents, colophon…): never taken by a chapter's element. */
export const TEMPLATE_IDS: readonly string[] = [
  'halftitle',
  'titlepage',
  'contents',
  'contents-heading',
  'colophon',
  'colophon-heading',
];
/** Parts are divisions too (`part-1`, …). */
const TEMPLATE_ID_PATTERN = /^part-\d+$/;

export interface BookPassOptions {
  /** Ids the theme's divisions use; default TEMPLATE_IDS (and `part-N`). */
  reservedIds?: readonly string[];
  /**
   * A link to an id or a file that is not in the book: an error (default), or
   * `warn`: a warning, and the link is unlinked (its text stays).
   */
  brokenLinks?: 'error' | 'warn';
  /** Number chapters and sections (book.yaml `number-sections`); figures, tables and equations then per chapter. */
  numberSections?: boolean;
  /** The book's bibliography, when it names one (citations are rendered with it). */
  bibliography?: Bibliography;
  /** The book's language (the title of a generated bibliography). */
  language?: string;
}

export function runBookPasses(chapters: Chapter[], diagnostics: DiagnosticSink, options: BookPassOptions = {}): void {
  const reserved = new Set(options.reservedIds ?? TEMPLATE_IDS);
  const isReserved = (id: string) => reserved.has(id) || TEMPLATE_ID_PATTERN.test(id);
  const renames = makeIdsUnique(chapters, isReserved);
  const brokenLinks = options.brokenLinks ?? 'error';
  if (options.numberSections) numberSections(chapters);
  numberElements(chapters, options.numberSections ?? false);
  resolveCrossReferences(chapters, diagnostics, renames, brokenLinks);
  renderCitations(chapters, options.bibliography, diagnostics, {
    brokenLinks,
    language: options.language ?? chapters[0]?.lang ?? 'en',
    isReserved,
  });
  resolveReferences(chapters, diagnostics, renames, isReserved, brokenLinks);
}

/**
 * Ids must be unique across the whole book (HTML and PDF are one document). A
 * later duplicate gets a suffix; links inside its own chapter follow it.
 * Returns, per chapter, the ids it renamed (old → new).
 */
export function makeIdsUnique(
  chapters: Chapter[],
  isReserved: (id: string) => boolean = () => false,
): Map<Chapter, Map<string, string>> {
  const seen = new Set<string>(chapters.map((c) => c.id));
  const result = new Map<Chapter, Map<string, string>>();
  for (const chapter of chapters) {
    const renamed = new Map<string, string>();
    result.set(chapter, renamed);
    visit(chapter.tree, 'element', (node: Element) => {
      const id = node.properties.id;
      if (typeof id !== 'string') return;
      let unique = id;
      for (let n = 1; seen.has(unique) || isReserved(unique); n++) unique = `${id}-${n}`;
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
  return result;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/').replace(/\\/g, '/');
}

function isEmptyLink(a: Element): boolean {
  return a.children.every((c) => c.type === 'text' && !c.value.trim());
}

function shorten(text: string, max = 80): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/**
 * Links between chapters, checked and completed:
 * - `[text](#id)` must name an id somewhere in the book;
 * - `[text](02-other.md)` / `[text](02-other.md#section)` become `#<chapter id>` / `#section`;
 * - any other relative link names a file that is not in the book;
 * - `[](#id)` (no text) gets the target's text: a heading's or chapter's title, "Figure N".
 * A broken link is an error at its file:line:col (`markdown/dangling-reference`), or
 * with `brokenLinks: 'warn'` a warning and the link is unlinked.
 */
function resolveReferences(
  chapters: Chapter[],
  diagnostics: DiagnosticSink,
  renames: Map<Chapter, Map<string, string>>,
  isReserved: (id: string) => boolean,
  brokenLinks: 'error' | 'warn',
): void {
  const owner = new Map<string, Chapter>();
  const target = new Map<string, Element>();
  for (const chapter of chapters) {
    owner.set(chapter.id, chapter);
    visit(chapter.tree, 'element', (node: Element) => {
      const id = node.properties.id;
      if (typeof id === 'string' && !owner.has(id)) {
        owner.set(id, chapter);
        target.set(id, node);
      }
    });
  }
  // A file cut into several chapters (split-level) is linked to by its first; its ids are in any of them.
  const byPath = new Map<string, Chapter>();
  for (const c of chapters) {
    const key = path.posix.normalize(toPosix(c.relPath));
    if (!byPath.has(key)) byPath.set(key, c);
  }

  const textFor = (id: string, from: Chapter): ElementContent[] => {
    const chapter = chapters.find((c) => c.id === id);
    if (chapter) return [{ type: 'text', value: chapter.title }];
    const node = target.get(id);
    if (!node) return [{ type: 'text', value: id }];
    const number = numberOf(node);
    if (number !== undefined) return [{ type: 'text', value: numberedText(number, from.lang) }];
    return [{ type: 'text', value: shorten(plainText(node)) || id }];
  };
  const ID_HINT = 'A heading gets its id from its text (`## My Title` → `#my-title`), or set one: `## Title {#my-id}`.';

  for (const chapter of chapters) {
    visit(chapter.tree as Root, 'element', (a: Element, index, parent) => {
      if (a.tagName !== 'a') return undefined;
      const href = a.properties.href;
      if (typeof href !== 'string') return undefined;
      const broken = (message: string, hint: string): [typeof SKIP, number] | undefined => {
        const where = { file: chapter.file, line: a.position?.start.line, column: a.position?.start.column, hint };
        if (brokenLinks === 'error') {
          diagnostics.push(error('markdown/dangling-reference', message, where));
          return undefined;
        }
        diagnostics.push(warning('markdown/dangling-reference', `${message}; it is unlinked`, where));
        if (!parent || index === undefined) return undefined;
        const text: ElementContent[] = isEmptyLink(a) ? [{ type: 'text', value: href }] : a.children;
        parent.children.splice(index, 1, ...text);
        return [SKIP, index];
      };
      let id: string;
      if (href.startsWith('#')) {
        id = decode(href.slice(1));
        if (!id) return undefined;
        if (!owner.has(id) && !isReserved(id)) {
          const guess = didYouMean(id, [...owner.keys()]);
          return broken(
            `link to \`#${id}\` points at nothing in the book`,
            guess ? `Did you mean \`#${guess}\`?` : ID_HINT,
          );
        }
      } else {
        // Addresses with a scheme (https:, mailto:…) and protocol-relative ones are not the book's business.
        if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//') || !href.trim()) return undefined;
        const m = /^([^?#]*)(?:\?[^#]*)?(?:#(.*))?$/.exec(href)!;
        const file = path.posix.normalize(path.posix.join(path.posix.dirname(toPosix(chapter.relPath)), decode(m[1]!)));
        const other = byPath.get(file);
        if (!other) {
          const isMarkdown = /\.(md|markdown)$/i.test(file);
          const guess = isMarkdown ? didYouMean(file, [...byPath.keys()]) : undefined;
          return broken(
            isMarkdown
              ? `link to \`${href}\`, which is not a chapter of the book`
              : `link to \`${href}\`, a file that is not part of the book`,
            guess
              ? // Suggest the path as the linking chapter must write it (relative to its own folder).
                `Did you mean \`${path.posix.relative(path.posix.dirname(toPosix(chapter.relPath)), guess)}\`?`
              : isMarkdown
                ? 'Link to a chapter file of the book (one in its reading order).'
                : 'A book carries its chapters and images only: link to a web address, or put the content in a chapter.',
          );
        }
        const fragment = m[2] ? decode(m[2]) : '';
        id = fragment ? (renames.get(other)?.get(fragment) ?? fragment) : other.id;
        if (fragment && owner.get(id)?.file !== other.file) {
          return broken(`link to \`${href}\`: ${other.relPath} has no \`#${fragment}\``, ID_HINT);
        }
        a.properties.href = `#${id}`;
      }
      if (isEmptyLink(a)) a.children = textFor(id, chapter);
      return undefined;
    });
  }
}
