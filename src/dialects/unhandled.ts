/**
 * Nothing silently literal: after every dialect plugin had its turn, text that
 * still looks like syntax of a dialect Octavo knows (pandoc, GitHub, mdBook,
 * GitBook, LaTeX) would reach the reader as punctuation. Each such construct is
 * a warning with its place and what to do; the text itself is left as written
 * (it may be meant: a `{#` in prose about templates).
 *
 * It reads only text nodes: code, maths, raw HTML and URLs are never syntax of
 * the book.
 */
import { nameToEmoji } from 'gemoji';
import type { Root, Text } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from '../util/visit.js';
import type { MarkdownFeature } from './features.js';
import { literalFlags } from './pandoc/shared.js';

interface Construct {
  /** What the warning calls it. */
  name: string;
  pattern: RegExp;
  /** The feature that reads it, when Octavo has one (the hint says how to turn it on). */
  feature?: MarkdownFeature;
  hint: string;
  /** Only where GitBook's templating is off (it reports its own leftovers). */
  templating?: boolean;
  /** A match is one only if this says so (an emoji name GitHub knows). */
  accept?: (match: RegExpExecArray) => boolean;
}

/** Any `[!WORD]`: an alert of a kind GitHub has not (`[!FOO]`) is as lost as one the feature leaves out. */
const ALERT = /^\[![a-z]+\]/i;

const CONSTRUCTS: readonly Construct[] = [
  {
    name: 'a pandoc attribute block',
    pattern: /(?<!\{)\{[#.][\p{L}\p{N}_-][^{}\n]*\}|(?<!\{)\{(?!%)[^{}\n=%]*\b[\p{L}_-]+=[^{}\n]*\}/u,
    feature: 'attributes',
    hint: 'Put it right after a heading, image, link, `[span]` or code fence, with nothing between.',
  },
  {
    name: 'a fenced div (`:::`)',
    pattern: /(?:^|\n)[ \t]*:::/,
    feature: 'fenced-divs',
    hint: 'Open it with `::: {.note}` (or `::: note`) on a line of its own and close it with `:::`, with blank lines around.',
  },
  {
    name: 'a citation (`[@key]`)',
    pattern: /\[-?@[\p{L}\p{N}_][^\]\n]*\]/u,
    feature: 'citations',
    hint: 'Name a bibliography in book.yaml (`bibliography: references.bib`) that holds the key.',
  },
  {
    name: 'a cross-reference (`@fig-…`)',
    pattern: /(?:^|[^\p{L}\p{N}_])@(?:fig|tbl|eq|sec|lst)-[\p{L}\p{N}_-]+/u,
    feature: 'cross-references',
    hint: 'Label the figure, table, equation or section it names with `{#fig-…}` (and so on).',
  },
  {
    name: 'an mdBook link (`{{#…}}`)',
    pattern: /\{\{#[a-z_]+/,
    hint: 'mdBook links are expanded in an mdBook layout (book.toml + src/SUMMARY.md); elsewhere, paste the text in.',
  },
  {
    name: 'a GitBook or Liquid tag (`{% … %}`)',
    pattern: /\{%-?\s*[a-z_]+[^\n]*?%\}/,
    templating: true,
    hint: 'Set `gitbook: true` in book.yaml for GitBook templating, or write the text out.',
  },
  {
    name: 'a template variable (`{{ … }}`)',
    pattern: /\{\{\s*[\p{L}_][\p{L}\p{N}_.]*\s*\}\}/u,
    templating: true,
    hint: 'Set `gitbook: true` and give the value under `variables:` in book.yaml, or write the text out.',
  },
  {
    name: 'an inline note (`^[…]`)',
    pattern: /\^\[/,
    feature: 'inline-notes',
    hint: 'Write the note as `^[its text]`, with its brackets balanced, or as a footnote `[^1]`.',
  },
  {
    name: 'a LaTeX command',
    pattern:
      /\\(?:begin|end)\{[a-zA-Z*]+\}|\\(?:newpage|clearpage|pagebreak|cleardoublepage|tableofcontents|maketitle|noindent|vspace|hspace|vfill|centering|bigskip|medskip|smallskip|linebreak|newline|include|input|label|ref|cite|textbf|textit|emph|footnote|LaTeX|TeX)(?![a-zA-Z])/,
    feature: 'raw-tex',
    hint: 'LaTeX means nothing in an EPUB or HTML page: write it in Markdown, or leave it out.',
  },
  {
    name: 'a GitHub alert (`[!NOTE]`)',
    pattern: ALERT,
    feature: 'alerts',
    hint: 'Write it alone on the first line of a block quote (`> [!NOTE]`, the text on the lines after); GitHub has NOTE, TIP, IMPORTANT, WARNING and CAUTION.',
  },
  {
    name: 'superscript (`^…^`)',
    pattern: /\^[^\s^[\]]+\^/,
    feature: 'superscript',
    hint: 'Turn `markdown.superscript` on, or escape the carets (`\\^`).',
  },
  {
    name: 'subscript (`~…~`)',
    pattern: /(?<!~)~[^\s~]+~(?!~)/,
    feature: 'subscript',
    hint: 'Turn `markdown.subscript` on, or escape the tildes (`\\~`).',
  },
  {
    name: 'an emoji shortcode',
    pattern: /(?<![\p{L}\p{N}_:]):([a-z0-9_+-]+):/u,
    accept: (m) => Object.hasOwn(nameToEmoji, m[1]!),
    feature: 'emoji',
    hint: 'Turn `markdown.emoji` on, or write the emoji itself.',
  },
  {
    name: 'a line block (`| …`)',
    pattern: /(?:^|\n)\| \S/,
    feature: 'line-blocks',
    hint: 'Start each line with `| ` (bar and space), with blank lines around the block.',
  },
  {
    name: 'a definition (`: …`)',
    pattern: /\n[:~][ \t]+\S/,
    feature: 'definition-lists',
    hint: 'Write the term on its own line and the definition on the next, starting with `: `.',
  },
  {
    name: 'a table caption (`Table: …`)',
    pattern: /^Table:[ \t]/,
    feature: 'table-captions',
    hint: 'Put the caption on the line right before or after the table, with a blank line between.',
  },
];

/** More of one kind in one file are counted in a last warning, not listed. */
const PER_KIND = 5;

export function remarkUnhandledSyntax() {
  return (tree: Root, file: VFile) => {
    const context = file.data.context;
    const features = context?.features;
    const templating = context?.gitbook ?? false;
    const counts = new Map<string, number>();
    visit(tree, 'text', (node: Text, _index, parent) => {
      let flags: boolean[] | undefined;
      for (const c of CONSTRUCTS) {
        if (c.templating && templating) continue;
        // An alert marker is only one at the start of a block quote's first paragraph.
        if (c.pattern === ALERT && parent?.type !== 'paragraph') continue;
        // An autolink's text is its address.
        if (parent?.type === 'link' && parent.url.endsWith(node.value)) continue;
        // The first unescaped one of a kind in a text run (a paragraph, mostly) is named: the rest of it is the same mistake.
        for (const m of matches(c, node.value)) {
          // Escaped (`\^x\^`, `\{#id}`): written as text on purpose.
          const start = m.index + Math.max(m[0].search(/\S/), 0);
          flags ??= literalFlags(node, file);
          if (!flags[start]) continue;
          const seen = (counts.get(c.name) ?? 0) + 1;
          counts.set(c.name, seen);
          if (seen > PER_KIND) break;
          const lineEnd = node.value.indexOf('\n', start);
          // A short mark (`^[`, `:::`) is shown with the rest of its line, to be found.
          const end = start + m[0].trim().length;
          const shown = node.value.slice(start, end - start >= 12 ? end : lineEnd < 0 ? undefined : lineEnd);
          const snippet = shown.length > 40 ? `${shown.slice(0, 39)}…` : shown;
          const off = c.feature && features && !features[c.feature];
          const message = file.message(
            `${c.name} is printed as text: \`${snippet}\`${off ? ` (markdown.${c.feature} is off)` : ''}`,
            { place: placeOf(node, start), ruleId: 'unhandled-syntax', source: 'octavo' },
          );
          message.note = off ? `Set \`markdown.${c.feature}: true\` in book.yaml, or write it as text.` : c.hint;
          break;
        }
      }
    });
    for (const [name, count] of counts) {
      if (count > PER_KIND) {
        file.message(`… and ${count - PER_KIND} more like it (${name}) in this file`, {
          ruleId: 'unhandled-syntax',
          source: 'octavo',
        });
      }
    }
  };
}

/** Each pattern made global once: the check runs on every text node of a book. */
const GLOBAL = new Map(CONSTRUCTS.map((c) => [c, new RegExp(c.pattern.source, `${c.pattern.flags}g`)]));

function* matches(c: Construct, text: string): Generator<RegExpExecArray> {
  const all = GLOBAL.get(c)!;
  all.lastIndex = 0;
  for (let m = all.exec(text); m; m = all.exec(text)) if (!c.accept || c.accept(m)) yield m;
}

/** Line and column of `offset` inside a text node (its value may span lines). */
export function placeOf(node: Text, offset: number) {
  const start = node.position?.start;
  if (!start) return undefined;
  const before = node.value.slice(0, offset).split('\n');
  const line = start.line + before.length - 1;
  const column = before.length > 1 ? before[before.length - 1]!.length + 1 : start.column + offset;
  return { line, column };
}
