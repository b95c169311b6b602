/**
 * pandoc's fenced divs (syntax in fenced-divs-syntax.ts) as HTML: a div whose
 * first class names a standard kind (note, tip, important, warning, caution,
 * sidebar) is that aside, as dialects/asides.ts makes it for GitHub's alerts
 * too; any other div is a `<div>`. The div's classes and id stay on the
 * element either way.
 */
import type { Root } from 'mdast';
import type { CompileContext, Extension as FromMarkdownExtension, Token } from 'mdast-util-from-markdown';
import type { VFile } from 'vfile';
import { visit } from '../../util/visit.js';
import { asideData, asideName, asideTitleParagraph } from '../asides.js';
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

export function pandocFencedDivs(tree: Root, file: VFile): void {
  const lang = file.data.context?.lang ?? 'en';
  visit(tree, 'fencedDiv', (node: FencedDiv) => {
    const info = divInfo(node.info) ?? '';
    const attrs = info.startsWith('{') ? parseAttributes(info) : { classes: [info], pairs: [] };
    const props = attrs ? toProperties(attrs, file, node.position) : {};
    const classes = (props.className as string[] | undefined) ?? [];
    const kindClass = classes.find((c) => asideName(c) !== undefined);
    const kind = kindClass ? asideName(kindClass) : undefined;
    if (!kind) {
      node.data = { hName: 'div', hProperties: props };
      return;
    }
    node.data = asideData(kind, props);
    const title = asideTitleParagraph(kind, lang);
    if (title) node.children.unshift(title);
  });
}
