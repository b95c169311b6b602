/**
 * The parts of a .docx that mammoth does not give us, read with a real XML
 * parser: the core properties (title, creator, language…), the default
 * language in styles.xml, style names, and a scan of word/document.xml that
 * says where things are (paragraph number, nearest heading), so what the
 * conversion leaves out can be named with its place.
 */
import type JSZip from 'jszip';
import type { Element, Root, RootContent } from 'xast';
import { fromXml } from 'xast-util-from-xml';

/** Namespace URIs (transitional and strict OOXML) to the short names used here. */
const NAMESPACES: Record<string, string> = {
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
  'http://schemas.openxmlformats.org/officeDocument/2006/math': 'm',
  'http://purl.oclc.org/ooxml/officeDocument/math': 'm',
  'http://schemas.openxmlformats.org/drawingml/2006/chart': 'c',
  'http://purl.oclc.org/ooxml/drawingml/chart': 'c',
  'http://schemas.openxmlformats.org/drawingml/2006/diagram': 'dgm',
  'http://purl.oclc.org/ooxml/drawingml/diagram': 'dgm',
  'urn:schemas-microsoft-com:office:office': 'o',
  'urn:schemas-microsoft-com:vml': 'v',
  'http://schemas.microsoft.com/office/word/2010/wordprocessingShape': 'wps',
  'http://schemas.openxmlformats.org/package/2006/metadata/core-properties': 'cp',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
};

/** `w:p` for an element in the WordprocessingML namespace whatever its prefix; `{uri}local` for an unknown namespace. */
export function qualifiedName(uri: string | undefined, local: string): string {
  if (uri === undefined) return local;
  const short = NAMESPACES[uri];
  return short ? `${short}:${local}` : `{${uri}}${local}`;
}

type Scope = ReadonlyMap<string, string>;

function scopeOf(el: Element, parent: Scope): Scope {
  let scope: Map<string, string> | undefined;
  for (const [key, value] of Object.entries(el.attributes)) {
    if (key !== 'xmlns' && !key.startsWith('xmlns:')) continue;
    scope ??= new Map(parent);
    scope.set(key === 'xmlns' ? '' : key.slice(6), String(value));
  }
  return scope ?? parent;
}

function nameIn(name: string, scope: Scope): string {
  const i = name.indexOf(':');
  const prefix = i < 0 ? '' : name.slice(0, i);
  return qualifiedName(scope.get(prefix), i < 0 ? name : name.slice(i + 1));
}

/** An attribute by its qualified name (`w:val`), whatever prefix the document gave its namespace. */
function attribute(el: Element, scope: Scope, name: string): string | undefined {
  for (const [key, value] of Object.entries(el.attributes)) {
    if (key.includes(':') && nameIn(key, scope) === name) return value == null ? undefined : String(value);
  }
  return undefined;
}

function child(el: Element, scope: Scope, name: string): { el: Element; scope: Scope } | undefined {
  for (const c of el.children) {
    if (c.type !== 'element') continue;
    const inner = scopeOf(c, scope);
    if (nameIn(c.name, inner) === name) return { el: c, scope: inner };
  }
  return undefined;
}

/** The style id of a w:p (w:pPr › w:pStyle). */
function paragraphStyle(p: Element, scope: Scope): string | undefined {
  const pPr = child(p, scope, 'w:pPr');
  const pStyle = pPr && child(pPr.el, pPr.scope, 'w:pStyle');
  return pStyle && attribute(pStyle.el, pStyle.scope, 'w:val');
}

interface Visitor {
  enter(el: Element, name: string, scope: Scope): void;
  leave?(el: Element, name: string): void;
}

/** Depth-first over the elements, with their namespace-resolved names. Iterative: a deep document cannot overflow the stack. */
function walk(root: Root, visitor: Visitor): void {
  type Frame = { nodes: RootContent[]; i: number; scope: Scope; el?: Element; name?: string };
  const stack: Frame[] = [{ nodes: root.children, i: 0, scope: new Map() }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.i >= top.nodes.length) {
      stack.pop();
      if (top.el && top.name) visitor.leave?.(top.el, top.name);
      continue;
    }
    const node = top.nodes[top.i++]!;
    if (node.type !== 'element') continue;
    const scope = scopeOf(node, top.scope);
    const name = nameIn(node.name, scope);
    visitor.enter(node, name, scope);
    stack.push({ nodes: node.children, i: 0, scope, el: node, name });
  }
}

function textOf(el: Element): string {
  let out = '';
  const stack: RootContent[] = [el];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'text') out += n.value;
    else if (n.type === 'element') for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out;
}

export async function readPart(zip: JSZip, name: string): Promise<Root | undefined> {
  const entry = zip.file(name);
  if (!entry) return undefined;
  // As text: fromXml reads a Uint8Array as a list of numbers.
  return fromXml(await entry.async('string'));
}

export interface CoreProperties {
  title?: string;
  creator?: string;
  language?: string;
  description?: string;
  /** dcterms:created as YYYY-MM-DD. */
  created?: string;
}

/** docProps/core.xml: the document's title, creator, language, description and creation date. */
export function coreProperties(tree: Root | undefined): CoreProperties {
  const out: CoreProperties = {};
  if (!tree) return out;
  walk(tree, {
    enter(el, name) {
      const text = textOf(el).trim();
      if (!text) return;
      if (name === 'dc:title') out.title = text;
      else if (name === 'dc:creator') out.creator = text;
      else if (name === 'dc:language') out.language = text;
      else if (name === 'dc:description') out.description = text;
      else if (name === 'dcterms:created') {
        const m = /^(\d{4}-\d{2}-\d{2})/.exec(text);
        if (m) out.created = m[1];
      }
    },
  });
  return out;
}

export interface Styles {
  /** Style id → its name as Word shows it. */
  names: Map<string, string>;
  /** The document's default language (w:docDefaults), if set. */
  language?: string;
}

export function readStyles(tree: Root | undefined): Styles {
  const styles: Styles = { names: new Map() };
  if (!tree) return styles;
  let style: string | undefined;
  let inDefaults = false;
  walk(tree, {
    enter(el, name, scope) {
      if (name === 'w:docDefaults') inDefaults = true;
      else if (name === 'w:lang' && inDefaults) styles.language ??= attribute(el, scope, 'w:val');
      else if (name === 'w:style') style = attribute(el, scope, 'w:styleId');
      else if (name === 'w:name' && style !== undefined)
        styles.names.set(style, attribute(el, scope, 'w:val') ?? style);
    },
    leave(_el, name) {
      if (name === 'w:docDefaults') inDefaults = false;
      else if (name === 'w:style') style = undefined;
    },
  });
  return styles;
}

/** Where something is in the document: a paragraph's number (1-based, body paragraphs in reading order) and the heading above it. */
export interface Place {
  paragraph: number;
  heading?: string;
}

export function describePlace(p: Place): string {
  return p.heading ? `paragraph ${p.paragraph} (under “${p.heading}”)` : `paragraph ${p.paragraph}`;
}

/** Style-use keys: `pStyle:<id>`, `rStyle:<id>`, `tblStyle:<id>`; element keys: their qualified name. */
export type Places = Map<string, Place[]>;

const STYLE_USES = new Set(['w:pStyle', 'w:rStyle', 'w:tblStyle']);

/**
 * Scans word/document.xml for the places of the elements in `wanted` (by
 * qualified name) and of every style used. An element inside another wanted
 * element of the same key is not counted again (an equation in an equation
 * paragraph is one equation).
 */
export function scanDocument(tree: Root, styles: Styles, wanted: ReadonlySet<string>): Places {
  const places: Places = new Map();
  let paragraph = 0;
  let paragraphDepth = 0;
  let heading: string | undefined;
  const open = new Map<string, number>();
  const add = (key: string) => {
    // Between paragraphs (a table's properties), the place is the next paragraph.
    const place = { paragraph: paragraphDepth > 0 ? paragraph : paragraph + 1, heading };
    const list = places.get(key) ?? [];
    const last = list[list.length - 1];
    if (!last || last.paragraph !== place.paragraph) list.push(place);
    places.set(key, list);
  };
  walk(tree, {
    enter(el, name, scope) {
      if (name === 'w:p') {
        if (paragraphDepth === 0) {
          paragraph++;
          // A body paragraph in a heading style: what follows is "under" it.
          const id = paragraphStyle(el, scope);
          if (id !== undefined && /^(heading [1-9]|title)$/i.test(styles.names.get(id) ?? id)) {
            heading = textOf(el).trim().replace(/\s+/g, ' ') || heading;
          }
        }
        paragraphDepth++;
        return;
      }
      if (STYLE_USES.has(name)) {
        const id = attribute(el, scope, 'w:val');
        if (id === undefined) return;
        add(`${name.slice(2)}:${id}`);
        return;
      }
      if (wanted.has(name)) {
        const depth = open.get(name) ?? 0;
        if (depth === 0) add(name);
        open.set(name, depth + 1);
      }
    },
    leave(_el, name) {
      if (name === 'w:p') paragraphDepth--;
      else if (open.has(name)) open.set(name, open.get(name)! - 1);
    },
  });
  return places;
}
