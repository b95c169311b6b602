/** Scripts written right to left, by primary language subtag. */
export const RTL_LANGUAGES = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb']);

export function isRtl(lang: string): boolean {
  return RTL_LANGUAGES.has(lang.split('-')[0]!.toLowerCase());
}
