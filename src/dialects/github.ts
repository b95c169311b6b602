import type { Blockquote, Link, Root as MdRoot, Paragraph, PhrasingContent, Text } from 'mdast';
import type { VFile } from 'vfile';
import { ASIDE_KINDS, type AsideKind } from '../i18n/asides.js';
import { SKIP, visit } from '../util/visit.js';
import { asideData, asideTitleParagraph } from './asides.js';

/** The marker alone on the first line: then the end of the text, or a line break. */
const MARKER = /^\[!([a-z]+)\][ \t]*(?:\n|$)/i;

function alertKind(
  quote: Blockquote,
): { kind: AsideKind; paragraph: Paragraph; text: Text; length: number } | undefined {
  const paragraph = quote.children[0];
  if (paragraph?.type !== 'paragraph') return undefined;
  const text = paragraph.children[0];
  if (text?.type !== 'text') return undefined;
  const m = MARKER.exec(text.value);
  if (!m) return undefined;
  const kind = m[1]!.toLowerCase();
  if (!(ASIDE_KINDS as readonly string[]).includes(kind)) return undefined;
  return { kind: kind as AsideKind, paragraph, text, length: m[0].length };
}

export function remarkAlerts() {
  return (tree: MdRoot, file: VFile) => {
    const lang = file.data.context?.lang ?? 'en';
    visit(tree, 'blockquote', (quote: Blockquote) => {
      const found = alertKind(quote);
      if (!found) return;
      const { kind, paragraph, text, length } = found;
      // GitHub shows a marker with nothing after it as a quote: an alert says something.
      const rest = text.value.slice(length);
      const after = paragraph.children.slice(1);
      if (!rest.trim() && after.every((c) => c.type === 'break') && quote.children.length === 1) return;
      if (rest) {
        text.value = rest;
        // The text now starts on the next line, after its `> `.
        const start = text.position?.start;
        const source = String(file.value ?? '');
        const newline = start?.offset === undefined ? -1 : source.indexOf('\n', start.offset);
        if (start && text.position && newline >= 0) {
          const lead = /^[ \t]*(?:>[ \t]?)*/.exec(source.slice(newline + 1))![0].length;
          text.position.start = { line: start.line + 1, column: lead + 1, offset: newline + 1 + lead };
        }
      } else {
        paragraph.children.shift();
        // `[!NOTE]` followed by a hard break (two spaces), or by nothing more in this paragraph.
        if (paragraph.children[0]?.type === 'break') paragraph.children.shift();
        if (paragraph.children.length === 0) quote.children.shift();
      }
      quote.children.unshift(asideTitleParagraph(kind, lang)!);
      quote.data = { ...quote.data, ...asideData(kind, { className: ['alert'] }) };
    });
  };
}

/** Chinese, Japanese and Korean letters, their punctuation and full-width forms: never part of a URL written in such text. */
const CJK =
  /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\p{sc=Bopomofo}\u2E80-\u2FFF\u3000-\u303F\u3200-\u33FF\uFE30-\uFE4F\uFF00-\uFFEF]/u;
/** What GFM leaves out at the end of an autolink (`Visit www.example.com.`). */
const TRAILING = /[?!.,:*_~"']+$/;

/**
 * Where a literal autolink's text ends, or undefined when it ends where GFM
 * said. GFM (and cmark-gfm, GitHub's parser) take every character up to a
 * space or `<`, so in CJK text, which has no spaces, a URL swallows the rest
 * of the sentence: `https://example.com这是下一句` makes the host
 * `example.com这是下一句`, which EPUBCheck rejects. Here the host ends at the
 * first character that is not ASCII (a host in a book is written in ASCII or
 * punycode), and the path, query or fragment at the first CJK letter or
 * punctuation. A URL whose path really holds such letters is written
 * `<https://ja.wikipedia.org/wiki/日本>`, which this leaves alone.
 */
export function autolinkEnd(text: string): number | undefined {
  const scheme = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)/i.exec(text);
  if (!scheme) return undefined;
  let end = text.length;
  const hostEnd = text.slice(scheme[0].length).search(/[/?#]/);
  const host = hostEnd < 0 ? text.length : scheme[0].length + hostEnd;
  for (let i = scheme[0].length; i < host; i++) {
    if (text.charCodeAt(i) > 0x7e) {
      end = i;
      break;
    }
  }
  if (end === text.length) {
    const m = CJK.exec(text.slice(host));
    if (m) end = host + m.index;
  }
  if (end === text.length) return undefined;
  const trimmed = text.slice(0, end).replace(TRAILING, '');
  return trimmed.length;
}

/** A URL GFM would link, inside the text a cut gave back (GFM took it all for one link): `https://` after no ASCII letter or digit. */
const NEXT_URL = /(?<![a-z0-9])(?:https?|ftp):\/\/|(?<=^|[\s(*_[\]~])www\./i;
const SCHEME_ONLY = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)$/i;

export function remarkCjkAutolinks() {
  return (tree: MdRoot, file: VFile) => {
    const source = String(file.value ?? '');
    visit(tree, 'link', (link: Link, index, parent) => {
      if (!parent || index === undefined || link.children.length !== 1) return undefined;
      const text = link.children[0]!;
      if (text.type !== 'text') return undefined;
      // A literal autolink: its text is the source itself, not `<…>` nor `[…](…)`.
      const at = link.position?.start.offset;
      if (at === undefined || source[at] === '<' || source[at] === '[') return undefined;
      if (!link.url.endsWith(text.value) || link.url.startsWith('mailto:')) return undefined;
      const whole = text.value;
      if (autolinkEnd(whole) === undefined) return undefined;
      const prefix = link.url.slice(0, link.url.length - whole.length);
      const start = link.position?.start;
      // Positions inside the link's text: it is all on one line.
      const point = (offset: number) =>
        start && { line: start.line, column: start.column + offset, offset: at + offset };
      const span = (from: number, to: number) => {
        const a = point(from);
        const b = point(to);
        return a && b ? { start: a, end: b } : undefined;
      };
      const pieces: PhrasingContent[] = [];
      const pushText = (from: number, to: number) => {
        if (to <= from) return;
        const last = pieces[pieces.length - 1];
        if (last?.type === 'text') {
          last.value += whole.slice(from, to);
          if (last.position) last.position.end = point(to)!;
          return;
        }
        const node: Text = { type: 'text', value: whole.slice(from, to) };
        const position = span(from, to);
        if (position) node.position = position;
        pieces.push(node);
      };
      const pushLink = (from: number, to: number, url: string) => {
        const value = whole.slice(from, to);
        const node: Link = { type: 'link', url, title: null, children: [{ type: 'text', value }] };
        const position = span(from, to);
        if (position) {
          node.position = position;
          node.children[0]!.position = { ...position };
        }
        pieces.push(node);
      };
      // The first URL is where GFM found it; each later one is looked for in what a cut gave back.
      let from = 0;
      let first = true;
      while (from < whole.length) {
        const found = first ? 0 : whole.slice(from).search(NEXT_URL);
        if (found < 0) break;
        const begin = from + found;
        const rest = whole.slice(begin);
        const end = begin + (autolinkEnd(rest) ?? rest.length);
        pushText(from, begin);
        if (end <= begin || SCHEME_ONLY.test(whole.slice(begin, end))) {
          // `https://` and no host: text.
          from = Math.max(end, begin + 1);
          pushText(begin, from);
        } else {
          const url = whole.slice(begin, end);
          pushLink(begin, end, first ? prefix + url : /^www\./i.test(url) ? `http://${url}` : url);
          from = end;
        }
        first = false;
      }
      pushText(from, whole.length);
      parent.children.splice(index, 1, ...pieces);
      return [SKIP, index + pieces.length];
    });
  };
}
