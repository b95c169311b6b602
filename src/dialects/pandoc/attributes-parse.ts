/**
 * pandoc's attribute block, `{#id .class .other key=value key="quoted value"}`,
 * read as pandoc reads it: an identifier after `#`, any number of classes after
 * `.`, `key=value` pairs (the value bare, or in double or single quotes with
 * backslash escapes), separated by spaces; `-` alone is `.unnumbered`. Nothing
 * else may stand in the braces.
 */

export interface Attributes {
  id?: string;
  classes: string[];
  /** In the order written; a later key replaces an earlier one. */
  pairs: [string, string][];
}

const NAME = /^[\p{L}\p{N}_:.-]+/u;
const KEY = /^[\p{L}_:][\p{L}\p{N}_:.-]*/u;

/** The attributes in `text`, which must be a whole block `{…}`; undefined when it is not one. */
export function parseAttributes(text: string): Attributes | undefined {
  if (!text.startsWith('{') || !text.endsWith('}')) return undefined;
  const body = text.slice(1, -1);
  const attrs: Attributes = { classes: [], pairs: [] };
  let i = 0;
  let any = false;
  while (i < body.length) {
    const c = body[i]!;
    if (c === ' ' || c === '\t' || c === '\n') {
      i++;
      continue;
    }
    // Items are separated by white space.
    if (any && !/\s/.test(body[i - 1] ?? ' ')) return undefined;
    any = true;
    if (c === '#' || c === '.') {
      const m = NAME.exec(body.slice(i + 1));
      if (!m) return undefined;
      if (c === '#') attrs.id = m[0];
      else attrs.classes.push(m[0]);
      i += 1 + m[0].length;
      continue;
    }
    if (c === '-' && (i + 1 === body.length || /\s/.test(body[i + 1]!))) {
      attrs.classes.push('unnumbered');
      i++;
      continue;
    }
    const key = KEY.exec(body.slice(i));
    if (!key || body[i + key[0].length] !== '=') return undefined;
    i += key[0].length + 1;
    let value = '';
    const quote = body[i];
    if (quote === '"' || quote === "'") {
      i++;
      for (;;) {
        if (i >= body.length) return undefined;
        const ch = body[i]!;
        if (ch === '\\' && i + 1 < body.length) {
          value += body[i + 1];
          i += 2;
        } else if (ch === quote) {
          i++;
          break;
        } else {
          value += ch;
          i++;
        }
      }
    } else {
      const m = /^[^\s"'{}]+/.exec(body.slice(i));
      if (!m) return undefined;
      value = m[0];
      i += m[0].length;
    }
    attrs.pairs.push([key[0], value]);
  }
  if (!any) return undefined;
  return attrs;
}

/**
 * An attribute block at the start of `text`: the block's length and its
 * attributes. The block ends at the first `}` outside quotes.
 */
export function leadingAttributes(text: string, start = 0): { length: number; attrs: Attributes } | undefined {
  if (text[start] !== '{') return undefined;
  const end = blockEnd(text, start);
  if (end < 0) return undefined;
  const attrs = parseAttributes(text.slice(start, end + 1));
  return attrs ? { length: end + 1 - start, attrs } : undefined;
}

/** An attribute block ending `text` (spaces after it allowed): where it starts, and its attributes. */
export function trailingAttributes(text: string): { start: number; attrs: Attributes } | undefined {
  const trimmed = text.replace(/[ \t]+$/, '');
  if (!trimmed.endsWith('}')) return undefined;
  // Candidate openings, nearest first: the block is the shortest that parses and ends the text.
  for (let at = trimmed.lastIndexOf('{'); at >= 0; at = trimmed.lastIndexOf('{', at - 1)) {
    if (blockEnd(trimmed, at) !== trimmed.length - 1) continue;
    const attrs = parseAttributes(trimmed.slice(at));
    if (attrs) return { start: at, attrs };
  }
  return undefined;
}

/** Index of the `}` closing the block opened at `start`, skipping quoted values; -1 if none. */
function blockEnd(text: string, start: number): number {
  let quote: string | undefined;
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if ((c === '"' || c === "'") && text[i - 1] === '=') quote = c;
    else if (c === '}') return i;
    else if (c === '{' || c === '\n') return -1;
  }
  return -1;
}
