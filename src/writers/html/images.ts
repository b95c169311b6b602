/**
 * The HTML edition carries its images inside itself, as data URIs, each image
 * once however often the book shows it (a tutorial shows the same screenshot
 * in two chapters: Django Girls' would weigh 2 MB more).
 *
 * An `<img>` cannot point at another's data, and without a script nothing can
 * fill one in, so an image shown more than once is drawn by SVG instead, the
 * one way HTML has to show the same pixels twice from one copy: the first
 * place holds the image, `<svg><image id="…" href="data:…"/></svg>`, the
 * others `<svg><use href="#…"/></svg>`. Each keeps its words: `role="img"`
 * and the alt text as `aria-label` (an empty alt: hidden, as a decorative img
 * is), its title as the SVG's `<title>`, its size as `width`, `height` and a
 * `viewBox` (so CSS scales it as it scales an img). An image shown once stays
 * an `<img>`.
 */
import type { Element, Root } from 'hast';
import { s } from 'hastscript';
import type { Asset } from '../../book.js';
import { SKIP, visit } from '../../util/visit.js';

function dataUri(asset: Asset): string {
  return `data:${asset.mediaType};base64,${Buffer.from(asset.bytes).toString('base64')}`;
}

function number(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/** The size an img is shown at: its own width and height, either one scaled by the image's proportions. */
function shownSize(img: Element, asset: Asset): { width: number; height: number } | undefined {
  if (!asset.width || !asset.height) return undefined;
  const w = number(img.properties.width);
  const h = number(img.properties.height);
  if (w && h) return { width: w, height: h };
  if (w) return { width: w, height: (w * asset.height) / asset.width };
  if (h) return { width: (h * asset.width) / asset.height, height: h };
  return { width: asset.width, height: asset.height };
}

/** The SVG that stands for an img; `picture` is its `<image>` (first place) or a `<use>` of it. */
function svgFor(img: Element, size: { width: number; height: number }, asset: Asset, picture: Element): Element {
  const alt = typeof img.properties.alt === 'string' ? img.properties.alt : '';
  const title = img.properties.title;
  const cls = Array.isArray(img.properties.className) ? img.properties.className : [];
  return s(
    'svg',
    {
      className: ['shared-image', ...cls.map(String)],
      ...(img.properties.id ? { id: img.properties.id } : {}),
      ...(alt ? { role: 'img', ariaLabel: alt } : { ariaHidden: 'true' }),
      ...(img.properties.style ? { style: img.properties.style } : {}),
      width: size.width,
      height: size.height,
      viewBox: `0 0 ${asset.width} ${asset.height}`,
      // The image fills the box as an img's would, stretched if the author set both sides.
      preserveAspectRatio: 'none',
    },
    [...(typeof title === 'string' && title ? [s('title', title)] : []), picture],
  );
}

/** In a <picture> an img is one of several sources: it stays an img. */
function inPicture(parent: Root | Element | undefined): boolean {
  return parent?.type === 'element' && parent.tagName === 'picture';
}

/** Puts each image into the page once, as a data URI; see the module's comment for images shown more than once. */
export function embedImages(tree: Root, assets: readonly Asset[]): void {
  const byHref = new Map(assets.map((a) => [a.href, a]));
  const taken = new Set<string>();
  const uses = new Map<string, number>();
  visit(tree, 'element', (node, _index, parent) => {
    if (typeof node.properties.id === 'string') taken.add(node.properties.id);
    const src = node.properties.src;
    if (node.tagName === 'img' && typeof src === 'string' && byHref.has(src) && !inPicture(parent))
      uses.set(src, (uses.get(src) ?? 0) + 1);
  });
  const placed = new Map<string, string>();
  const data = new Map<string, string>();
  const uriOf = (asset: Asset) => {
    const uri = data.get(asset.href) ?? dataUri(asset);
    data.set(asset.href, uri);
    return uri;
  };
  visit(tree, 'element', (node, index, parent) => {
    const src = node.properties.src;
    if (node.tagName !== 'img' || typeof src !== 'string') return undefined;
    const asset = byHref.get(src);
    if (!asset) return undefined;
    const size = (uses.get(src) ?? 0) > 1 && !inPicture(parent) ? shownSize(node, asset) : undefined;
    if (!size || !parent || index === undefined) {
      node.properties.src = uriOf(asset);
      return undefined;
    }
    let id = placed.get(src);
    let picture: Element;
    if (id) picture = s('use', { href: `#${id}` });
    else {
      id = `image-${asset.id}`;
      for (let n = 2; taken.has(id); n++) id = `image-${asset.id}-${n}`;
      taken.add(id);
      placed.set(src, id);
      picture = s('image', { id, href: uriOf(asset), width: asset.width, height: asset.height });
    }
    parent.children[index] = svgFor(node, size, asset, picture);
    return SKIP;
  });
}
