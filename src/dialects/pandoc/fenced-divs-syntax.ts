/**
 * micromark syntax for pandoc's fenced divs:
 *
 * ```markdown
 * ::: {#id .warning}
 * Any Markdown: lists, code, other divs.
 * :::
 * ```
 *
 * As pandoc reads them: an opening fence is three or more colons and then
 * attributes (`{…}`) or a single word (a class), optionally more colons; a
 * line of colons alone is always a closing fence and closes the innermost open
 * div, so nested divs may use the same number of colons. A div does not
 * interrupt a paragraph (pandoc wants a blank line before it). Colons inside a
 * fenced code block in the div are code.
 *
 * Modelled on micromark-extension-directive's container: the content is
 * handed back to the document tokenizer line by line, so it is full Markdown.
 */
import { factorySpace } from 'micromark-factory-space';
import { markdownLineEnding } from 'micromark-util-character';
import { codes, constants, types } from 'micromark-util-symbol';
import type { Code, Construct, Extension, State, Token, TokenizeContext, Tokenizer } from 'micromark-util-types';
import { parseAttributes } from './attributes-parse.js';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    pandocDiv: 'pandocDiv';
    pandocDivFence: 'pandocDivFence';
    pandocDivSequence: 'pandocDivSequence';
    pandocDivInfo: 'pandocDivInfo';
    pandocDivContent: 'pandocDivContent';
    pandocDivLine: 'pandocDivLine';
  }
}

/** What an opening fence may carry after its colons: `{attributes}` or one word, then colons. */
export function divInfo(text: string): string | undefined {
  const info = text.replace(/[ \t]*:*[ \t]*$/, '').trim();
  if (!info) return undefined;
  if (info.startsWith('{')) return parseAttributes(info) ? info : undefined;
  return /^[^\s{}]+$/.test(info) ? info : undefined;
}

const CLOSE = /^ {0,3}:{3,}[ \t]*$/;
const OPEN = /^ {0,3}:{3,}[ \t]*(\S.*)$/;
const CODE_FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

const nonLazyLine: Construct = { tokenize: tokenizeNonLazyLine, partial: true };

export const fencedDivConstruct: Construct = { name: 'pandocDiv', tokenize: tokenizeFencedDiv, concrete: true };

export function fencedDivSyntax(): Extension {
  return { flow: { [codes.colon]: fencedDivConstruct } };
}

function charOf(code: Code): string {
  if (code === codes.horizontalTab) return '\t';
  if (code === codes.virtualSpace || code === null || code < 0) return '';
  return String.fromCodePoint(code);
}

function tokenizeFencedDiv(this: TokenizeContext, effects: Parameters<Tokenizer>[0], ok: State, nok: State): State {
  const self = this;
  const tail = self.events[self.events.length - 1];
  const initialSize = tail && tail[1].type === types.linePrefix ? tail[2].sliceSerialize(tail[1], true).length : 0;
  let sizeOpen = 0;
  let info = '';
  /** Divs opened inside this one and not yet closed. */
  let depth = 0;
  /** The fence of a code block open inside the div. */
  let codeFence: { char: string; size: number } | undefined;
  let line = '';
  let previous: Token | undefined;

  const lineReader: Construct = { tokenize: tokenizeLine, partial: true };
  const closingFence: Construct = { tokenize: tokenizeClosingFence, partial: true };

  return start;

  function start(code: Code): State | undefined {
    // pandoc: a div starts after a blank line, never inside a paragraph.
    if (self.interrupt) return nok(code);
    effects.enter('pandocDiv');
    effects.enter('pandocDivFence');
    effects.enter('pandocDivSequence');
    return sequenceOpen(code);
  }

  function sequenceOpen(code: Code): State | undefined {
    if (code === codes.colon) {
      effects.consume(code);
      sizeOpen++;
      return sequenceOpen;
    }
    if (sizeOpen < constants.codeFencedSequenceSizeMin) return nok(code);
    effects.exit('pandocDivSequence');
    return factorySpace(effects, infoStart, types.whitespace)(code);
  }

  function infoStart(code: Code): State | undefined {
    // Colons alone close a div; they never open one.
    if (code === codes.eof || markdownLineEnding(code)) return nok(code);
    effects.enter('pandocDivInfo');
    return infoInside(code);
  }

  function infoInside(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code)) {
      effects.exit('pandocDivInfo');
      if (divInfo(info) === undefined) return nok(code);
      effects.exit('pandocDivFence');
      if (code === codes.eof) return after(code);
      return effects.attempt(nonLazyLine, contentStart, after)(code);
    }
    info += charOf(code);
    effects.consume(code);
    return infoInside;
  }

  function contentStart(code: Code): State | undefined {
    if (code === codes.eof) return after(code);
    if (markdownLineEnding(code)) return effects.check(nonLazyLine, emptyContentNonLazyLineAfter, after)(code);
    effects.enter('pandocDivContent');
    return lineStart(code);
  }

  function lineStart(code: Code): State | undefined {
    return effects.check(lineReader, classified, classified)(code);
  }

  /** Decide what the line just read is: the closing fence, or content (counting nested divs and code). */
  function classified(code: Code): State | undefined {
    const chunk = initialSize ? factorySpace(effects, chunkStart, types.linePrefix, initialSize + 1) : chunkStart;
    if (codeFence) {
      const m = CODE_FENCE.exec(line);
      if (m && m[1]![0] === codeFence.char && m[1]!.length >= codeFence.size && !m[2]!.trim()) codeFence = undefined;
      return chunk(code);
    }
    if (CLOSE.test(line)) {
      if (depth === 0) return effects.attempt(closingFence, afterContent, chunk)(code);
      depth--;
      return chunk(code);
    }
    const open = OPEN.exec(line);
    if (open && divInfo(open[1]!) !== undefined) depth++;
    else {
      const m = CODE_FENCE.exec(line);
      if (m && !(m[1]![0] === '`' && m[2]!.includes('`'))) codeFence = { char: m[1]![0]!, size: m[1]!.length };
    }
    return chunk(code);
  }

  function chunkStart(code: Code): State | undefined {
    if (code === codes.eof) return afterContent(code);
    if (markdownLineEnding(code)) return effects.check(nonLazyLine, chunkNonLazyStart, afterContent)(code);
    return chunkNonLazyStart(code);
  }

  function contentContinue(code: Code): State | undefined {
    if (code === codes.eof) {
      const t = effects.exit(types.chunkDocument);
      self.parser.lazy[t.start.line] = false;
      return afterContent(code);
    }
    if (markdownLineEnding(code)) return effects.check(nonLazyLine, nonLazyLineAfter, lineAfter)(code);
    effects.consume(code);
    return contentContinue;
  }

  function chunkNonLazyStart(code: Code): State | undefined {
    const token = effects.enter(types.chunkDocument, { contentType: constants.contentTypeDocument, previous });
    if (previous) previous.next = token;
    previous = token;
    return contentContinue(code);
  }

  function emptyContentNonLazyLineAfter(code: Code): State | undefined {
    effects.enter('pandocDivContent');
    return lineStart(code);
  }

  function nonLazyLineAfter(code: Code): State | undefined {
    effects.consume(code);
    const t = effects.exit(types.chunkDocument);
    self.parser.lazy[t.start.line] = false;
    return lineStart;
  }

  function lineAfter(code: Code): State | undefined {
    const t = effects.exit(types.chunkDocument);
    self.parser.lazy[t.start.line] = false;
    return afterContent(code);
  }

  function afterContent(code: Code): State | undefined {
    effects.exit('pandocDivContent');
    return after(code);
  }

  function after(code: Code): State | undefined {
    effects.exit('pandocDiv');
    return ok(code);
  }

  /** Reads the line ahead into `line` (inside a check: nothing is kept). */
  function tokenizeLine(this: TokenizeContext, fx: Parameters<Tokenizer>[0], done: State): State {
    line = '';
    return (code) => {
      if (code === codes.eof || markdownLineEnding(code)) return done(code);
      fx.enter('pandocDivLine');
      return inside(code);
    };
    function inside(code: Code): State | undefined {
      if (code === codes.eof || markdownLineEnding(code)) {
        fx.exit('pandocDivLine');
        return done(code);
      }
      line += charOf(code);
      fx.consume(code);
      return inside;
    }
  }

  function tokenizeClosingFence(this: TokenizeContext, fx: Parameters<Tokenizer>[0], done: State, fail: State): State {
    let size = 0;
    return factorySpace(fx, prefixAfter, types.linePrefix, constants.tabSize);

    function prefixAfter(code: Code): State | undefined {
      fx.enter('pandocDivFence');
      fx.enter('pandocDivSequence');
      return sequence(code);
    }
    function sequence(code: Code): State | undefined {
      if (code === codes.colon) {
        fx.consume(code);
        size++;
        return sequence;
      }
      if (size < constants.codeFencedSequenceSizeMin) return fail(code);
      fx.exit('pandocDivSequence');
      return factorySpace(fx, sequenceEnd, types.whitespace)(code);
    }
    function sequenceEnd(code: Code): State | undefined {
      if (code === codes.eof || markdownLineEnding(code)) {
        fx.exit('pandocDivFence');
        return done(code);
      }
      return fail(code);
    }
  }
}

function tokenizeNonLazyLine(this: TokenizeContext, effects: Parameters<Tokenizer>[0], ok: State, nok: State): State {
  const self = this;
  return start;
  function start(code: Code): State | undefined {
    effects.enter(types.lineEnding);
    effects.consume(code);
    effects.exit(types.lineEnding);
    return lineStart;
  }
  function lineStart(code: Code): State | undefined {
    return self.parser.lazy[self.now().line] ? nok(code) : ok(code);
  }
}
