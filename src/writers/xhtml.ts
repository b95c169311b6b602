/** hast → XHTML (polyglot XML serialisation) for EPUB content documents. */
import type { Root } from 'hast';
import { toXast } from 'hast-util-to-xast';
import type { Root as XRoot } from 'xast';
import { visit } from '../util/visit.js';
import { serialiseXml } from './xml.js';

export function toXhtml(tree: Root): string {
  // XHTML readers look at xml:lang; HTML ones at lang: give both.
  visit(tree, 'element', (node) => {
    if (typeof node.properties.lang === 'string' && node.properties.xmlLang === undefined)
      node.properties.xmlLang = node.properties.lang;
  });
  const xast = toXast(tree) as XRoot;
  xast.children.unshift({ type: 'instruction', name: 'xml', value: 'version="1.0" encoding="UTF-8"' });
  return serialiseXml(xast, { closeEmptyElements: true });
}
