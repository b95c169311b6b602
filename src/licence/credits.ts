/**
 * Every credit an edition owes, in one list: the book itself, chapters with
 * their own source or licence (anthologies), images with a credit, and the
 * fonts the edition embeds (their licence, the OFL, travels with the font
 * files: the PDF credits its faces; the EPUB and HTML, which embed none,
 * credit none). The colophon shows it to people; the writers put it into each
 * output's metadata; `octavo licence` reads it back.
 */
import type { Book } from '../book.js';
import type { Diagnostic } from '../diagnostics.js';
import type { FontPackage } from '../fonts/print-fonts.js';
import { type Credit, validateCredit } from './credit.js';

export type { Credit, CreditKind } from './credit.js';

/** `fonts`: the faces the edition embeds (fonts/used-fonts.ts for the PDF; none for the EPUB and HTML). */
export function collectCredits(book: Book, fonts: readonly FontPackage[]): Credit[] {
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
      adapted: c.adapted,
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
      adapted: chapter.credit.adapted,
      target: chapter.id,
    });
  }
  for (const asset of book.assets) {
    if (!asset.credit) continue;
    credits.push({ ...asset.credit, kind: 'image', target: asset.href });
  }
  for (const font of fonts) {
    // Octavo's own data (fonts/print-fonts.ts): a font it cannot credit is a bug, not the user's problem.
    const problems: Diagnostic[] = [];
    const checked = validateCredit(
      { creator: font.creators, source: font.source, licence: font.licence },
      { kind: 'font', file: 'src/fonts/print-fonts.ts' },
      problems,
    );
    if (!checked.licence || problems.length)
      throw new Error(`font ${font.family}: ${problems.map((d) => d.message).join(' ')}`);
    credits.push({
      kind: 'font',
      title: font.family,
      creators: font.creators,
      source: font.source,
      licence: checked.licence,
      changes: [],
    });
  }
  return credits;
}
