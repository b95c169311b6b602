/**
 * Notes, tips and notices, whichever syntax wrote them: GitHub's alerts
 * (`> [!WARNING]`, dialects/github.ts) and pandoc's fenced divs (`::: warning`,
 * dialects/pandoc/fenced-divs.ts) make the same element, so a warning reads,
 * looks and is announced the same in every output:
 *
 * - `note`: `<aside role="note">` (no `epub:type`: reading systems hide
 *   `epub:type="note"` asides as pop-up footnotes);
 * - `tip`: `<aside epub:type="tip" role="doc-tip">`;
 * - `important`, `warning`, `caution`: `<div epub:type="notice"
 *   role="doc-notice">`: the EPUB 3 schema (EPUBCheck) allows no
 *   `doc-notice` on an `<aside>`;
 * - `sidebar` (fenced divs only): `<aside epub:type="sidebar">`, untitled.
 *
 * The kind is the element's class; titled kinds open with
 * `<p class="aside-title">` in the chapter's language.
 */
import type { Properties } from 'hast';
import type { Paragraph } from 'mdast';
import { ASIDE_KINDS, type AsideKind, asideTitle } from '../i18n/asides.js';

export type AsideName = AsideKind | 'sidebar';

const SEMANTICS: Readonly<Record<AsideName, { epubType?: string; role?: string; tag: 'aside' | 'div' }>> = {
  note: { role: 'note', tag: 'aside' },
  tip: { epubType: 'tip', role: 'doc-tip', tag: 'aside' },
  important: { epubType: 'notice', role: 'doc-notice', tag: 'div' },
  warning: { epubType: 'notice', role: 'doc-notice', tag: 'div' },
  caution: { epubType: 'notice', role: 'doc-notice', tag: 'div' },
  sidebar: { epubType: 'sidebar', tag: 'aside' },
};

/** The aside kind a class names (any case), if it names one. */
export function asideName(word: string): AsideName | undefined {
  const lower = word.toLowerCase();
  return Object.hasOwn(SEMANTICS, lower) ? (lower as AsideName) : undefined;
}

/**
 * The Markdown node data that makes a block that aside: `props` are the
 * author's own attributes (id, classes), kept; the kind's class is added.
 */
export function asideData(name: AsideName, props: Properties = {}): { hName: string; hProperties: Properties } {
  const s = SEMANTICS[name];
  const classes = (props.className as string[] | undefined) ?? [];
  return {
    hName: s.tag,
    hProperties: {
      ...props,
      className: classes.includes(name) ? classes : [...classes, name],
      ...(s.epubType ? { 'epub:type': s.epubType } : {}),
      ...(s.role ? { role: s.role } : {}),
    },
  };
}

/** The title line an aside opens with, or undefined for a kind that has none (a sidebar). */
export function asideTitleParagraph(name: AsideName, lang: string): Paragraph | undefined {
  if (!(ASIDE_KINDS as readonly string[]).includes(name)) return undefined;
  return {
    type: 'paragraph',
    data: { hProperties: { className: ['aside-title'] } },
    children: [{ type: 'text', value: asideTitle(name as AsideKind, lang) }],
  };
}
