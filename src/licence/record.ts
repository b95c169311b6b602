/**
 * The credits as the outputs carry them for machines, and as `octavo licence`
 * reads them back: one plain record per credit of `collectCredits(book)`.
 * The writers (EPUB package, HTML JSON-LD, PDF XMP) write these fields and
 * the readers fill the same shape, so the three outputs can be compared.
 */
import { findLicence } from './catalogue.js';
import type { Credit, CreditKind } from './credit.js';
import type { Licence } from './licence.js';

/** Octavo's own vocabulary, for what Dublin Core and Creative Commons have no term for. */
export const OCTAVO_NS = 'https://octavo.dev/ns/1.0/';

export interface LicenceRef {
  /** SPDX id or expression (or Octavo's LicenseRef-…) when the licence is known. */
  spdx: string | null;
  name: string | null;
  /** An expression: its first licence's address (every one is in `anyOf`/`allOf`). */
  url: string | null;
  /** `A OR B`: the licences the reader may choose from. */
  anyOf?: LicenceRef[];
  /** `A AND B`: the licences that all apply. */
  allOf?: LicenceRef[];
}

export interface CreditRecord {
  kind: CreditKind | string;
  title: string;
  creators: string[];
  source: string | null;
  licence: LicenceRef | null;
  licenceStatement: string | null;
  changes: string[];
  copyright: string | null;
  /** Where it sits: a division id (chapter) or an image's path in the book; null for the book and fonts. */
  target: string | null;
}

export function licenceRef(licence: Licence): LicenceRef {
  const ref: LicenceRef = { spdx: licence.spdx, name: licence.name, url: licence.url || null };
  const e = licence.expression;
  if (e) ref[e.operator === 'OR' ? 'anyOf' : 'allOf'] = e.operands.map(licenceRef);
  return ref;
}

/** The single licences a reference is made of (itself when it is one). */
export function refOperands(ref: LicenceRef): LicenceRef[] {
  const parts = ref.anyOf ?? ref.allOf;
  return parts ? parts.flatMap(refOperands) : [ref];
}

/** Every licence address a reference stands for: one per licence of an expression. */
export function refUrls(ref: LicenceRef | null): string[] {
  return ref
    ? [
        ...new Set(
          refOperands(ref)
            .map((r) => r.url)
            .filter((u): u is string => Boolean(u)),
        ),
      ]
    : [];
}

/**
 * A licence named in a file by URL and/or SPDX id; unknown URLs are kept as
 * they are. An expression (or an exception) is taken from the id when the
 * URL is one of its licences': a single link cannot say "MIT OR Apache-2.0".
 */
export function recogniseLicence(url?: string | null, spdx?: string | null): LicenceRef | null {
  const compound = spdx ? findLicence(spdx) : undefined;
  if (compound && (compound.expression || compound.exception)) {
    const ref = licenceRef(compound);
    const named = url ? recogniseLicence(url) : null;
    if (!named || refOperands(ref).some((r) => sameLicence(r, named))) return ref;
  }
  const known = (url && findLicence(url)) || (spdx && findLicence(spdx)) || undefined;
  if (known) return licenceRef(known);
  if (url) return { spdx: spdx ?? null, name: null, url };
  if (spdx) return { spdx, name: null, url: null };
  return null;
}

/** Two references name the same licence (same SPDX id, or the same URL up to its form). */
export function sameLicence(a: LicenceRef | null, b: LicenceRef | null): boolean {
  if (!a || !b) return a === b;
  if (a.spdx && b.spdx) return a.spdx === b.spdx;
  return Boolean(a.url && b.url && normaliseUrl(a.url) === normaliseUrl(b.url));
}

/**
 * The book's licence as a file's single licence field names it, made whole by
 * the credits list's expression when that field names one of its licences.
 */
export function wholeLicence(found: LicenceRef | null, credited: LicenceRef | null | undefined): LicenceRef | null {
  if (!found || !credited || !refOperands(credited).some((r) => sameLicence(r, found))) return found;
  // An expression, or a licence the address alone does not name (an exception; the GPL's shared address).
  return credited.anyOf || credited.allOf || !found.spdx ? credited : found;
}

/** Whether the addresses linked name the licence: every licence of an expression. */
export function linksLicence(hrefs: readonly string[], ref: LicenceRef): boolean {
  const wanted = refOperands(ref).filter((r) => r.url);
  return wanted.every((r) => hrefs.some((href) => sameLicence(recogniseLicence(href), r)));
}

export function normaliseUrl(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/+$/, '');
}

export function creditRecord(credit: Credit): CreditRecord {
  return {
    kind: credit.kind,
    title: credit.title,
    creators: [...credit.creators],
    source: credit.source ?? null,
    licence: licenceRef(credit.licence),
    licenceStatement: credit.licenceStatement ?? null,
    changes: [...credit.changes],
    copyright: credit.copyright ?? null,
    target: credit.target ?? null,
  };
}

export function isUrl(text: string | null | undefined): text is string {
  // A host no browser could reach (`https://]]>`) is text, not an address to link.
  return typeof text === 'string' && /^https?:\/\/\S+$/.test(text.trim()) && URL.canParse(text.trim());
}

/**
 * A web address as written, made a valid URI for an href or rdf:resource: what
 * a URI cannot hold (`<`, `>`, `|`, `^`, other scripts, a second `#`…) is
 * percent-encoded as UTF-8, as Markdown links are, and so is a `%` that starts
 * no escape. EPUBCheck refuses the address otherwise (RSC-020).
 */
export function uriOf(url: string): string {
  const encode = (part: string) =>
    part.replace(/%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~:/?[\]@!$&'()*+,;=%]/gu, (ch) =>
      // Buffer, not encodeURIComponent: a lone surrogate becomes U+FFFD instead of throwing.
      [...Buffer.from(ch, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
    );
  const text = url.trim();
  const hash = text.indexOf('#');
  return hash < 0 ? encode(text) : `${encode(text.slice(0, hash))}#${encode(text.slice(hash + 1))}`;
}

/** Whether a licence asks to credit the author (unknown licences: assume it does). */
export function requiresAttribution(licence: LicenceRef | null): boolean {
  if (!licence) return false;
  const known = (licence.spdx && findLicence(licence.spdx)) || (licence.url && findLicence(licence.url));
  return known ? known.conditions.attribution : true;
}

/** The plain credit line a machine field can carry: “Title” by A, B, from S, is licensed under L (url). */
export function creditText(credit: CreditRecord): string {
  let text = `“${credit.title}”`;
  if (credit.creators.length) text += ` by ${credit.creators.join(', ')}`;
  if (credit.source) text += `, from ${credit.source.trim().replace(/\.$/, '')}`;
  const l = credit.licence;
  if (l?.url) text += `, is licensed under ${l.name ?? l.spdx ?? 'a licence'} (${refUrls(l).join(', ')}).`;
  else text += `. ${l?.name ?? 'All rights reserved'}.`;
  return text.replace(/\.\.$/, '.');
}
