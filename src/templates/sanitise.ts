/**
 * A theme is content too: its fragments go into every page of every edition,
 * so they pass the allow-list the chapters' raw HTML passes (`SCHEMA` in
 * transform/raw-html.ts) plus what a template needs (its slot attributes,
 * `nav`, `epub:type`, the document shell). Its CSS passes the same CSS check
 * as SVG: no `@import`, no `url()` but `#id`. What is removed is reported with
 * the theme file and line (`theme/unsafe-html`, `theme/unsafe-css`).
 */
import type { Element, Root, RootContent } from 'hast';
import { cleanCss } from '../assets/svg.js';
import { type DiagnosticSink, warning } from '../diagnostics.js';
import { SCHEMA } from '../transform/raw-html.js';

/** Elements only a template has: the document shell, navigation. Media are not (a theme's images are not packaged). */
const THEME_TAGS = ['html', 'head', 'body', 'meta', 'title', 'nav', 'main'];
const MEDIA = new Set(['img', 'picture', 'audio', 'video', 'source', 'track']);
const THEME_ATTRIBUTES = ['epub:type', 'dataSlot', 'dataIf', 'dataUnless', 'dataHref', 'dataI18n', 'ariaLabel'];
const LINK = /^\s*(#|https?:|mailto:)/i;

const TAGS = new Set([...(SCHEMA.tagNames ?? []).filter((t) => !MEDIA.has(t)), ...THEME_TAGS]);
const STRIP = new Set((SCHEMA.strip ?? []).filter((t) => t !== 'title'));

function allowed(tag: string, key: string): boolean {
  const names = (list: unknown[] | undefined) => (list ?? []).map((a) => (Array.isArray(a) ? a[0] : a));
  const attributes = SCHEMA.attributes ?? {};
  if (tag === 'meta') return key === 'charSet';
  return [...names(attributes['*']), ...names(attributes[tag]), ...THEME_ATTRIBUTES].includes(key);
}

const HINT =
  'A theme may hold only the HTML a chapter may (no scripts, event handlers, styles, embeds or remote files) and its slot attributes; put styling in its css/ files.';

/** Cleans one theme fragment in place, reporting each removal against `file`. */
export function sanitiseThemeFragment(tree: Root, file: string, sink: DiagnosticSink): void {
  const report = (message: string, node: Element) =>
    sink.push(
      warning('theme/unsafe-html', message, {
        file,
        line: node.position?.start.line,
        column: node.position?.start.column,
        hint: HINT,
      }),
    );
  const clean = (parent: Root | Element, inHead: boolean) => {
    const kept: RootContent[] = [];
    for (const child of parent.children) {
      if (child.type === 'comment') continue;
      if (child.type !== 'element') {
        kept.push(child);
        continue;
      }
      const tag = child.tagName;
      const ok = TAGS.has(tag) && (tag !== 'title' || inHead) && (tag !== 'meta' || inHead);
      if (!ok) {
        const strip = STRIP.has(tag) || MEDIA.has(tag) || tag === 'link' || tag === 'base';
        report(`\`<${tag}>\` removed${strip ? '' : ' (its content is kept)'}`, child);
        if (!strip) {
          clean(child, inHead);
          kept.push(...(child.children as RootContent[]));
        }
        continue;
      }
      for (const [key, value] of Object.entries(child.properties)) {
        const bad =
          !allowed(tag, key) ||
          (key === 'href' && !(typeof value === 'string' && LINK.test(value))) ||
          (key === 'cite' && !(typeof value === 'string' && /^\s*https?:/i.test(value)));
        if (bad) {
          delete child.properties[key];
          const shown = Array.isArray(value) ? value.join(' ') : String(value);
          report(`attribute \`${key}="${shown.slice(0, 60)}"\` removed from \`<${tag}>\``, child);
        }
      }
      clean(child, inHead || tag === 'head');
      kept.push(child);
    }
    parent.children = kept as typeof parent.children;
  };
  clean(tree, false);
}

/** A theme stylesheet without `@import` or remote `url()`: the offending rules go, with one warning. */
export function sanitiseThemeCss(css: string, file: string, sink: DiagnosticSink): string {
  // Only parsed when it could reach outside, so a clean stylesheet stays byte for byte as written.
  if (!/@import|url\s*\(|image|\\|@namespace|src\s*\(/i.test(css)) return css;
  const removed: string[] = [];
  const clean = cleanCss(css, 'stylesheet', (what) => removed.push(what)) ?? '';
  if (removed.length === 0) return css;
  sink.push(
    warning(
      'theme/unsafe-css',
      `removed ${removed.slice(0, 5).join(', ')}${removed.length > 5 ? ` and ${removed.length - 5} more` : ''}`,
      {
        file,
        hint: 'A book is built offline and must be self-contained: put fonts and images in the book folder and refer to them from the chapters, not from the theme CSS.',
      },
    ),
  );
  return clean;
}
