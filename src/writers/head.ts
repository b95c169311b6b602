/** Machine-readable metadata for the <head> of the HTML and print documents. */
import type { Element } from 'hast';
import { h } from 'hastscript';
import type { BookConfig } from '../config/config.js';
import type { Credit } from '../licence/credits.js';
import { licenceUrls } from '../licence/licence.js';
import { rightsStatement } from '../licence/notice.js';
import { type CreditRecord, creditRecord, creditText, isUrl, OCTAVO_NS, refUrls } from '../licence/record.js';
import { VERSION } from '../version.js';

/**
 * The head's meta tags; with `credits` (the HTML edition) also the book and
 * every credit as schema.org JSON-LD, which `octavo licence` reads back.
 */
export function metadataHead(config: BookConfig, credits?: readonly Credit[]): Element[] {
  const meta = (name: string, content: string | undefined): Element[] =>
    content ? [h('meta', { name, content })] : [];
  const l = config.licence;
  return [
    ...meta('author', config.creators.join(', ')),
    ...meta('description', config.description),
    ...meta('keywords', config.subjects.join(', ')),
    ...meta('generator', `Octavo ${VERSION}`),
    h('link', { rel: ['schema.dcterms'], href: 'http://purl.org/dc/terms/' }),
    ...meta('dcterms.title', config.title),
    ...config.creators.flatMap((c) => meta('dcterms.creator', c)),
    ...meta('dcterms.language', config.language),
    ...meta('dcterms.identifier', config.identifier),
    ...meta('dcterms.publisher', config.publisher),
    ...meta('dcterms.date', config.date),
    ...meta('dcterms.modified', config.modified),
    ...meta('dcterms.source', config.source),
    ...meta('dcterms.rights', rightsStatement(config)),
    // One link per licence: an expression's licences all apply, or are all on offer.
    ...licenceUrls(l).flatMap((url) => meta('dcterms.license', url)),
    ...licenceUrls(l).map((url) => h('link', { rel: ['license'], href: url })),
    ...(credits ? [jsonLdScript(config, credits)] : []),
  ];
}

/** The fields every credit shares in JSON-LD (schema.org where it has a term, `octavo:` where not). */
function creditFields(r: CreditRecord): Record<string, unknown> {
  const out: Record<string, unknown> = { 'octavo:kind': r.kind, name: r.title };
  if (r.creators.length) out.author = r.creators;
  if (r.source) out.isBasedOn = isUrl(r.source) ? r.source : { '@type': 'CreativeWork', name: r.source };
  const urls = refUrls(r.licence);
  if (urls.length) out.license = urls.length === 1 ? urls[0] : urls;
  if (r.licence?.spdx) out['octavo:licence'] = r.licence.spdx;
  out.creditText = creditText(r);
  if (r.copyright) out.copyrightNotice = r.copyright;
  if (r.licenceStatement) out['octavo:licenceStatement'] = r.licenceStatement;
  if (r.changes.length) out['octavo:changes'] = r.changes;
  if (r.target) out['octavo:target'] = r.target;
  return out;
}

const PART_TYPE: Record<string, string> = { chapter: 'Chapter', image: 'ImageObject', font: 'MediaObject' };

/** The book as schema.org JSON-LD: licence, TASL, and its parts' own credits. */
export function bookJsonLd(config: BookConfig, credits: readonly Credit[]): Record<string, unknown> {
  const records = credits.map(creditRecord);
  const book = records.find((r) => r.kind === 'book');
  const parts = (kinds: string[]) =>
    records
      .filter((r) => kinds.includes(r.kind))
      .map((r) => ({
        '@type': PART_TYPE[r.kind] ?? 'CreativeWork',
        ...(r.kind === 'chapter' && r.target ? { url: `#${r.target}` } : {}),
        ...creditFields(r),
      }));
  const hasPart = parts(['chapter']);
  const media = parts(['image', 'font']);
  return {
    '@context': ['https://schema.org', { octavo: OCTAVO_NS }],
    '@type': 'Book',
    ...(book ? creditFields(book) : { name: config.title }),
    ...(config.subtitle ? { alternativeHeadline: config.subtitle } : {}),
    inLanguage: config.language,
    identifier: config.identifier,
    ...(config.publisher ? { publisher: config.publisher } : {}),
    ...(config.date ? { datePublished: config.date } : {}),
    dateModified: config.modified,
    ...(hasPart.length ? { hasPart } : {}),
    ...(media.length ? { associatedMedia: media } : {}),
  };
}

function jsonLdScript(config: BookConfig, credits: readonly Credit[]): Element {
  // `<` escaped so no value can close the script element.
  const json = JSON.stringify(bookJsonLd(config, credits), null, 1).replace(/</g, '\\u003c');
  return h('script', { type: 'application/ld+json' }, json);
}

/**
 * For an EPUB content document whose licence differs from the book's (an
 * anthology's chapter): its own licence link and rights in its head.
 */
export function partHead(credit: Credit): Element[] {
  const r = creditRecord(credit);
  return [
    ...refUrls(r.licence).map((url) => h('link', { rel: ['license'], href: url })),
    h('meta', { name: 'dcterms.rights', content: creditText(r) }),
    ...r.creators.map((c) => h('meta', { name: 'dcterms.creator', content: c })),
    ...(r.source ? [h('meta', { name: 'dcterms.source', content: r.source })] : []),
  ];
}
