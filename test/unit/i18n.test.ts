/**
 * Language data lives in src/i18n/: every table covers every supported
 * language, so adding one forgets nothing, and the README lists them as they are.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  isRtl,
  primaryLanguage,
  SUPPORTED_LANGUAGES,
  scriptSubtag,
  supportedLanguage,
} from '../../src/i18n/language.js';
import { joinNames, STRINGS, stringsFor } from '../../src/i18n/strings.js';
import { quotesFor, TYPOGRAPHY } from '../../src/i18n/typography.js';
import { hyphenatorFor } from '../../src/writers/pdf/hyphenate.js';

const tags = SUPPORTED_LANGUAGES.map((l) => l.tag);

describe('the supported languages', () => {
  it('are covered by every table, and no table has others', () => {
    expect(Object.keys(STRINGS).sort()).toEqual([...tags].sort());
    expect(Object.keys(TYPOGRAPHY).sort()).toEqual([...tags].sort());
    expect(new Set(tags).size).toBe(tags.length);
  });

  it('have every word, of the same kind as the English one', () => {
    const keys = Object.keys(STRINGS.en).sort();
    for (const tag of tags) {
      const s = STRINGS[tag];
      expect(Object.keys(s).sort(), tag).toEqual(keys);
      for (const key of keys) {
        const value = s[key as keyof typeof s];
        expect(typeof value, `${tag}.${key}`).toBe(typeof STRINGS.en[key as keyof typeof s]);
        // afterSource is empty where the licence clause brings its own comma (Chinese, Japanese).
        if (typeof value === 'string' && key !== 'afterSource') expect(value.trim(), `${tag}.${key}`).not.toBe('');
      }
      expect(
        s.quote.every((q) => q.trim() !== ''),
        tag,
      ).toBe(true);
    }
  });

  it('have typography, and the hyphenation patterns they name exist', () => {
    const require = createRequire(import.meta.url);
    for (const tag of tags) {
      const t = TYPOGRAPHY[tag];
      expect(
        t.quotes.every((q) => q.length === 1),
        tag,
      ).toBe(true);
      if (t.hyphenation === null) expect(hyphenatorFor(tag), tag).toBeNull();
      else {
        expect(() => require(`hyphen/${t.hyphenation}`), tag).not.toThrow();
        expect(hyphenatorFor(tag), tag).not.toBeNull();
      }
    }
  });

  it("are the README's list, with their quotes", () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(
      readme.indexOf('### Languages'),
      readme.indexOf('\n#', readme.indexOf('### Languages') + 1),
    );
    const rows = [...section.matchAll(/^\| `([a-z]+)` \| ([^|]+) \| ([^|]+) \|/gm)].map((m) => [
      m[1],
      m[2]!.trim(),
      m[3]!.trim(),
    ]);
    expect(rows).toEqual(SUPPORTED_LANGUAGES.map((l) => [l.tag, l.name, TYPOGRAPHY[l.tag].quotes.join(' ')]));
  });
});

describe('language tags', () => {
  it('have one primary language, whatever the case or separator', () => {
    expect(primaryLanguage('pt-BR')).toBe('pt');
    expect(primaryLanguage('PT_br')).toBe('pt');
    expect(primaryLanguage(' zh-Hant-TW ')).toBe('zh');
    expect(primaryLanguage('ckb')).toBe('ckb');
    expect(primaryLanguage('')).toBe('');
    expect(supportedLanguage('IT_it')).toBe('it');
    expect(supportedLanguage('ko')).toBeUndefined();
  });

  it('are right to left by language, or by script when the tag names one', () => {
    for (const tag of ['ar', 'fa-IR', 'he', 'HE_il', 'ur', 'ckb', 'yi', 'az-Arab', 'pa-Arab-PK', 'uz-Arab'])
      expect(isRtl(tag), tag).toBe(true);
    for (const tag of ['en', 'fr', 'zh-Hant', 'ar-Latn', 'ug-Latn', 'az', 'en-x-arab', ''])
      expect(isRtl(tag), tag).toBe(false);
    expect(scriptSubtag('sr-latn-RS')).toBe('Latn');
    expect(scriptSubtag('en-US')).toBeUndefined();
  });
});

describe('words and rules by tag', () => {
  it('fall back to English for a language not supported', () => {
    expect(stringsFor('ko')).toBe(STRINGS.en);
    expect(stringsFor('')).toBe(STRINGS.en);
    expect(quotesFor('ko')).toEqual(['“', '”', '‘', '’']);
  });

  it('follow the primary language', () => {
    expect(stringsFor('it-CH').figure).toBe('Figura');
    expect(stringsFor('ru_RU').footnotes).toBe('Примечания');
    expect(stringsFor('ja-JP').contents).toBe('目次');
    expect(quotesFor('JA')).toEqual(['「', '」', '『', '』']);
  });

  it('join names as each language lists them', () => {
    expect(joinNames(['A', 'B', 'C'], stringsFor('en'))).toBe('A, B and C');
    expect(joinNames(['A', 'B'], stringsFor('fr'))).toBe('A et B');
    expect(joinNames(['الف', 'ب', 'پ'], stringsFor('fa'))).toBe('الف، ب و پ');
    expect(joinNames(['张三', '李四', '王五'], stringsFor('zh'))).toBe('张三、李四、王五');
    expect(joinNames(['A'], stringsFor('de'))).toBe('A');
    expect(joinNames([], stringsFor('de'))).toBe('');
  });
});
