/**
 * SUMMARY.md, the table of contents of mdBook and GitBook/HonKit books: the
 * reading order, its parts and the chapters' titles.
 *
 * mdBook: links before the first list are prefix chapters (unnumbered, front
 * matter), list items are numbered chapters (nested lists are sub-chapters),
 * links after the lists are suffix chapters (back matter); `# Title` headings
 * between the lists start parts; `- [Title]()` is a draft chapter (no file yet).
 * GitBook: list items are chapters, `## Title` headings start parts; the
 * opening `# Summary` heading of either is the page's own title.
 *
 * The reading order has chapters and parts but no sub-chapters: a nested item
 * follows its parent, and keeps its depth here for whoever wants it.
 */
import path from 'node:path';
import type { Heading, Link, List, ListItem, Paragraph, Root, RootContent } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { type Diagnostic, warning } from '../diagnostics.js';

export type SummarySection = 'prefix' | 'numbered' | 'suffix';

export interface SummaryItem {
  title: string;
  /** Path relative to the SUMMARY.md's folder, without `#fragment`; absent for a draft chapter. */
  path?: string;
  /** 1-based line in SUMMARY.md. */
  line: number;
  /** 0 for a top-level item, 1 for its sub-chapters, … */
  depth: number;
  section: SummarySection;
  /** Index into Summary.parts. */
  part?: number;
}

export interface SummaryPart {
  title: string;
  line: number;
}

export interface Summary {
  items: SummaryItem[];
  parts: SummaryPart[];
  /** Draft chapters, items without a link, repeated files: warnings at their line. */
  problems: Diagnostic[];
}

const parser = unified().use(remarkParse).freeze();

function text(node: { type: string; value?: string; children?: unknown[] }): string {
  if (typeof node.value === 'string') return node.value;
  return ((node.children ?? []) as { type: string }[]).map((c) => text(c as never)).join('');
}

function decodePath(raw: string): string {
  let p = raw.trim().replace(/^<|>$/g, '');
  try {
    p = decodeURI(p);
  } catch {
    // Left as written.
  }
  return p;
}

/**
 * Parses a SUMMARY.md. `file` is its path, for the diagnostics. Paths come back
 * as written (relative to the SUMMARY's folder, posix), without their fragment.
 */
export function parseSummary(source: string, file: string, flavour: 'mdbook' | 'gitbook'): Summary {
  const tree = parser.parse(source) as Root;
  const summary: Summary = { items: [], parts: [], problems: [] };
  const seen = new Map<string, number>();
  let part: number | undefined;
  let sawList = false;
  let first = true;

  const add = (link: Link | undefined, label: string, line: number, depth: number, section: SummarySection) => {
    const title = (link ? text(link) : label).replace(/\s+/g, ' ').trim();
    const href = link?.url ? decodePath(link.url) : '';
    const at = { file, line, column: 1 };
    if (!link) {
      summary.problems.push(
        warning('summary/not-a-link', `\`${title}\` in SUMMARY.md is not a link to a chapter; it is left out.`, {
          ...at,
          hint: 'Write each entry as `- [Title](file.md)`.',
        }),
      );
      return;
    }
    if (!href) {
      // mdBook's draft chapter: listed, not written yet.
      summary.problems.push(
        warning('summary/draft-chapter', `draft chapter “${title}” has no file yet; it is left out of the book.`, {
          ...at,
          hint: 'Give it a file, `- [Title](file.md)`, when it is written.',
        }),
      );
      summary.items.push({ title, line, depth, section, ...(part !== undefined ? { part } : {}) });
      return;
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) {
      summary.problems.push(
        warning('summary/external-link', `\`${href}\` in SUMMARY.md is a web address, not a chapter; it is left out.`, {
          ...at,
        }),
      );
      return;
    }
    const rel = path.posix.normalize(href.split('#')[0]!.replace(/\\/g, '/'));
    const earlier = seen.get(rel);
    if (earlier !== undefined) {
      // GitBook lists sections of a chapter as `file.md#section`: the file is one chapter, read once.
      if (!href.includes('#')) {
        summary.problems.push(
          warning(
            'summary/duplicate',
            `\`${rel}\` is listed twice in SUMMARY.md (first at line ${earlier}); it is read once.`,
            at,
          ),
        );
      }
      return;
    }
    seen.set(rel, line);
    summary.items.push({ title, path: rel, line, depth, section, ...(part !== undefined ? { part } : {}) });
  };

  const walkList = (list: List, depth: number) => {
    for (const item of list.children as ListItem[]) {
      const line = item.position?.start.line ?? 1;
      const head = item.children.find((c): c is Paragraph => c.type === 'paragraph');
      const link = head?.children.find((c): c is Link => c.type === 'link');
      if (head || !item.children.some((c) => c.type === 'list'))
        add(link, head ? text(head) : '', line, depth, 'numbered');
      for (const child of item.children) if (child.type === 'list') walkList(child, depth + 1);
    }
  };

  for (const node of tree.children as RootContent[]) {
    const isFirst = first;
    first = false;
    if (node.type === 'heading') {
      const title = text(node as Heading).trim();
      // The page's own title (`# Summary`), not a part.
      if (isFirst && (node as Heading).depth === 1) continue;
      if (!title) continue;
      part = summary.parts.length;
      summary.parts.push({ title, line: node.position?.start.line ?? 1 });
      continue;
    }
    if (node.type === 'list') {
      sawList = true;
      walkList(node as List, 0);
      continue;
    }
    if (node.type === 'paragraph') {
      const links = (node as Paragraph).children.filter((c): c is Link => c.type === 'link');
      const section: SummarySection = flavour === 'gitbook' ? 'numbered' : sawList ? 'suffix' : 'prefix';
      for (const link of links) {
        // mdBook: prefix and suffix chapters belong to no part.
        const saved = part;
        if (section !== 'numbered') part = undefined;
        add(link, '', link.position?.start.line ?? node.position?.start.line ?? 1, 0, section);
        part = saved;
      }
    }
  }
  return summary;
}
