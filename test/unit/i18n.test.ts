/**
 * Language data lives in src/i18n/: every table covers every supported
 * language, so adding one forgets nothing, and the README lists them as they are.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { nameList, untranslated, userValue, wordsMarks } from '../../src/i18n/bidi.js';
import {
  isRtl,
  primaryLanguage,
  SUPPORTED_LANGUAGES,
  scriptSubtag,
  supportedLanguage,
} from '../../src/i18n/language.js';
import { joinNames, STRINGS, stringsFor } from '../../src/i18n/strings.js';
import { quotesFor, TYPOGRAPHY } from '../../src/i18n/typography.js';
import { ALL_RIGHTS_RESERVED, findLicence } from '../../src/licence/catalogue.js';
import { licenceLine } from '../../src/licence/tasl.js';
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

describe("Octavo's words around the author's values", () => {
  it('isolate each name, joined by the language’s words', () => {
    const html = (lang: string, names: string[]) => toHtml({ type: 'root', children: nameList(names, lang) });
    expect(html('fa', ['Ada Lovelace', 'Google Inc.'])).toBe('<bdi>Ada Lovelace</bdi> و <bdi>Google Inc.</bdi>');
    expect(html('zh', ['A', 'B', 'C'])).toBe('<bdi>A</bdi>、<bdi>B</bdi>、<bdi>C</bdi>');
    expect(html('en', [])).toBe('');
  });

  it('are marked English where the language has no words of its own, and keep the values in the book’s', () => {
    expect(untranslated('ko')).toBe(true);
    expect(untranslated('pt-BR')).toBe(false);
    expect(wordsMarks('fr')).toEqual({});
    expect(wordsMarks('ko')).toEqual({ lang: 'en' });
    expect(wordsMarks('he')).toEqual({ lang: 'en', dir: 'ltr' });
    expect(wordsMarks('ko', 'rtl')).toEqual({ lang: 'en', dir: 'ltr' });
    expect(toHtml(userValue('정원', 'ko'))).toBe('<bdi lang="ko">정원</bdi>');
    expect(toHtml(userValue('Le Jardin', 'fr'))).toBe('<bdi>Le Jardin</bdi>');
  });

  it("say the colophon's licence line in the book's language, the licence's name in English", () => {
    const line = (declared: boolean, lang: string, licence = ALL_RIGHTS_RESERVED) =>
      toHtml({ type: 'root', children: licenceLine(licence, declared, lang) });
    expect(line(false, 'fr')).toBe('Tous droits réservés (aucune licence déclarée)');
    expect(line(true, 'ja')).toBe('無断転載を禁じます');
    expect(line(false, 'ko')).toBe('<span lang="en">All rights reserved (no licence declared)</span>');
    expect(line(true, 'fa', findLicence('CC-BY-4.0'))).toBe(
      '<bdi lang="en"><a href="https://creativecommons.org/licenses/by/4.0/" rel="license" data-spdx="CC-BY-4.0">Creative Commons Attribution 4.0 International</a></bdi> (<bdi>CC-BY-4.0</bdi>)',
    );
  });

  it('name the cover in every language (the way back from a note: i18n/accessibility.ts)', () => {
    for (const tag of tags) {
      const s = STRINGS[tag];
      const alt = s.coverAlt('T', 'A and B');
      expect(alt.startsWith(s.cover), tag).toBe(true);
      expect(alt, tag).toMatch(/T.*A and B/);
      expect(s.coverAlt('T', ''), tag).not.toContain('A');
    }
    // Right to left, the title and the names are isolated in the plain text of an attribute as <bdi> would.
    expect(STRINGS.fa.coverAlt('Django Girls', 'A')).toBe('جلد: \u2068Django Girls\u2069، اثر \u2068A\u2069');
  });
});
