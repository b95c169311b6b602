/**
 * The labels Octavo prints at the top of a note, tip or warning (pandoc's
 * fenced divs `::: note`, GitHub's `> [!NOTE]`), by the book's language.
 * English for a language Octavo has no words for.
 */
import { type Language, supportedLanguage } from './language.js';

export type AsideKind = 'note' | 'tip' | 'important' | 'warning' | 'caution';

export const ASIDE_LABELS: Readonly<Record<Language, Record<AsideKind, string>>> = {
  en: { note: 'Note', tip: 'Tip', important: 'Important', warning: 'Warning', caution: 'Caution' },
  fr: { note: 'Remarque', tip: 'Astuce', important: 'Important', warning: 'Avertissement', caution: 'Attention' },
  de: { note: 'Hinweis', tip: 'Tipp', important: 'Wichtig', warning: 'Warnung', caution: 'Vorsicht' },
  es: { note: 'Nota', tip: 'Consejo', important: 'Importante', warning: 'Advertencia', caution: 'Precaución' },
  it: { note: 'Nota', tip: 'Suggerimento', important: 'Importante', warning: 'Avvertenza', caution: 'Attenzione' },
  pt: { note: 'Nota', tip: 'Dica', important: 'Importante', warning: 'Aviso', caution: 'Cuidado' },
  nl: { note: 'Opmerking', tip: 'Tip', important: 'Belangrijk', warning: 'Waarschuwing', caution: 'Let op' },
  ru: { note: 'Примечание', tip: 'Совет', important: 'Важно', warning: 'Предупреждение', caution: 'Осторожно' },
  fa: { note: 'یادداشت', tip: 'نکته', important: 'مهم', warning: 'هشدار', caution: 'احتیاط' },
  ar: { note: 'ملاحظة', tip: 'نصيحة', important: 'مهم', warning: 'تحذير', caution: 'تنبيه' },
  zh: { note: '注意', tip: '提示', important: '重要', warning: '警告', caution: '小心' },
  ja: { note: '注記', tip: 'ヒント', important: '重要', warning: '警告', caution: '注意' },
};

export function asideLabel(lang: string, kind: AsideKind): string {
  return ASIDE_LABELS[supportedLanguage(lang) ?? 'en'][kind];
}
