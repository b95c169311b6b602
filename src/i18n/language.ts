/**
 * Language tags (BCP 47) and the languages Octavo has complete data for.
 *
 * Adding a language: add it to SUPPORTED_LANGUAGES, then fill the entries the
 * compiler asks for (the words in `strings.ts`, the typography in
 * `typography.ts`); test/unit/i18n.test.ts checks nothing was left out.
 */

/** Languages with every generated word and typographic rule, by primary subtag, with their English names. */
export const SUPPORTED_LANGUAGES = [
  { tag: 'en', name: 'English' },
  { tag: 'fr', name: 'French' },
  { tag: 'de', name: 'German' },
  { tag: 'es', name: 'Spanish' },
  { tag: 'it', name: 'Italian' },
  { tag: 'pt', name: 'Portuguese' },
  { tag: 'nl', name: 'Dutch' },
  { tag: 'ru', name: 'Russian' },
  { tag: 'fa', name: 'Persian' },
  { tag: 'ar', name: 'Arabic' },
  { tag: 'zh', name: 'Chinese (Simplified)' },
  { tag: 'ja', name: 'Japanese' },
] as const;

export type Language = (typeof SUPPORTED_LANGUAGES)[number]['tag'];

const SUPPORTED: ReadonlySet<string> = new Set(SUPPORTED_LANGUAGES.map((l) => l.tag));

/** The primary language subtag, lower case: `pt-BR`, `PT_br` → `pt`; `''` for an empty tag. */
export function primaryLanguage(tag: string): string {
  return tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

/** The supported language a tag belongs to, or undefined (callers fall back to English). */
export function supportedLanguage(tag: string): Language | undefined {
  const primary = primaryLanguage(tag);
  return SUPPORTED.has(primary) ? (primary as Language) : undefined;
}

/** The script subtag (`Arab`, `Latn`…) when the tag names one: `az-Arab`, `sr-Latn-RS`. */
export function scriptSubtag(tag: string): string | undefined {
  const subtags = tag.trim().split(/[-_]/).slice(1);
  // Extensions and private use (`-u-…`, `-x-…`) come after a one-letter singleton: not a script.
  const end = subtags.findIndex((s) => s.length === 1);
  const script = (end < 0 ? subtags : subtags.slice(0, end)).find((s) => /^[a-z]{4}$/i.test(s));
  return script ? script[0]!.toUpperCase() + script.slice(1).toLowerCase() : undefined;
}

/**
 * Languages written right to left by default, by primary subtag (`iw` and `ji`
 * are the old tags of Hebrew and Yiddish). Wider than SUPPORTED_LANGUAGES:
 * direction needs no words.
 */
const RTL_LANGUAGES: ReadonlySet<string> = new Set([
  'ar',
  'fa',
  'he',
  'iw',
  'ur',
  'ps',
  'sd',
  'ug',
  'yi',
  'ji',
  'dv',
  'ckb',
]);

/** Scripts written right to left: a tag's script wins over its language (`az-Arab` is RTL, `ug-Latn` is not). */
const RTL_SCRIPTS: ReadonlySet<string> = new Set([
  'Arab',
  'Aran',
  'Hebr',
  'Thaa',
  'Syrc',
  'Nkoo',
  'Adlm',
  'Rohg',
  'Mand',
  'Samr',
  'Yezi',
]);

export function isRtl(tag: string): boolean {
  const script = scriptSubtag(tag);
  return script ? RTL_SCRIPTS.has(script) : RTL_LANGUAGES.has(primaryLanguage(tag));
}
