/**
 * A small, namespace-aware XML reader for the package documents `octavo
 * licence` opens (container.xml, the OPF, XHTML, XMP). Not validating: it
 * reads elements, attributes, text and CDATA, skips comments, processing
 * instructions and the doctype, and resolves prefixes to namespace URIs, so
 * a reader can ask for `dc:title` by namespace whatever prefix a file uses.
 */
import type { ElementContent as HastContent, Element as HastElement, Root as HastRoot } from 'hast';
import { h } from 'hastscript';

export interface XmlElement {
  type: 'element';
  /** The name as written, e.g. `dc:title`. */
  name: string;
  /** Local part of the name, e.g. `title`. */
  local: string;
  /** Namespace URI of the element ('' when none). */
  ns: string;
  /** Attributes as written (names with their prefixes). */
  attributes: Record<string, string>;
  children: XmlNode[];
  /** Prefix → URI declarations in scope at this element. */
  scope: Record<string, string>;
}

export type XmlNode = XmlElement | { type: 'text'; value: string };

export class XmlError extends Error {}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);/gi, (all, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[ref] ?? (ref === 'nbsp' ? '\u00a0' : all);
  });
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Parses a document; throws XmlError on markup it cannot follow (an unclosed tag). */
export function parseXml(text: string): XmlElement {
  const root: XmlElement = {
    type: 'element',
    name: '#root',
    local: '#root',
    ns: '',
    attributes: {},
    children: [],
    scope: { xml: XML_NS },
  };
  const stack: XmlElement[] = [root];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const lt = text.indexOf('<', i);
    if (lt === -1) {
      pushText(stack[stack.length - 1]!, text.slice(i));
      break;
    }
    if (lt > i) pushText(stack[stack.length - 1]!, text.slice(i, lt));
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end === -1) throw new XmlError('unclosed comment');
      i = end + 3;
    } else if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9);
      if (end === -1) throw new XmlError('unclosed CDATA section');
      stack[stack.length - 1]!.children.push({ type: 'text', value: text.slice(lt + 9, end) });
      i = end + 3;
    } else if (text.startsWith('<?', lt)) {
      const end = text.indexOf('?>', lt + 2);
      if (end === -1) throw new XmlError('unclosed processing instruction');
      i = end + 2;
    } else if (text.startsWith('<!', lt)) {
      // A doctype, with or without an internal subset.
      const bracket = text.indexOf('[', lt);
      const close = text.indexOf('>', lt);
      if (close === -1) throw new XmlError('unclosed declaration');
      i = bracket !== -1 && bracket < close ? text.indexOf(']>', bracket) + 2 : close + 1;
      if (i < 2) throw new XmlError('unclosed doctype');
    } else if (text[lt + 1] === '/') {
      const end = text.indexOf('>', lt);
      if (end === -1) throw new XmlError('unclosed end tag');
      const name = text.slice(lt + 2, end).trim();
      const open = stack.pop();
      if (!open || open === root || open.name !== name) throw new XmlError(`unexpected </${name}>`);
      i = end + 1;
    } else {
      const tag = /^<([^\s/>]+)/.exec(text.slice(lt, lt + 256));
      if (!tag) throw new XmlError('malformed tag');
      const name = tag[1]!;
      let j = lt + tag[0].length;
      const attributes: Record<string, string> = {};
      const attr = /\s*([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')|\s*(\/?>)/y;
      let selfClosing = false;
      for (;;) {
        attr.lastIndex = j;
        const m = attr.exec(text);
        if (!m) throw new XmlError(`malformed tag <${name}>`);
        j = attr.lastIndex;
        if (m[5]) {
          selfClosing = m[5] === '/>';
          break;
        }
        attributes[m[1]!] = decodeEntities(m[3] ?? m[4] ?? '');
      }
      const parent = stack[stack.length - 1]!;
      const scope = { ...parent.scope };
      for (const [key, value] of Object.entries(attributes)) {
        if (key === 'xmlns') scope[''] = value;
        else if (key.startsWith('xmlns:')) scope[key.slice(6)] = value;
      }
      const colon = name.indexOf(':');
      const prefix = colon === -1 ? '' : name.slice(0, colon);
      const element: XmlElement = {
        type: 'element',
        name,
        local: colon === -1 ? name : name.slice(colon + 1),
        ns: scope[prefix] ?? '',
        attributes,
        children: [],
        scope,
      };
      parent.children.push(element);
      if (!selfClosing) stack.push(element);
      i = j;
    }
  }
  if (stack.length > 1) throw new XmlError(`<${stack[stack.length - 1]!.name}> is never closed`);
  const top = root.children.find((c): c is XmlElement => c.type === 'element');
  if (!top) throw new XmlError('no root element');
  return top;
}

function pushText(parent: XmlElement, raw: string): void {
  if (parent.name === '#root') return;
  parent.children.push({ type: 'text', value: decodeEntities(raw) });
}

/** An attribute by namespace and local name (`rdf:resource`, `xml:lang`), or by plain name when `ns` is ''. */
export function attr(el: XmlElement, ns: string, local: string): string | undefined {
  if (!ns) return el.attributes[local];
  for (const [key, value] of Object.entries(el.attributes)) {
    const colon = key.indexOf(':');
    if (colon === -1 || key.slice(colon + 1) !== local) continue;
    if (el.scope[key.slice(0, colon)] === ns) return value;
  }
  return undefined;
}

export function childElements(el: XmlElement): XmlElement[] {
  return el.children.filter((c): c is XmlElement => c.type === 'element');
}

/** Every descendant element (document order) that matches. */
export function findAll(el: XmlElement, test: (e: XmlElement) => boolean): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (node: XmlElement) => {
    for (const child of childElements(node)) {
      if (test(child)) out.push(child);
      walk(child);
    }
  };
  walk(el);
  return out;
}

export const named = (ns: string, local: string) => (e: XmlElement) => e.ns === ns && e.local === local;

/** The text content, white space collapsed. */
export function textOf(el: XmlElement): string {
  const parts: string[] = [];
  const walk = (node: XmlElement) => {
    for (const child of node.children) {
      if (child.type === 'text') parts.push(child.value);
      else walk(child);
    }
  };
  walk(el);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** An XHTML document as hast (element names without prefix), so hast-util-select can query it. */
export function xmlToHast(el: XmlElement): HastRoot {
  const convert = (node: XmlElement): HastElement => {
    const props: Record<string, string> = {};
    for (const [key, value] of Object.entries(node.attributes)) if (!key.startsWith('xmlns')) props[key] = value;
    const children: HastContent[] = node.children.map((c) =>
      c.type === 'text' ? { type: 'text' as const, value: c.value } : convert(c),
    );
    return h(node.local, props, children);
  };
  return { type: 'root', children: [convert(el)] };
}
