/**
 * Raw TeX, as pandoc's `raw_tex` reads it, for a book that is also an EPUB
 * and a web page: a paragraph of LaTeX commands only (`\vspace{1em}`,
 * `\noindent`), and a `\begin{env}` … `\end{env}` block, are left out with a
 * warning naming the command; `\newpage`, `\clearpage` and `\pagebreak` (and
 * `\cleardoublepage`) are a page break in print instead: an empty
 * `<div class="page-break">` the print CSS breaks after, and no warning.
 * LaTeX inside a sentence stays text, and dialects/unhandled.ts reports it.
 */
import type { Nodes, Paragraph, Root, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from '../../util/visit.js';
import type { PandocPageBreak } from './nodes.js';
import { warn } from './shared.js';

/** One command: its name, an optional star, optional `[…]` and `{…}` arguments (one level of braces inside). */
const COMMAND = /\\([a-zA-Z]+)\*?(?:\[[^\]\n]*\])?(?:\{(?:[^{}]|\{[^{}]*\})*\})*/g;
const PAGE_BREAKS = new Set(['newpage', 'clearpage', 'pagebreak', 'cleardoublepage']);

/** The text of a paragraph made of text only (undefined when it holds other markup). */
function plain(node: Paragraph): string | undefined {
  let out = '';
  for (const c of node.children) {
    if (c.type === 'text') out += c.value;
    else if (c.type === 'break') out += '\n';
    else return undefined;
  }
  return out;
}

/** The commands of a paragraph that is nothing but LaTeX commands. */
function commandsOnly(text: string): string[] | undefined {
  const names: string[] = [];
  const rest = text.replace(COMMAND, (m, name: string) => {
    names.push(m.startsWith('\\begin') || m.startsWith('\\end') ? m : `\\${name}`);
    return '';
  });
  return names.length && !rest.trim() ? names : undefined;
}

const NOTE = 'LaTeX means nothing in an EPUB or a web page. Write it in Markdown, or leave it out.';

export function pandocRawTex(tree: Root, file: VFile): void {
  visit(tree, (parent) => {
    if (!('children' in parent) || parent.type === 'paragraph') return undefined;
    const children = parent.children as RootContent[];
    for (let i = 0; i < children.length; i++) {
      const node = children[i]!;
      if (node.type !== 'paragraph') continue;
      const text = plain(node)?.trim();
      if (!text?.startsWith('\\')) continue;
      // \begin{env}: up to the paragraph that ends with its \end{env}, over blank lines.
      const begin = /^\\begin\{([a-zA-Z*]+)\}/.exec(text);
      if (begin) {
        const end = `\\end{${begin[1]}}`;
        let j = i;
        for (; j < children.length; j++) {
          const c = children[j]!;
          const t = c.type === 'paragraph' ? plain(c)?.trim() : undefined;
          if (t?.endsWith(end)) break;
        }
        if (j === children.length) continue;
        warn(file, `raw LaTeX \`\\begin{${begin[1]}}\` … \`${end}\` is left out`, node.position, NOTE, 'raw-tex');
        children.splice(i, j - i + 1);
        i--;
        continue;
      }
      const names = commandsOnly(text);
      if (!names) continue;
      const dropped = names.filter((n) => !PAGE_BREAKS.has(n.slice(1)));
      if (dropped.length) {
        warn(file, `raw LaTeX \`${dropped.join(' ')}\` is left out`, node.position, NOTE, 'raw-tex');
      }
      if (dropped.length < names.length) {
        const pageBreak: PandocPageBreak = {
          type: 'pandocPageBreak',
          data: { hName: 'div', hProperties: { className: ['page-break'] } },
        };
        if (node.position) (pageBreak as Nodes).position = node.position;
        children.splice(i, 1, pageBreak as never);
      } else {
        children.splice(i, 1);
        i--;
      }
    }
    return undefined;
  });
}
