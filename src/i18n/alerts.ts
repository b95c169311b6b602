/**
 * The titles of GitHub's alerts (`> [!NOTE]`) in each language Octavo speaks,
 * the words GitHub's own interface uses where it has them. Kept apart from
 * strings.ts: one table per feature.
 */
import { type Language, supportedLanguage } from './language.js';

export const ALERT_KINDS = ['note', 'tip', 'important', 'warning', 'caution'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_TITLES: Readonly<Record<Language, Readonly<Record<AlertKind, string>>>> = {
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

/** The title of an alert in a language (a BCP 47 tag); English for a language Octavo lacks. */
export function alertTitle(kind: AlertKind, lang: string): string {
  return ALERT_TITLES[supportedLanguage(lang) ?? 'en'][kind];
}
