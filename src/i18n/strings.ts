/**
 * The words Octavo itself puts into a book (contents, colophon, credits), by
 * the book's language, following Creative Commons' recommended attribution
 * ("TASL": title, author, source, licence). English when a language is missing.
 */
import type { ElementContent } from 'hast';

export interface Strings {
  contents: string;
  colophon: string;
  title: string;
  author: string;
  source: string;
  licence: string;
  licenceStatement: string;
  changesMade: string;
  publisher: string;
  date: string;
  identifier: string;
  copyright: string;
  credits: string;
  madeWith: string;
  nonCommercial: string;
  allRightsReserved: string;
  changes: string;
  /** “Title” by A and B (joined by the language's conjunction). */
  by: (title: ElementContent[], creators: string) => ElementContent[];
  /** …, from SOURCE */
  from: string;
  /** The comma that closes the source clause before "is licensed under". */
  afterSource: string;
  /** … is licensed under LICENCE. */
  licensedUnder: (work: ElementContent[], licence: ElementContent) => ElementContent[];
  and: string;
  /** Before a page number ("p. 12"): the printed endnotes say on which page their mark is. */
  page: string;
  quote: [string, string];
}

const t = (value: string): ElementContent => ({ type: 'text', value });

const en: Strings = {
  contents: 'Contents',
  colophon: 'Colophon',
  title: 'Title',
  author: 'Author',
  source: 'Source',
  licence: 'Licence',
  licenceStatement: 'Licence statement of the source',
  changesMade: 'Changes made',
  publisher: 'Publisher',
  date: 'Date',
  identifier: 'Identifier',
  copyright: 'Copyright',
  credits: 'Credits',
  madeWith: 'Made with Octavo.',
  nonCommercial: 'Non-commercial use only: this work may not be used for commercial purposes.',
  allRightsReserved: 'All rights reserved.',
  changes: 'Changes:',
  by: (title, creators) => (creators ? [...title, t(` by ${creators}`)] : title),
  from: ', from ',
  afterSource: ',',
  licensedUnder: (work, licence) => [...work, t(' is licensed under '), licence, t('.')],
  and: 'and',
  page: 'p.',
  quote: ['“', '”'],
};

const fr: Strings = {
  contents: 'Table des matières',
  colophon: 'Colophon',
  title: 'Titre',
  author: 'Auteur',
  source: 'Source',
  licence: 'Licence',
  licenceStatement: 'Mention de licence de la source',
  changesMade: 'Modifications',
  publisher: 'Éditeur',
  date: 'Date',
  identifier: 'Identifiant',
  copyright: 'Droits d’auteur',
  credits: 'Crédits',
  madeWith: 'Réalisé avec Octavo.',
  nonCommercial: 'Pas d’utilisation commerciale : cette œuvre ne peut pas être utilisée à des fins commerciales.',
  allRightsReserved: 'Tous droits réservés.',
  changes: 'Modifications :',
  by: (title, creators) => (creators ? [...title, t(` de ${creators}`)] : title),
  from: ', d’après ',
  afterSource: ',',
  licensedUnder: (work, licence) => [...work, t(' est mis à disposition selon les termes de la licence '), licence, t('.')],
  and: 'et',
  page: 'p.',
  quote: ['«\u202f', '\u202f»'],
};

const de: Strings = {
  contents: 'Inhalt',
  colophon: 'Impressum',
  title: 'Titel',
  author: 'Autor',
  source: 'Quelle',
  licence: 'Lizenz',
  licenceStatement: 'Lizenzhinweis der Quelle',
  changesMade: 'Änderungen',
  publisher: 'Verlag',
  date: 'Datum',
  identifier: 'Kennung',
  copyright: 'Urheberrecht',
  credits: 'Nachweise',
  madeWith: 'Erstellt mit Octavo.',
  nonCommercial: 'Nur nicht kommerzielle Nutzung: Dieses Werk darf nicht für kommerzielle Zwecke verwendet werden.',
  allRightsReserved: 'Alle Rechte vorbehalten.',
  changes: 'Änderungen:',
  by: (title, creators) => (creators ? [...title, t(` von ${creators}`)] : title),
  from: ', nach ',
  afterSource: ',',
  licensedUnder: (work, licence) => [...work, t(' ist lizenziert unter '), licence, t('.')],
  and: 'und',
  page: 'S.',
  quote: ['„', '“'],
};

const es: Strings = {
  contents: 'Índice',
  colophon: 'Colofón',
  title: 'Título',
  author: 'Autor',
  source: 'Fuente',
  licence: 'Licencia',
  licenceStatement: 'Declaración de licencia de la fuente',
  changesMade: 'Cambios realizados',
  publisher: 'Editorial',
  date: 'Fecha',
  identifier: 'Identificador',
  copyright: 'Derechos de autor',
  credits: 'Créditos',
  madeWith: 'Hecho con Octavo.',
  nonCommercial: 'Solo uso no comercial: esta obra no puede utilizarse con fines comerciales.',
  allRightsReserved: 'Todos los derechos reservados.',
  changes: 'Cambios:',
  by: (title, creators) => (creators ? [...title, t(` de ${creators}`)] : title),
  from: ', a partir de ',
  afterSource: ',',
  licensedUnder: (work, licence) => [...work, t(' está bajo una licencia '), licence, t('.')],
  and: 'y',
  page: 'p.',
  quote: ['«', '»'],
};

const fa: Strings = {
  contents: 'فهرست',
  colophon: 'شناسنامه',
  title: 'عنوان',
  author: 'نویسنده',
  source: 'منبع',
  licence: 'مجوز',
  licenceStatement: 'متن مجوز منبع',
  changesMade: 'تغییرات',
  publisher: 'ناشر',
  date: 'تاریخ',
  identifier: 'شناسه',
  copyright: 'حق نشر',
  credits: 'اعتبارها',
  madeWith: 'ساخته‌شده با اکتاو.',
  nonCommercial: 'فقط استفادهٔ غیرتجاری: این اثر را نمی‌توان برای مقاصد تجاری به کار برد.',
  allRightsReserved: 'همهٔ حقوق محفوظ است.',
  changes: 'تغییرات:',
  by: (title, creators) => (creators ? [...title, t(` اثر ${creators}`)] : title),
  from: '، برگرفته از ',
  afterSource: '،',
  licensedUnder: (work, licence) => [...work, t(' تحت مجوز '), licence, t(' منتشر شده است.')],
  and: 'و',
  page: 'ص.',
  quote: ['«', '»'],
};

const ar: Strings = {
  ...fa,
  contents: 'المحتويات',
  colophon: 'بيانات النشر',
  title: 'العنوان',
  author: 'المؤلف',
  source: 'المصدر',
  licence: 'الترخيص',
  licenceStatement: 'نص ترخيص المصدر',
  changesMade: 'التغييرات',
  publisher: 'الناشر',
  date: 'التاريخ',
  identifier: 'المعرّف',
  copyright: 'حقوق النشر',
  credits: 'الإسنادات',
  madeWith: 'صُنع باستخدام أوكتافو.',
  nonCommercial: 'للاستخدام غير التجاري فقط: لا يجوز استخدام هذا العمل لأغراض تجارية.',
  allRightsReserved: 'جميع الحقوق محفوظة.',
  changes: 'التغييرات:',
  by: (title, creators) => (creators ? [...title, t(` من تأليف ${creators}`)] : title),
  from: '، مأخوذ من ',
  licensedUnder: (work, licence) => [...work, t(' مرخّص بموجب '), licence, t('.')],
  and: 'و',
  page: 'ص.',
};

const TABLE: Record<string, Strings> = { en, fr, de, es, fa, ar };

export function stringsFor(lang: string): Strings {
  return TABLE[lang.split('-')[0]!.toLowerCase()] ?? en;
}

export function joinNames(names: readonly string[], s: Strings): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} ${s.and} ${names[names.length - 1]}`;
}
