/**
 * pandoc's superscript `2^10^` and subscript `H~2~O`: the text between the
 * marks has no unescaped space (`P~a\ cat~`: a backslash-space is a
 * non-breaking space, as in pandoc) and is not empty; `\^` and `\~` are
 * themselves. `~~text~~` is GFM strikethrough, read before this runs.
 * remark-supersub splits text at every `^`, spaces and escapes included, so
 * this is Octavo's own, within one text node (a mark around other markup,
 * `^*x*^`, stays text and is reported).
 */
import type { Parent, PhrasingContent, Root, Text } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from '../../util/visit.js';
import type { PandocScript } from './nodes.js';
import { literalFlags, textSlice } from './shared.js';

function scriptsIn(node: Text, file: VFile, marks: string): PhrasingContent[] | undefined {
  const flags = literalFlags(node, file);
  const v = node.value;
  const out: PhrasingContent[] = [];
  let from = 0;
  for (let k = 0; k < v.length; k++) {
    const mark = v[k]!;
    if (!marks.includes(mark) || !flags[k]) continue;
    // A doubled tilde is strikethrough's (or an unmatched run of it).
    if (v[k + 1] === mark || v[k - 1] === mark) continue;
    let end = -1;
    for (let e = k + 1; e < v.length; e++) {
      const c = v[e]!;
      if (c === '\\' && v[e + 1] === ' ') {
        e++;
        continue;
      }
      if (/\s/.test(c)) break;
      if (c === mark && flags[e]) {
        end = e;
        break;
      }
    }
    if (end < 0 || end === k + 1 || v[end + 1] === mark) continue;
    if (k > from) out.push(textSlice(node, file, from, k));
    const inner = textSlice(node, file, k + 1, end);
    inner.value = inner.value.replace(/\\ /g, '\u00a0');
    const script: PandocScript = {
      type: 'pandocScript',
      data: { hName: mark === '^' ? 'sup' : 'sub' },
      children: [inner],
    };
    out.push(script);
    from = end + 1;
    k = end;
  }
  if (!out.length) return undefined;
  if (from < v.length) out.push(textSlice(node, file, from));
  return out;
}

export function pandocSuperSub(tree: Root, file: VFile, marks: { superscript: boolean; subscript: boolean }): void {
  const chars = `${marks.superscript ? '^' : ''}${marks.subscript ? '~' : ''}`;
  if (!chars) return;
  visit(tree, 'text', (node, index, parent: Parent | undefined) => {
    if (!parent || index === undefined) return undefined;
    const replaced = scriptsIn(node, file, chars);
    if (!replaced) return undefined;
    parent.children.splice(index, 1, ...(replaced as never[]));
    return index + replaced.length;
  });
}
