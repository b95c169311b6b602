/** Puts divisions into the theme's document shell (one HTML page or one XHTML file). */
import type { Element, ElementContent, Root } from 'hast';
import { select } from 'hast-util-select';
import { structuredCloneTree } from './clone.js';
import type { Theme } from './theme.js';

export interface DocumentParts {
  lang: string;
  dir?: 'ltr' | 'rtl';
  title: string;
  /** Extra elements for <head> (meta, link, style). */
  head: Element[];
  body: ElementContent[];
  bodyClass?: string[];
}

export function buildDocument(theme: Theme, parts: DocumentParts): Root {
  const tree = structuredCloneTree(theme.fragments.document);
  const html = select('html', tree);
  const head = select('head', tree);
  const body = select('body', tree);
  const title = select('title', tree);
  if (!html || !head || !body || !title)
    throw new Error(`${theme.dir}/document.html needs <html>, <head>, <title> and <body>`);
  html.properties.lang = parts.lang;
  if (parts.dir) html.properties.dir = parts.dir;
  title.children = [{ type: 'text', value: parts.title }];
  head.children.push(...parts.head);
  body.children = parts.body;
  if (parts.bodyClass) body.properties.className = parts.bodyClass;
  // Inter-element whitespace from the template file is noise in the output.
  head.children = head.children.filter((c) => !(c.type === 'text' && !c.value.trim()));
  return tree;
}
