/**
 * The titles Octavo prints at the top of a note, tip or warning, GitHub's
 * alerts (`> [!NOTE]`) and pandoc's fenced divs (`::: note`) alike, in each
 * language Octavo speaks: the words GitHub's own interface uses where it has
 * them. Kept apart from strings.ts: one table per feature.
 */
import { type Language, supportedLanguage } from './language.js';

export const ASIDE_KINDS = ['note', 'tip', 'important', 'warning', 'caution'] as const;
export type AsideKind = (typeof ASIDE_KINDS)[number];

export const ASIDE_TITLES: Readonly<Record<Language, Readonly<Record<AsideKind, string>>>> = {
  en: { note: 'Note', tip: 'Tip', important: 'Important', warning: 'Warning', caution: 'Caution' },
  fr: { note: 'Remarque', tip: 'Astuce', important: 'Important', warning: 'Avertissement', caution: 'Attention' },
  de: { note: 'Hinweis', tip: 'Tipp', important: 'Wichtig', warning: 'Warnung', caution: 'Vorsicht' },
  es: { note: 'Nota', tip: 'Consejo', important: 'Importante', warning: 'Advertencia', caution: 'Precaución' },
  it: { note: 'Nota', tip: 'Suggerimento', important: 'Importante', warning: 'Avviso', caution: 'Attenzione' },
  pt: { note: 'Nota', tip: 'Dica', important: 'Importante', warning: 'Aviso', caution: 'Cuidado' },
  nl: { note: 'Opmerking', tip: 'Tip', important: 'Belangrijk', warning: 'Waarschuwing', caution: 'Let op' },
  ru: { note: 'Примечание', tip: 'Совет', important: 'Важно', warning: 'Предупреждение', caution: 'Осторожно' },
  fa: { note: 'یادداشت', tip: 'نکته', important: 'مهم', warning: 'هشدار', caution: 'احتیاط' },
  ar: { note: 'ملاحظة', tip: 'تلميح', important: 'مهم', warning: 'تحذير', caution: 'تنبيه' },
  zh: { note: '备注', tip: '提示', important: '重要', warning: '警告', caution: '注意' },
  ja: { note: '注記', tip: 'ヒント', important: '重要', warning: '警告', caution: '注意' },
};

/** The title of an aside in a language (a BCP 47 tag); English for a language Octavo lacks. */
export function asideTitle(kind: AsideKind, lang: string): string {
  return ASIDE_TITLES[supportedLanguage(lang) ?? 'en'][kind];
}
