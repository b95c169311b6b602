/**
 * Book + theme → divisions (half-title, title page, contents, parts, chapters
 * and the other front and back matter, colophon) as hast, in reading order.
 * Every writer lays out the same divisions; only packaging differs.
 */
import type { Element, ElementContent, Properties } from 'hast';
import { h } from 'hastscript';
import type { Book, Chapter, Heading } from '../book.js';
import { fontsUsedBy } from '../fonts/used-fonts.js';
import { isolated, nameList, userValue, words, wordsMarks } from '../i18n/bidi.js';
import { stringsFor } from '../i18n/strings.js';
import { collectCredits } from '../licence/credits.js';
import { licenceLine, sourceContent, taslSentence } from '../licence/tasl.js';
import { BEFORE_CONTENTS, type ChapterKind, KINDS, type Matter, PART } from '../structure/kinds.js';
import { typesetText } from '../transform/typography.js';
import { visit } from '../util/visit.js';
import { fill, rootElement, type SlotValues } from './fill.js';
import { markLoneImages } from './lone-images.js';
import type { Theme } from './theme.js';

export type DivisionKind = 'halftitle' | 'titlepage' | 'contents' | 'part' | ChapterKind;

export interface Division {
  id: string;
  kind: DivisionKind;
  matter: Matter;
  title: string;
  element: Element;
  /** Listed in the contents and the EPUB nav. */
  inToc: boolean;
  /** `lang` and `dir` of a title in Octavo's words where they fell back to English (the colophon's), for the contents. */
  titleMarks?: Properties;
  /** Nesting in the contents: 1 for chapters inside a part, one more for each sub-chapter level. */
  level: number;
  chapter?: Chapter;
}

export interface ComposedBook {
  book: Book;
  theme: Theme;
  divisions: Division[];
}

/**
 * The divisions of a paged or screen edition: without the contents page when
 * book.yaml says `toc: false` (the EPUB keeps it as its navigation, which
 * reading systems require).
 */
export function pageDivisions(composed: ComposedBook): Division[] {
  return composed.book.config.toc ? composed.divisions : composed.divisions.filter((d) => d.kind !== 'contents');
}

/**
 * Values the templates can use, named as in the README's template section.
 * The author's values come isolated (`<bdi>`), so that in a right-to-left book
 * an English title or a URL keeps its punctuation on its own side; `i18n:KEY`
 * are the words in the book's language, and `i18n-lang`/`i18n-dir` mark them
 * where they fell back to English (see fill.ts).
 */
export function metadataValues(book: Book): SlotValues {
  const c = book.config;
  const lang = c.language;
  const licence = c.licence;
  const s = stringsFor(lang);
  // The shared colophon credits the print faces; the editions that embed none drop them (writers/font-credits.ts).
  const credits = collectCredits(book, fontsUsedBy(book));
  const bookCredit = credits.find((cr) => cr.kind === 'book')!;
  const others = credits.filter((cr) => cr.kind !== 'book');
  const i18n: SlotValues = {};
  for (const [key, value] of Object.entries(s)) if (typeof value === 'string') i18n[`i18n:${key}`] = value;
  for (const [key, value] of Object.entries(stringsFor('en')))
    if (typeof value === 'string') i18n[`i18n-en:${key}`] = value;
  const marks = wordsMarks(lang, c.dir);
  if (typeof marks.lang === 'string') i18n['i18n-lang'] = marks.lang;
  if (typeof marks.dir === 'string') i18n['i18n-dir'] = marks.dir;
  const value = (v: string | undefined) => (v ? [userValue(v, lang)] : undefined);
  return {
    ...i18n,
    // Shown typeset, as the chapters' own titles are; the metadata keeps them as written.
    title: typesetText(c.title, lang, c.typography),
    subtitle: c.subtitle ? typesetText(c.subtitle, lang, c.typography) : undefined,
    fullTitle: value(c.subtitle ? `${c.title}: ${c.subtitle}` : c.title),
    creators: nameList(c.creators, lang),
    publisher: value(c.publisher),
    // Neither is in any language: isolated only.
    date: c.date ? [isolated(c.date)] : undefined,
    identifier: [isolated(c.identifier)],
    copyright: value(c.copyright),
    source: c.source ? [sourceContent(c.source, lang)] : undefined,
    licenceName: licence.name,
    licenceUrl: licence.url,
    licenceSpdx: licence.spdx,
    licenceLine: licenceLine(licence, c.licenceDeclared, lang),
    licenceStatement: c.licenceStatement,
    // The book's TASL without its changes: they are listed just below.
    tasl: taslSentence(lang, { ...bookCredit, changes: [] }),
    nonCommercial: licence.conditions.nonCommercial
      ? words([{ type: 'text', value: s.nonCommercial }], lang)
      : undefined,
    // The author's sentences, in whatever direction they are written (isolated: the list's bullets stay on the book's side).
    changes: c.changes.length ? c.changes.map((text) => h('li', [userValue(text, lang)])) : undefined,
    credits: others.length
      ? others.map((cr) =>
          h(
            'li',
            {
              className: ['credit'],
              dataKind: cr.kind,
              ...(cr.target ? { dataTarget: cr.target } : {}),
              dir: 'auto',
            },
            taslSentence(lang, cr),
          ),
        )
      : undefined,
  };
}

/** A chapter's nesting: one level inside a part, one more per sub-chapter level. */
function chapterLevel(chapter: Chapter): number {
  return (chapter.part !== undefined ? 1 : 0) + (chapter.depth ?? 0);
}

/** Chapters inside a part, and sub-chapters, move their headings down, so outlines nest as the contents do. */
function shiftHeadings(children: ElementContent[], by: number): void {
  for (const child of children) {
    visit(child, 'element', (node) => {
      const m = /^h([1-6])$/.exec(node.tagName);
      if (m) node.tagName = `h${Math.min(6, Number(m[1]) + by)}`;
    });
  }
}

/** Subtitle and author lines under a chapter's heading (the names joined in the book's language, each isolated). */
function chapterByline(chapter: Chapter, children: ElementContent[], lang: string): void {
  const extra: ElementContent[] = [];
  if (chapter.subtitle) extra.push(h('p', { className: ['chapter-subtitle'] }, chapter.subtitle));
  if (chapter.creators.length) extra.push(h('p', { className: ['chapter-author'] }, nameList(chapter.creators, lang)));
  if (!extra.length) return;
  const at = children.findIndex((c) => c.type === 'element' && /^h[1-6]$/.test(c.tagName));
  children.splice(at + 1, 0, ...extra);
}

/** The credit line at the end of a chapter that has its own source or licence (anthologies). */
function chapterCreditLine(book: Book, chapter: Chapter): Element | undefined {
  const credit = chapter.credit;
  if (!credit) return undefined;
  const sentence = taslSentence(book.config.language, {
    title: chapter.title,
    creators: chapter.creators.length ? chapter.creators : book.config.creators,
    source: credit.source,
    licence: credit.licence ?? book.config.licence,
    changes: credit.changes,
  });
  const lines: Element[] = [h('p', sentence)];
  if (credit.licenceStatement) lines.push(h('p', { className: ['licence-statement'] }, credit.licenceStatement));
  return h('div', { className: ['chapter-credit'], role: 'doc-credit' }, lines);
}

/** A credit line under each credited image: in its figure's caption, or after the paragraph that holds it. */
function creditImages(book: Book, content: ElementContent[]): void {
  const credited = new Map(book.assets.filter((a) => a.credit).map((a) => [a.href, a]));
  if (!credited.size) return;
  const root: Element = h('div', content);
  visit(root, 'element', (node, index, parent) => {
    if (!parent || index === undefined || (node.tagName !== 'figure' && node.tagName !== 'p')) return undefined;
    const img = node.children.find((c): c is Element => c.type === 'element' && c.tagName === 'img');
    const asset = img && typeof img.properties.src === 'string' ? credited.get(img.properties.src) : undefined;
    if (!asset?.credit) return undefined;
    const line = taslSentence(book.config.language, asset.credit);
    if (node.tagName === 'figure') {
      let caption = node.children.find((c): c is Element => c.type === 'element' && c.tagName === 'figcaption');
      if (!caption) {
        caption = h('figcaption');
        node.children.push(caption);
      }
      caption.children.push(h('span', { className: ['image-credit'] }, line));
    } else if (node.children.every((c) => c === img || (c.type === 'text' && !c.value.trim()))) {
      parent.children.splice(index + 1, 0, h('p', { className: ['image-credit'] }, line));
    }
    return undefined;
  });
  content.splice(0, content.length, ...(root.children as ElementContent[]));
}

function chapterDivision(book: Book, theme: Theme, chapter: Chapter): Division {
  const content = structuredClone(chapter.tree.children) as ElementContent[];
  chapterByline(chapter, content, book.config.language);
  const credit = chapterCreditLine(book, chapter);
  if (credit) content.push(credit);
  creditImages(book, content);
  markLoneImages(content);
  const level = chapterLevel(chapter);
  if (level > 0) shiftHeadings(content, level);
  const element = rootElement(fill(theme.fragments.chapter, { content }));
  const info = KINDS[chapter.kind];
  element.properties.id = chapter.id;
  element.properties.className = [chapter.kind];
  element.properties['epub:type'] = info.epubType;
  if ('role' in info) element.properties.role = info.role;
  else delete element.properties.role;
  if (chapter.lang !== book.config.language) element.properties.lang = chapter.lang;
  if (chapter.dir !== book.config.dir) element.properties.dir = chapter.dir;
  // Code is written left to right, whatever the language around it.
  if (chapter.dir === 'rtl') {
    visit(element, 'element', (node) => {
      if (node.tagName === 'pre') node.properties.dir = 'ltr';
    });
  }
  return {
    id: chapter.id,
    kind: chapter.kind,
    matter: info.matter,
    // With `number-sections`, the contents, the EPUB nav and running heads show the chapter's number too.
    title: chapter.number ? `${chapter.number} ${chapter.title}` : chapter.title,
    element,
    inToc: true,
    level,
    chapter,
  };
}

export function composeBook(book: Book, theme: Theme): ComposedBook {
  const values = metadataValues(book);
  const { config } = book;
  const before: Division[] = [];
  const listed: Division[] = [];

  if (config.halfTitle) {
    const element = rootElement(fill(theme.fragments.halftitle, values));
    before.push({
      id: 'halftitle',
      kind: 'halftitle',
      matter: 'front',
      title: config.title,
      element,
      inToc: false,
      level: 0,
    });
  }
  const titlepage = rootElement(fill(theme.fragments.titlepage, values));
  before.push({
    id: 'titlepage',
    kind: 'titlepage',
    matter: 'front',
    title: config.title,
    element: titlepage,
    inToc: false,
    level: 0,
  });

  const partsDone = new Set<number>();
  let userColophon: Chapter | undefined;
  for (const chapter of book.chapters) {
    if (chapter.kind === 'colophon') {
      userColophon = chapter;
      continue;
    }
    if (chapter.part !== undefined && !partsDone.has(chapter.part)) {
      partsDone.add(chapter.part);
      const part = config.parts[chapter.part]!;
      const id = `part-${part.index + 1}`;
      const element = rootElement(fill(theme.fragments.part, { ...values, title: part.title }));
      element.properties.id = id;
      element.properties['epub:type'] = PART.epubType;
      element.properties.role = PART.role;
      listed.push({ id, kind: 'part', matter: 'body', title: part.title, element, inToc: true, level: 0 });
    }
    const division = chapterDivision(book, theme, chapter);
    // Dedication and epigraph come before the contents and are not listed in it.
    if (BEFORE_CONTENTS.includes(chapter.kind)) before.push({ ...division, inToc: false });
    else listed.push(division);
  }

  const colophon = rootElement(fill(theme.fragments.colophon, values));
  if (userColophon) {
    // The author's own colophon text opens the generated one (which holds the licence notice).
    const own = userColophon.tree.children.filter(
      (c) => !(c.type === 'element' && c.tagName === 'h1'),
    ) as ElementContent[];
    const at = colophon.children.findIndex((c) => c.type === 'element' && /^h[1-6]$/.test(c.tagName));
    colophon.children.splice(at + 1, 0, ...own);
  }
  listed.push({
    id: 'colophon',
    kind: 'colophon',
    matter: 'back',
    title: headingText(colophon) ?? stringsFor(config.language).colophon,
    titleMarks: headingMarks(colophon),
    element: colophon,
    inToc: true,
    level: 0,
  });

  // The contents page gets the book's words too (its heading is `data-i18n="contents"`).
  const contents = rootElement(
    fill(theme.fragments.contents, { ...values, entries: tocEntries(listed, config.tocDepth) }),
  );
  const contentsDivision: Division = {
    id: 'contents',
    kind: 'contents',
    matter: 'front',
    title: headingText(contents) ?? stringsFor(config.language).contents,
    element: contents,
    inToc: false,
    level: 0,
  };
  return { book, theme, divisions: [...before, contentsDivision, ...listed] };
}

/**
 * Nested list items: a part's chapters in an `ol` inside the part's `li`, and
 * a chapter's sections (down to `toc-depth`) inside the chapter's.
 */
function tocEntries(listed: Division[], depth: number): Element[] {
  const link = (id: string, title: string, marks: Properties = {}) =>
    h('a', { href: `#${id}` }, [
      h('span', { className: ['toc-title'], ...marks }, title),
      h('span', { className: ['toc-page'], dataPageFor: id }),
    ]);
  const entry = (d: Division) => {
    const li = h('li', { className: ['toc-entry', `toc-${d.kind}`] }, [link(d.id, d.title, d.titleMarks)]);
    const sections = sectionEntries(d.chapter?.headings ?? [], depth, link);
    if (sections.length) li.children.push(h('ol', { className: ['toc'] }, sections));
    return li;
  };
  const out: Element[] = [];
  // The entries a deeper one may nest under: a part, or a chapter that has sub-chapters.
  const open: { level: number; li: Element }[] = [];
  for (const d of listed.filter((x) => x.inToc)) {
    while (open.length && open[open.length - 1]!.level >= d.level) open.pop();
    const li = entry(d);
    const parent = open[open.length - 1]?.li;
    if (parent) {
      // A chapter's own sections come first in its list, its sub-chapters after them.
      let list = parent.children.find((c): c is Element => c.type === 'element' && c.tagName === 'ol');
      if (!list) {
        list = h('ol', { className: ['toc'] });
        parent.children.push(list);
      }
      list.children.push(li);
    } else out.push(li);
    // Back matter after a part (the colophon) is level 0 and closes it.
    if (d.kind === 'part' || d.chapter) open.push({ level: d.level, li });
  }
  return out;
}

/** A chapter's headings from `##` down to `toc-depth`, nested as they nest (a skipped level nests under the last). */
function sectionEntries(
  headings: readonly Heading[],
  depth: number,
  link: (id: string, title: string) => Element,
): Element[] {
  const top: Element[] = [];
  const stack: { depth: number; li: Element }[] = [];
  for (const hd of headings) {
    if (hd.depth < 2 || hd.depth > depth || !hd.text.trim()) continue;
    while (stack.length && stack[stack.length - 1]!.depth >= hd.depth) stack.pop();
    const li = h('li', { className: ['toc-entry', 'toc-section'] }, [link(hd.id, hd.text)]);
    const parent = stack[stack.length - 1]?.li;
    if (parent) {
      let list = parent.children.find((c): c is Element => c.type === 'element' && c.tagName === 'ol');
      if (!list) {
        list = h('ol', { className: ['toc'] });
        parent.children.push(list);
      }
      list.children.push(li);
    } else top.push(li);
    stack.push({ depth: hd.depth, li });
  }
  return top;
}

/** The `lang` and `dir` fill.ts gave a division's heading (Octavo's words in English), if any. */
function headingMarks(el: Element): Properties | undefined {
  const heading = el.children.find((c): c is Element => c.type === 'element' && /^h[1-6]$/.test(c.tagName));
  if (!heading) return undefined;
  const { lang, dir } = heading.properties;
  return lang === undefined ? undefined : { lang, ...(dir === undefined ? {} : { dir }) };
}

function headingText(el: Element): string | undefined {
  for (const child of el.children) {
    if (child.type === 'element' && /^h[1-6]$/.test(child.tagName)) {
      return (
        child.children
          .map((c) => (c.type === 'text' ? c.value : ''))
          .join('')
          .trim() || undefined
      );
    }
  }
  return undefined;
}
