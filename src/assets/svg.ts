/**
 * Makes an SVG image safe to ship: parsed as XML (never matched by regex),
 * rebuilt from an allow-list of SVG elements and attributes, with every URL
 * judged after the parser has decoded entities and after trimming, and CSS
 * (`<style>`, `style=""`, `fill="url(…)"`) parsed with css-tree. What is left
 * is serialised again, so the outputs carry the cleaned file, not the original.
 *
 * Policy: what can be removed while the picture stays a picture is removed and
 * listed (`removed`, reported as `assets/svg-cleaned`); what cannot be read
 * safely at all (not XML, an internal DTD subset, a root that is not `<svg>`,
 * `<use>` references that expand beyond a bound) is refused.
 */
import * as csstree from 'css-tree';
import type { ElementContent as XContent, Element as XElement, Root as XRoot } from 'xast';
import { fromXml } from 'xast-util-from-xml';
import { toXml } from 'xast-util-to-xml';

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
/** Editors' bookkeeping (Inkscape, Sodipodi, RDF metadata, Illustrator): dropped without a word. */
const EDITOR_NS = /inkscape|sodipodi|w3\.org\/1999\/02\/22-rdf|creativecommons|purl\.org\/dc|adobe|sketch|serif\.com/i;

/** `<use>` expansion bound: a 2 KB file of nested `<use>` can otherwise expand to billions of nodes. */
export const MAX_EXPANDED_NODES = 100_000;

const FILTER_PRIMITIVES = [
  'feBlend',
  'feColorMatrix',
  'feComponentTransfer',
  'feComposite',
  'feConvolveMatrix',
  'feDiffuseLighting',
  'feDisplacementMap',
  'feDistantLight',
  'feDropShadow',
  'feFlood',
  'feFuncA',
  'feFuncB',
  'feFuncG',
  'feFuncR',
  'feGaussianBlur',
  'feImage',
  'feMerge',
  'feMergeNode',
  'feMorphology',
  'feOffset',
  'fePointLight',
  'feSpecularLighting',
  'feSpotLight',
  'feTile',
  'feTurbulence',
];
const ELEMENTS = new Set([
  'svg',
  'g',
  'defs',
  'symbol',
  'use',
  'switch',
  'title',
  'desc',
  'a',
  'image',
  'style',
  'path',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'text',
  'tspan',
  'textPath',
  'linearGradient',
  'radialGradient',
  'stop',
  'pattern',
  'clipPath',
  'mask',
  'marker',
  'filter',
  'view',
  ...FILTER_PRIMITIVES,
]);
/** Elements dropped with their content and no warning: metadata only, never drawn. */
const QUIET_ELEMENTS = new Set(['metadata']);

const ATTRIBUTES = new Set(
  `id class style lang tabindex role focusable href
  x y x1 x2 y1 y2 cx cy r rx ry fx fy fr width height d points pathLength transform viewBox preserveAspectRatio version baseProfile
  alignment-baseline baseline-shift clip clip-path clip-rule color color-interpolation color-interpolation-filters color-rendering
  cursor direction display dominant-baseline enable-background fill fill-opacity fill-rule filter flood-color flood-opacity font
  font-family font-size font-size-adjust font-stretch font-style font-variant font-weight glyph-orientation-horizontal
  glyph-orientation-vertical image-rendering kerning letter-spacing lighting-color marker marker-end marker-mid marker-start mask
  mask-type opacity overflow paint-order pointer-events shape-rendering stop-color stop-opacity stroke stroke-dasharray
  stroke-dashoffset stroke-linecap stroke-linejoin stroke-miterlimit stroke-opacity stroke-width text-anchor text-decoration
  text-rendering transform-origin unicode-bidi vector-effect visibility word-spacing writing-mode mix-blend-mode isolation
  gradientUnits gradientTransform spreadMethod offset patternUnits patternContentUnits patternTransform clipPathUnits maskUnits
  maskContentUnits markerUnits markerWidth markerHeight refX refY orient filterUnits primitiveUnits in in2 result stdDeviation dx dy
  rotate textLength lengthAdjust startOffset method spacing side mode operator k1 k2 k3 k4 type values tableValues slope intercept
  amplitude exponent baseFrequency numOctaves seed stitchTiles scale xChannelSelector yChannelSelector kernelMatrix order divisor
  bias targetX targetY edgeMode preserveAlpha kernelUnitLength surfaceScale diffuseConstant specularConstant specularExponent
  azimuth elevation z pointsAtX pointsAtY pointsAtZ limitingConeAngle radius requiredFeatures requiredExtensions systemLanguage
  media crossorigin`.split(/\s+/),
);
const CSS_ATRULES = new Set([
  ...['media', 'supports', 'keyframes', 'font-face', 'charset', 'layer', 'container', 'page', 'counter-style'],
  ...['property', 'font-feature-values', 'scope', 'starting-style'],
  // @page's margin boxes (print CSS).
  ...['top', 'bottom', 'left', 'right'].flatMap((s) => [
    `${s}-left`,
    `${s}-center`,
    `${s}-right`,
    `${s}-top`,
    `${s}-middle`,
    `${s}-bottom`,
  ]),
  ...['top-left-corner', 'top-right-corner', 'bottom-left-corner', 'bottom-right-corner'],
]);
/** Raster images an `<image>` may carry inline: anything else (a remote or relative file, nested SVG) is removed. */
const DATA_IMAGE = /^data:image\/(?:png|jpeg|gif);base64,[A-Za-z0-9+/=\s]*$/i;

export type SvgResult =
  | { ok: true; text: string; removed: Removal[] }
  | { ok: false; code: 'assets/unsafe-svg' | 'assets/svg-too-complex'; reason: string; line?: number; column?: number };

export interface Removal {
  what: string;
  line?: number;
}

/** The browser's own URL trimming: C0 controls and spaces at either end, tabs and newlines anywhere. */
export function trimUrl(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the URL standard strips exactly these.
  return value.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
}

/** Only a reference inside the same document is safe in SVG and CSS: `#id`. */
function isFragment(url: string): boolean {
  return /^#[^\s]*$/.test(trimUrl(url));
}

type Scope = Map<string, string>;

interface State {
  removed: Removal[];
  usesXlink: boolean;
}

export function sanitiseSvg(text: string): SvgResult {
  let tree: XRoot;
  try {
    tree = fromXml(text);
  } catch (cause) {
    const m = cause as { reason?: string; line?: number; column?: number };
    return {
      ok: false,
      code: 'assets/unsafe-svg',
      reason: `is not well-formed XML (${(m.reason ?? String(cause)).split('\n')[0]})`,
      line: m.line ?? undefined,
      column: m.column ?? undefined,
    };
  }
  const state: State = { removed: [], usesXlink: false };
  let root: XElement | undefined;
  for (const node of tree.children) {
    if (node.type === 'doctype') {
      // A bare DOCTYPE (Illustrator writes one) is never fetched; an internal subset declares entities.
      const start = node.position?.start.offset ?? 0;
      const end = node.position?.end.offset ?? 0;
      if (text.slice(start, end).includes('[')) {
        return {
          ok: false,
          code: 'assets/unsafe-svg',
          reason: 'declares a DTD internal subset (entities)',
          line: node.position?.start.line,
        };
      }
    } else if (node.type === 'instruction' && node.name !== 'xml') {
      // `<?xml-stylesheet href=…?>` loads a stylesheet.
      state.removed.push({ what: `<?${node.name}?>`, line: node.position?.start.line });
    } else if (node.type === 'element') {
      root = node;
    }
  }
  if (!root) return { ok: false, code: 'assets/unsafe-svg', reason: 'has no root element' };
  const rootScope: Scope = new Map([['xml', XML_NS]]);
  // A root `<svg>` with no namespace at all is what people write by hand; treat it as SVG.
  if (root.name === 'svg' && !('xmlns' in root.attributes)) rootScope.set('', SVG_NS);
  const cleaned = cleanElement(root, rootScope, state, true);
  if (cleaned?.name !== 'svg') {
    return {
      ok: false,
      code: 'assets/unsafe-svg',
      reason: 'has a root element that is not an SVG `<svg>`',
      line: root.position?.start.line,
    };
  }
  const tooBig = useExpansion(cleaned);
  if (tooBig) return { ok: false, code: 'assets/svg-too-complex', ...tooBig };
  cleaned.attributes = {
    xmlns: SVG_NS,
    ...(state.usesXlink ? { 'xmlns:xlink': XLINK_NS } : {}),
    ...cleaned.attributes,
  };
  const out: XRoot = { type: 'root', children: [cleaned] };
  return {
    ok: true,
    text: `<?xml version="1.0" encoding="UTF-8"?>\n${toXml(out, { closeEmptyElements: true })}\n`,
    removed: state.removed,
  };
}

function split(name: string): [prefix: string, local: string] {
  const i = name.indexOf(':');
  return i < 0 ? ['', name] : [name.slice(0, i), name.slice(i + 1)];
}

function cleanElement(node: XElement, parentScope: Scope, state: State, isRoot = false): XElement | undefined {
  const line = node.position?.start.line;
  const scope = new Map(parentScope);
  for (const [name, value] of Object.entries(node.attributes)) {
    if (name === 'xmlns') scope.set('', value ?? '');
    else if (name.startsWith('xmlns:')) scope.set(name.slice(6), value ?? '');
  }
  const [prefix, local] = split(node.name);
  const ns = scope.get(prefix);
  // An element is what its namespace says: `<s:script xmlns:s="…svg">` is a script.
  if (ns !== SVG_NS || !ELEMENTS.has(local)) {
    const quiet = QUIET_ELEMENTS.has(local) || (ns !== undefined && EDITOR_NS.test(ns));
    if (!quiet || isRoot) {
      state.removed.push({
        what: ns === SVG_NS ? `<${local}>` : `<${node.name}> (namespace ${ns ?? 'undeclared'})`,
        line,
      });
    }
    return undefined;
  }
  const attributes: Record<string, string> = {};
  for (const [name, raw] of Object.entries(node.attributes)) {
    if (raw === null || raw === undefined) continue;
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    const [aPrefix, aLocal] = split(name);
    const aNs = aPrefix ? scope.get(aPrefix) : '';
    let key: string | undefined;
    if (aNs === '' && ATTRIBUTES.has(aLocal)) key = aLocal;
    else if (aNs === XLINK_NS && aLocal === 'href') key = 'xlink:href';
    else if (aNs === XML_NS && (aLocal === 'space' || aLocal === 'lang')) key = `xml:${aLocal}`;
    else if (aNs === '' && /^aria-[a-z]+$/.test(aLocal)) key = aLocal;
    if (!key) {
      // Unknown presentation trivia (data-name, editor attributes) go quietly; handlers and links do not.
      if (/^on/i.test(aLocal) || /href|src|base|action/i.test(aLocal)) {
        state.removed.push({ what: `${name}="${raw.slice(0, 60)}" on <${local}>`, line });
      }
      continue;
    }
    let value: string | undefined = raw;
    if (key === 'href' || key === 'xlink:href') value = checkHref(local, raw);
    else if (key === 'style') value = cleanCss(raw, 'declarationList');
    else if (/url\s*\(|\\/i.test(raw)) value = cleanCss(raw, 'value');
    if (value === undefined) {
      state.removed.push({ what: `${name}="${raw.slice(0, 60)}" on <${local}>`, line });
      continue;
    }
    if (key === 'xlink:href') state.usesXlink = true;
    attributes[key] = value;
  }
  const children: XContent[] = [];
  for (const child of node.children) {
    if (child.type === 'element') {
      const kept = cleanElement(child, scope, state);
      if (kept) children.push(kept);
    } else if (child.type === 'text' || child.type === 'cdata') {
      children.push({ type: 'text', value: child.value });
    }
    // Comments and processing instructions are dropped: nothing in a picture needs them.
  }
  if (local === 'style') {
    const css = children.map((c) => (c.type === 'text' ? c.value : '')).join('');
    const clean = cleanCss(css, 'stylesheet', (what) => state.removed.push({ what: `${what} in <style>`, line }));
    return {
      type: 'element',
      name: local,
      attributes,
      children: clean ? [{ type: 'text', value: clean }] : [],
      position: node.position,
    };
  }
  // A link left without its address is only a group (EPUBCheck asks every SVG link for a title).
  const name = local === 'a' && !attributes.href && !attributes['xlink:href'] ? 'g' : local;
  return { type: 'element', name, attributes, children, position: node.position };
}

function checkHref(element: string, raw: string): string | undefined {
  const url = trimUrl(raw);
  if (isFragment(url)) return url;
  if (element === 'image' && DATA_IMAGE.test(url)) return url;
  return undefined;
}

type CssContext = 'stylesheet' | 'declarationList' | 'value';

/**
 * Parses CSS and keeps what cannot reach outside the document: no `@import`,
 * no `url()` but `#id`, no image functions with string URLs, nothing escaped
 * (`u\72l(` is `url(` to a browser) and nothing css-tree could not parse.
 * Returns undefined when nothing safe is left of a value.
 */
export function cleanCss(css: string, context: CssContext, report?: (what: string) => void): string | undefined {
  let ast: csstree.CssNode;
  try {
    ast = csstree.parse(css, { context, parseValue: true, parseAtrulePrelude: true, parseCustomProperty: true });
  } catch {
    report?.('unparsable CSS');
    return undefined;
  }
  const unsafe = (node: csstree.CssNode): string | undefined => {
    let why: string | undefined;
    csstree.walk(node, (n) => {
      if (why) return;
      if (n.type === 'Url' && !isFragment(n.value)) why = `url(${n.value.slice(0, 60)})`;
      else if (n.type === 'Raw' && /[\\(]|url|@import/i.test(n.value)) why = `\`${n.value.slice(0, 60)}\``;
      else if (n.type === 'Function' && /image|cross-fade|element|src/i.test(n.name)) why = `${n.name}()`;
      else if (n.type === 'Atrule' && !CSS_ATRULES.has(n.name.toLowerCase())) why = `@${n.name}`;
    });
    if (!why && csstree.generate(node).includes('\\')) why = 'CSS escapes';
    return why;
  };
  if (context === 'value') return unsafe(ast) ? undefined : csstree.generate(ast);
  // Remove each offending at-rule or declaration, keep the rest.
  csstree.walk(ast, {
    enter(node: csstree.CssNode, item: csstree.ListItem<csstree.CssNode>, list: csstree.List<csstree.CssNode>) {
      if (!list) return;
      if (node.type === 'Atrule' && !CSS_ATRULES.has(node.name.toLowerCase())) {
        report?.(`@${node.name}`);
        list.remove(item);
      } else if (node.type === 'Declaration' || node.type === 'Raw') {
        const why = unsafe(node);
        if (why) {
          report?.(node.type === 'Declaration' ? `${node.property}: ${why}` : why);
          list.remove(item);
        }
      }
    },
  });
  const out = csstree.generate(ast);
  return context === 'declarationList' && !out ? undefined : out;
}

/**
 * Counts the nodes the SVG would have once every `<use>` is expanded, and
 * refuses it beyond MAX_EXPANDED_NODES or when a `<use>` refers to itself.
 */
function useExpansion(root: XElement): { reason: string; line?: number } | undefined {
  const byId = new Map<string, XElement>();
  const index = (el: XElement) => {
    const id = el.attributes.id;
    if (typeof id === 'string' && !byId.has(id)) byId.set(id, el);
    for (const c of el.children) if (c.type === 'element') index(c);
  };
  index(root);
  const memo = new Map<XElement, number>();
  const active = new Set<XElement>();
  let cycle: XElement | undefined;
  const size = (el: XElement): number => {
    const known = memo.get(el);
    if (known !== undefined) return known;
    if (active.has(el)) {
      cycle ??= el;
      return Number.POSITIVE_INFINITY;
    }
    active.add(el);
    let n = 1;
    for (const c of el.children) if (c.type === 'element') n += size(c);
    if (el.name === 'use') {
      const ref = el.attributes.href ?? el.attributes['xlink:href'];
      const target = typeof ref === 'string' ? byId.get(ref.slice(1)) : undefined;
      if (target) n += size(target);
    }
    active.delete(el);
    // Capped so that a bomb's count stays a finite number.
    const capped = Math.min(n, MAX_EXPANDED_NODES + 1);
    memo.set(el, capped);
    return capped;
  };
  const total = size(root);
  if (cycle) {
    return { reason: '`<use>` refers to an element that contains it', line: cycle.position?.start.line };
  }
  if (total > MAX_EXPANDED_NODES) {
    return { reason: `\`<use>\` references expand to more than ${MAX_EXPANDED_NODES.toLocaleString('en')} elements` };
  }
  return undefined;
}
