/**
 * The credits as the outputs carry them for machines, and as `octavo licence`
 * reads them back: one plain record per credit of `collectCredits(book)`.
 * The writers (EPUB package, HTML JSON-LD, PDF XMP) write these fields and
 * the readers fill the same shape, so the three outputs can be compared.
 */
import { findLicence, type Licence } from '../catalogue.js';
import type { Credit, CreditKind } from '../credits.js';

/** Octavo's own vocabulary, for what Dublin Core and Creative Commons have no term for. */
export const OCTAVO_NS = 'https://octavo.dev/ns/1.0/';

export interface LicenceRef {
  /** SPDX id (or Octavo's LicenseRef-…) when the licence is in Octavo's catalogue. */
  spdx: string | null;
  name: string | null;
  url: string | null;
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
  return { spdx: licence.spdx, name: licence.name, url: licence.url || null };
}

/** A licence named in a file by URL and/or SPDX id; unknown URLs are kept as they are. */
export function recogniseLicence(url?: string | null, spdx?: string | null): LicenceRef | null {
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

export function normaliseUrl(url: string): string {
  return url.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/+$/, '');
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
  return typeof text === 'string' && /^https?:\/\/\S+$/.test(text.trim());
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
  if (l?.url) text += `, is licensed under ${l.name ?? l.spdx ?? 'a licence'} (${l.url}).`;
  else text += `. ${l?.name ?? 'All rights reserved'}.`;
  return text.replace(/\.\.$/, '.');
}
