/**
 * The HTML edition's regions a reader can reach by keyboard and tell apart by
 * name. Code blocks and tables may be wider than a phone: each scrolls on its
 * own (screen.css), so each must take keyboard focus to be scrolled without
 * a mouse, and a focusable region needs a name saying what it is. All the
 * chapters share one page, so the names are made unique: each chapter's
 * footnotes are named after it, and a second "Code: python" becomes
 * "Code: python (2)" (landmarks with the same name cannot be told apart).
 */
import type { Element, ElementContent, Root } from 'hast';
import { toString as textOf } from 'hast-util-to-string';
import { h } from 'hastscript';
import type { ScreenStrings } from '../../i18n/screen.js';
import { SKIP, visit } from '../../util/visit.js';

/** Hands out names, each once: a repeated name gets its count after it. */
export class UniqueNames {
  private readonly seen = new Map<string, number>();

  name(base: string): string {
    const n = (this.seen.get(base) ?? 0) + 1;
    this.seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  }
}

function hasClass(node: Element, name: string): boolean {
  const cls = node.properties.className;
  return Array.isArray(cls) && cls.includes(name);
}

/** The language a code block's fence names (`class="language-python"`), if any. */
function codeLanguage(pre: Element): string | undefined {
  const code = pre.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
  const cls = code?.properties.className;
  const lang = Array.isArray(cls) ? cls.map(String).find((c) => c.startsWith('language-')) : undefined;
  return lang?.slice('language-'.length) || undefined;
}

/** Makes a scroll container focusable and names it: it is announced as a region by that name. */
function region(node: Element, label: string): void {
  node.properties.tabIndex = 0;
  node.properties.role = 'region';
  node.properties.ariaLabel = label;
}

/**
 * Code blocks become named regions themselves; each table is wrapped in one,
 * `<div class="table-scroll">`, since a table cannot scroll inside its own box.
 */
export function labelScrollRegions(tree: Root | Element, s: ScreenStrings, names: UniqueNames): void {
  visit(tree, 'element', (node, index, parent) => {
    if (node.tagName === 'pre') {
      region(node, names.name(s.code(codeLanguage(node))));
      return SKIP;
    }
    if (node.tagName !== 'table' || !parent || index === undefined) return undefined;
    const caption = node.children.find((c): c is Element => c.type === 'element' && c.tagName === 'caption');
    const label = caption ? textOf(caption).replace(/\s+/g, ' ').trim() : '';
    const wrapper = h('div', { className: ['table-scroll'] }, [node]);
    region(wrapper, names.name(s.table(label || undefined)));
    parent.children[index] = wrapper as ElementContent;
    return SKIP;
  });
}

/** Names a division's footnotes section after the division ("Footnotes to Preface"). */
export function labelNotes(division: Element, title: string, s: ScreenStrings, names: UniqueNames): void {
  visit(division, 'element', (node) => {
    if (node.tagName !== 'section' || !hasClass(node, 'footnotes')) return undefined;
    node.properties.ariaLabel = names.name(s.notesTo(title));
    return SKIP;
  });
}
