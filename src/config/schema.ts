/**
 * The book.yaml schema: the one source of truth for what a book may say about
 * itself. Keys are kebab-case (as in pandoc's metadata); the parsed config is
 * camelCase for the code.
 */
import { z } from 'zod';
import { CHAPTER_KINDS, type ChapterKind } from '../structure/kinds.js';

const nonEmpty = z.string().trim().min(1, 'must not be empty');
const oneOrMany = z.union([nonEmpty, z.array(nonEmpty).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]));

/** Named trim sizes, or "WIDTH HEIGHT" with units, as CSS `size` takes them. */
export const PAGE_SIZES = ['A4', 'A5', 'A6', 'B5', 'Letter', 'Legal'] as const;
const pageSize = z
  .string()
  .trim()
  .refine(
    (v) => PAGE_SIZES.some((s) => s.toLowerCase() === v.toLowerCase()) || /^\d+(\.\d+)?(mm|cm|in|pt)\s+\d+(\.\d+)?(mm|cm|in|pt)$/.test(v),
    { message: `must be one of ${PAGE_SIZES.join(', ')} or "WIDTH HEIGHT" with units, e.g. "6in 9in" or "148mm 210mm"` },
  );

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

/** A chapter file, or a file with its kind (foreword, appendix, …) and title. */
const chapterItem = z.union([
  nonEmpty,
  z.object({ file: nonEmpty, type: kind.optional(), title: nonEmpty.optional() }).strict(),
]);
/** One entry of the reading order: a chapter, a part holding chapters, or a generated half-title. */
const readingOrderItem = z.union([
  chapterItem,
  z.object({ part: nonEmpty, chapters: z.array(chapterItem).min(1) }).strict(),
  z.object({ type: z.literal('halftitle') }).strict(),
]);

function validRegex(text: string): boolean {
  try {
    new RegExp(text);
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
const changeItem = z.union([nonEmpty, z.object({ format: nonEmpty }).strict(), z.object({ content: nonEmpty }).strict()]);
export const changes = z.union([changeItem, z.array(changeItem)]).transform((v) => {
  const list = Array.isArray(v) ? v : [v];
  return {
    texts: list.map((c) => (typeof c === 'string' ? c : 'format' in c ? c.format : c.content)),
    adapted: list.some((c) => typeof c === 'string' || 'content' in c),
  };
});
export type Changes = z.infer<typeof changes>;

/** An image's own credit: in a sidecar `*.credit.yaml` or under book.yaml's `image-credits`. */
export const imageCreditSchema = z
  .object({
    title: nonEmpty.optional(),
    creator: z.union([nonEmpty, z.array(nonEmpty)]).optional(),
    source: nonEmpty.optional(),
    licence: nonEmpty,
    'licence-statement': nonEmpty.optional(),
    changes: changes.optional(),
  })
  .strict();

export const bookSchema = z
  .object({
    title: nonEmpty,
    subtitle: nonEmpty.optional(),
    creator: oneOrMany.optional(),
    language: langTag.optional(),
    dir: direction.optional(),
    identifier: nonEmpty.optional(),
    date: date.optional(),
    publisher: nonEmpty.optional(),
    description: nonEmpty.optional(),
    subjects: z.array(nonEmpty).optional(),
    source: nonEmpty.optional(),
    licence: nonEmpty.optional(),
    'licence-statement': nonEmpty.optional(),
    copyright: nonEmpty.optional(),
    changes: changes.optional(),
    chapters: z.array(readingOrderItem).min(1).optional(),
    cover: nonEmpty.optional(),
    typography: z.boolean().optional(),
    'figure-lines': z.object({ match: nonEmpty.refine(validRegex, 'must be a valid regular expression'), src: nonEmpty }).strict().optional(),
    'image-credits': z.record(z.string(), imageCreditSchema).optional(),
    gitbook: z.boolean().optional(),
    variables: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    'broken-links': z.enum(['error', 'warn'], { error: () => 'must be error (the default) or warn' }).optional(),
    'remote-images': z.enum(['error', 'omit'], { error: () => 'must be error (the default) or omit' }).optional(),
    theme: nonEmpty.optional(),
    pdf: z
      .object({
        'page-size': pageSize.optional(),
        'chapter-start': z.enum(['recto', 'any'], { error: () => 'must be recto (the default) or any' }).optional(),
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
    creator: oneOrMany.optional(),
    language: langTag.optional(),
    dir: direction.optional(),
    type: kind.optional(),
    source: nonEmpty.optional(),
    licence: nonEmpty.optional(),
    'licence-statement': nonEmpty.optional(),
    changes: changes.optional(),
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
};

export const KNOWN_KEYS = Object.keys(bookSchema.shape);
