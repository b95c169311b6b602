/**
 * The one XML serialiser of every XML output (XHTML, OPF, NCX, XMP, SVG).
 * xast-util-to-xml escapes `<` and `&` in text but not the `>` of `]]>`, which
 * XML forbids in character data, and keeps U+FFFE/U+FFFF and lone surrogates;
 * this pass fixes both, so no text can make a document ill-formed.
 */
import type { Nodes, Parents } from 'xast';
import { toXml } from 'xast-util-to-xml';
import { removeNonXml } from '../util/xml-chars.js';

export interface XmlOptions {
  closeEmptyElements?: boolean;
  /** `<a/>` rather than `<a />`. */
  tightClose?: boolean;
}

const escapeText = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/]]>/g, ']]&gt;');

function clean(node: Nodes): Nodes {
  switch (node.type) {
    case 'text': {
      const value = removeNonXml(node.value);
      // A raw node carries our own escaping; only text made here becomes raw.
      return value.includes(']]>') ? { type: 'raw', value: escapeText(value) } : { ...node, value };
    }
    case 'element': {
      const attributes: Record<string, string | null | undefined> = {};
      for (const [k, v] of Object.entries(node.attributes ?? {}))
        attributes[k] = typeof v === 'string' ? removeNonXml(v) : v;
      return { ...node, attributes, children: node.children.map((c) => clean(c) as typeof c) };
    }
    case 'root':
      return { ...node, children: node.children.map((c) => clean(c) as typeof c) };
    case 'comment':
      return { ...node, value: removeNonXml(node.value) };
    case 'cdata':
      return { ...node, value: removeNonXml(node.value) };
    case 'raw':
      // Never pass raw XML from elsewhere through: it is text.
      return { type: 'text', value: removeNonXml(node.value) };
    default:
      return node;
  }
}

export function serialiseXml(tree: Nodes | Parents, options: XmlOptions = {}): string {
  return toXml(clean(tree), { ...options, allowDangerousXml: true });
}
