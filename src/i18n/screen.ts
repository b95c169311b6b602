/**
 * The words only the HTML edition needs, for readers who move through the
 * page by keyboard or with a screen reader: the skip link, and the names of
 * the regions they can scroll or jump to (code blocks, tables, each chapter's
 * notes). Kept apart from strings.ts: one table per feature.
 */
import { type Language, supportedLanguage } from './language.js';

export interface ScreenStrings {
  /** The link before everything that jumps past the title page and the contents. */
  skipToText: string;
  /** A code block's name, with the language its fence names when it names one ("Code: python"). */
  code: (language?: string) => string;
  /** A table's name, with its caption when it has one ("Table: Options"). */
  table: (caption?: string) => string;
  /** A chapter's footnotes, named after the chapter: a page of many chapters has many. */
  notesTo: (title: string) => string;
}

/** `Word: detail`, or the word alone; `sep` is the language's colon with its spaces. */
const named =
  (word: string, sep = ': ') =>
  (detail?: string): string =>
    detail ? `${word}${sep}${detail}` : word;

export const SCREEN_STRINGS: Readonly<Record<Language, ScreenStrings>> = {
  en: {
    skipToText: 'Skip to the text',
    code: named('Code'),
    table: named('Table'),
    notesTo: (t) => `Footnotes to ${t}`,
  },
  fr: {
    skipToText: 'Aller au texte',
    code: named('Code', '\u00a0: '),
    table: named('Tableau', '\u00a0: '),
    notesTo: (t) => `Notes de «\u00a0${t}\u00a0»`,
  },
  de: {
    skipToText: 'Zum Text springen',
    code: named('Code'),
    table: named('Tabelle'),
    notesTo: (t) => `Fußnoten zu „${t}“`,
  },
  es: {
    skipToText: 'Saltar al texto',
    code: named('Código'),
    table: named('Tabla'),
    notesTo: (t) => `Notas de «${t}»`,
  },
  it: { skipToText: 'Vai al testo', code: named('Codice'), table: named('Tabella'), notesTo: (t) => `Note a «${t}»` },
  pt: {
    skipToText: 'Ir para o texto',
    code: named('Código'),
    table: named('Tabela'),
    notesTo: (t) => `Notas de “${t}”`,
  },
  nl: {
    skipToText: 'Naar de tekst',
    code: named('Code'),
    table: named('Tabel'),
    notesTo: (t) => `Voetnoten bij ‘${t}’`,
  },
  ru: {
    skipToText: 'Перейти к тексту',
    code: named('Код'),
    table: named('Таблица'),
    notesTo: (t) => `Сноски к разделу «${t}»`,
  },
  fa: { skipToText: 'رفتن به متن', code: named('کد'), table: named('جدول'), notesTo: (t) => `پانویس‌های «${t}»` },
  ar: { skipToText: 'انتقل إلى النص', code: named('شيفرة'), table: named('جدول'), notesTo: (t) => `حواشي «${t}»` },
  zh: { skipToText: '跳到正文', code: named('代码', '：'), table: named('表格', '：'), notesTo: (t) => `“${t}”的脚注` },
  ja: {
    skipToText: '本文へ移動',
    code: named('コード', '：'),
    table: named('表', '：'),
    notesTo: (t) => `「${t}」の脚注`,
  },
};

/** The HTML edition's words in a language (a BCP 47 tag); English for a language Octavo lacks. */
export function screenStrings(lang: string): ScreenStrings {
  return SCREEN_STRINGS[supportedLanguage(lang) ?? 'en'];
}
