/**
 * A chapter's front matter, read before the chapter goes through the pipeline:
 * its language and direction are part of the pipeline's context (quotes,
 * hyphenation). Syntax errors are left to the pipeline, which reports them
 * with their position.
 */
import { parse } from 'yaml';
import { PANDOC_ONLY_KEYS, pandocNames } from '../config/pandoc-keys.js';
import { type ChapterFrontMatter, chapterFrontMatterSchema } from '../config/schema.js';
import { type DiagnosticSink, warning } from '../diagnostics.js';
import { didYouMean } from '../util/did-you-mean.js';
import { scrubStrings } from '../util/xml-chars.js';

const BLOCK = /^---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)\s*(?:\r?\n|$)/;

export function rawFrontMatter(source: string): Record<string, unknown> {
  const m = BLOCK.exec(source);
  if (!m) return {};
  try {
    const data: unknown = parse(m[1]!);
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const ALIASES: Record<string, string> = {
  author: 'creator',
  authors: 'creator',
  lang: 'language',
  license: 'licence',
  'license-statement': 'licence-statement',
  rights: 'licence-statement',
};

/** Validates the known fields; unknown or malformed ones are warnings with their line. */
export function chapterFrontMatter(source: string, file: string, diagnostics: DiagnosticSink): ChapterFrontMatter {
  const lines = source.split('\n');
  const lineOf = (key: string) => {
    const i = lines.findIndex((l, n) => n > 0 && new RegExp(`^${key.replace(/[-]/g, '\\-')}\\s*:`).test(l));
    return i >= 0 ? i + 1 : 1;
  };
  // `title: "\uFFFE"`: a YAML escape gets past the scrub of the file's text (issue 11).
  const raw = scrubStrings(rawFrontMatter(source), file, diagnostics, (keys) => ({
    line: lineOf(String(keys[0])),
    column: 1,
  }));
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw))
    input[ALIASES[key] ?? key] = key === 'author' ? pandocNames(value) : value;
  const parsed = chapterFrontMatterSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const known = Object.keys(chapterFrontMatterSchema.shape);
  const good: Record<string, unknown> = { ...input };
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const guess = didYouMean(key, known);
        const pandoc = Object.hasOwn(PANDOC_ONLY_KEYS, key);
        diagnostics.push(
          warning(
            'chapter/unknown-key',
            pandoc
              ? `\`${key}\` is a pandoc setting Octavo does not use (ignored).`
              : `unknown front matter key \`${key}\` (ignored).`,
            {
              file,
              line: lineOf(key),
              column: 1,
              hint:
                (pandoc && PANDOC_ONLY_KEYS[key]) ||
                (guess ? `Did you mean \`${guess}\`?` : `Known keys: ${known.join(', ')}.`),
            },
          ),
        );
        delete good[key];
      }
    } else {
      const key = String(issue.path[0] ?? '');
      diagnostics.push(
        warning('chapter/invalid', `front matter \`${key}\` ${issue.message} (ignored).`, {
          file,
          line: lineOf(key),
          column: 1,
        }),
      );
      delete good[key];
    }
  }
  const retry = chapterFrontMatterSchema.safeParse(good);
  return retry.success ? retry.data : {};
}
