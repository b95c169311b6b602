/**
 * The human-readable notice of the HTML and EPUB editions: the colophon's
 * TASL paragraph (`p.tasl` with `a[rel=license]`), its credits list, and the
 * credit line at the end of a chapter with its own licence. Each must say
 * what the metadata says.
 */
import type { Element, Root } from 'hast';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { type CreditRecord, linksLicence, requiresAttribution } from '../record.js';
import { describeCredit, type MachineFacts } from './report.js';

/** Letters and digits only, case-folded: for "does this text name X" across typography and line breaks. */
export function loose(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

export function findColophon(tree: Root | Element): Element | undefined {
  return (
    select('section.colophon', tree) ?? select('[role~=doc-colophon]', tree) ?? select('#colophon', tree) ?? undefined
  );
}

function licenceLinks(el: Element): string[] {
  return selectAll('a[rel~=license], link[rel~=license]', el)
    .map((a) => a.properties.href)
    .filter((href): href is string => typeof href === 'string');
}

/** The element links the credit's licence (each licence of an expression). */
function linksCredit(el: Element, credit: { licence: CreditRecord['licence'] }): boolean {
  return Boolean(credit.licence && linksLicence(licenceLinks(el), credit.licence));
}

/** What is wrong with the colophon's notice (empty: it is complete and agrees with the metadata). */
export function checkColophon(colophon: Element | undefined, facts: MachineFacts): string[] {
  if (!colophon) return ['the colophon is missing, and with it the licence notice for readers'];
  const tasl = select('.tasl', colophon);
  if (!tasl) return ["the colophon's licence notice (its title, author, source and licence sentence) is missing"];
  const problems: string[] = [];
  const text = loose(toString(tasl));
  const licence = facts.licence;
  if (licence?.url) {
    const links = licenceLinks(tasl);
    if (!links.length) problems.push("the colophon's licence notice does not link the licence");
    else if (!linksLicence(links, licence)) {
      problems.push(`the colophon's licence notice names ${links[0]}, the metadata ${licence.url}`);
    }
  }
  if (requiresAttribution(licence)) {
    if (facts.title && !text.includes(loose(facts.title)))
      problems.push(`the colophon's licence notice does not name the title “${facts.title}”`);
    for (const creator of facts.creators) {
      if (!text.includes(loose(creator)))
        problems.push(`the colophon's licence notice does not name the author ${creator}`);
    }
  }
  const others = facts.credits.filter((c) => c.kind !== 'book');
  if (others.length) {
    const items = [...new Set([...selectAll('li.credit', colophon), ...selectAll('.credit-list li', colophon)])];
    if (!items.length) problems.push("the colophon's credits list is missing");
    else {
      for (const credit of others) {
        const item =
          (credit.target ? items.find((li) => li.properties.dataTarget === credit.target) : undefined) ??
          items.find(
            (li) =>
              (li.properties.dataKind === undefined || li.properties.dataKind === credit.kind) &&
              loose(toString(li)).includes(loose(credit.title)),
          );
        if (!item) problems.push(`the colophon's credits list does not credit ${describeCredit(credit)}`);
        else if (credit.licence?.url && !linksCredit(item, credit))
          problems.push(`the colophon's credit for ${describeCredit(credit)} does not link its licence`);
      }
    }
  }
  return problems;
}

/** A chapter with its own licence ends with a credit line that links it. */
export function checkChapterCreditLine(chapter: Element | Root | undefined, credit: CreditRecord): string[] {
  const what = `chapter “${credit.title}”`;
  if (!chapter) return [`${what} (${credit.target}) is not in the file`];
  const line = select('.chapter-credit', chapter) ?? select('[role~=doc-credit]', chapter);
  if (!line) return [`${what}: the credit line at its end is missing`];
  if (credit.licence?.url && !linksCredit(line, credit))
    return [`${what}: its credit line does not link its licence (${credit.licence.url})`];
  return [];
}
