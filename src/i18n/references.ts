/**
 * The words of cross-references and citations (src/transform/cross-references.ts,
 * src/transform/citations.ts), by language: what a figure, table, equation or
 * section is called before its number, the separator between a caption's label
 * and its text, the title of a generated bibliography, and the CSL locale its
 * entries are written in (templates/csl/locales/, US English is in citation-js).
 * English for a language not in SUPPORTED_LANGUAGES.
 */
import { type Language, supportedLanguage } from './language.js';

export interface ReferenceWords {
  figure: string;
  table: string;
  equation: string;
  section: string;
  appendix: string;
  /** The title of the bibliography Octavo adds when the book did not place one. */
  references: string;
  /** Between a number's word and the number ("Figure 3"; Chinese and Japanese write none). */
  space: string;
  /** Between a caption's label and its text ("Figure 3: A map"). */
  captionSeparator: string;
  /** The CSL locale of citations and bibliography entries. */
  cslLocale: string;
}

export const REFERENCE_WORDS: Record<Language, ReferenceWords> = {
  en: {
    figure: 'Figure',
    table: 'Table',
    equation: 'Equation',
    section: 'Section',
    appendix: 'Appendix',
    references: 'References',
    space: ' ',
    captionSeparator: ': ',
    cslLocale: 'en-US',
  },
  fr: {
    figure: 'Figure',
    table: 'Tableau',
    equation: 'Équation',
    section: 'Section',
    appendix: 'Annexe',
    references: 'Références',
    space: ' ',
    captionSeparator: '\u202f: ',
    cslLocale: 'fr-FR',
  },
  de: {
    figure: 'Abbildung',
    table: 'Tabelle',
    equation: 'Gleichung',
    section: 'Abschnitt',
    appendix: 'Anhang',
    references: 'Literatur',
    space: ' ',
    captionSeparator: ': ',
    cslLocale: 'de-DE',
  },
  es: {
    figure: 'Figura',
    table: 'Tabla',
    equation: 'Ecuación',
    section: 'Sección',
    appendix: 'Apéndice',
    references: 'Referencias',
    space: ' ',
    captionSeparator: ': ',
    cslLocale: 'es-ES',
  },
  it: {
    figure: 'Figura',
    table: 'Tabella',
    equation: 'Equazione',
    section: 'Sezione',
    appendix: 'Appendice',
    references: 'Bibliografia',
    space: ' ',
    captionSeparator: ': ',
    cslLocale: 'it-IT',
  },
  pt: {
    figure: 'Figura',
    table: 'Tabela',
    equation: 'Equação',
    section: 'Seção',
    appendix: 'Apêndice',
    references: 'Referências',
    space: ' ',
    captionSeparator: ': ',
    cslLocale: 'pt-PT',
  },
  nl: {
    figure: 'Figuur',
    table: 'Tabel',
    equation: 'Vergelijking',
    section: 'Paragraaf',
    appendix: 'Bijlage',
    references: 'Literatuur',
    space: ' ',
    captionSeparator: ': ',
    cslLocale: 'nl-NL',
  },
  ru: {
    figure: 'Рисунок',
    table: 'Таблица',
    equation: 'Уравнение',
    section: 'Раздел',
    appendix: 'Приложение',
    references: 'Список литературы',
    space: ' ',
    captionSeparator: '. ',
    cslLocale: 'ru-RU',
  },
  fa: {
    figure: 'شکل',
    table: 'جدول',
    equation: 'معادله',
    section: 'بخش',
    appendix: 'پیوست',
    references: 'منابع',
    space: ' ',
    captionSeparator: ': ',
    cslLocale: 'fa-IR',
  },
  ar: {
    figure: 'شكل',
    table: 'جدول',
    equation: 'معادلة',
    section: 'قسم',
    appendix: 'ملحق',
    references: 'المراجع',
    space: ' ',
    captionSeparator: ': ',
    cslLocale: 'ar',
  },
  zh: {
    figure: '图',
    table: '表',
    equation: '式',
    section: '节',
    appendix: '附录',
    references: '参考文献',
    space: '',
    captionSeparator: '\u3000',
    cslLocale: 'zh-CN',
  },
  ja: {
    figure: '図',
    table: '表',
    equation: '式',
    section: '節',
    appendix: '付録',
    references: '参考文献',
    space: '',
    captionSeparator: '\u3000',
    cslLocale: 'ja-JP',
  },
};

export function referenceWords(lang: string): ReferenceWords {
  return REFERENCE_WORDS[supportedLanguage(lang) ?? 'en'];
}
