/**
 * pandoc's definition lists, read by remark-definition-list (PHP Markdown
 * Extra's syntax, which pandoc's follows: a term, then `:` and its definition;
 * several definitions; a blank line between makes them paragraphs). pandoc also
 * takes `~` as the marker; the library knows only `:`, so its construct is
 * registered for `~` as well, told it saw a colon.
 */

import { defList } from 'micromark-extension-definition-list';
import type { Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';

export { defListFromMarkdown } from 'mdast-util-definition-list';
export { defListHastHandlers } from 'remark-definition-list';

const COLON = 58;
const TILDE = 126;

const colon = (defList.document as Record<number, Construct>)[COLON]!;

/** The library's construct, started on `~` as if on `:` (the marker token still holds the `~`). */
function tokenizeTilde(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let first = true;
  const fx: Effects = {
    ...effects,
    consume(code) {
      if (first && code === COLON) {
        first = false;
        return effects.consume(TILDE);
      }
      return effects.consume(code);
    },
  };
  const start = colon.tokenize.call(this, fx, ok, nok);
  if (start === nok) return nok;
  return (code) => (code === TILDE ? start(COLON) : nok(code));
}

/**
 * One construct for both markers; its continuation, which looks for the next
 * definition with the library's construct, looks with this one.
 */
const either: Construct = {
  ...colon,
  tokenize(this: TokenizeContext, effects, ok, nok) {
    return (code) =>
      code === TILDE
        ? tokenizeTilde.call(this, effects, ok, nok)(code)
        : colon.tokenize.call(this, effects, ok, nok)(code);
  },
  continuation: {
    ...colon.continuation,
    tokenize(this: TokenizeContext, effects, ok, nok) {
      const fx: Effects = {
        ...effects,
        attempt: (construct, good, bad) => effects.attempt(construct === colon ? either : construct, good, bad),
      };
      return colon.continuation!.tokenize.call(this, fx, ok, nok);
    },
  },
};

export const definitionListSyntax: Extension[] = [{ document: { [COLON]: either, [TILDE]: either } }];
