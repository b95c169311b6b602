/**
 * GitBook's templating, for books written for GitBook (book.yaml `gitbook: true`):
 *   {% include "path" %}     the file's text (Markdown is expanded in turn; other
 *                            files are inserted as they are, escaped inside raw HTML)
 *   {% raw %}…{% endraw %}   kept as written (Django and Jinja code in tutorials)
 *   {% filename %}x{% endfilename %}   a label before a code block
 *   {% set name = 'value' %} and {{ name }}, {{ book.name }} (from `variables:`)
 * Anything else is reported once per file and left as written. Included text is
 * traced back to its own file and line, so diagnostics and relative image
 * paths stay right.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { insideFolder } from '../config/reading-order.js';
import { type Diagnostic, type DiagnosticSink, error, warning } from '../diagnostics.js';
import { readText } from './decode.js';

/** Where an expanded line came from. */
export interface LineOrigin {
  file: string;
  line: number;
}

export interface Expanded {
  text: string;
  /** origins[i] is the origin of expanded line i + 1. */
  origins: LineOrigin[];
}

const MAX_DEPTH = 8;
/**
 * What includes may add to one chapter, in characters: a file included ten
 * times by a file included ten times… grows exponentially within MAX_DEPTH.
 * The longest real books are a few megabytes in all.
 */
export const MAX_INCLUDED_CHARS = 20_000_000;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

interface State {
  root: string;
  variables: Record<string, string>;
  diagnostics: DiagnosticSink;
  reported: Set<string>;
  /** Characters included so far into this chapter. */
  included: number;
  /** Each include target resolved and read once per chapter (a file included a thousand times is read once). */
  resolved: Map<string, Promise<string | undefined>>;
  texts: Map<string, Promise<string>>;
}

function reportOnce(state: State, key: string, d: Diagnostic): void {
  if (state.reported.has(key)) return;
  state.reported.add(key);
  state.diagnostics.push(d);
}

/** Candidate files for an include path: relative to the file, or to a GitBook root above it. */
async function resolveInclude(target: string, from: string, root: string): Promise<string | undefined> {
  const candidates: string[] = [];
  if (target.startsWith('/')) {
    // GitBook resolves "/x" against the book's root, which may be a language folder (en/).
    for (let dir = path.dirname(from); ; dir = path.dirname(dir)) {
      candidates.push(path.join(dir, target));
      if (dir === root || !dir.startsWith(root)) break;
    }
  } else candidates.push(path.resolve(path.dirname(from), target));
  for (const candidate of candidates) {
    if (!(await insideFolder(root, candidate))) continue;
    const ok = await readFile(candidate).then(
      () => true,
      () => false,
    );
    if (ok) return candidate;
  }
  return undefined;
}

export async function expandGitbook(
  source: string,
  file: string,
  root: string,
  variables: Record<string, string>,
  diagnostics: DiagnosticSink,
): Promise<Expanded> {
  const state: State = {
    root,
    variables: { ...variables },
    diagnostics,
    reported: new Set(),
    included: 0,
    resolved: new Map(),
    texts: new Map(),
  };
  return expand(source, file, state, [file]);
}

async function expand(source: string, file: string, state: State, stack: string[]): Promise<Expanded> {
  const out: string[] = [];
  const origins: LineOrigin[] = [];
  let inRaw = false;
  const lines = source.split('\n');
  for (const [i, original] of lines.entries()) {
    const lineNo = i + 1;
    const at = { file, line: lineNo };
    let line = original;
    // The origin of the line being assembled: an included Markdown file's last line is that file's.
    let tailOrigin: LineOrigin = at;
    // Inside {% raw %} only the closing tag means anything.
    let result = '';
    let rest = line;
    while (rest.length) {
      if (inRaw) {
        const end = rest.search(/\{%-?\s*endraw\s*-?%\}/);
        if (end < 0) {
          result += rest;
          rest = '';
        } else {
          result += rest.slice(0, end);
          rest = rest.slice(end).replace(/^\{%-?\s*endraw\s*-?%\}/, '');
          inRaw = false;
        }
        continue;
      }
      const m = /\{%-?\s*([\s\S]*?)\s*-?%\}|\{\{\s*([\w.]+)\s*\}\}/.exec(rest);
      if (!m) {
        result += rest;
        rest = '';
        continue;
      }
      result += rest.slice(0, m.index);
      rest = rest.slice(m.index + m[0].length);
      if (m[2] !== undefined) {
        const name = m[2].replace(/^book\./, '');
        const value = state.variables[name];
        if (value !== undefined) result += value;
        else {
          result += m[0];
          reportOnce(
            state,
            `${file}|var|${name}`,
            warning('gitbook/unknown-variable', `\`${m[0]}\` has no value; it is left as written.`, {
              ...at,
              column: m.index + 1,
              hint: `Give it one under \`variables:\` in book.yaml, e.g. \`${name}: …\`.`,
            }),
          );
        }
        continue;
      }
      const tag = m[1]!;
      if (/^raw$/.test(tag)) {
        inRaw = true;
      } else if (/^endraw$/.test(tag)) {
        // A stray closing tag: nothing to do.
      } else if (/^filename$/.test(tag)) {
        const close = rest.search(/\{%-?\s*endfilename\s*-?%\}/);
        const label = close >= 0 ? rest.slice(0, close) : rest;
        rest = close >= 0 ? rest.slice(close).replace(/^\{%-?\s*endfilename\s*-?%\}/, '') : '';
        result += `*${label.trim()}*`;
      } else if (/^set\s/.test(tag)) {
        const set = /^set\s+(\w+)\s*=\s*(['"])([\s\S]*)\2$/.exec(tag);
        if (set) state.variables[set[1]!] = set[3]!;
      } else if (/^include\s/.test(tag)) {
        // Past the bound nothing more is read: the error is out, and the rest of the fan-out is skipped whole.
        if (state.included > MAX_INCLUDED_CHARS) continue;
        const target = /^include\s+(['"])(.+?)\1/.exec(tag)?.[2];
        const key = `${path.dirname(file)}|${target}`;
        if (target && !state.resolved.has(key)) state.resolved.set(key, resolveInclude(target, file, state.root));
        const resolved = target ? await state.resolved.get(key) : undefined;
        if (!target || !resolved) {
          reportOnce(
            state,
            `${file}|include|${target}`,
            warning(
              'gitbook/include-missing',
              `included file \`${target ?? tag}\` not found; the include is left out.`,
              { ...at, column: m.index + 1, hint: 'Add the file inside the book folder or correct the path.' },
            ),
          );
        } else if (stack.includes(resolved) || stack.length > MAX_DEPTH) {
          reportOnce(
            state,
            `${file}|cycle|${resolved}`,
            warning('gitbook/include-cycle', `\`${target}\` includes itself; left out.`, {
              ...at,
              column: m.index + 1,
            }),
          );
        } else {
          if (!state.texts.has(resolved)) state.texts.set(resolved, readText(resolved, state.diagnostics));
          const text = await state.texts.get(resolved)!;
          state.included += text.length;
          if (state.included > MAX_INCLUDED_CHARS) {
            reportOnce(
              state,
              'too-large',
              error(
                'gitbook/include-too-large',
                `the includes add more than ${MAX_INCLUDED_CHARS / 1_000_000} million characters to this chapter (\`${target}\` is included again and again?).`,
                { ...at, column: m.index + 1, hint: 'Include each file once, or split the chapter.' },
              ),
            );
            continue;
          }
          if (/\.(md|markdown)$/i.test(resolved)) {
            // Markdown is expanded in turn and keeps its own line origins.
            const inner = await expand(text.replace(/\n$/, ''), resolved, state, [...stack, resolved]);
            const innerLines = inner.text.split('\n');
            // A directive alone on its line: the first included line is the included file's.
            const firstOrigin = result.trim() ? tailOrigin : (inner.origins[0] ?? at);
            result += innerLines[0] ?? '';
            tailOrigin = firstOrigin;
            if (innerLines.length > 1) {
              out.push(result);
              origins.push(firstOrigin);
              for (let k = 1; k < innerLines.length - 1; k++) {
                out.push(innerLines[k]!);
                origins.push(inner.origins[k]!);
              }
              result = innerLines[innerLines.length - 1]!;
              tailOrigin = inner.origins[innerLines.length - 1] ?? at;
            }
          } else {
            // Program listings and their output: raw text, escaped where the directive sits in raw HTML.
            const raw = text.replace(/\n$/, '');
            const inHtml = /<(pre|code)\b/i.test(line.slice(0, line.indexOf(m[0])));
            result += inHtml ? escapeHtml(raw) : raw;
          }
        }
      } else {
        result += m[0];
        const name = tag.split(/\s+/)[0];
        reportOnce(
          state,
          `${file}|tag|${name}`,
          warning('gitbook/unknown-directive', `unknown directive \`{% ${name} %}\`; it is left as written.`, {
            ...at,
            column: m.index + 1,
          }),
        );
      }
    }
    line = result;
    // Multi-line results (from includes of non-Markdown files) map every line to the directive's line.
    for (const [k, piece] of line.split('\n').entries()) {
      out.push(piece);
      origins.push(k === 0 ? tailOrigin : at);
    }
  }
  return { text: out.join('\n'), origins };
}
