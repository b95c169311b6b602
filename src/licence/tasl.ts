/**
 * The licence sentence for readers (TASL: title, author, source, licence),
 * in the book's language, as hast for the colophon, chapter credit lines and
 * image captions. The templates place it; only this module words it.
 */
import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import { joinNames, stringsFor } from '../i18n/strings.js';
import type { Credit } from './credit.js';
import type { Licence } from './licence.js';
import { isUrl, uriOf } from './record.js';

const text = (value: string): ElementContent => ({ type: 'text', value });

/** A source as text, or a link when it is a web address. Inside a sentence, a described source drops its own full stop. */
export function sourceContent(source: string, inSentence = false): ElementContent {
  // isUrl is a type guard (string | null → string): a string that is not a URL is still a string.
  const plain: string = source;
  if (isUrl(source)) return h('a', { href: uriOf(source) }, source);
  return text(inSentence ? plain.replace(/\.$/, '') : plain);
}

function licenceParts(licence: Licence, lang: string, nested: boolean): ElementContent[] {
  const e = licence.expression;
  if (e) {
    const w = stringsFor(lang);
    // The language's words carry their own spacing (none around 、 in Chinese and Japanese).
    const joiner = e.operator === 'OR' ? w.or : w.and;
    const out: ElementContent[] = nested ? [text('(')] : [];
    e.operands.forEach((op, i) => {
      if (i > 0) out.push(text(joiner));
      out.push(...licenceParts(op, lang, true));
    });
    if (e.operator === 'OR') out.push(text(w.atYourChoice));
    if (nested) out.push(text(')'));
    return out;
  }
  const name = licence.exception?.licenceName ?? licence.name;
  const link = licence.url
    ? h('a', { href: licence.url, rel: ['license'], dataSpdx: licence.spdx.replace(/ WITH .*$/, '') }, name)
    : text(name);
  return licence.exception ? [link, text(`${stringsFor(lang).withException}${licence.exception.name}`)] : [link];
}

/** The licence as readers see it: a link to it, or one link per licence of an expression ("A or B, at your choice"). */
export function licenceContent(licence: Licence, lang: string): ElementContent {
  const parts = licenceParts(licence, lang, false);
  if (parts.length === 1) return parts[0]!;
  return h('span', { className: ['licence-expression'], dataSpdx: licence.spdx }, parts);
}

/** A TASL sentence in the book's language: “Title” by Author, from Source, is licensed under Licence. */
export function taslSentence(
  lang: string,
  credit: Pick<Credit, 'title' | 'creators' | 'source' | 'licence' | 'changes'>,
): ElementContent[] {
  const s = stringsFor(lang);
  const title: ElementContent[] = [text(s.quote[0]), h('cite', credit.title), text(s.quote[1])];
  const work = s.by(title, joinNames(credit.creators, s));
  if (!credit.licence.url) {
    if (credit.source) work.push(text(s.from), sourceContent(credit.source, true));
    return [...work, text(`${s.stop}${s.allRightsReserved}`)];
  }
  if (credit.source) work.push(text(s.from), sourceContent(credit.source, true), text(s.afterSource));
  const sentence = s.licensedUnder(work, licenceContent(credit.licence, lang));
  if (credit.changes.length) sentence.push(text(` ${s.changes} ${credit.changes.join(' ')}`));
  return sentence;
}

/** The colophon's licence line: the licence and its SPDX id, or what stands for none. */
export function licenceLine(licence: Licence, declared: boolean, lang: string): ElementContent[] {
  if (licence.url) return [licenceContent(licence, lang), text(` (${licence.spdx})`)];
  return [text(declared ? licence.name : `${licence.name} (no licence declared)`)];
}
