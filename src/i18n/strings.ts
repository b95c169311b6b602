/**
 * The words Octavo itself puts into a book (contents, colophon, credits, note
 * and figure labels), by the book's language, following Creative Commons'
 * recommended attribution ("TASL": title, author, source, licence). English
 * for a language not in SUPPORTED_LANGUAGES.
 */
import type { ElementContent } from 'hast';
import { type Language, supportedLanguage } from './language.js';

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
  /** “Title” by A and B: `creators` is the names, each isolated and joined (bidi.ts nameList), empty for none. */
  by: (title: ElementContent[], creators: ElementContent[]) => ElementContent[];
  /** …, from SOURCE */
  from: string;
  /** The comma that closes the source clause before "is licensed under" (empty where that clause brings its own). */
  afterSource: string;
  /** … is licensed under LICENCE. */
  licensedUnder: (work: ElementContent[], licence: ElementContent) => ElementContent[];
  /** Between names in a list, and before the last one (with its spaces): "A, B and C". */
  comma: string;
  and: string;
  /** Between the licences of an SPDX `OR` expression (with its spaces), and what closes the list. */
  or: string;
  atYourChoice: string;
  /** Before a licence exception's name (SPDX `WITH`), with its spaces. */
  withException: string;
  /** Ends a sentence before the next one ("…. All rights reserved."). */
  stop: string;
  /** The label of a chapter's footnotes section (its aria-label). */
  footnotes: string;
  /** Before a figure's number ("Figure 1."). */
  figure: string;
  /** The title of a chapter nothing names ("Chapter 3"). */
  chapter: (n: number) => string;
  /** Before a page number ("p. 12"): the printed endnotes say on which page their mark is. */
  page: string;
  /** Around a cited title in a credit line. */
  quote: [string, string];
  /** The colophon's licence line of a book that declares none, after the licence's name ("All rights reserved"). */
  noLicenceDeclared: string;
  /** The EPUB's landmarks (its `nav epub:type="landmarks"`): the list's label and two of its entries. */
  landmarks: string;
  cover: string;
  titlePage: string;
  /** The label of the EPUB's list of the PDF's pages (its `nav epub:type="page-list"`). */
  pageList: string;
  /** The cover image's text alternative: the title and the names (joined), plain text (an `alt` attribute). */
  coverAlt: (title: string, creators: string) => string;
}

/**
 * Plain-text isolation of a value inside a sentence that an attribute holds
 * (an `alt`): FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, what `<bdi>` is in markup.
 */
const isolate = (value: string): string => `\u2068${value}\u2069`;

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
  by: (title, creators) => (creators.length ? [...title, t(' by '), ...creators] : title),
  from: ', from ',
  afterSource: ',',
  licensedUnder: (work, licence) => [...work, t(' is licensed under '), licence, t('.')],
  comma: ', ',
  and: ' and ',
  or: ' or ',
  atYourChoice: ', at your choice',
  withException: ' with ',
  stop: '. ',
  footnotes: 'Footnotes',
  figure: 'Figure',
  chapter: (n) => `Chapter ${n}`,
  page: 'p.',
  quote: ['“', '”'],
  noLicenceDeclared: 'no licence declared',
  landmarks: 'Landmarks',
  cover: 'Cover',
  titlePage: 'Title page',
  pageList: 'Pages of the print edition',
  coverAlt: (title, creators) => (creators ? `Cover: ${title}, by ${creators}` : `Cover: ${title}`),
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
  by: (title, creators) => (creators.length ? [...title, t(' de '), ...creators] : title),
  from: ', d’après ',
  afterSource: ',',
  licensedUnder: (work, licence) => [
    ...work,
    t(' est mis à disposition selon les termes de la licence '),
    licence,
    t('.'),
  ],
  comma: ', ',
  and: ' et ',
  or: ' ou ',
  atYourChoice: ', au choix',
  withException: ' avec ',
  stop: '. ',
  footnotes: 'Notes',
  figure: 'Figure',
  chapter: (n) => `Chapitre ${n}`,
  page: 'p.',
  quote: ['«\u202f', '\u202f»'],
  noLicenceDeclared: 'aucune licence déclarée',
  landmarks: 'Repères',
  cover: 'Couverture',
  titlePage: 'Page de titre',
  pageList: 'Pages de l’édition imprimée',
  coverAlt: (title, creators) =>
    creators ? `Couverture\u00a0: ${title}, de ${creators}` : `Couverture\u00a0: ${title}`,
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
  by: (title, creators) => (creators.length ? [...title, t(' von '), ...creators] : title),
  from: ', nach ',
  afterSource: ',',
  licensedUnder: (work, licence) => [...work, t(' ist lizenziert unter '), licence, t('.')],
  comma: ', ',
  and: ' und ',
  or: ' oder ',
  atYourChoice: ', nach Wahl',
  withException: ' mit ',
  stop: '. ',
  footnotes: 'Fußnoten',
  figure: 'Abbildung',
  chapter: (n) => `Kapitel ${n}`,
  page: 'S.',
  quote: ['„', '“'],
  noLicenceDeclared: 'keine Lizenz angegeben',
  landmarks: 'Orientierungspunkte',
  cover: 'Umschlag',
  titlePage: 'Titelseite',
  pageList: 'Seiten der Druckausgabe',
  coverAlt: (title, creators) => (creators ? `Umschlag: ${title}, von ${creators}` : `Umschlag: ${title}`),
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
  by: (title, creators) => (creators.length ? [...title, t(' de '), ...creators] : title),
  from: ', a partir de ',
  afterSource: ',',
  licensedUnder: (work, licence) => [...work, t(' está bajo una licencia '), licence, t('.')],
  comma: ', ',
  and: ' y ',
  or: ' o ',
  atYourChoice: ', a elección',
  withException: ' con ',
  stop: '. ',
  footnotes: 'Notas',
  figure: 'Figura',
  chapter: (n) => `Capítulo ${n}`,
  page: 'p.',
  quote: ['«', '»'],
  noLicenceDeclared: 'sin licencia declarada',
  landmarks: 'Puntos de referencia',
  cover: 'Cubierta',
  titlePage: 'Portada',
  pageList: 'Páginas de la edición impresa',
  coverAlt: (title, creators) => (creators ? `Cubierta: ${title}, de ${creators}` : `Cubierta: ${title}`),
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
  by: (title, creators) => (creators.length ? [...title, t(' اثر '), ...creators] : title),
  from: '، برگرفته از ',
  afterSource: '،',
  licensedUnder: (work, licence) => [...work, t(' تحت مجوز '), licence, t(' منتشر شده است.')],
  comma: '، ',
  and: ' و ',
  or: ' یا ',
  atYourChoice: '، به انتخاب شما',
  withException: ' با ',
  stop: '. ',
  footnotes: 'پانویس‌ها',
  figure: 'شکل',
  chapter: (n) => `فصل ${n}`,
  page: 'ص.',
  quote: ['«', '»'],
  noLicenceDeclared: 'بدون اعلام مجوز',
  landmarks: 'نشانه‌ها',
  cover: 'جلد',
  titlePage: 'صفحهٔ عنوان',
  pageList: 'صفحه‌های نسخهٔ چاپی',
  coverAlt: (title, creators) =>
    creators ? `جلد: ${isolate(title)}، اثر ${isolate(creators)}` : `جلد: ${isolate(title)}`,
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
  by: (title, creators) => (creators.length ? [...title, t(' من تأليف '), ...creators] : title),
  from: '، مأخوذ من ',
  licensedUnder: (work, licence) => [...work, t(' مرخّص بموجب '), licence, t('.')],
  comma: '، ',
  and: ' و ',
  or: ' أو ',
  atYourChoice: '، حسب اختيارك',
  withException: ' مع ',
  stop: '. ',
  footnotes: 'الحواشي',
  figure: 'شكل',
  chapter: (n) => `الفصل ${n}`,
  page: 'ص.',
  noLicenceDeclared: 'دون ترخيص معلن',
  landmarks: 'المعالم',
  cover: 'الغلاف',
  titlePage: 'صفحة العنوان',
  pageList: 'صفحات النسخة المطبوعة',
  coverAlt: (title, creators) =>
    creators ? `الغلاف: ${isolate(title)}، من تأليف ${isolate(creators)}` : `الغلاف: ${isolate(title)}`,
};

const it: Strings = {
  contents: 'Indice',
  colophon: 'Colophon',
  title: 'Titolo',
  author: 'Autore',
  source: 'Fonte',
  licence: 'Licenza',
  licenceStatement: 'Dichiarazione di licenza della fonte',
  changesMade: 'Modifiche apportate',
  publisher: 'Editore',
  date: 'Data',
  identifier: 'Identificativo',
  copyright: 'Copyright',
  credits: 'Crediti',
  madeWith: 'Realizzato con Octavo.',
  nonCommercial: 'Solo uso non commerciale: quest’opera non può essere utilizzata per fini commerciali.',
  allRightsReserved: 'Tutti i diritti riservati.',
  changes: 'Modifiche:',
  by: (title, creators) => (creators.length ? [...title, t(' di '), ...creators] : title),
  from: ', tratto da ',
  afterSource: ',',
  // “è disponibile” agrees with any title (a licensed “opera” would be feminine, a “libro” masculine).
  licensedUnder: (work, licence) => [...work, t(' è disponibile con licenza '), licence, t('.')],
  comma: ', ',
  and: ' e ',
  or: ' o ',
  atYourChoice: ', a scelta',
  withException: ' con ',
  stop: '. ',
  footnotes: 'Note',
  figure: 'Figura',
  chapter: (n) => `Capitolo ${n}`,
  page: 'p.',
  quote: ['«', '»'],
  noLicenceDeclared: 'nessuna licenza dichiarata',
  landmarks: 'Punti di riferimento',
  cover: 'Copertina',
  titlePage: 'Frontespizio',
  pageList: 'Pagine dell’edizione a stampa',
  coverAlt: (title, creators) => (creators ? `Copertina: ${title}, di ${creators}` : `Copertina: ${title}`),
};

// Words common to Portugal and Brazil (Brazil also says “Sumário” for the contents).
const pt: Strings = {
  contents: 'Índice',
  colophon: 'Colofão',
  title: 'Título',
  author: 'Autor',
  source: 'Fonte',
  licence: 'Licença',
  licenceStatement: 'Declaração de licença da fonte',
  changesMade: 'Alterações feitas',
  publisher: 'Editora',
  date: 'Data',
  identifier: 'Identificador',
  copyright: 'Copyright',
  credits: 'Créditos',
  madeWith: 'Feito com Octavo.',
  nonCommercial: 'Apenas uso não comercial: esta obra não pode ser usada para fins comerciais.',
  allRightsReserved: 'Todos os direitos reservados.',
  changes: 'Alterações:',
  by: (title, creators) => (creators.length ? [...title, t(' de '), ...creators] : title),
  from: ', a partir de ',
  afterSource: ',',
  licensedUnder: (work, licence) => [...work, t(' está licenciado sob '), licence, t('.')],
  comma: ', ',
  and: ' e ',
  or: ' ou ',
  atYourChoice: ', à escolha',
  withException: ' com ',
  stop: '. ',
  footnotes: 'Notas',
  figure: 'Figura',
  chapter: (n) => `Capítulo ${n}`,
  page: 'p.',
  quote: ['«', '»'],
  noLicenceDeclared: 'nenhuma licença declarada',
  landmarks: 'Pontos de referência',
  cover: 'Capa',
  titlePage: 'Folha de rosto',
  pageList: 'Páginas da edição impressa',
  coverAlt: (title, creators) => (creators ? `Capa: ${title}, de ${creators}` : `Capa: ${title}`),
};

const nl: Strings = {
  contents: 'Inhoud',
  colophon: 'Colofon',
  title: 'Titel',
  author: 'Auteur',
  source: 'Bron',
  licence: 'Licentie',
  licenceStatement: 'Licentievermelding van de bron',
  changesMade: 'Aangebrachte wijzigingen',
  publisher: 'Uitgever',
  date: 'Datum',
  identifier: 'Identificatie',
  copyright: 'Auteursrecht',
  credits: 'Verantwoording',
  madeWith: 'Gemaakt met Octavo.',
  nonCommercial: 'Alleen niet-commercieel gebruik: dit werk mag niet voor commerciële doeleinden worden gebruikt.',
  allRightsReserved: 'Alle rechten voorbehouden.',
  changes: 'Wijzigingen:',
  by: (title, creators) => (creators.length ? [...title, t(' door '), ...creators] : title),
  from: ', uit ',
  afterSource: ',',
  licensedUnder: (work, licence) => [...work, t(' valt onder de licentie '), licence, t('.')],
  comma: ', ',
  and: ' en ',
  or: ' of ',
  atYourChoice: ', naar keuze',
  withException: ' met ',
  stop: '. ',
  footnotes: 'Voetnoten',
  figure: 'Figuur',
  chapter: (n) => `Hoofdstuk ${n}`,
  page: 'p.',
  quote: ['“', '”'],
  noLicenceDeclared: 'geen licentie opgegeven',
  landmarks: 'Oriëntatiepunten',
  cover: 'Omslag',
  titlePage: 'Titelpagina',
  pageList: 'Pagina’s van de gedrukte uitgave',
  coverAlt: (title, creators) => (creators ? `Omslag: ${title}, door ${creators}` : `Omslag: ${title}`),
};

const ru: Strings = {
  contents: 'Содержание',
  colophon: 'Выходные данные',
  title: 'Название',
  author: 'Автор',
  source: 'Источник',
  licence: 'Лицензия',
  licenceStatement: 'Сведения о лицензии источника',
  changesMade: 'Внесённые изменения',
  publisher: 'Издательство',
  date: 'Дата',
  identifier: 'Идентификатор',
  copyright: 'Авторское право',
  credits: 'Указание авторства',
  madeWith: 'Сделано с помощью Octavo.',
  nonCommercial: 'Только некоммерческое использование: это произведение нельзя использовать в коммерческих целях.',
  allRightsReserved: 'Все права защищены.',
  changes: 'Изменения:',
  // Names in brackets: “by” would put them in the genitive, which cannot be made from a name.
  by: (title, creators) => (creators.length ? [...title, t(' ('), ...creators, t(')')] : title),
  from: ', источник: ',
  afterSource: ',',
  licensedUnder: (work, licence) => [...work, t(' распространяется по лицензии '), licence, t('.')],
  comma: ', ',
  and: ' и ',
  or: ' или ',
  atYourChoice: ', на выбор',
  withException: ' с ',
  stop: '. ',
  footnotes: 'Примечания',
  figure: 'Рисунок',
  chapter: (n) => `Глава ${n}`,
  page: 'с.',
  quote: ['«', '»'],
  noLicenceDeclared: 'лицензия не указана',
  landmarks: 'Ориентиры',
  cover: 'Обложка',
  titlePage: 'Титульный лист',
  pageList: 'Страницы печатного издания',
  coverAlt: (title, creators) => (creators ? `Обложка: ${title} (${creators})` : `Обложка: ${title}`),
};

// Chinese and Japanese credit lines are labelled fields (title, author: …, source: …, licence: …), which need no verb agreement.
const zh: Strings = {
  contents: '目录',
  colophon: '版权页',
  title: '书名',
  author: '作者',
  source: '来源',
  licence: '许可协议',
  licenceStatement: '来源的许可声明',
  changesMade: '所做修改',
  publisher: '出版者',
  date: '日期',
  identifier: '标识符',
  copyright: '版权',
  credits: '署名',
  madeWith: '由 Octavo 制作。',
  nonCommercial: '仅限非商业性使用：本作品不得用于商业目的。',
  allRightsReserved: '保留所有权利。',
  changes: '修改：',
  by: (title, creators) => (creators.length ? [...title, t('，作者：'), ...creators] : title),
  from: '，来源：',
  afterSource: '',
  licensedUnder: (work, licence) => [...work, t('，许可协议：'), licence, t('。')],
  comma: '、',
  and: '、',
  or: ' 或 ',
  atYourChoice: '（任选其一）',
  withException: '，附加 ',
  stop: '。',
  footnotes: '脚注',
  figure: '图',
  chapter: (n) => `第${n}章`,
  // Before the number, as Chinese citations write it (第…页 would need a word after it too).
  page: 'p.',
  quote: ['《', '》'],
  noLicenceDeclared: '未声明许可协议',
  landmarks: '地标',
  cover: '封面',
  titlePage: '扉页',
  pageList: '印刷版页码',
  coverAlt: (title, creators) => (creators ? `封面：${title}，作者：${creators}` : `封面：${title}`),
};

const ja: Strings = {
  contents: '目次',
  colophon: '奥付',
  title: '書名',
  author: '著者',
  source: '出典',
  licence: 'ライセンス',
  licenceStatement: '出典のライセンス表示',
  changesMade: '変更点',
  publisher: '発行者',
  date: '日付',
  identifier: '識別子',
  copyright: '著作権',
  credits: 'クレジット',
  madeWith: 'Octavo で作成。',
  nonCommercial: '非営利目的に限る：この作品を営利目的で利用することはできません。',
  allRightsReserved: '無断転載を禁じます。',
  changes: '変更：',
  // In brackets: 、 both lists the names and separates the fields.
  by: (title, creators) => (creators.length ? [...title, t('（著者：'), ...creators, t('）')] : title),
  from: '、出典：',
  afterSource: '',
  licensedUnder: (work, licence) => [...work, t('、ライセンス：'), licence, t('。')],
  comma: '、',
  and: '、',
  or: ' または ',
  atYourChoice: '（いずれかを選択）',
  withException: '、例外 ',
  stop: '。',
  footnotes: '脚注',
  figure: '図',
  chapter: (n) => `第${n}章`,
  page: 'p.',
  quote: ['「', '」'],
  noLicenceDeclared: 'ライセンスの指定なし',
  landmarks: 'ランドマーク',
  cover: '表紙',
  titlePage: '扉',
  pageList: '印刷版のページ',
  coverAlt: (title, creators) => (creators ? `表紙：${title}（著者：${creators}）` : `表紙：${title}`),
};

export const STRINGS: Readonly<Record<Language, Strings>> = { en, fr, de, es, it, pt, nl, ru, fa, ar, zh, ja };

export function stringsFor(lang: string): Strings {
  return STRINGS[supportedLanguage(lang) ?? 'en'];
}

export function joinNames(names: readonly string[], s: Strings): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(s.comma)}${s.and}${names[names.length - 1]}`;
}
