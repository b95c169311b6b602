/**
 * One credit model for everything the book owes a credit to (the book, a
 * chapter, an image, a font), and one validation of what book.yaml, a
 * chapter's front matter or an image credit says: the licence must be known,
 * and a licence that asks for attribution needs someone to attribute.
 */
import type { Changes } from '../config/schema.js';
import { type Diagnostic, type DiagnosticSink, error, warning } from '../diagnostics.js';
import { lookupLicence } from './catalogue.js';
import type { Licence } from './licence.js';

export type CreditKind = 'book' | 'chapter' | 'image' | 'font';

export interface Credit {
  kind: CreditKind;
  /** What is credited: the book's or a chapter's title, an image's caption or alt text, a font family. */
  title: string;
  /** Who: the authors or rights holders. */
  creators: string[];
  /** Where it comes from: a URL, or a description. */
  source?: string;
  licence: Licence;
  /** The source's own licence sentence, verbatim. */
  licenceStatement?: string;
  /** Copyright line where given, e.g. "© 2019 Kyle Simpson". */
  copyright?: string;
  changes: string[];
  /** The content was adapted (not only reformatted): what ShareAlike and NoDerivatives look at. */
  adapted?: boolean;
  /** Where it applies: a division id (chapter) or an asset href (image); absent for book and fonts. */
  target?: string;
}

/** The credit fields as written (book.yaml, front matter, an image credit), after the schema's `creditFields`. */
export interface CreditInput {
  title?: string;
  creator?: string[];
  source?: string;
  licence?: string;
  'licence-statement'?: string;
  changes?: Changes;
}

/** Where a credit was written, for the diagnostics. */
export interface CreditSite {
  kind: CreditKind;
  file: string;
  /** The line of a key, where the reader knows it (book.yaml); else line 1. */
  lineOf?: (key: string) => number | undefined;
}

const WORDS: Record<CreditKind, { who: string; where: string; creatorHint: string; unknownHint: string }> = {
  book: {
    who: 'the book',
    where: '',
    creatorHint: 'Add `creator:` (the author or rights holder to credit) to book.yaml.',
    unknownHint: 'Use an SPDX id or expression such as CC-BY-4.0, CC-BY-SA-4.0, CC0-1.0 or MIT OR Apache-2.0.',
  },
  chapter: {
    who: 'the chapter',
    where: " in the chapter's front matter",
    creatorHint: "Add `creator:` (the author to credit) to the chapter's front matter.",
    unknownHint: 'Use an SPDX id such as CC-BY-4.0 or CC0-1.0.',
  },
  image: {
    who: 'the image credit',
    where: ' in an image credit',
    creatorHint: 'Add `creator:` to the image credit.',
    unknownHint: 'Use an SPDX id such as CC-BY-4.0.',
  },
  font: {
    who: 'the font',
    where: " in a font's credit",
    creatorHint: "Name the font's copyright holders.",
    unknownHint: 'Use an SPDX id such as OFL-1.1.',
  },
};

function at(site: CreditSite, key: string): Pick<Diagnostic, 'file' | 'line' | 'column'> {
  return { file: site.file, line: site.lineOf?.(key) ?? 1, column: 1 };
}

/** The licence a credit names, or the diagnostic that says it is unknown (with the closest id). */
export function resolveLicence(text: string, site: CreditSite): { licence: Licence } | { diagnostic: Diagnostic } {
  const r = lookupLicence(text);
  if ('licence' in r) return r;
  const words = WORDS[site.kind];
  const within = r.unknown !== text.trim() ? ` in \`${text.trim()}\`` : '';
  const hint = r.suggestion
    ? `Did you mean \`${r.suggestion}\`?`
    : r.reason
      ? `${r.reason[0]!.toUpperCase()}${r.reason.slice(1)}. ${words.unknownHint}`
      : words.unknownHint;
  return {
    diagnostic: error('licence/unknown', `unknown licence \`${r.unknown}\`${within}${words.where}.`, {
      ...at(site, 'licence'),
      hint,
    }),
  };
}

/** What a licence that asks for attribution needs of a credit: a creator (and, for the book, a title, a source, its changes). */
export function attributionRules(
  licence: Licence,
  fields: {
    title?: string;
    creators: readonly string[];
    source?: string;
    changesDeclared?: boolean;
    licenceStatement?: string;
  },
  site: CreditSite,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (!licence.conditions.attribution) return out;
  const words = WORDS[site.kind];
  const where = at(site, 'licence');
  if (fields.creators.length === 0) {
    out.push(
      error('licence/missing-creator', `${licence.short} requires attribution, but ${words.who} names no creator.`, {
        ...where,
        hint: words.creatorHint,
      }),
    );
  }
  if (site.kind !== 'book') return out;
  if (!fields.title) {
    out.push(
      error('licence/missing-title', `${licence.short} requires attribution, but the book has no title.`, {
        ...where,
        hint: 'Add `title:` to book.yaml.',
      }),
    );
  }
  if (fields.licenceStatement && fields.changesDeclared === false && licence.conditions.indicateChanges) {
    out.push(
      warning(
        'licence/changes-unstated',
        `${licence.short} asks to indicate whether the work was changed, and book.yaml says nothing about changes.`,
        {
          ...where,
          hint: 'Add `changes:` (what you changed, e.g. "Added a title"; `- format: …` for reformatting only; `[]` when nothing was).',
        },
      ),
    );
  }
  if (!fields.source) {
    out.push(
      warning('licence/missing-source', `${licence.short} asks to credit the source where it is known.`, {
        ...where,
        hint: 'Add `source:` (a URL, or a description when there is none) to book.yaml.',
      }),
    );
  }
  return out;
}

export interface ValidatedCredit {
  /** Absent when the input names no licence, or an unknown one. */
  licence?: Licence;
  creators: string[];
  changes: string[];
  adapted: boolean;
}

/**
 * The one check of a credit as written, for the book, a chapter, an image
 * or a font. `creators` are the ones that count (a chapter's own, else the
 * book's is the caller's choice: a chapter without its own creator is
 * refused, as it always was).
 */
export function validateCredit(input: CreditInput, site: CreditSite, diagnostics: DiagnosticSink): ValidatedCredit {
  const creators = input.creator ?? [];
  const out: ValidatedCredit = {
    creators,
    changes: input.changes?.texts ?? [],
    adapted: input.changes?.adapted ?? false,
  };
  if (input.licence === undefined) return out;
  const resolved = resolveLicence(input.licence, site);
  if ('diagnostic' in resolved) {
    diagnostics.push(resolved.diagnostic);
    return out;
  }
  out.licence = resolved.licence;
  diagnostics.push(
    ...attributionRules(
      resolved.licence,
      {
        title: input.title,
        creators,
        source: input.source,
        changesDeclared: input.changes !== undefined,
        licenceStatement: input['licence-statement'],
      },
      site,
    ),
  );
  return out;
}
