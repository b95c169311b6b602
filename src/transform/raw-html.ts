/**
 * Raw HTML in Markdown is kept when it is safe in every edition.
 *
 * `rehypeRecordRawHtml` notes where the author's HTML is (before rehype-raw
 * parses it into elements); `rehypeSafeHtml` then sanitises the whole tree with
 * rehype-sanitize and a schema that keeps book semantics, and reports every
 * element or attribute it removed at its file:line:col (`unsafe-html`):
 * scripts, `on*` handlers, `javascript:` links, iframes, objects, embeds,
 * forms, styles, links, metas, and remote files in the `src` of the author's
 * img/audio/video/source/track. It runs before math, highlighting and
 * footnotes are rendered, so only what the author wrote is sanitised.
 */
import type { Element, Root } from 'hast';
import { raw } from 'hast-util-raw';
import rehypeSanitize, { defaultSchema, type Options as Schema } from 'rehype-sanitize';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import { SKIP, visit } from '../util/visit.js';
import { replaceNonXml } from '../util/xml-chars.js';

/** Offsets [start, end) of the author's raw HTML in each chapter's source. */
const rawRanges = new WeakMap<VFile, [number, number][]>();

/** Whether an element was written by the author as HTML (not made from Markdown). */
export function isRawHtml(file: VFile, node: Element): boolean {
  const at = node.position?.start.offset;
  if (at === undefined) return false;
  return (rawRanges.get(file) ?? []).some(([s, e]) => at >= s && at < e);
}

/**
 * rehype-raw, where the chapter has raw HTML to parse. It re-parses the whole
 * tree through parse5 even when there is none, which changes nothing then and
 * cost a tenth of the transform.
 */
export function rehypeRawWhereNeeded() {
  return (tree: Root, file: VFile): Root => (rawRanges.get(file)?.length ? (raw(tree, { file }) as Root) : tree);
}

/** Run before rehype-raw. */
export function rehypeRecordRawHtml() {
  return (tree: Root, file: VFile) => {
    const ranges: [number, number][] = [];
    visit(tree, 'raw', (node) => {
      const s = node.position?.start.offset;
      const e = node.position?.end.offset;
      if (s !== undefined && e !== undefined) ranges.push([s, e]);
    });
    rawRanges.set(file, ranges);
  };
}

const GLOBAL = [
  'id',
  'className',
  'lang',
  'dir',
  'title',
  'role',
  'ariaLabel',
  'ariaLabelledBy',
  'ariaDescribedBy',
  'ariaHidden',
  'hidden',
  'translate',
  // Inert data (pandoc's `{data-x=…}` attributes; the footnotes' own are checked per element below).
  'data*',
];

/** What is kept. Markdown's own output (GFM footnotes, task lists, table alignment, math code) is in it too. */
export const SCHEMA: Schema = {
  tagNames: [
    ...['p', 'div', 'span', 'br', 'hr', 'wbr', 'blockquote', 'pre', 'code', 'kbd', 'samp', 'var'],
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'aside', 'article', 'header', 'footer', 'figure', 'figcaption'],
    ...[
      'a',
      'em',
      'strong',
      'b',
      'i',
      'u',
      's',
      'del',
      'ins',
      'mark',
      'small',
      'sub',
      'sup',
      'q',
      'cite',
      'dfn',
      'abbr',
      'time',
    ],
    ...['bdi', 'bdo', 'ruby', 'rt', 'rp', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'details', 'summary', 'input'],
    ...['table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td'],
    ...['img', 'picture', 'audio', 'video', 'source', 'track'],
  ],
  attributes: {
    '*': GLOBAL,
    a: ['href', 'hrefLang', 'rel', 'dataFootnoteRef', 'dataFootnoteBackref'],
    // `data-*` as written (GitHub keeps them; an e-reader ignores them).
    img: ['src', 'alt', 'width', 'height', 'data*'],
    audio: ['src', 'controls', 'loop', 'muted'],
    video: ['src', 'controls', 'loop', 'muted', 'width', 'height'],
    source: ['src', 'type', 'media'],
    track: ['src', 'kind', 'srcLang', 'label', 'default'],
    ol: ['start', 'reversed', 'type'],
    li: ['value'],
    th: ['scope', 'abbr', 'colSpan', 'rowSpan', 'headers', 'align'],
    td: ['colSpan', 'rowSpan', 'headers', 'align'],
    col: ['span'],
    colgroup: ['span'],
    time: ['dateTime'],
    blockquote: ['cite'],
    q: ['cite'],
    del: ['cite', 'dateTime'],
    ins: ['cite', 'dateTime'],
    details: ['open'],
    section: ['dataFootnotes'],
    // Structural semantics on asides (pandoc's fenced divs `::: tip`).
    aside: ['epub:type'],
    div: ['epub:type'],
    input: [['type', 'checkbox'], ['disabled', true], 'checked'],
  },
  required: { input: { type: 'checkbox', disabled: true } },
  protocols: {
    href: ['http', 'https', 'mailto', 'tel', 'ftp', 'irc', 'ircs', 'xmpp'],
    cite: ['http', 'https'],
    // `src` is the asset pass's business (it refuses anything but a file in the book), remote media in raw HTML ours (below).
  },
  ancestors: defaultSchema.ancestors,
  // Removed with their content (the others keep theirs: `<center>x</center>` → `x`).
  strip: [
    'script',
    'style',
    'iframe',
    'object',
    'embed',
    'form',
    'template',
    'noscript',
    'textarea',
    'select',
    'button',
    'title',
    'svg',
    'math',
    'canvas',
    'frameset',
    'noframes',
    'xmp',
    'plaintext',
  ],
  clobber: [],
  clobberPrefix: '',
  allowComments: false,
  allowDoctypes: false,
};

const sanitizer = unified().use(rehypeSanitize, SCHEMA).freeze();

const REMOTE = /^\s*(https?:)?\/\//i;
const SCHEME = /^\s*[a-z][a-z0-9+.-]*:/i;
const MEDIA = new Set(['img', 'audio', 'video', 'source', 'track']);

/** hast property name → the attribute as the author wrote it. */
function attributeName(key: string): string {
  if (key === 'className') return 'class';
  if (key === 'htmlFor') return 'for';
  if (/^(aria|data)[A-Z]/.test(key)) return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return key.toLowerCase();
}

function shorten(value: unknown): string {
  const s = Array.isArray(value) ? value.join(' ') : String(value);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

const NOTE =
  'Octavo keeps only HTML that is safe in every edition: no scripts, event handlers, styles, embeds, frames, forms or remote files. Write it in Markdown, or as plain HTML elements.';

interface Seen {
  node: Element;
  properties: Record<string, unknown>;
  parent: number | undefined;
}

export function rehypeSafeHtml() {
  return (tree: Root, file: VFile): Root => {
    const report = (reason: string, node: Element, note = NOTE) => {
      file.message(reason, { place: node.position, ruleId: 'unsafe-html', source: 'octavo' }).note = note;
    };

    // `<h1>&#xFFFE;</h1>`: the HTML parser keeps what XML cannot hold, which the serialiser would drop
    // (leaving an empty title); U+FFFD instead, as in the manuscript's own text.
    visit(tree, 'text', (node) => {
      node.value = replaceNonXml(node.value);
    });

    // Before: legacy anchors become ids; the author's remote audio and video go (with a warning); every element is tagged.
    const lostChildren = new Set<Element>();
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName === 'a' && typeof node.properties.name === 'string' && node.properties.id === undefined) {
        node.properties.id = node.properties.name;
        delete node.properties.name;
      }
      const src = node.properties.src;
      if (
        !MEDIA.has(node.tagName) ||
        typeof src !== 'string' ||
        !isRawHtml(file, node) ||
        !parent ||
        index === undefined
      )
        return undefined;
      if (node.tagName === 'img') {
        // Remote or not, an image goes to the asset pass, as a Markdown image does: one count of the remote ones
        // left out (`remote-images: omit`), or an error for each, and the alt text kept.
        return undefined;
      }
      if (REMOTE.test(src)) {
        report(
          `remote file \`${shorten(src)}\` removed with its \`<${node.tagName}>\`: a book is built offline`,
          node,
          'Download the file into the book folder and point to it by a relative path.',
        );
      } else if (SCHEME.test(src)) {
        // No other pass looks at media: they must be files in the book.
        report(
          `\`<${node.tagName} src="${shorten(src)}">\` removed: a book's media are files in the book folder`,
          node,
          'Put the file in the book folder and point to it by a relative path.',
        );
      } else return undefined;
      parent.children.splice(index, 1);
      if (parent.type === 'element') lostChildren.add(parent);
      return [SKIP, index];
    });
    const seen: Seen[] = [];
    visit(tree, 'element', (node, _index, parent) => {
      // Parents are visited first, so the parent's tag is already in `seen`.
      const parentSid =
        parent && parent.type === 'element'
          ? (parent.data as { octavoSid?: number } | undefined)?.octavoSid
          : undefined;
      const sid = seen.length;
      seen.push({ node, properties: { ...node.properties }, parent: parentSid });
      node.data = { ...node.data, octavoSid: sid } as Element['data'];
    });

    const lost = new Set<number>();
    for (const parent of lostChildren) {
      const sid = (parent.data as { octavoSid?: number } | undefined)?.octavoSid;
      if (sid !== undefined) lost.add(sid);
    }

    const clean = sanitizer.runSync(tree, file) as Root;

    // After: what is missing was removed.
    const kept = new Map<number, Element>();
    visit(clean, 'element', (node) => {
      const data = node.data as ({ octavoSid?: number } & Record<string, unknown>) | undefined;
      if (data?.octavoSid !== undefined) {
        kept.set(data.octavoSid, node);
        delete data.octavoSid;
        if (Object.keys(data).length === 0) delete node.data;
      }
    });
    const strip = new Set(SCHEMA.strip ?? []);
    const dropped = new Set<number>();
    for (const [sid, s] of seen.entries()) {
      // Inside an element removed with its content (e.g. a <form>): that one was reported.
      if (s.parent !== undefined && dropped.has(s.parent)) {
        dropped.add(sid);
        continue;
      }
      const now = kept.get(sid);
      if (!now) {
        const unwrapped = !strip.has(s.node.tagName) && s.node.children.length > 0;
        if (strip.has(s.node.tagName)) dropped.add(sid);
        if (s.parent !== undefined) lost.add(s.parent);
        report(`\`<${s.node.tagName}>\` removed${unwrapped ? ' (its content is kept)' : ''}`, s.node);
        continue;
      }
      for (const [key, value] of Object.entries(s.properties)) {
        if (value === undefined || value === null || value === false) continue;
        const after = now.properties[key];
        if (after === undefined) {
          const protocol =
            typeof value === 'string' &&
            /^\s*[a-z][a-z0-9+.-]*:/i.test(value) &&
            (key === 'href' || key === 'src' || key === 'cite');
          report(
            protocol
              ? `\`${attributeName(key)}="${shorten(value)}"\` removed from \`<${s.node.tagName}>\`: that kind of address is not allowed`
              : `attribute \`${attributeName(key)}\` removed from \`<${s.node.tagName}>\``,
            s.node,
            protocol
              ? 'Links may use http, https, mailto and tel; images and media a relative path to a file in the book folder.'
              : NOTE,
          );
        } else if (
          JSON.stringify(after) !== JSON.stringify(value) &&
          !(key in (SCHEMA.required?.[s.node.tagName] ?? {}))
        ) {
          report(
            `attribute \`${attributeName(key)}="${shorten(value)}"\` of \`<${s.node.tagName}>\` changed to \`${shorten(after)}\``,
            s.node,
          );
        }
      }
    }
    // An image or source whose address was removed has nothing left to show (and HTML requires src).
    const touched = new Set<Element>(
      [...lost].map((sid) => kept.get(sid)).filter((n): n is Element => n !== undefined),
    );
    visit(clean, 'element', (node, index, parent) => {
      if (
        (node.tagName === 'img' || node.tagName === 'source' || node.tagName === 'track') &&
        node.properties.src === undefined &&
        parent &&
        index !== undefined
      ) {
        parent.children.splice(index, 1);
        if (parent.type === 'element') touched.add(parent);
        return [SKIP, index];
      }
      return undefined;
    });
    // HTML5 wants a figure's caption first or last: spacing <br>s after it go, else it moves to the end.
    visit(clean, 'element', (node) => {
      if (node.tagName !== 'figure') return;
      const kids = node.children;
      const caption = kids.findIndex((c) => c.type === 'element' && c.tagName === 'figcaption');
      if (caption < 0) return;
      const space = (c: (typeof kids)[number]) => c.type === 'text' && !c.value.trim();
      if (kids.slice(caption + 1).every((c) => space(c) || (c.type === 'element' && c.tagName === 'br')))
        kids.splice(caption + 1);
      const first = kids.findIndex((c) => !space(c));
      const last = kids.length - 1 - [...kids].reverse().findIndex((c) => !space(c));
      if (caption !== first && caption !== last) kids.push(...kids.splice(caption, 1));
    });
    // A paragraph left empty by a removal goes too.
    visit(clean, 'element', (node, index, parent) => {
      const empty =
        node.tagName === 'p' && touched.has(node) && node.children.every((c) => c.type === 'text' && !c.value.trim());
      if (!empty || !parent || index === undefined) return undefined;
      parent.children.splice(index, 1);
      return [SKIP, index];
    });
    // XHTML allows only integers in width and height: other lengths (50%, 12em, auto) become CSS.
    visit(clean, 'element', (node) => {
      if (node.tagName !== 'img' && node.tagName !== 'video') return;
      const css: string[] = [];
      for (const key of ['width', 'height'] as const) {
        const value = node.properties[key];
        if (value === undefined || value === null) continue;
        const text = String(value).trim();
        if (/^\d+$/.test(text)) {
          node.properties[key] = Number(text);
          continue;
        }
        delete node.properties[key];
        const length = /^(\d+(?:\.\d+)?|\.\d+)(px|%|em|rem|ex|ch|vw|vh|pt|pc|cm|mm|in)?$/i.exec(text);
        if (length) css.push(`${key}: ${length[1]}${length[2]?.toLowerCase() ?? 'px'}`);
        else if (text.toLowerCase() === 'auto') css.push(`${key}: auto`);
        else report(`attribute \`${key}="${shorten(text)}"\` removed from \`<${node.tagName}>\`: not a length`, node);
      }
      if (css.length) node.properties.style = css.join('; ');
    });
    return clean;
  };
}
