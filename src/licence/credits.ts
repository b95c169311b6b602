/**
 * Every credit the book owes, in one list: the book itself, chapters with
 * their own source or licence (anthologies), images with a credit, and the
 * fonts of the print edition. The colophon shows it to people; the writers
 * put it into each output's metadata; `octavo licence` reads it back.
 */
import type { Book } from '../book.js';
import { fontsUsedBy } from '../fonts/used-fonts.js';
import { findLicence, type Licence } from './catalogue.js';

export type CreditKind = 'book' | 'chapter' | 'image' | 'font';

export interface Credit {
  kind: CreditKind;
  /** What is credited: the book's or a chapter's title, an image's caption or alt text, a font family. */
  title: string;
  creators: string[];
  /** Where it comes from: a URL, or a description. */
  source?: string;
  licence: Licence;
  /** The source's own licence sentence, verbatim. */
  licenceStatement?: string;
  /** Copyright line where given, e.g. "© 2019 Kyle Simpson". */
  copyright?: string;
  changes: string[];
  /** Where it sits in the book: a division id (chapter) or an asset href (image); absent for book and fonts. */
  target?: string;
}

export function collectCredits(book: Book): Credit[] {
  const c = book.config;
  const credits: Credit[] = [
    {
      kind: 'book',
      title: c.title,
      creators: c.creators,
      source: c.source,
      licence: c.licence,
      licenceStatement: c.licenceStatement,
      copyright: c.copyright,
      changes: c.changes,
    },
  ];
  for (const chapter of book.chapters) {
    if (!chapter.credit) continue;
    credits.push({
      kind: 'chapter',
      title: chapter.title,
      creators: chapter.creators.length ? chapter.creators : c.creators,
      source: chapter.credit.source,
      licence: chapter.credit.licence ?? c.licence,
      licenceStatement: chapter.credit.licenceStatement,
      changes: chapter.credit.changes,
      target: chapter.id,
    });
  }
  for (const asset of book.assets) {
    if (!asset.credit) continue;
    credits.push({ kind: 'image', ...asset.credit, target: asset.href });
  }
  for (const font of fontsUsedBy(book)) {
    const licence = findLicence(font.licence);
    if (!licence) continue;
    credits.push({ kind: 'font', title: font.family, creators: font.creators, source: font.source, licence, changes: [] });
  }
  return credits;
}
