/**
 * The licence sentence for readers (TASL: title, author, source, licence),
 * in the book's language, as hast for the colophon, chapter credit lines and
 * image captions. The templates place it; only this module words it. The
 * author's values in it are isolated (`<bdi>`, i18n/bidi.ts), so that a URL or
 * a Latin title keeps its place in a right-to-left sentence.
 */
import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import { englishValue, isolated, nameList, userValue, words } from '../i18n/bidi.js';
import { stringsFor } from '../i18n/strings.js';
import { ALL_RIGHTS_RESERVED } from './catalogue.js';
import type { Credit } from './credit.js';
import type { Licence } from './licence.js';
import { isUrl, uriOf } from './record.js';

const text = (value: string): ElementContent => ({ type: 'text', value });

/**
 * A source as text, or a link when it is a web address, isolated. Inside a
 * sentence, a described source drops its own full stop.
 */
export function sourceContent(
  source: string,
  lang: string,
  inSentence = false,
  value: (content: ElementContent, lang: string) => ElementContent = userValue,
): ElementContent {
  // isUrl is a type guard (string | null → string): a string that is not a URL is still a string.
  const plain: string = source;
  if (isUrl(source)) return isolated(h('a', { href: uriOf(source) }, source));
  return value(text(inSentence ? plain.replace(/\.$/, '') : plain), lang);
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
  const link = englishValue(
    licence.url
      ? h('a', { href: licence.url, rel: ['license'], dataSpdx: licence.spdx.replace(/ WITH .*$/, '') }, name)
      : text(name),
    lang,
  );
  return licence.exception
    ? [link, text(stringsFor(lang).withException), englishValue(text(licence.exception.name), lang)]
    : [link];
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
  credit: Pick<Credit, 'title' | 'creators' | 'source' | 'licence' | 'changes'> & Partial<Pick<Credit, 'kind'>>,
): ElementContent[] {
  const s = stringsFor(lang);
  // A font's credit is Octavo's own data, in English; the others are the author's, in the book's language.
  const value = credit.kind === 'font' ? englishValue : userValue;
  const title: ElementContent[] = [text(s.quote[0]), value(h('cite', credit.title), lang), text(s.quote[1])];
  const work = s.by(title, nameList(credit.creators, lang, value));
  const source = credit.source ? sourceContent(credit.source, lang, true, value) : undefined;
  if (!credit.licence.url) {
    if (source) work.push(text(s.from), source);
    return words([...work, text(`${s.stop}${s.allRightsReserved}`)], lang);
  }
  if (source) work.push(text(s.from), source, text(s.afterSource));
  const sentence = s.licensedUnder(work, licenceContent(credit.licence, lang));
  if (credit.changes.length) sentence.push(text(` ${s.changes} `), userValue(credit.changes.join(' '), lang));
  return words(sentence, lang);
}

/** The colophon's licence line: the licence and its SPDX id, or what stands for none. */
export function licenceLine(licence: Licence, declared: boolean, lang: string): ElementContent[] {
  if (licence.url) return [licenceContent(licence, lang), text(' ('), isolated(licence.spdx), text(')')];
  const s = stringsFor(lang);
  // Octavo's own "all rights reserved" (no licence, or that one declared) is said in the book's language.
  const name = licence.spdx === ALL_RIGHTS_RESERVED.spdx ? s.allRightsReserved.replace(/[.。]$/, '') : licence.name;
  return words([text(declared ? name : `${name} (${s.noLicenceDeclared})`)], lang);
}
