/**
 * The book.yaml schema: the one source of truth for what a book may say about
 * itself. Keys are kebab-case (as in pandoc's metadata); the parsed config is
 * camelCase for the code.
 */
import { RE2JS } from 're2js';
import { z } from 'zod';
import { FEATURE_NAMES, type MarkdownFeature } from '../dialects/features.js';
import { parseLength, parseTrimSize, TRIM_SIZES } from '../print/lengths.js';
import { CHAPTER_KINDS, type ChapterKind } from '../structure/kinds.js';
import { LIMIT_SETTINGS } from './limits.js';

const nonEmpty = z.string().trim().min(1, 'must not be empty');
const oneOrMany = z.union([nonEmpty, z.array(nonEmpty).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]));

/** Named trim sizes, or "WIDTH HEIGHT" with units (see src/print/lengths.ts). */
export const PAGE_SIZES = Object.keys(TRIM_SIZES);
const pageSize = z
  .string()
  .trim()
  .refine((v) => parseTrimSize(v) !== undefined, {
    message: `must be one of ${PAGE_SIZES.join(', ')} or "WIDTH HEIGHT" with units, e.g. "6in 9in" or "148mm 210mm"`,
  });
/** A length in mm, cm, in or pt ("3mm", "0.125in"); a bare number is mm. */
const length = z.union([z.string(), z.number()]).refine((v) => parseLength(v) !== undefined, {
  message: 'must be a length such as 3mm, 0.125in or 12pt',
});
const headContent = z.enum(['book-title', 'chapter-title', 'part-title', 'creator', 'none'], {
  error: () => 'must be book-title, chapter-title, part-title, creator or none',
});

const date = z
  .string()
  .trim()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be a date as YYYY, YYYY-MM or YYYY-MM-DD');

const kind = z.enum(CHAPTER_KINDS as [ChapterKind, ...ChapterKind[]], {
  error: () => `must be one of ${CHAPTER_KINDS.join(', ')}`,
});
const direction = z.enum(['ltr', 'rtl'], { error: () => 'must be ltr or rtl' });
const langTag = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as en, fr or pt-BR');

/** A chapter entry: its file, kind (foreword, appendix, …), title and sub-chapters (as mdBook nests them). */
interface ChapterObject {
  file: string;
  type?: ChapterKind | undefined;
  title?: string | undefined;
  chapters?: (string | ChapterObject)[] | undefined;
}
/** A chapter file, or a file with its kind, title and sub-chapters. */
const chapterItem: z.ZodType<string | ChapterObject> = z
  .union([
    nonEmpty,
    z
      .object({
        file: nonEmpty,
        type: kind.optional(),
        title: nonEmpty.optional(),
        // A getter: the entry holds entries of its own kind.
        get chapters() {
          return z.array(chapterItem).min(1).optional();
        },
      })
      .strict(),
  ])
  .meta({ id: 'chapter' });
/** One entry of the reading order: a chapter, a part holding chapters, or a generated half-title. */
const readingOrderItem = z.union([
  chapterItem,
  z.object({ part: nonEmpty, chapters: z.array(chapterItem).min(1) }).strict(),
  z.object({ type: z.literal('halftitle') }).strict(),
]);

/** The book's own patterns run on RE2 (linear time): a pattern that could backtrack for minutes is not one it accepts. */
function validRegex(text: string): boolean {
  try {
    RE2JS.compile(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * A change made to the source: a sentence (an adaptation of the content), or
 * `format: …` for a change of form only (typesetting, conversion), which even
 * a NoDerivatives licence allows.
 */
const changeItem = z.union([
  nonEmpty,
  z.object({ format: nonEmpty }).strict(),
  z.object({ content: nonEmpty }).strict(),
]);
export const changes = z.union([changeItem, z.array(changeItem)]).transform((v) => {
  const list = Array.isArray(v) ? v : [v];
  return {
    texts: list.map((c) => (typeof c === 'string' ? c : 'format' in c ? c.format : c.content)),
    adapted: list.some((c) => typeof c === 'string' || 'content' in c),
  };
});
export type Changes = z.infer<typeof changes>;

/**
 * The credit fields book.yaml, a chapter's front matter and an image credit
 * share (who, where from, which licence, what changed); src/licence/credit.ts
 * validates them. `creator` is always a list once parsed.
 */
export const creditFields = {
  creator: oneOrMany.optional(),
  source: nonEmpty.optional(),
  licence: nonEmpty.optional(),
  'licence-statement': nonEmpty.optional(),
  changes: changes.optional(),
};

/** An image's own credit: in a sidecar `*.credit.yaml` or under book.yaml's `image-credits`. */
export const imageCreditSchema = z
  .object({
    title: nonEmpty.optional(),
    ...creditFields,
    // An empty list is read as no creator, which the licence check then names.
    creator: z
      .union([nonEmpty, z.array(nonEmpty)])
      .optional()
      .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v])),
    licence: nonEmpty,
  })
  .strict();

export const bookSchema = z
  .object({
    title: nonEmpty,
    subtitle: nonEmpty.optional(),
    creator: creditFields.creator,
    language: langTag.optional(),
    dir: direction.optional(),
    identifier: nonEmpty.optional(),
    date: date.optional(),
    publisher: nonEmpty.optional(),
    description: nonEmpty.optional(),
    subjects: oneOrMany.optional(),
    source: creditFields.source,
    licence: creditFields.licence,
    'licence-statement': creditFields['licence-statement'],
    copyright: nonEmpty.optional(),
    changes: creditFields.changes,
    chapters: z.array(readingOrderItem).min(1).optional(),
    cover: nonEmpty.optional(),
    typography: z.boolean().optional(),
    'figure-lines': z
      .object({
        match: nonEmpty.refine(
          validRegex,
          'must be a regular expression in RE2 syntax (no back-references or look-around; it runs in linear time)',
        ),
        src: nonEmpty,
      })
      .strict()
      .optional(),
    'image-credits': z.record(z.string(), imageCreditSchema).optional(),
    gitbook: z.boolean().optional(),
    mdbook: z.boolean().optional(),
    'split-level': z
      .number({ error: () => 'must be a heading level from 1 to 6' })
      .int('must be a heading level from 1 to 6')
      .min(1, 'must be a heading level from 1 to 6')
      .max(6, 'must be a heading level from 1 to 6')
      .optional(),
    variables: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    'broken-links': z.enum(['error', 'warn'], { error: () => 'must be error (the default) or warn' }).optional(),
    'remote-images': z.enum(['error', 'omit'], { error: () => 'must be error (the default) or omit' }).optional(),
    theme: nonEmpty.optional(),
    markdown: z
      .object(
        Object.fromEntries(
          FEATURE_NAMES.map((f) => [f, z.boolean({ error: () => 'must be true or false' }).optional()]),
        ) as Record<MarkdownFeature, z.ZodOptional<z.ZodBoolean>>,
      )
      .strict()
      .optional(),
    bibliography: oneOrMany.optional(),
    csl: nonEmpty.optional(),
    'number-sections': z.boolean().optional(),
    toc: z.boolean().optional(),
    'toc-depth': z.number().int().min(1).max(6).optional(),
    'page-list': z.boolean().optional(),
    limits: z
      .object(
        Object.fromEntries(
          Object.values(LIMIT_SETTINGS).map((k) => [
            k,
            z
              .number({ error: () => 'must be a whole number above 0' })
              .int()
              .min(1)
              .optional(),
          ]),
        ) as Record<(typeof LIMIT_SETTINGS)[keyof typeof LIMIT_SETTINGS], z.ZodOptional<z.ZodNumber>>,
      )
      .strict()
      .optional(),
    pdf: z
      .object({
        'page-size': pageSize.optional(),
        'chapter-start': z.enum(['recto', 'any'], { error: () => 'must be recto (the default) or any' }).optional(),
        binding: z.enum(['left', 'right'], { error: () => 'must be left or right' }).optional(),
        margins: z
          .object({
            top: length.optional(),
            bottom: length.optional(),
            inner: length.optional(),
            outer: length.optional(),
          })
          .strict()
          .optional(),
        'running-heads': z.object({ verso: headContent.optional(), recto: headContent.optional() }).strict().optional(),
        'link-urls': z.boolean().optional(),
      })
      .strict()
      .optional(),
    print: z
      .object({
        bleed: length.optional(),
        'crop-marks': z.boolean().optional(),
        colour: z.enum(['keep', 'cmyk', 'grey'], { error: () => 'must be keep, cmyk or grey' }).optional(),
        'page-multiple': z.number().int().min(1).max(32).optional(),
        pdfx: z.boolean().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type BookYaml = z.infer<typeof bookSchema>;
export type ChapterItem = z.infer<typeof chapterItem>;

/** A chapter's own front matter: its title and, for anthologies, its own credit. */
export const chapterFrontMatterSchema = z
  .object({
    title: nonEmpty.optional(),
    subtitle: nonEmpty.optional(),
    language: langTag.optional(),
    dir: direction.optional(),
    type: kind.optional(),
    ...creditFields,
    typography: z.boolean().optional(),
  })
  .strict();
export type ChapterFrontMatter = z.infer<typeof chapterFrontMatterSchema>;

/** Other spellings people use, accepted as the canonical key. */
export const KEY_ALIASES: Record<string, string> = {
  author: 'creator',
  authors: 'creator',
  creators: 'creator',
  lang: 'language',
  license: 'licence',
  'license-statement': 'licence-statement',
  // pandoc's metadata names (https://pandoc.org/MANUAL.html#metadata-variables).
  rights: 'licence-statement',
  'cover-image': 'cover',
  keywords: 'subjects',
  subject: 'subjects',
  abstract: 'description',
};

export const KNOWN_KEYS = Object.keys(bookSchema.shape);

/** The keys book.yaml allows at a nested path (`['pdf']` → page-size, chapter-start, …), for "did you mean". */
export function keysAt(path: readonly PropertyKey[]): string[] {
  let node: z.ZodType = bookSchema;
  for (const key of path) {
    while (node instanceof z.ZodOptional) node = node.unwrap() as z.ZodType;
    if (!(node instanceof z.ZodObject) || typeof key !== 'string') return [];
    const next = (node.shape as Record<string, z.ZodType>)[key];
    if (!next) return [];
    node = next;
  }
  while (node instanceof z.ZodOptional) node = node.unwrap() as z.ZodType;
  return node instanceof z.ZodObject ? Object.keys(node.shape) : [];
}
