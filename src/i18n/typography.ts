/**
 * Typographic rules by language: quotation marks, French spacing, writing
 * without spaces between words, and the hyphenation patterns of the print
 * edition. Languages not supported get English rules (and hyphenation
 * patterns by their tag, when the `hyphen` package has them).
 */
import { type Language, supportedLanguage } from './language.js';

/** Primary and secondary quotation marks: [open double, close double, open single, close single]. */
export type Quotes = readonly [string, string, string, string];

export interface Typography {
  quotes: Quotes;
  /** A narrow no-break space inside « » and before ; : ! ? (French). */
  frenchSpacing: boolean;
  /** Written without spaces between words: quotes are paired in order, as smartypants cannot tell opening from closing. */
  unspaced: boolean;
  /**
   * The `hyphen` package's pattern set for the print edition, or null where
   * words are not hyphenated: Arabic script (no patterns; lines are justified
   * otherwise) and Chinese and Japanese, which break between characters
   * (hyphen's `zh` is for pinyin).
   */
  hyphenation: string | null;
}

const ENGLISH: Quotes = ['“', '”', '‘', '’'];
const GUILLEMETS: Quotes = ['«', '»', '“', '”'];

const spaced = (quotes: Quotes, hyphenation: string, frenchSpacing = false): Typography => ({
  quotes,
  frenchSpacing,
  unspaced: false,
  hyphenation,
});

export const TYPOGRAPHY: Record<Language, Typography> = {
  en: spaced(ENGLISH, 'en-us'),
  fr: spaced(GUILLEMETS, 'fr', true),
  de: spaced(['„', '“', '‚', '‘'], 'de-1996'),
  es: spaced(GUILLEMETS, 'es'),
  it: spaced(GUILLEMETS, 'it'),
  pt: spaced(GUILLEMETS, 'pt'),
  nl: spaced(['“', '”', '‘', '’'], 'nl'),
  ru: spaced(['«', '»', '„', '“'], 'ru'),
  fa: { quotes: GUILLEMETS, frenchSpacing: false, unspaced: false, hyphenation: null },
  ar: { quotes: GUILLEMETS, frenchSpacing: false, unspaced: false, hyphenation: null },
  zh: { quotes: ['“', '”', '‘', '’'], frenchSpacing: false, unspaced: true, hyphenation: null },
  ja: { quotes: ['「', '」', '『', '』'], frenchSpacing: false, unspaced: true, hyphenation: null },
};

/** The rules for a tag (its primary language), or undefined for a language not supported. */
export function typographyOf(tag: string): Typography | undefined {
  const lang = supportedLanguage(tag);
  return lang ? TYPOGRAPHY[lang] : undefined;
}

/** Quotation marks for a BCP 47 tag (its primary language); English for languages not supported. */
export function quotesFor(tag: string): Quotes {
  return typographyOf(tag)?.quotes ?? ENGLISH;
}
