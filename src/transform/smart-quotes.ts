/**
 * SmartyPants' quotes, as retext-smartypants decides them, on a plain string
 * in one linear pass. remark-smartypants parses every chapter into a natural
 * language tree (parse-latin) to look at the token before and after each
 * straight quote; that parse was the largest single cost of the transform
 * (about a third of it on a 150,000-word book). Here the tokens are found by
 * a scan that classes characters the way parse-latin does where it matters
 * to a quote: a word (letters, digits, marks, joined by one inner
 * punctuation mark: `foo-bar`, `e.g`, `3.5`), white space, or a run of one
 * punctuation character (`""`, `--`). test/unit/smart-quotes.test.ts checks
 * the two agree on real books.
 */

type Kind = 'word' | 'space' | 'punct';

interface Token {
  kind: Kind;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}\p{M}]/u;
const SPACE = /\s/u;

function kindOf(c: string): Kind {
  if (WORD.test(c)) return 'word';
  if (SPACE.test(c)) return 'space';
  return 'punct';
}

/** The tokens of `text`, in order; `chars` is the text split by code point. */
function tokenize(chars: readonly string[]): Token[] {
  const tokens: Token[] = [];
  const n = chars.length;
  let i = 0;
  while (i < n) {
    const c = chars[i]!;
    const kind = kindOf(c);
    let j = i + 1;
    if (kind === 'word') {
      for (;;) {
        while (j < n && kindOf(chars[j]!) === 'word') j++;
        // One inner punctuation mark between word characters joins them (not a quote: it stays a token of its own).
        const p = chars[j];
        if (
          p !== undefined &&
          p !== '"' &&
          p !== "'" &&
          kindOf(p) === 'punct' &&
          j + 1 < n &&
          kindOf(chars[j + 1]!) === 'word'
        ) {
          j += 2;
          continue;
        }
        // A hyphen that ends a word (`8-`, `pre- and post-war`) is the word's, as parse-latin has it.
        if (chars[j] === '-' && chars[j + 1] !== '-' && (j + 1 >= n || kindOf(chars[j + 1]!) !== 'word')) j++;
        break;
      }
    } else if (kind === 'space') {
      while (j < n && kindOf(chars[j]!) === 'space') j++;
    } else {
      while (j < n && chars[j] === c) j++;
    }
    tokens.push({ kind, start: i, end: j });
    i = j;
  }
  return tokens;
}

/** Opening and closing quotes, double then single. */
export interface QuotePairs {
  open: readonly [string, string];
  close: readonly [string, string];
}

/**
 * The text with its straight quotes (`"`, `'`) made curly, by retext-smartypants'
 * rules: each quote looks at the token before it and the two after it.
 * Returns the text split by code point, each quote replaced in place (so a
 * caller can map characters back to the text nodes they came from).
 */
export function educateQuotes(text: string, q: QuotePairs): string[] {
  const chars = [...text];
  const tokens = tokenize(chars);
  const value = (t: Token | undefined) => (t ? chars.slice(t.start, t.end).join('') : '');
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k]!;
    if (token.kind !== 'punct' || token.end - token.start !== 1) continue;
    const quote = chars[token.start]!;
    if (quote !== '"' && quote !== "'") continue;
    const which = quote === '"' ? 0 : 1;
    const previous = tokens[k - 1];
    const next = tokens[k + 1];
    const nextNext = tokens[k + 2];
    const nextValue = value(next);
    let out: string;
    if (next?.kind === 'punct' && nextNext?.kind !== 'word') {
      // A quote followed by punctuation at a non-word-break: closing, by brute force.
      out = q.close[which];
    } else if (next?.kind === 'punct' && (nextValue === '"' || nextValue === "'") && nextNext?.kind === 'word') {
      // Double sets of quotes: `He said, "'Quoted' words"`.
      out = q.open[which];
      chars[next.start] = q.open[nextValue === '"' ? 0 : 1];
      // The inner quote is decided: skip it.
      k++;
    } else if (next && /^\d\ds$/.test(nextValue)) {
      // Decades: `the '80s`.
      out = q.close[which];
    } else if (previous && previous.kind !== 'word' && next?.kind === 'word') {
      out = q.open[which];
    } else if (previous?.kind === 'word') {
      out = q.close[which];
    } else if (!next || next.kind === 'space' || (quote === "'" && nextValue === 's')) {
      out = q.close[which];
    } else {
      out = q.open[which];
    }
    chars[token.start] = out;
  }
  return chars;
}
