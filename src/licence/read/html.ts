/**
 * Reads the licence notice back from an HTML edition alone: the schema.org
 * JSON-LD (`@type: Book`, with its parts' credits), else the head's
 * `<link rel="license">` and `dcterms.*` meta tags; then the colophon and the
 * credit lines of chapters with their own licence.
 */
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { type CreditRecord, linksLicence, recogniseLicence, sameLicence, wholeLicence } from '../record.js';
import { checkChapterCreditLine, checkColophon, findColophon } from './human.js';
import { allRightsReservedIn, assess, type LicenceReport, type MachineFacts } from './report.js';

type Json = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** A value or list of values: strings, or objects with a `name`. */
function names(v: unknown): string[] {
  const list = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  return list
    .map((x) => (typeof x === 'string' ? x : x && typeof x === 'object' ? str((x as Json).name) : null))
    .filter((x): x is string => Boolean(x));
}

function source(v: unknown): string | null {
  if (typeof v === 'string') return str(v);
  if (v && typeof v === 'object') return str((v as Json).url) ?? str((v as Json)['@id']) ?? str((v as Json).name);
  return null;
}

/** A term with or without the `octavo:` prefix (JSON-LD compacted either way). */
const octavo = (node: Json, term: string): unknown =>
  node[`octavo:${term}`] ?? node[`https://octavo.dev/ns/1.0/${term}`];

const KIND_OF_TYPE: Record<string, string> = { Book: 'book', Chapter: 'chapter', ImageObject: 'image' };

function creditOf(node: Json, fallbackKind: string): CreditRecord {
  const type = typeof node['@type'] === 'string' ? node['@type'] : '';
  return {
    kind: str(octavo(node, 'kind')) ?? KIND_OF_TYPE[type] ?? fallbackKind,
    title: str(node.name) ?? '',
    creators: names(node.author),
    source: source(node.isBasedOn),
    licence: recogniseLicence(str(node.license), str(octavo(node, 'licence'))),
    licenceStatement: str(octavo(node, 'licenceStatement')),
    changes: names(octavo(node, 'changes')),
    copyright: str(node.copyrightNotice),
    target: str(octavo(node, 'target')) ?? (str(node.url)?.startsWith('#') ? str(node.url)!.slice(1) : null),
  };
}

/** The first JSON-LD node of type Book (top level or in an @graph). */
function jsonLdBook(tree: Root): { book?: Json; problems: string[] } {
  const problems: string[] = [];
  for (const script of selectAll('script[type="application/ld+json"]', tree)) {
    let data: unknown;
    try {
      data = JSON.parse(toString(script));
    } catch {
      problems.push('a JSON-LD script in the page is not valid JSON');
      continue;
    }
    const nodes = (Array.isArray(data) ? data : [data]).flatMap((d) =>
      d && typeof d === 'object' && Array.isArray((d as Json)['@graph']) ? ((d as Json)['@graph'] as unknown[]) : [d],
    );
    const book = nodes.find((n): n is Json =>
      Boolean(n && typeof n === 'object' && [(n as Json)['@type']].flat().includes('Book')),
    );
    if (book) return { book, problems };
  }
  return { problems };
}

export function readHtml(file: string, html: string): LicenceReport {
  const tree = fromHtml(html);
  const head = select('head', tree) ?? tree;
  const metaValues = (name: string) =>
    selectAll('meta', head)
      .filter((m) => String(m.properties.name ?? '').toLowerCase() === name)
      .map((m) => str(m.properties.content))
      .filter((v): v is string => Boolean(v));
  const headLinks = selectAll('link[rel~=license]', head)
    .map((l: Element) => str(l.properties.href))
    .filter((href): href is string => Boolean(href));
  const headLicence = headLinks[0];

  const { book, problems } = jsonLdBook(tree);
  const credits: CreditRecord[] = [];
  if (book) {
    credits.push(creditOf(book, 'book'));
    for (const part of [book.hasPart, book.associatedMedia].flatMap((v) => (Array.isArray(v) ? v : v ? [v] : []))) {
      if (part && typeof part === 'object') credits.push(creditOf(part as Json, 'part'));
    }
  }
  const bookCredit = credits[0];
  const fromLink = wholeLicence(recogniseLicence(headLicence ?? metaValues('dcterms.license')[0]), bookCredit?.licence);
  const fromJson = bookCredit?.licence ?? null;
  // An expression is linked once per licence: every one must be there.
  const compound = Boolean(fromJson?.anyOf || fromJson?.allOf);
  if (fromLink && fromJson && (compound ? !linksLicence(headLinks, fromJson) : !sameLicence(fromLink, fromJson))) {
    problems.push(
      `the page's <link rel="license"> names ${fromLink.url}, its JSON-LD ${fromJson.url ?? fromJson.spdx}`,
    );
  }
  const machine: MachineFacts = {
    licence: fromJson ?? fromLink ?? allRightsReservedIn(metaValues('dcterms.rights').join(' ')),
    title:
      bookCredit?.title ||
      metaValues('dcterms.title')[0] ||
      str(toString(select('head title', tree) ?? { type: 'root', children: [] })),
    creators: bookCredit?.creators.length ? bookCredit.creators : metaValues('dcterms.creator'),
    source: bookCredit?.source ?? metaValues('dcterms.source')[0] ?? null,
    licenceStatement: bookCredit?.licenceStatement ?? null,
    changes: bookCredit?.changes ?? [],
    copyright: bookCredit?.copyright ?? null,
    credits,
    problems,
  };
  const humanProblems = checkColophon(findColophon(tree), machine);
  for (const credit of credits.filter((c) => c.kind === 'chapter' && c.target)) {
    humanProblems.push(
      ...checkChapterCreditLine(
        select(`[id="${credit.target!.replace(/["\\]/g, '\\$&')}"]`, tree) ?? undefined,
        credit,
      ),
    );
  }
  return assess(file, 'html', machine, { checked: true, problems: humanProblems });
}
