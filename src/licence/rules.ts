/**
 * What a licence requires of the book before it may be built. A build that
 * would drop a required attribution fails here, naming the field to add.
 */
import type { Diagnostic } from '../diagnostics.js';
import { error, warning } from '../diagnostics.js';
import type { Licence } from './catalogue.js';

export interface AttributionFields {
  title?: string;
  creators: string[];
  source?: string;
  changes: string[];
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
