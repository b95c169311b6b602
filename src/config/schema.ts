/**
 * The book.yaml schema: the one source of truth for what a book may say about
 * itself. Keys are kebab-case (as in pandoc's metadata); the parsed config is
 * camelCase for the code.
 */
import { z } from 'zod';

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

export const bookSchema = z
  .object({
    title: nonEmpty,
    subtitle: nonEmpty.optional(),
    creator: oneOrMany.optional(),
    language: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as en, fr or pt-BR')
      .optional(),
    identifier: nonEmpty.optional(),
    date: date.optional(),
    publisher: nonEmpty.optional(),
    description: nonEmpty.optional(),
    subjects: z.array(nonEmpty).optional(),
    source: nonEmpty.optional(),
    licence: nonEmpty.optional(),
    'licence-statement': nonEmpty.optional(),
    changes: oneOrMany.optional(),
    chapters: z.array(nonEmpty).min(1).optional(),
    theme: nonEmpty.optional(),
    pdf: z
      .object({
        'page-size': pageSize.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type BookYaml = z.infer<typeof bookSchema>;

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
