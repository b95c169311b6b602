/**
 * Book + theme → divisions (title page, contents, chapters, colophon) as hast.
 * Every writer lays out the same divisions; only packaging differs.
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { Book, Chapter } from '../book.js';
import { fill, rootElement, type SlotValues } from './fill.js';
import type { Theme } from './theme.js';

export type DivisionKind = 'titlepage' | 'contents' | 'chapter' | 'colophon';

export interface Division {
  id: string;
  kind: DivisionKind;
  title: string;
  element: Element;
  /** Listed in the contents and the EPUB nav. */
  inToc: boolean;
  /** File name of this division inside the EPUB. */
  epubFile: string;
  chapter?: Chapter;
}

export interface ComposedBook {
  book: Book;
  theme: Theme;
  divisions: Division[];
}

function isUrl(text: string): boolean {
  return /^https?:\/\/\S+$/.test(text);
}

function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Values the templates can use, named as in the README's template section. */
export function metadataValues(book: Book): SlotValues {
  const c = book.config;
  const licence = c.licence;
  const source: ElementContent[] | undefined = c.source
    ? [isUrl(c.source) ? h('a', { href: c.source }, c.source) : { type: 'text', value: c.source }]
    : undefined;
  const licenceLine: ElementContent[] = licence.url
    ? [h('a', { href: licence.url, rel: ['license'] }, licence.name), { type: 'text', value: ` (${licence.spdx})` }]
    : [{ type: 'text', value: c.licenceDeclared ? licence.name : `${licence.name} (no licence declared)` }];
  return {
    title: c.title,
    subtitle: c.subtitle,
    fullTitle: c.subtitle ? `${c.title}: ${c.subtitle}` : c.title,
    creators: joinNames(c.creators),
    publisher: c.publisher,
    date: c.date,
    identifier: c.identifier,
    source,
    licenceName: licence.name,
    licenceUrl: licence.url,
    licenceSpdx: licence.spdx,
    licenceLine,
    licenceStatement: c.licenceStatement,
    changes: c.changes.length ? c.changes.map((text) => h('li', text)) : undefined,
  };
}

export function composeBook(book: Book, theme: Theme): ComposedBook {
  const values = metadataValues(book);
  const divisions: Division[] = [];
  const titlepage = rootElement(fill(theme.fragments.titlepage, values));
  divisions.push({ id: 'titlepage', kind: 'titlepage', title: book.config.title, element: titlepage, inToc: false, epubFile: 'titlepage.xhtml' });

  const chapters: Division[] = book.chapters.map((chapter) => {
    const element = rootElement(fill(theme.fragments.chapter, { content: chapter.tree.children as ElementContent[] }));
    element.properties.id = chapter.id;
    return { id: chapter.id, kind: 'chapter', title: chapter.title, element, inToc: true, epubFile: `${chapter.id}.xhtml`, chapter };
  });
  const colophon = rootElement(fill(theme.fragments.colophon, values));
  const colophonDivision: Division = { id: 'colophon', kind: 'colophon', title: headingText(colophon) ?? 'Colophon', element: colophon, inToc: true, epubFile: 'colophon.xhtml' };

  const listed = [...chapters, colophonDivision];
  const entries = listed.map((d) =>
    h('li', { className: ['toc-entry', `toc-${d.kind}`] }, [
      h('a', { href: `#${d.id}` }, [h('span', { className: ['toc-title'] }, d.title), h('span', { className: ['toc-page'], dataPageFor: d.id })]),
    ]),
  );
  const contents = rootElement(fill(theme.fragments.contents, { entries }));
  divisions.push({ id: 'contents', kind: 'contents', title: headingText(contents) ?? 'Contents', element: contents, inToc: false, epubFile: 'toc.xhtml' });
  divisions.push(...listed);
  return { book, theme, divisions };
}

function headingText(el: Element): string | undefined {
  for (const child of el.children) {
    if (child.type === 'element' && /^h[1-6]$/.test(child.tagName)) {
      return child.children.map((c) => (c.type === 'text' ? c.value : '')).join('').trim() || undefined;
    }
  }
  return undefined;
}
