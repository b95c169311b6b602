/**
 * pandoc's fenced divs (syntax in fenced-divs-syntax.ts) as HTML:
 *
 * - a standard kind of aside, by its first class that is one, becomes an
 *   `<aside>` with the EPUB 3 Structural Semantics type and the ARIA role
 *   that fit, and a label in the book's language as its first line
 *   (`<p class="aside-title">Note</p>`):
 *   - `note`: role `note` (no `epub:type`: reading systems hide
 *     `epub:type="note"` asides as pop-up footnotes);
 *   - `tip`: `epub:type="tip"`, role `doc-tip`;
 *   - `important`, `warning`, `caution`: `epub:type="notice"`, role
 *     `doc-notice`, on a `<div>`: the EPUB 3 schema (EPUBCheck) allows no
 *     `doc-notice` on an `<aside>`;
 *   - `sidebar`: `epub:type="sidebar"` (an aside is already complementary), no label;
 * - any other div is a `<div>` with its classes and id.
 * The div's classes and id stay on the element either way.
 */
import type { Paragraph, Root } from 'mdast';
import type { CompileContext, Extension as FromMarkdownExtension, Token } from 'mdast-util-from-markdown';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { type AsideKind, asideTitle } from '../../i18n/asides.js';
import { parseAttributes } from './attributes-parse.js';
import { divInfo } from './fenced-divs-syntax.js';
import type { FencedDiv } from './nodes.js';
import { toProperties } from './shared.js';

export { fencedDivSyntax } from './fenced-divs-syntax.js';

export const fencedDivFromMarkdown: FromMarkdownExtension = {
  enter: {
    pandocDiv(this: CompileContext, token: Token) {
      this.enter({ type: 'fencedDiv', info: '', children: [] } as FencedDiv as never, token);
    },
  },
  exit: {
    pandocDivInfo(this: CompileContext, token: Token) {
      const node = this.stack[this.stack.length - 1] as unknown as FencedDiv;
      node.info = this.sliceSerialize(token);
    },
    pandocDiv(this: CompileContext, token: Token) {
      this.exit(token);
    },
  },
};

const KINDS: Record<string, { epubType?: string; role?: string; label?: AsideKind; tag?: 'div' }> = {
  note: { role: 'note', label: 'note' },
  tip: { epubType: 'tip', role: 'doc-tip', label: 'tip' },
  important: { epubType: 'notice', role: 'doc-notice', label: 'important', tag: 'div' },
  warning: { epubType: 'notice', role: 'doc-notice', label: 'warning', tag: 'div' },
  caution: { epubType: 'notice', role: 'doc-notice', label: 'caution', tag: 'div' },
  sidebar: { epubType: 'sidebar' },
};

export function pandocFencedDivs(tree: Root, file: VFile): void {
  const lang = file.data.context?.lang ?? 'en';
  visit(tree, 'fencedDiv', (node: FencedDiv) => {
    const info = divInfo(node.info) ?? '';
    const attrs = info.startsWith('{') ? parseAttributes(info) : { classes: [info], pairs: [] };
    const props = attrs ? toProperties(attrs, file, node.position) : {};
    const classes = (props.className as string[] | undefined) ?? [];
    const kindName = classes.find((c) => Object.hasOwn(KINDS, c.toLowerCase()));
    const kind = kindName ? KINDS[kindName.toLowerCase()] : undefined;
    if (!kind) {
      node.data = { hName: 'div', hProperties: props };
      return;
    }
    node.data = {
      hName: kind.tag ?? 'aside',
      hProperties: {
        ...props,
        ...(kind.epubType ? { 'epub:type': kind.epubType } : {}),
        ...(kind.role ? { role: kind.role } : {}),
      },
    };
    if (kind.label) {
      const title: Paragraph = {
        type: 'paragraph',
        data: { hProperties: { className: ['aside-title'] } },
        children: [{ type: 'text', value: asideTitle(kind.label, lang) }],
      };
      node.children.unshift(title);
    }
  });
}
