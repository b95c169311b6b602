/**
 * pandoc attribute blocks after headings, images, links and on fenced code:
 *
 * - `# Title {#id .class lang=fr}`: the attributes go on the heading; `{-}` is
 *   `{.unnumbered}` (kept as a class, for section numbering to skip it);
 * - `![alt](x.png){#fig-x width=50%}` and `[text](url){.class}`: the block must
 *   touch the element's closing parenthesis (or bracket, for references). An
 *   image alone in its paragraph with attributes becomes a figure, as pandoc
 *   makes it: captioned by its title when it has one (Octavo's rule), else by
 *   its alt text; the id goes on the figure;
 * - ```` ```{.python #id} ````, ```` ``` {.haskell .numberLines} ```` and
 *   ```` ```python {#id} ````: the language is the first class.
 *
 * The attributes reach the HTML as toProperties() allows; the others are
 * warnings naming the key.
 */
import type { Code, Emphasis, Heading, Image, Nodes, Paragraph, Parent, Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from '../../util/visit.js';
import { type Attributes, leadingAttributes, parseAttributes, trailingAttributes } from './attributes-parse.js';
import { literalFlags, placeIn, textSlice, toProperties } from './shared.js';

function addProperties(node: Nodes, props: Record<string, unknown>): void {
  node.data ??= {};
  const data = node.data as { hProperties?: Record<string, unknown> };
  const before = data.hProperties ?? {};
  const classes = [
    ...(Array.isArray(before.className) ? before.className : []),
    ...(Array.isArray(props.className) ? props.className : []),
  ];
  data.hProperties = { ...before, ...props, ...(classes.length ? { className: classes } : {}) };
}

function headingAttributes(node: Heading, file: VFile): void {
  const last = node.children[node.children.length - 1];
  if (last?.type !== 'text') return;
  const found = trailingAttributes(last.value);
  if (!found || !literalFlags(last, file)[found.start]) return;
  last.value = last.value.slice(0, found.start).replace(/[ \t]+$/, '');
  if (!last.value) node.children.pop();
  addProperties(node, toProperties(found.attrs, file, placeIn(last, found.start)));
}

const AFTER = new Set(['image', 'link', 'imageReference', 'linkReference']);

/** `{…}` right after an image or link in `parent`; returns whether any was taken. */
function inlineAttributes(parent: Parent, file: VFile): void {
  for (let i = 0; i < parent.children.length - 1; i++) {
    const el = parent.children[i] as Nodes;
    const next = parent.children[i + 1] as Nodes;
    if (!AFTER.has(el.type) || next.type !== 'text') continue;
    const end = el.position?.end.offset;
    if (end === undefined || next.position?.start.offset !== end) continue;
    const found = leadingAttributes(next.value);
    if (!found || !literalFlags(next, file)[0]) continue;
    const props = toProperties(found.attrs, file, placeIn(next, 0), el.type.startsWith('image') ? 'image' : 'other');
    addProperties(el, props);
    (el.data as Record<string, unknown>).pandocAttributes = true;
    if (next.value.length === found.length) parent.children.splice(i + 1, 1);
    else parent.children[i + 1] = textSlice(next, file, found.length);
  }
}

/**
 * An image with attributes alone in its paragraph: a figure, its id on the
 * figure. The caption is the title when there is one (Octavo), else the alt
 * text (pandoc), hidden from screen readers that already read it as the
 * image's description (pandoc's `aria-hidden`).
 */
function attributedFigure(node: Paragraph): void {
  const content = node.children.filter((c) => !(c.type === 'text' && !c.value.trim()));
  const image = content[0];
  if (content.length !== 1 || image?.type !== 'image') return;
  if (!(image.data as Record<string, unknown> | undefined)?.pandocAttributes) return;
  const title = image.title?.trim();
  const caption = title || image.alt?.trim();
  if (!caption) return;
  const { id, ...rest } = (image.data?.hProperties ?? {}) as Record<string, unknown>;
  const img: Image = { ...image, title: null, data: { ...image.data, hProperties: rest as never } };
  const figcaption: Emphasis = {
    type: 'emphasis',
    data: { hName: 'figcaption', hProperties: title ? {} : { ariaHidden: 'true' } },
    children: [{ type: 'text', value: caption, position: image.position }],
  };
  node.children = [img, figcaption];
  node.data = { ...node.data, hName: 'figure', hProperties: typeof id === 'string' ? { id } : {} };
}

/** The attributes of a fence's info string, with the language first; undefined when it has none. */
function codeAttributes(node: Code): { lang?: string; attrs: Attributes } | undefined {
  const lang = node.lang ?? '';
  const meta = node.meta ?? '';
  if (lang.startsWith('{')) {
    const attrs = parseAttributes(`${lang}${meta ? ` ${meta}` : ''}`.trim());
    return attrs ? { attrs } : undefined;
  }
  if (lang && meta.trim().startsWith('{')) {
    const attrs = parseAttributes(meta.trim());
    return attrs ? { lang, attrs } : undefined;
  }
  return undefined;
}

function fencedCodeAttributes(node: Code, file: VFile): void {
  const found = codeAttributes(node);
  if (!found) return;
  const classes = found.lang ? [found.lang, ...found.attrs.classes] : [...found.attrs.classes];
  const [lang, ...others] = classes;
  node.lang = lang ?? null;
  node.meta = null;
  const props = toProperties({ ...found.attrs, classes: others }, file, node.position);
  // remark-rehype's own class (`language-…`, which highlighting reads) comes first.
  if (lang) props.className = [`language-${lang}`, ...((props.className as string[] | undefined) ?? [])];
  addProperties(node, props);
}

export function pandocAttributes(tree: Root, file: VFile): void {
  visit(tree, (node) => {
    if (node.type === 'heading') headingAttributes(node, file);
    else if (node.type === 'code') fencedCodeAttributes(node, file);
    if ('children' in node && node.children.length > 1) inlineAttributes(node as Parent, file);
  });
  visit(tree, 'paragraph', (node) => attributedFigure(node));
}
