/**
 * The credits list in the EPUB package document, in terms EPUBCheck accepts:
 * each credit is an `octavo:credit` meta refined by Dublin Core terms
 * (creator, source, license) and Octavo's own (kind, licence id, statement,
 * changes, target). A chapter's or image's licence, author and source also
 * refine its manifest item, for readers that look there.
 */
import type { Credit } from '../../licence/credits.js';
import { creditRecord, refUrls } from '../../licence/record.js';

export interface PackageMeta {
  property: string;
  value: string;
}

export interface PackageCredit {
  /** Id of the `octavo:credit` meta. */
  id: string;
  title: string;
  metas: PackageMeta[];
  /** The manifest item the credit is about, with the metas that refine it. */
  item?: { id: string; metas: PackageMeta[] };
}

/** `itemIds`: manifest item id by credit target (a chapter id or an image href). */
export function packageCredits(
  credits: readonly Credit[],
  itemIds: ReadonlyMap<string, string>,
  usedIds: ReadonlySet<string>,
): PackageCredit[] {
  return credits.map(creditRecord).map((r, i) => {
    let id = `octavo-credit-${i + 1}`;
    while (usedIds.has(id)) id = `_${id}`;
    const metas: PackageMeta[] = [];
    const add = (property: string, value: string | null | undefined) => {
      if (value?.trim()) metas.push({ property, value });
    };
    add('octavo:kind', r.kind);
    for (const c of r.creators) add('dcterms:creator', c);
    add('dcterms:source', r.source);
    for (const url of refUrls(r.licence)) add('dcterms:license', url);
    add('octavo:licence', r.licence?.spdx);
    add('octavo:licenceStatement', r.licenceStatement);
    add('octavo:copyright', r.copyright);
    for (const c of r.changes) add('octavo:change', c);
    add('octavo:target', r.target);
    const itemId = r.target ? itemIds.get(r.target) : undefined;
    const item = itemId
      ? {
          id: itemId,
          metas: metas.filter(
            (m) =>
              m.property === 'dcterms:creator' || m.property === 'dcterms:source' || m.property === 'dcterms:license',
          ),
        }
      : undefined;
    return { id, title: r.title, metas, ...(item?.metas.length ? { item } : {}) };
  });
}
