/**
 * What a licence requires of the book before it may be built. A build that
 * would drop a required attribution fails here, naming the field to add.
 */
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { error, warning } from '../diagnostics.js';
import type { Licence } from './catalogue.js';

export interface AttributionFields {
  title?: string;
  creators: string[];
  source?: string;
  changes: string[];
  /** book.yaml says something about changes (even `[]`). */
  changesDeclared?: boolean;
  /** The source's own licence statement: the text comes from someone else. */
  licenceStatement?: string;
  licence: Licence;
  licenceDeclared: boolean;
}

export function checkAttribution(
  fields: AttributionFields,
  file: string,
  lineOf: (key: string) => number | undefined,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { licence } = fields;
  const at = (key: string) => ({ file, line: lineOf(key) ?? 1, column: 1 });
  if (!fields.licenceDeclared) {
    out.push(
      warning('licence/none', 'no licence declared: all rights reserved is assumed.', {
        ...at('title'),
        hint: 'Add `licence:` (an SPDX id such as CC-BY-4.0) to book.yaml if the book may be shared.',
      }),
    );
  }
  if (licence.conditions.attribution) {
    if (fields.creators.length === 0) {
      out.push(
        error('licence/missing-creator', `${licence.short} requires attribution, but the book names no creator.`, {
          ...at('licence'),
          hint: 'Add `creator:` (the author or rights holder to credit) to book.yaml.',
        }),
      );
    }
    if (!fields.title) {
      out.push(
        error('licence/missing-title', `${licence.short} requires attribution, but the book has no title.`, {
          ...at('licence'),
          hint: 'Add `title:` to book.yaml.',
        }),
      );
    }
    if (fields.licenceStatement && fields.changesDeclared === false && licence.conditions.indicateChanges) {
      out.push(
        warning('licence/changes-unstated', `${licence.short} asks to indicate whether the work was changed, and book.yaml says nothing about changes.`, {
          ...at('licence'),
          hint: 'Add `changes:` (what you changed, e.g. "Added a title"; `- format: …` for reformatting only; `[]` when nothing was).',
        }),
      );
    }
    if (!fields.source) {
      out.push(
        warning('licence/missing-source', `${licence.short} asks to credit the source where it is known.`, {
          ...at('licence'),
          hint: 'Add `source:` (a URL, or a description when there is none) to book.yaml.',
        }),
      );
    }
  }
  return out;
}

/** A part of the book with a licence of its own (a chapter, an image), for the rules across parts. */
export interface LicensedPart {
  what: string;
  file: string;
  line?: number;
  licence: Licence;
  adapted: boolean;
}

/** The licence's family (the CC elements) and version, e.g. `by-sa` and 4. */
function ccParts(licence: Licence): { family: string; version: number } | undefined {
  const m = /^CC-(BY(?:-NC)?(?:-SA|-ND)?)-(\d\.\d)$/.exec(licence.spdx);
  return m ? { family: m[1]!.toLowerCase(), version: Number(m[2]) } : undefined;
}

/**
 * ShareAlike: an adaptation that includes SA material is released under the
 * same licence elements, same or later version (CC's compatibility list for
 * BY-SA 4.0 also names GPLv3 and FAL 1.3, which Octavo's catalogue lacks).
 */
export function shareAlikeCompatible(part: Licence, book: Licence): boolean {
  if (part.spdx === book.spdx) return true;
  const p = ccParts(part);
  const b = ccParts(book);
  return Boolean(p && b && p.family === b.family && b.version >= p.version);
}

export interface BookLicenceFacts {
  licence: Licence;
  adapted: boolean;
  configFile: string;
  lineOf: (key: string) => number | undefined;
}

/**
 * The rules that need the whole book: NoDerivatives against adaptations,
 * ShareAlike against the book's licence, and the two together.
 */
export function checkLicenceCombinations(book: BookLicenceFacts, parts: readonly LicensedPart[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (key: string) => ({ file: book.configFile, line: book.lineOf(key) ?? 1, column: 1 });
  const formatHint = 'If the changes only reformat the work, write each as `- format: …`; an adaptation cannot be published under a NoDerivatives licence.';
  if (book.licence.conditions.noDerivatives && book.adapted) {
    out.push(
      error('licence/no-derivatives', `${book.licence.short} allows copies and reformatting but no adaptations, and \`changes\` lists changes to the content.`, {
        ...at('changes'),
        hint: formatHint,
      }),
    );
  }
  for (const part of parts) {
    if (part.licence.conditions.noDerivatives && part.adapted) {
      out.push(
        error('licence/no-derivatives', `${part.what} is under ${part.licence.short}, which allows no adaptations, and its \`changes\` list changes to the content.`, {
          file: part.file,
          line: part.line ?? 1,
          column: 1,
          hint: formatHint,
        }),
      );
    }
  }
  const adapted = book.adapted || parts.some((p) => p.adapted);
  // A collection of unchanged works is not an adaptation (CC 4.0, section 1): the SA rule binds adaptations.
  if (adapted) {
    for (const part of parts) {
      if (!part.licence.conditions.shareAlike || !ccParts(part.licence)) continue;
      if (!shareAlikeCompatible(part.licence, book.licence)) {
        out.push(
          error(
            'licence/share-alike',
            `${part.what} (${path.basename(part.file)}) is under ${part.licence.short}, so an adaptation that includes it must be released under ${part.licence.short} or a later version of it; the book (${path.basename(book.configFile)}) is under ${book.licence.short}.`,
            { ...at('licence'), hint: `Release the book under ${part.licence.short} (\`licence: ${part.licence.spdx}\`), or leave ${part.what} out.` },
          ),
        );
      }
    }
    // The book's own text counts too when it is an adaptation under ShareAlike.
    const own: LicensedPart[] = book.adapted ? [{ what: "the book's own text", file: book.configFile, line: book.lineOf('licence'), licence: book.licence, adapted: true }] : [];
    const sa = [...own, ...parts].find((p) => p.licence.conditions.shareAlike && ccParts(p.licence));
    const nd = parts.find((p) => p.licence.conditions.noDerivatives);
    if (sa && nd) {
      out.push(
        error(
          'licence/conflict',
          `${sa.what} (${sa.licence.short}) and ${nd.what} (${nd.licence.short}) cannot be combined into one adapted work: ShareAlike asks that the adaptation be released under ${sa.licence.short}, and NoDerivatives forbids adapting ${nd.what} at all.`,
          { file: nd.file, line: nd.line ?? 1, column: 1, hint: 'Publish them as separate books, or as an unchanged collection (no content changes).' },
        ),
      );
    }
  }
  const nc = parts.find((p) => p.licence.conditions.nonCommercial);
  if (nc && !book.licence.conditions.nonCommercial) {
    out.push(
      warning('licence/non-commercial-part', `${nc.what} is under ${nc.licence.short}: the book as a whole may not be used commercially, whatever its own licence says.`, {
        file: nc.file,
        line: nc.line ?? 1,
        column: 1,
        hint: 'Consider a NonCommercial licence for the book, or leave that part out of commercial editions.',
      }),
    );
  }
  return out;
}
