/** Plain text of hast content as a reader sees it in a title or a reference. */
import type { Nodes } from 'hast';

function isNoteRef(node: Nodes): boolean {
  if (node.type !== 'element') return false;
  const p = node.properties;
  if (node.tagName === 'a') return p.dataFootnoteRef !== undefined || p['epub:type'] === 'noteref';
  return node.tagName === 'sup' && node.children.length === 1 && isNoteRef(node.children[0]!);
}

/**
 * Like hast-util-to-string, without footnote reference numbers and without the
 * TeX annotation of MathML (which would repeat a formula as its source).
 */
export function plainText(node: Nodes): string {
  if (node.type === 'text') return node.value;
  if (node.type !== 'element' && node.type !== 'root') return '';
  if (isNoteRef(node)) return '';
  if (node.type === 'element' && (node.tagName === 'annotation' || node.tagName === 'annotation-xml')) return '';
  return node.children.map((c) => plainText(c)).join('');
}
