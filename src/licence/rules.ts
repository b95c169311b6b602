/**
 * What a licence requires of the book before it may be built. A build that
 * would drop a required attribution fails here, naming the field to add.
 */
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { error, warning } from '../diagnostics.js';
import { attributionRules } from './credit.js';
import { type Licence, operandsOf } from './licence.js';

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

/** The book's own credit: a licence declared, and what attribution needs (credit.ts, as for every credit). */
export function checkAttribution(
  fields: AttributionFields,
  file: string,
  lineOf: (key: string) => number | undefined,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (!fields.licenceDeclared) {
    out.push(
      warning('licence/none', 'no licence declared: all rights reserved is assumed.', {
        file,
        line: lineOf('title') ?? 1,
        column: 1,
        hint: 'Add `licence:` (an SPDX id such as CC-BY-4.0) to book.yaml if the book may be shared.',
      }),
    );
  }
  return [...out, ...attributionRules(fields.licence, fields, { kind: 'book', file, lineOf })];
}

/** A part of the book with a licence of its own (a chapter, an image), for the rules across parts. */
export interface LicensedPart {
  what: string;
  file: string;
  line?: number;
  licence: Licence;
  adapted: boolean;
}

/**
 * ShareAlike and copyleft, from each licence's data: an adaptation that
 * includes the part must be released under a licence the part's
 * `adaptations` list. A part under `A OR B` may be used under either, so one
 * compatible choice is enough; under `A AND B` each applies. A book under
 * `X OR Y` lets its readers choose, so every choice must be allowed; under
 * `X AND Y`, the part's licence among them is enough.
 */
export function shareAlikeCompatible(part: Licence, book: Licence): boolean {
  const e = part.expression;
  if (e)
    return e.operator === 'OR'
      ? e.operands.some((p) => shareAlikeCompatible(p, book))
      : e.operands.every((p) => shareAlikeCompatible(p, book));
  if (!part.conditions.shareAlike) return true;
  const b = book.expression;
  if (b)
    return b.operator === 'OR'
      ? b.operands.every((l) => shareAlikeCompatible(part, l))
      : b.operands.some((l) => shareAlikeCompatible(part, l));
  const base = (l: Licence) => l.spdx.replace(/ WITH .*$/, '');
  return base(part) === base(book) || Boolean(part.adaptations?.includes(base(book)));
}

/** The licences a ShareAlike part allows an adaptation, for the message: "CC BY-SA 4.0 or a later version of it, or GPL-3.0-only". */
function allowedFor(part: Licence): string {
  return operandsOf(part)
    .filter((l) => l.conditions.shareAlike && l.adaptations)
    .map((l) => {
      const cc = l.spdx.startsWith('CC-');
      const extra = l.adaptations!.filter((id) => id !== l.spdx && !(cc && id.startsWith('CC-')));
      const own = cc ? `${l.short} or a later version of it` : l.short;
      return extra.length ? `${own}, or ${extra.join(', ')}` : own;
    })
    .join(' and ');
}

/** A part bound by ShareAlike (or copyleft): its licence, or every choice of it, asks adaptations to share alike. */
function bindsShareAlike(l: Licence): boolean {
  return l.conditions.shareAlike && Boolean(operandsOf(l).some((o) => o.adaptations));
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
  const formatHint =
    'If the changes only reformat the work, write each as `- format: …`; an adaptation cannot be published under a NoDerivatives licence.';
  if (book.licence.conditions.noDerivatives && book.adapted) {
    out.push(
      error(
        'licence/no-derivatives',
        `${book.licence.short} allows copies and reformatting but no adaptations, and \`changes\` lists changes to the content.`,
        {
          ...at('changes'),
          hint: formatHint,
        },
      ),
    );
  }
  for (const part of parts) {
    if (part.licence.conditions.noDerivatives && part.adapted) {
      out.push(
        error(
          'licence/no-derivatives',
          `${part.what} is under ${part.licence.short}, which allows no adaptations, and its \`changes\` list changes to the content.`,
          {
            file: part.file,
            line: part.line ?? 1,
            column: 1,
            hint: formatHint,
          },
        ),
      );
    }
  }
  const adapted = book.adapted || parts.some((p) => p.adapted);
  // A collection of unchanged works is not an adaptation (CC 4.0, section 1): the SA rule binds adaptations.
  if (adapted) {
    for (const part of parts) {
      if (!bindsShareAlike(part.licence)) continue;
      if (!shareAlikeCompatible(part.licence, book.licence)) {
        out.push(
          error(
            'licence/share-alike',
            `${part.what} (${path.basename(part.file)}) is under ${part.licence.short}, so an adaptation that includes it must be released under ${allowedFor(part.licence)}; the book (${path.basename(book.configFile)}) is under ${book.licence.short}.`,
            {
              ...at('licence'),
              hint: `Release the book under ${part.licence.short} (\`licence: ${part.licence.spdx}\`), or leave ${part.what} out.`,
            },
          ),
        );
      }
    }
    // The book's own text counts too when it is an adaptation under ShareAlike.
    const own: LicensedPart[] = book.adapted
      ? [
          {
            what: "the book's own text",
            file: book.configFile,
            line: book.lineOf('licence'),
            licence: book.licence,
            adapted: true,
          },
        ]
      : [];
    const sa = [...own, ...parts].find((p) => bindsShareAlike(p.licence));
    const nd = parts.find((p) => p.licence.conditions.noDerivatives);
    if (sa && nd) {
      out.push(
        error(
          'licence/conflict',
          `${sa.what} (${sa.licence.short}) and ${nd.what} (${nd.licence.short}) cannot be combined into one adapted work: ShareAlike asks that the adaptation be released under ${sa.licence.short}, and NoDerivatives forbids adapting ${nd.what} at all.`,
          {
            file: nd.file,
            line: nd.line ?? 1,
            column: 1,
            hint: 'Publish them as separate books, or as an unchanged collection (no content changes).',
          },
        ),
      );
    }
  }
  const nc = parts.find((p) => p.licence.conditions.nonCommercial);
  if (nc && !book.licence.conditions.nonCommercial) {
    out.push(
      warning(
        'licence/non-commercial-part',
        `${nc.what} is under ${nc.licence.short}: the book as a whole may not be used commercially, whatever its own licence says.`,
        {
          file: nc.file,
          line: nc.line ?? 1,
          column: 1,
          hint: 'Consider a NonCommercial licence for the book, or leave that part out of commercial editions.',
        },
      ),
    );
  }
  return out;
}
