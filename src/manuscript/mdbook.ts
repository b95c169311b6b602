/**
 * mdBook's preprocessor links, for books laid out for mdBook (book.toml, or
 * book.yaml `mdbook: true`), expanded as mdBook does before the Markdown is read:
 *   {{#include file}}            the whole file
 *   {{#include file:10}}         line 10; `file:2:10` lines 2–10; `file::10` 1–10; `file:2:` 2 to the end
 *   {{#include file:name}}       the lines between `ANCHOR: name` and `ANCHOR_END: name`
 *   {{#rustdoc_include …}}       the same lines, the rest of the file kept as hidden `# ` lines
 *   {{#playground file [attrs]}} the file in a ```rust code block
 *   {{#title Text}}              the chapter's title
 *   \{{#include …}}              kept as written, without the backslash
 * Anchor lines are left out of every include. Included text is expanded in
 * turn (to a depth of 10, as mdBook), read only inside the book folder, and
 * each line keeps its origin so diagnostics name the included file's line.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { insideFolder } from '../config/reading-order.js';
import { type Diagnostic, type DiagnosticSink, error, warning } from '../diagnostics.js';
import { readText } from './decode.js';
import { type Expanded, type LineOrigin, MAX_INCLUDED_CHARS } from './gitbook.js';

/** mdBook's MAX_LINK_NESTED_DEPTH. */
const MAX_DEPTH = 10;

export interface MdbookExpanded extends Expanded {
  /** From `{{#title …}}`, the last one in the chapter. */
  title?: string;
}

const LINK = /\\\{\{#.*?\}\}|\{\{\s*#([A-Za-z0-9_]+)\s+([^}]+)\}\}/g;
const ANCHOR_START = /ANCHOR:\s*([\w_-]+)/;
const ANCHOR_END = /ANCHOR_END:\s*([\w_-]+)/;

/** Lines `[start, end)`, 0-based, or an anchor's name. */
export type Selection = { start: number; end: number } | { anchor: string };

/** `file:2:10` → the path and what to take of it, as mdBook's parse_include_path reads it. */
export function parseIncludeTarget(target: string): { file: string; selection: Selection } {
  const colon = target.indexOf(':');
  const file = colon < 0 ? target : target.slice(0, colon);
  if (colon < 0) return { file, selection: { start: 0, end: Infinity } };
  const parts = target.slice(colon + 1).split(':');
  const first = parts[0]!;
  const second = parts.length > 1 ? parts.slice(1).join(':') : undefined;
  let start: number | undefined;
  if (/^\d+$/.test(first)) start = Math.max(0, Number(first) - 1);
  else if (first !== '') return { file, selection: { anchor: first } };
  const end = second === undefined ? undefined : /^\d+$/.test(second) ? Number(second) : Number.NaN;
  if (start !== undefined) {
    if (end === undefined) return { file, selection: { start, end: start + 1 } };
    return { file, selection: { start, end: Number.isNaN(end) ? Infinity : end } };
  }
  return { file, selection: { start: 0, end: end === undefined || Number.isNaN(end) ? Infinity : end } };
}

interface Line {
  text: string;
  origin: LineOrigin;
}

const isAnchorLine = (l: string) => ANCHOR_START.test(l) || ANCHOR_END.test(l);

/** The lines an include takes: anchor lines never; `found` false when the anchor is not in the file. */
export function selectLines(
  lines: readonly Line[],
  selection: Selection,
  rustdoc: boolean,
): { lines: Line[]; found: boolean } {
  const hide = (l: Line): Line => ({ ...l, text: `# ${l.text}` });
  if ('start' in selection) {
    const out: Line[] = [];
    for (const [i, l] of lines.entries()) {
      if (isAnchorLine(l.text)) continue;
      const inside = i >= selection.start && i < selection.end;
      if (inside) out.push(l);
      else if (rustdoc) out.push(hide(l));
    }
    return { lines: out, found: true };
  }
  const out: Line[] = [];
  let within = false;
  let found = false;
  for (const l of lines) {
    const start = ANCHOR_START.exec(l.text);
    const end = ANCHOR_END.exec(l.text);
    if (within) {
      if (end) {
        if (end[1] === selection.anchor) {
          within = false;
          if (!rustdoc) break;
        }
      } else if (!start) out.push(l);
    } else if (start) {
      if (start[1] === selection.anchor) within = found = true;
    } else if (!end && rustdoc) out.push(hide(l));
  }
  return { lines: out, found };
}

interface State {
  root: string;
  diagnostics: DiagnosticSink;
  reported: Set<string>;
  included: number;
  texts: Map<string, Promise<string>>;
  title?: string;
}

function reportOnce(state: State, key: string, d: Diagnostic): void {
  if (state.reported.has(key)) return;
  state.reported.add(key);
  state.diagnostics.push(d);
}

export async function expandMdbook(
  source: string,
  file: string,
  root: string,
  diagnostics: DiagnosticSink,
): Promise<MdbookExpanded> {
  const state: State = { root, diagnostics, reported: new Set(), included: 0, texts: new Map() };
  const lines = source.split('\n').map((text, i) => ({ text, origin: { file, line: i + 1 } }));
  const out = await expand(lines, state, [file]);
  return {
    text: out.map((l) => l.text).join('\n'),
    origins: out.map((l) => l.origin),
    ...(state.title !== undefined ? { title: state.title } : {}),
  };
}

/** The lines of a file to include, or why not (reported). */
async function readInclude(
  target: string,
  from: string,
  at: LineOrigin & { column: number },
  state: State,
  stack: string[],
): Promise<{ resolved: string; lines: Line[] } | undefined> {
  const resolved = path.resolve(path.dirname(from), target);
  const rel = path.relative(state.root, resolved);
  if (path.isAbsolute(target) || !(await insideFolder(state.root, resolved))) {
    reportOnce(
      state,
      `${from}|outside|${target}`,
      warning('mdbook/include-outside', `\`${target}\` lies outside the book folder; the include is left out.`, {
        ...at,
        hint: 'A book reads only files inside its folder: copy the file in and include it from there.',
      }),
    );
    return undefined;
  }
  if (stack.includes(resolved) || stack.length > MAX_DEPTH) {
    reportOnce(
      state,
      `${from}|cycle|${resolved}`,
      warning(
        'mdbook/include-cycle',
        stack.includes(resolved)
          ? `\`${target}\` includes itself; left out.`
          : `includes nest more than ${MAX_DEPTH} deep at \`${target}\`; left out.`,
        at,
      ),
    );
    return undefined;
  }
  if (!state.texts.has(resolved)) {
    state.texts.set(
      resolved,
      stat(resolved).then((s) => {
        if (!s.isFile()) throw new Error('not a file');
        return readText(resolved, state.diagnostics);
      }),
    );
  }
  const text = await state.texts.get(resolved)!.catch(() => undefined);
  if (text === undefined) {
    reportOnce(
      state,
      `${from}|missing|${target}`,
      warning('mdbook/include-missing', `included file \`${rel || target}\` not found; the include is left out.`, {
        ...at,
        hint: 'Add the file inside the book folder or correct the path (relative to the chapter).',
      }),
    );
    return undefined;
  }
  state.included += text.length;
  if (state.included > MAX_INCLUDED_CHARS) {
    reportOnce(
      state,
      'too-large',
      error(
        'mdbook/include-too-large',
        `the includes add more than ${MAX_INCLUDED_CHARS / 1_000_000} million characters to this chapter (\`${target}\` is included again and again?).`,
        { ...at, hint: 'Include each file once, or split the chapter.' },
      ),
    );
    return undefined;
  }
  const lines = text
    .replace(/\r?\n$/, '')
    .split(/\r?\n/)
    .map((t, i) => ({ text: t, origin: { file: resolved, line: i + 1 } }));
  return { resolved, lines };
}

async function expand(lines: readonly Line[], state: State, stack: string[]): Promise<Line[]> {
  const out: Line[] = [];
  for (const { text: line, origin } of lines) {
    if (!line.includes('{{')) {
      out.push({ text: line, origin });
      continue;
    }
    let cur = '';
    let curOrigin = origin;
    const insert = (more: readonly Line[]) => {
      if (more.length === 0) return;
      if (!cur.trim()) curOrigin = more[0]!.origin;
      cur += more[0]!.text;
      for (const l of more.slice(1)) {
        out.push({ text: cur, origin: curOrigin });
        cur = l.text;
        curOrigin = l.origin;
      }
    };
    let last = 0;
    for (const m of line.matchAll(LINK)) {
      cur += line.slice(last, m.index);
      last = m.index + m[0].length;
      const at = { ...origin, column: m.index + 1 };
      if (m[0].startsWith('\\')) {
        cur += m[0].slice(1);
        continue;
      }
      const type = m[1]!;
      const args = m[2]!.trim();
      if (type === 'title') {
        state.title = args;
        continue;
      }
      if (type !== 'include' && type !== 'rustdoc_include' && type !== 'playground') {
        reportOnce(
          state,
          `${origin.file}|type|${type}`,
          warning('mdbook/unknown-link', `unknown mdBook link \`{{#${type} …}}\`; it is left out.`, {
            ...at,
            hint: 'Octavo knows {{#include}}, {{#rustdoc_include}}, {{#playground}} and {{#title}}; write \\{{#…}} to keep the text as it is.',
          }),
        );
        continue;
      }
      if (state.included > MAX_INCLUDED_CHARS) continue;
      const [target = '', ...props] = args.split(/\s+/);
      const parsed =
        type === 'playground' ? { file: target, selection: { start: 0, end: Infinity } } : parseIncludeTarget(target);
      const read = await readInclude(parsed.file, origin.file, at, state, stack);
      if (!read) continue;
      const selected = selectLines(read.lines, parsed.selection, type === 'rustdoc_include');
      if (!selected.found) {
        reportOnce(
          state,
          `${origin.file}|anchor|${target}`,
          warning(
            'mdbook/anchor-missing',
            `\`${parsed.file}\` has no anchor \`${'anchor' in parsed.selection ? parsed.selection.anchor : ''}\`; nothing is included.`,
            {
              ...at,
              hint: 'Mark the lines with `ANCHOR: name` and `ANCHOR_END: name` comments.',
            },
          ),
        );
        continue;
      }
      const inner = await expand(selected.lines, state, [...stack, read.resolved]);
      if (type === 'playground') {
        // mdBook puts the file in a code block of its own: ```rust,editable
        const fence = { text: `\`\`\`rust${props.length ? `,${props.join(',')}` : ''}`, origin };
        if (cur.trim()) insert([{ text: '', origin }]);
        insert([fence, ...inner, { text: '```', origin }]);
      } else insert(inner);
    }
    cur += line.slice(last);
    out.push({ text: cur, origin: curOrigin });
  }
  return out;
}
