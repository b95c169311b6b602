/**
 * The words of Octavo's accessibility information, by the book's language:
 * the EPUB's accessibility summary (what the build found: images described,
 * decorative or not described; headings; formulas), the label of a
 * footnote's back link, and the words of a formula's spoken description
 * (math-speech.ts). English for a language not in SUPPORTED_LANGUAGES.
 *
 * Numbers are written in Latin digits, as in strings.ts. Where a count would
 * need a plural form the sentence cannot simply take (Russian, Arabic,
 * Persian, Chinese, Japanese), the counts follow a label instead.
 */
import { type Language, supportedLanguage } from './language.js';

/** What the build found in the book's images (the cover is not counted: its alt text is Octavo's). */
export interface ImageCounts {
  /** Images with alt text, or described by their figure's caption. */
  described: number;
  /** Images marked decorative by the author (`![](…)`, `alt=""`). */
  decorative: number;
  /** Images the author left without alt text. */
  undescribed: number;
}

/** The words that read a formula aloud (see src/transform/math-speech.ts). */
export interface MathWords {
  /** `a over b`: a fraction of two single terms. */
  over: string;
  /** Chinese and Japanese name the denominator first (`b 分之 a`). */
  denominatorFirst: boolean;
  /** `start fraction a + b over c end fraction`: a fraction of longer terms. */
  startFraction: string;
  endFraction: string;
  squared: string;
  cubed: string;
  /** `x to the power n`; `x to the power n + 1 end power` when the exponent is longer. */
  power: string;
  /** After the exponent, where the language says it there (`x 的 n 次方`); mostly empty. */
  powerAfter: string;
  endPower: string;
  /** `x sub i`. */
  sub: string;
  squareRoot: string;
  /** `root of index n of x` (`\sqrt[n]{x}`): `rootIndex` + n + `rootOf` + x. */
  rootIndex: string;
  rootOf: string;
  endRoot: string;
  /** `n choose k` (`\binom{n}{k}`). */
  choose: string;
  sum: string;
  product: string;
  integral: string;
  limit: string;
  /** The bounds of a sum, product, integral or limit: `sum from i = 1 to n of`. */
  from: string;
  to: string;
  of: string;
}

export interface AccessibilityStrings {
  /** What every Octavo EPUB has: headings, a contents page, a colophon. */
  structure: string;
  /** The images sentence: "12 images: 10 described, 2 decorative, none without a description." */
  images: (counts: ImageCounts) => string;
  noImages: string;
  /** Said when the book has formulas (MathML with a spoken description). */
  math: string;
  /** The EPUB marks where the pages of the PDF of the same build begin (its page list). */
  printPages: string;
  /** The label of a footnote's back link; `k` > 1 for the second and later references to one note. */
  backToNote: (note: number, k: number) => string;
  mathWords: MathWords;
}

const total = (c: ImageCounts) => c.described + c.decorative + c.undescribed;
/** `(2)` after a back link's label for a note's second reference, and so on. */
const nth = (k: number) => (k > 1 ? ` (${k})` : '');

/** A count with a noun and its plural, or the language's "none" for zero (languages with one plural form). */
function counted(lang: string, n: number, one: string, many: string, none: string): string {
  if (n === 0) return none;
  return `${n} ${new Intl.PluralRules(lang).select(n) === 'one' ? one : many}`;
}

const en: AccessibilityStrings = {
  structure: 'Text with headings, a table of contents and a colophon.',
  images: (c) =>
    `${counted('en', total(c), 'image', 'images', 'No images')}: ` +
    `${c.described || 'none'} described, ${c.decorative || 'none'} decorative, ` +
    `${c.undescribed || 'none'} without a description.`,
  noImages: 'No images.',
  math: 'Formulas are in MathML, each with a spoken description.',
  printPages: 'The page numbers of the print edition are marked, with a list of its pages.',
  backToNote: (n, k) => `Back to note ${n}${nth(k)}`,
  mathWords: {
    over: 'over',
    denominatorFirst: false,
    startFraction: 'start fraction',
    endFraction: 'end fraction',
    squared: 'squared',
    cubed: 'cubed',
    power: 'to the power',
    powerAfter: '',
    endPower: 'end power',
    sub: 'sub',
    squareRoot: 'square root of',
    rootIndex: 'root of index',
    rootOf: 'of',
    endRoot: 'end root',
    choose: 'choose',
    sum: 'sum',
    product: 'product',
    integral: 'integral',
    limit: 'limit',
    from: 'from',
    to: 'to',
    of: 'of',
  },
};

const fr: AccessibilityStrings = {
  structure: 'Texte structuré par des titres, avec une table des matières et un colophon.',
  images: (c) =>
    `${counted('fr', total(c), 'image', 'images', 'Aucune image')} : ` +
    `${counted('fr', c.described, 'décrite', 'décrites', 'aucune décrite')}, ` +
    `${counted('fr', c.decorative, 'décorative', 'décoratives', 'aucune décorative')}, ` +
    `${c.undescribed || 'aucune'} sans description.`,
  noImages: 'Aucune image.',
  math: 'Les formules sont en MathML, chacune avec une description orale.',
  printPages: 'Les numéros de page de l’édition imprimée sont marqués, avec la liste de ses pages.',
  backToNote: (n, k) => `Retour à la note ${n}${nth(k)}`,
  mathWords: {
    over: 'sur',
    denominatorFirst: false,
    startFraction: 'début de fraction',
    endFraction: 'fin de fraction',
    squared: 'au carré',
    cubed: 'au cube',
    power: 'puissance',
    powerAfter: '',
    endPower: 'fin de puissance',
    sub: 'indice',
    squareRoot: 'racine carrée de',
    rootIndex: 'racine',
    rootOf: 'de',
    endRoot: 'fin de racine',
    choose: 'parmi',
    sum: 'somme',
    product: 'produit',
    integral: 'intégrale',
    limit: 'limite',
    from: 'de',
    to: 'à',
    of: 'de',
  },
};

const de: AccessibilityStrings = {
  structure: 'Text mit Überschriften, Inhaltsverzeichnis und Kolophon.',
  images: (c) =>
    `${counted('de', total(c), 'Bild', 'Bilder', 'Keine Bilder')}: ` +
    `${c.described || 'keines'} beschrieben, ${c.decorative || 'keines'} dekorativ, ` +
    `${c.undescribed || 'keines'} ohne Beschreibung.`,
  noImages: 'Keine Bilder.',
  math: 'Formeln sind in MathML gesetzt, jede mit einer gesprochenen Beschreibung.',
  printPages: 'Die Seitenzahlen der Druckausgabe sind markiert, mit einer Liste ihrer Seiten.',
  backToNote: (n, k) => `Zurück zur Fußnote ${n}${nth(k)}`,
  mathWords: {
    over: 'durch',
    denominatorFirst: false,
    startFraction: 'Bruch',
    endFraction: 'Ende des Bruchs',
    squared: 'Quadrat',
    cubed: 'hoch drei',
    power: 'hoch',
    powerAfter: '',
    endPower: 'Ende des Exponenten',
    sub: 'Index',
    squareRoot: 'Quadratwurzel aus',
    rootIndex: 'Wurzel vom Grad',
    rootOf: 'aus',
    endRoot: 'Ende der Wurzel',
    choose: 'über',
    sum: 'Summe',
    product: 'Produkt',
    integral: 'Integral',
    limit: 'Grenzwert',
    from: 'von',
    to: 'bis',
    of: 'über',
  },
};

const es: AccessibilityStrings = {
  structure: 'Texto con encabezados, índice y colofón.',
  images: (c) =>
    `${counted('es', total(c), 'imagen', 'imágenes', 'Ninguna imagen')}: ` +
    `${counted('es', c.described, 'descrita', 'descritas', 'ninguna descrita')}, ` +
    `${counted('es', c.decorative, 'decorativa', 'decorativas', 'ninguna decorativa')}, ` +
    `${c.undescribed || 'ninguna'} sin descripción.`,
  noImages: 'Ninguna imagen.',
  math: 'Las fórmulas están en MathML, cada una con una descripción hablada.',
  printPages: 'Los números de página de la edición impresa están marcados, con una lista de sus páginas.',
  backToNote: (n, k) => `Volver a la nota ${n}${nth(k)}`,
  mathWords: {
    over: 'entre',
    denominatorFirst: false,
    startFraction: 'fracción',
    endFraction: 'fin de fracción',
    squared: 'al cuadrado',
    cubed: 'al cubo',
    power: 'elevado a',
    powerAfter: '',
    endPower: 'fin de exponente',
    sub: 'subíndice',
    squareRoot: 'raíz cuadrada de',
    rootIndex: 'raíz de índice',
    rootOf: 'de',
    endRoot: 'fin de raíz',
    choose: 'sobre',
    sum: 'suma',
    product: 'producto',
    integral: 'integral',
    limit: 'límite',
    from: 'desde',
    to: 'hasta',
    of: 'de',
  },
};

const it: AccessibilityStrings = {
  structure: 'Testo con titoli, indice e colophon.',
  images: (c) =>
    `${counted('it', total(c), 'immagine', 'immagini', 'Nessuna immagine')}: ` +
    `${counted('it', c.described, 'descritta', 'descritte', 'nessuna descritta')}, ` +
    `${counted('it', c.decorative, 'decorativa', 'decorative', 'nessuna decorativa')}, ` +
    `${c.undescribed || 'nessuna'} senza descrizione.`,
  noImages: 'Nessuna immagine.',
  math: 'Le formule sono in MathML, ciascuna con una descrizione parlata.',
  printPages: 'I numeri di pagina dell’edizione a stampa sono segnati, con l’elenco delle sue pagine.',
  backToNote: (n, k) => `Torna alla nota ${n}${nth(k)}`,
  mathWords: {
    over: 'fratto',
    denominatorFirst: false,
    startFraction: 'frazione',
    endFraction: 'fine frazione',
    squared: 'al quadrato',
    cubed: 'al cubo',
    power: 'elevato a',
    powerAfter: '',
    endPower: 'fine esponente',
    sub: 'pedice',
    squareRoot: 'radice quadrata di',
    rootIndex: 'radice di indice',
    rootOf: 'di',
    endRoot: 'fine radice',
    choose: 'su',
    sum: 'somma',
    product: 'prodotto',
    integral: 'integrale',
    limit: 'limite',
    from: 'da',
    to: 'a',
    of: 'di',
  },
};

const pt: AccessibilityStrings = {
  structure: 'Texto com títulos, sumário e colofão.',
  images: (c) =>
    `${counted('pt', total(c), 'imagem', 'imagens', 'Nenhuma imagem')}: ` +
    `${counted('pt', c.described, 'descrita', 'descritas', 'nenhuma descrita')}, ` +
    `${counted('pt', c.decorative, 'decorativa', 'decorativas', 'nenhuma decorativa')}, ` +
    `${c.undescribed || 'nenhuma'} sem descrição.`,
  noImages: 'Nenhuma imagem.',
  math: 'As fórmulas estão em MathML, cada uma com uma descrição falada.',
  printPages: 'Os números de página da edição impressa estão marcados, com uma lista das suas páginas.',
  backToNote: (n, k) => `Voltar à nota ${n}${nth(k)}`,
  mathWords: {
    over: 'sobre',
    denominatorFirst: false,
    startFraction: 'fração',
    endFraction: 'fim da fração',
    squared: 'ao quadrado',
    cubed: 'ao cubo',
    power: 'elevado a',
    powerAfter: '',
    endPower: 'fim do expoente',
    sub: 'índice',
    squareRoot: 'raiz quadrada de',
    rootIndex: 'raiz de índice',
    rootOf: 'de',
    endRoot: 'fim da raiz',
    choose: 'escolhe',
    sum: 'soma',
    product: 'produto',
    integral: 'integral',
    limit: 'limite',
    from: 'de',
    to: 'até',
    of: 'de',
  },
};

const nl: AccessibilityStrings = {
  structure: 'Tekst met koppen, een inhoudsopgave en een colofon.',
  images: (c) =>
    `${counted('nl', total(c), 'afbeelding', 'afbeeldingen', 'Geen afbeeldingen')}: ` +
    `${c.described || 'geen'} beschreven, ${c.decorative || 'geen'} decoratief, ` +
    `${c.undescribed || 'geen'} zonder beschrijving.`,
  noImages: 'Geen afbeeldingen.',
  math: 'Formules staan in MathML, elk met een gesproken beschrijving.',
  printPages: 'De paginanummers van de gedrukte uitgave zijn gemarkeerd, met een lijst van de pagina’s.',
  backToNote: (n, k) => `Terug naar noot ${n}${nth(k)}`,
  mathWords: {
    over: 'gedeeld door',
    denominatorFirst: false,
    startFraction: 'breuk',
    endFraction: 'einde breuk',
    squared: 'kwadraat',
    cubed: 'tot de derde',
    power: 'tot de macht',
    powerAfter: '',
    endPower: 'einde macht',
    sub: 'index',
    squareRoot: 'vierkantswortel uit',
    rootIndex: 'wortel van graad',
    rootOf: 'uit',
    endRoot: 'einde wortel',
    choose: 'boven',
    sum: 'som',
    product: 'product',
    integral: 'integraal',
    limit: 'limiet',
    from: 'van',
    to: 'tot',
    of: 'van',
  },
};

const ru: AccessibilityStrings = {
  structure: 'Текст с заголовками, оглавлением и выходными данными.',
  images: (c) =>
    `Изображений: ${total(c)}; с описанием: ${c.described}, декоративных: ${c.decorative}, ` +
    `без описания: ${c.undescribed}.`,
  noImages: 'Изображений нет.',
  math: 'Формулы записаны в MathML, у каждой есть описание для чтения вслух.',
  printPages: 'Номера страниц печатного издания отмечены, есть список его страниц.',
  backToNote: (n, k) => `Назад к примечанию ${n}${nth(k)}`,
  mathWords: {
    over: 'делённое на',
    denominatorFirst: false,
    startFraction: 'дробь',
    endFraction: 'конец дроби',
    squared: 'в квадрате',
    cubed: 'в кубе',
    power: 'в степени',
    powerAfter: '',
    endPower: 'конец степени',
    sub: 'с индексом',
    squareRoot: 'квадратный корень из',
    rootIndex: 'корень степени',
    rootOf: 'из',
    endRoot: 'конец корня',
    choose: 'по',
    sum: 'сумма',
    product: 'произведение',
    integral: 'интеграл',
    limit: 'предел',
    from: 'от',
    to: 'до',
    of: 'от',
  },
};

const fa: AccessibilityStrings = {
  structure: 'متن با سرفصل‌ها، فهرست مطالب و شناسنامهٔ کتاب.',
  images: (c) =>
    `تصویرها: ${total(c)}؛ با توضیح: ${c.described}، تزئینی: ${c.decorative}، بدون توضیح: ${c.undescribed}.`,
  noImages: 'بدون تصویر.',
  math: 'فرمول‌ها به صورت MathML هستند و هر کدام توضیحی برای خواندن با صدا دارند.',
  printPages: 'شمارهٔ صفحه‌های نسخهٔ چاپی مشخص شده و فهرستی از صفحه‌های آن هست.',
  backToNote: (n, k) => `بازگشت به پانویس ${n}${nth(k)}`,
  mathWords: {
    over: 'تقسیم بر',
    denominatorFirst: false,
    startFraction: 'کسر',
    endFraction: 'پایان کسر',
    squared: 'به توان دو',
    cubed: 'به توان سه',
    power: 'به توان',
    powerAfter: '',
    endPower: 'پایان توان',
    sub: 'زیرنویس',
    squareRoot: 'ریشهٔ دوم',
    rootIndex: 'ریشه با فرجهٔ',
    rootOf: 'از',
    endRoot: 'پایان ریشه',
    choose: 'انتخاب',
    sum: 'مجموع',
    product: 'حاصل‌ضرب',
    integral: 'انتگرال',
    limit: 'حد',
    from: 'از',
    to: 'تا',
    of: 'برای',
  },
};

const ar: AccessibilityStrings = {
  structure: 'نص بعناوين وفهرس محتويات وبيانات النشر.',
  images: (c) => `الصور: ${total(c)}؛ موصوفة: ${c.described}، زخرفية: ${c.decorative}، بلا وصف: ${c.undescribed}.`,
  noImages: 'لا صور.',
  math: 'الصيغ مكتوبة بلغة MathML، ولكل منها وصف يُقرأ بصوت عالٍ.',
  printPages: 'أرقام صفحات النسخة المطبوعة مُعلَّمة، مع قائمة بصفحاتها.',
  backToNote: (n, k) => `العودة إلى الحاشية ${n}${nth(k)}`,
  mathWords: {
    over: 'على',
    denominatorFirst: false,
    startFraction: 'بداية الكسر',
    endFraction: 'نهاية الكسر',
    squared: 'تربيع',
    cubed: 'تكعيب',
    power: 'أس',
    powerAfter: '',
    endPower: 'نهاية الأس',
    sub: 'دليل',
    squareRoot: 'الجذر التربيعي لـ',
    rootIndex: 'الجذر من الدرجة',
    rootOf: 'لـ',
    endRoot: 'نهاية الجذر',
    choose: 'توافيق',
    sum: 'مجموع',
    product: 'جداء',
    integral: 'تكامل',
    limit: 'نهاية',
    from: 'من',
    to: 'إلى',
    of: 'لـ',
  },
};

const zh: AccessibilityStrings = {
  structure: '正文带有标题、目录和版权页。',
  images: (c) =>
    `图片 ${total(c)} 幅：有描述 ${c.described} 幅，装饰性 ${c.decorative} 幅，无描述 ${c.undescribed} 幅。`,
  noImages: '没有图片。',
  math: '公式采用 MathML，每个公式都有可朗读的文字描述。',
  printPages: '标有印刷版的页码，并附有其页码列表。',
  backToNote: (n, k) => `返回注释 ${n}${nth(k)}`,
  mathWords: {
    over: '分之',
    denominatorFirst: true,
    startFraction: '分数开始',
    endFraction: '分数结束',
    squared: '的平方',
    cubed: '的立方',
    power: '的',
    powerAfter: '次方',
    endPower: '幂结束',
    sub: '下标',
    squareRoot: '根号',
    rootIndex: '次数为',
    rootOf: '的根号',
    endRoot: '根号结束',
    choose: '选',
    sum: '求和',
    product: '求积',
    integral: '积分',
    limit: '极限',
    from: '从',
    to: '到',
    of: '，',
  },
};

const ja: AccessibilityStrings = {
  structure: '見出し、目次、奥付のあるテキストです。',
  images: (c) =>
    `画像 ${total(c)} 点：説明あり ${c.described} 点、装飾 ${c.decorative} 点、説明なし ${c.undescribed} 点。`,
  noImages: '画像はありません。',
  math: '数式は MathML で記述され、それぞれに読み上げ用の説明があります。',
  printPages: '印刷版のページ番号が示され、そのページの一覧があります。',
  backToNote: (n, k) => `注 ${n}${nth(k)} に戻る`,
  mathWords: {
    over: '分の',
    denominatorFirst: true,
    startFraction: '分数開始',
    endFraction: '分数終わり',
    squared: 'の二乗',
    cubed: 'の三乗',
    power: 'の',
    powerAfter: '乗',
    endPower: 'べき終わり',
    sub: '添字',
    squareRoot: 'ルート',
    rootIndex: '次数',
    rootOf: 'のルート',
    endRoot: 'ルート終わり',
    choose: '選ぶ',
    sum: '総和',
    product: '総乗',
    integral: '積分',
    limit: '極限',
    from: 'から',
    to: 'まで',
    of: 'の',
  },
};

export const ACCESSIBILITY: Readonly<Record<Language, AccessibilityStrings>> = {
  en,
  fr,
  de,
  es,
  it,
  pt,
  nl,
  ru,
  fa,
  ar,
  zh,
  ja,
};

export function accessibilityStringsFor(lang: string): AccessibilityStrings {
  return ACCESSIBILITY[supportedLanguage(lang) ?? 'en'];
}
