/**
 * Every word Octavo adds to a book is in the book's language: the contents
 * title, the EPUB landmarks and the cover's text alternative, the colophon's
 * headings and labels, and the credit sentence. A language Octavo has no words
 * for gets English ones, marked `lang="en"` so screen readers switch voice.
 * In a right-to-left book the author's values inside those sentences are
 * isolated (`<bdi>`), and Chromium draws them in their places.
 *
 * One small book per language, built to EPUB and HTML in parallel.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { STRINGS, type Strings } from '../../src/i18n/strings.js';
import { removeTempBooks, tempBook } from '../helpers/books.js';
import { sharedBrowser } from '../helpers/browser.js';
import { epubcheck, normalise, repoRoot, unzip, zipText } from '../helpers/tools.js';

/** Each language's title and chapter, and the credit sentence the colophon must say (read and checked by hand). */
const BOOKS: Record<string, { title: string; chapter: string; tasl: string }> = {
  en: {
    title: 'The Garden',
    chapter: 'Spring',
    tasl: '“The Garden” by Ada Lovelace and Charles Babbage, from https://example.org/garden, is licensed under Creative Commons Attribution-NonCommercial 4.0 International.',
  },
  fr: {
    title: 'Le Jardin',
    chapter: 'Printemps',
    tasl: '«\u202fLe Jardin\u202f» de Ada Lovelace et Charles Babbage, d’après https://example.org/garden, est mis à disposition selon les termes de la licence Creative Commons Attribution-NonCommercial 4.0 International.',
  },
  de: {
    title: 'Der Garten',
    chapter: 'Frühling',
    tasl: '„Der Garten“ von Ada Lovelace und Charles Babbage, nach https://example.org/garden, ist lizenziert unter Creative Commons Attribution-NonCommercial 4.0 International.',
  },
  es: {
    title: 'El jardín',
    chapter: 'Primavera',
    tasl: '«El jardín» de Ada Lovelace y Charles Babbage, a partir de https://example.org/garden, está bajo una licencia Creative Commons Attribution-NonCommercial 4.0 International.',
  },
  it: {
    title: 'Il giardino',
    chapter: 'Primavera',
    tasl: '«Il giardino» di Ada Lovelace e Charles Babbage, tratto da https://example.org/garden, è disponibile con licenza Creative Commons Attribution-NonCommercial 4.0 International.',
  },
  pt: {
    title: 'O jardim',
    chapter: 'Primavera',
    tasl: '«O jardim» de Ada Lovelace e Charles Babbage, a partir de https://example.org/garden, está licenciado sob Creative Commons Attribution-NonCommercial 4.0 International.',
  },
  nl: {
    title: 'De tuin',
    chapter: 'Lente',
    tasl: '“De tuin” door Ada Lovelace en Charles Babbage, uit https://example.org/garden, valt onder de licentie Creative Commons Attribution-NonCommercial 4.0 International.',
  },
  ru: {
    title: 'Сад',
    chapter: 'Весна',
    tasl: '«Сад» (Ada Lovelace и Charles Babbage), источник: https://example.org/garden, распространяется по лицензии Creative Commons Attribution-NonCommercial 4.0 International.',
  },
  ar: {
    title: 'الحديقة',
    chapter: 'الربيع',
    tasl: '«الحديقة» من تأليف Ada Lovelace و Charles Babbage، مأخوذ من https://example.org/garden، مرخّص بموجب Creative Commons Attribution-NonCommercial 4.0 International.',
  },
  zh: {
    title: '花园',
    chapter: '春天',
    tasl: '《花园》，作者：Ada Lovelace、Charles Babbage，来源：https://example.org/garden，许可协议：Creative Commons Attribution-NonCommercial 4.0 International。',
  },
  ja: {
    title: '庭',
    chapter: '春',
    tasl: '「庭」（著者：Ada Lovelace、Charles Babbage）、出典：https://example.org/garden、ライセンス：Creative Commons Attribution-NonCommercial 4.0 International。',
  },
  // Languages without Octavo's words: English ones, marked as such (Korean left to right, Hebrew right to left).
  ko: {
    title: '정원',
    chapter: '봄',
    tasl: '“정원” by Ada Lovelace and Charles Babbage, from https://example.org/garden, is licensed under Creative Commons Attribution-NonCommercial 4.0 International.',
  },
  he: {
    title: 'הגן',
    chapter: 'אביב',
    tasl: '“הגן” by Ada Lovelace and Charles Babbage, from https://example.org/garden, is licensed under Creative Commons Attribution-NonCommercial 4.0 International.',
  },
};

/**
 * The Persian book carries the shared djangogirls-fa book's own metadata (an
 * English title in brackets, Latin names, URLs in a licence statement), so its
 * colophon is that book's, built in a second.
 */
const PERSIAN = {
  title: 'آموزش جنگو گرلز (Django Girls Tutorial, Persian)',
  creator: 'Django Girls and contributors (Persian translation via Crowdin)',
  source: 'https://github.com/DjangoGirls/tutorial',
  statement:
    'This work is licensed under the Creative Commons Attribution-ShareAlike 4.0 International License.\nTo view a copy of this license, visit http://creativecommons.org/licenses/by-sa/4.0/',
  tasl: '«آموزش جنگو گرلز (Django Girls Tutorial, Persian)» اثر Django Girls and contributors (Persian translation via Crowdin)، برگرفته از https://github.com/DjangoGirls/tutorial، تحت مجوز Creative Commons Attribution-ShareAlike 4.0 International منتشر شده است.',
};

interface Built {
  html: Root;
  htmlText: string;
  nav: Root;
  colophon: Root;
  cover: Root;
  epub: string;
}

const built = new Map<string, Built>();
const langs = [...Object.keys(BOOKS), 'fa'];

function yaml(lang: string): string {
  if (lang === 'fa')
    return [
      `title: "${PERSIAN.title}"`,
      `creator: "${PERSIAN.creator}"`,
      'language: fa',
      'licence: CC-BY-SA-4.0',
      `source: ${PERSIAN.source}`,
      `licence-statement: ${JSON.stringify(PERSIAN.statement)}`,
      'changes:',
      '  - format: Typeset as EPUB, PDF and HTML by Octavo; the text is unchanged.',
      'publisher: Django Girls',
      'date: 2026-04-12',
      '',
    ].join('\n');
  return [
    `title: ${BOOKS[lang]!.title}`,
    'creator: [Ada Lovelace, Charles Babbage]',
    `language: ${lang}`,
    'licence: CC-BY-NC-4.0',
    'source: https://example.org/garden',
    'licence-statement: Shared for the tests of Octavo.',
    'changes:',
    '  - format: Set as a book.',
    'publisher: Octavo Press',
    'date: 2024-05-06',
    'copyright: © 2024 Ada Lovelace',
    '',
  ].join('\n');
}

/**
 * A chapter with its own credit, so the colophon has a credits list (the fonts
 * are credited only in the PDF, which embeds them).
 */
const QUOTE =
  '---\ntitle: Quotation\ncreator: Ann Quoter\nsource: https://example.org/quote\nlicence: CC-BY-4.0\n---\n\nA line.\n';

function chapter(lang: string): string {
  if (lang === 'fa') return '# نصب\n\nبرای نصب پایتون دستور زیر را اجرا کنید.\n\n```\npython --version\n```\n';
  return `# ${BOOKS[lang]!.chapter}\n\nText.\n`;
}

beforeAll(async () => {
  await Promise.all(
    langs.map(async (lang) => {
      const dir = await tempBook(
        { 'book.yaml': yaml(lang), 'ch.md': chapter(lang), 'quote.md': QUOTE },
        `octavo-words-${lang}-`,
      );
      const result = await build({ input: dir, outDir: path.join(dir, 'dist'), formats: ['epub', 'html'] });
      const zip = await unzip(result.outputs.epub!);
      const htmlText = await readFile(result.outputs.html!, 'utf8');
      built.set(lang, {
        html: fromHtml(htmlText),
        htmlText,
        nav: fromHtml(await zipText(zip, 'OEBPS/toc.xhtml')),
        colophon: fromHtml(await zipText(zip, 'OEBPS/colophon.xhtml')),
        cover: fromHtml(await zipText(zip, 'OEBPS/cover.xhtml')),
        epub: result.outputs.epub!,
      });
    }),
  );
});
afterAll(removeTempBooks);

const text = (el: Element | Root | undefined) => normalise(el ? toString(el) : '');
const one = (selector: string, tree: Root | Element) => {
  const el = select(selector, tree);
  if (!el) throw new Error(`nothing matches ${selector}`);
  return el;
};
const texts = (selector: string, tree: Root | Element) => selectAll(selector, tree).map(text);

/** The colophon's labels, in the template's order, for a book that fills every field. */
const LABELS = [
  'title',
  'author',
  'source',
  'licence',
  'copyright',
  'licenceStatement',
  'changesMade',
  'publisher',
  'date',
  'identifier',
] as const;

/** Octavo's generated text in an edition, without the author's values (isolated in bdi) and texts. */
function generatedText(tree: Root | Element): string {
  const copy = structuredClone(tree);
  for (const el of selectAll('bdi, blockquote, ul.changes, nav[epub\\:type=landmarks] a[epub\\:type=bodymatter]', copy))
    el.children = [];
  return text(copy);
}

describe.each(Object.keys(STRINGS))("a book in %s has Octavo's words in its language", (lang) => {
  const s = STRINGS[lang as keyof typeof STRINGS];

  it('in the contents title, of the EPUB and the HTML', () => {
    const { html, nav } = built.get(lang)!;
    expect(text(one('#contents-heading', nav))).toBe(s.contents);
    expect(text(one('#contents-heading', html))).toBe(s.contents);
    expect(text(one('head title', nav))).toBe(s.contents);
    // The colophon's entry in the contents, too.
    expect(texts('.toc-colophon > a .toc-title', html)).toEqual([s.colophon]);
  });

  it("in the EPUB's landmarks and the cover's text alternative", () => {
    const { nav, cover } = built.get(lang)!;
    const landmarks = one('nav[epub\\:type=landmarks]', nav);
    expect(landmarks.properties.ariaLabel).toBe(s.landmarks);
    const chapterTitle = lang === 'fa' ? 'نصب' : BOOKS[lang]!.chapter;
    expect(texts('a', landmarks)).toEqual([s.cover, s.titlePage, s.contents, chapterTitle, s.colophon]);
    const alt = String(one('img', cover).properties.alt);
    const title = lang === 'fa' ? PERSIAN.title : BOOKS[lang]!.title;
    expect(alt.startsWith(s.cover)).toBe(true);
    expect(alt).toContain(title);
  });

  it("in the colophon's headings and labels, and the credit sentence", () => {
    for (const tree of [built.get(lang)!.colophon, built.get(lang)!.html]) {
      const colophon = one('section.colophon', tree);
      expect(text(one('#colophon-heading', colophon))).toBe(s.colophon);
      const labels = LABELS.filter((key) => lang !== 'fa' || key !== 'copyright');
      expect(texts('dt', colophon)).toEqual(labels.map((key) => s[key]));
      expect(text(one('#credits-heading', colophon))).toBe(s.credits);
      expect(text(one('.generator', colophon))).toBe(s.madeWith);
      if (lang === 'fa') expect(text(one('.tasl', colophon))).toBe(normalise(PERSIAN.tasl));
      else {
        expect(text(one('.tasl', colophon))).toBe(normalise(BOOKS[lang]!.tasl));
        expect(text(one('.non-commercial', colophon))).toBe(normalise(s.nonCommercial));
      }
      // The chapter's credit: the same sentence, about the chapter.
      expect(text(one('.credit-list li', colophon))).toContain(normalise(`${s.quote[0]}Quotation${s.quote[1]}`));
    }
  });

  it.skipIf(lang === 'en')('and no English word Octavo writes', () => {
    const { html, nav, colophon, cover } = built.get(lang)!;
    const en = STRINGS.en;
    // Octavo's English words that this language says otherwise ("Date" is French too), and its sentence's joints.
    const english = [
      ...Object.entries(en)
        .filter(
          ([key, value]) => typeof value === 'string' && value.trim().length > 3 && value !== s[key as keyof Strings],
        )
        .map(([, value]) => String(value).trim()),
      ' by ',
      ', from ',
      ' is licensed under ',
      'Cover:',
    ];
    for (const tree of [one('section.colophon', html), one('#contents', html), nav, colophon]) {
      const generated = generatedText(tree);
      for (const word of english) expect(generated, `${lang}: “${word}”`).not.toContain(word);
    }
    expect(String(one('img', cover).properties.alt)).not.toMatch(/^Cover\b/);
  });
});

describe('a book in a language Octavo has no words for', () => {
  it.each([
    ['ko', {}],
    ['he', { dir: 'ltr' }],
  ])('%s: has English ones, each holder marked lang="en"', (lang, extra) => {
    const { html, nav, colophon, cover } = built.get(lang)!;
    const en = { lang: 'en', ...extra };
    const marks = (el: Element) => ({
      lang: el.properties.lang,
      ...(el.properties.dir === undefined ? {} : { dir: el.properties.dir }),
    });
    for (const tree of [html, colophon]) {
      const c = one('section.colophon', tree);
      const holders = [
        one('#colophon-heading', c),
        ...selectAll('dt', c),
        one('#credits-heading', c),
        one('.generator', c),
        one('.tasl > span', c),
        one('.non-commercial > span', c),
        ...selectAll('.credit-list > li > span', c),
      ];
      for (const el of holders) expect(marks(el), text(el)).toEqual(en);
      // The author's values inside the English sentence keep the book's language.
      expect(one('.tasl cite', c)).toBeTruthy();
      expect(one('.tasl bdi:has(cite)', c).properties.lang).toBe(lang);
    }
    expect(marks(one('#contents-heading', html))).toEqual(en);
    expect(marks(one('.toc-colophon .toc-title', html))).toEqual(en);
    expect(marks(one('#contents-heading', nav))).toEqual(en);
    const landmarks = one('nav[epub\\:type=landmarks]', nav);
    expect(marks(landmarks)).toEqual(en);
    expect(one('a[epub\\:type=bodymatter]', landmarks).properties.lang).toBe(lang);
    expect(marks(one('img', cover))).toEqual(en);
  });

  it('marks nothing in a book whose language has its words', () => {
    for (const lang of ['en', 'fr', 'fa', 'zh']) {
      const { html } = built.get(lang)!;
      const marked = selectAll('[lang]', one('body', html)).filter((el) => el.tagName !== 'bdi');
      expect(marked.map((el) => el.tagName)).toEqual([]);
    }
  });
});

describe('a right-to-left book', () => {
  it('isolates the title, names, addresses and licence in its credit sentences, and lets the author’s text find its direction', () => {
    for (const tree of [built.get('fa')!.colophon, built.get('fa')!.html]) {
      const c = one('section.colophon', tree);
      const tasl = one('.tasl', c);
      const isolated = selectAll(':scope > bdi', tasl);
      expect(isolated.map((el) => text(el))).toEqual([
        'آموزش جنگو گرلز (Django Girls Tutorial, Persian)',
        PERSIAN.creator,
        PERSIAN.source,
        'Creative Commons Attribution-ShareAlike 4.0 International',
      ]);
      expect(one(':scope > bdi > cite', tasl)).toBeTruthy();
      expect(one(':scope > bdi > a[href]', tasl).properties.href).toBe(PERSIAN.source);
      // A licence's name is English in a Persian sentence.
      expect(one(':scope > bdi:has(a[rel~=license])', tasl).properties.lang).toBe('en');
      for (const li of selectAll('.credit-list > li', c)) {
        expect(li.properties.dir).toBe('auto');
        expect(selectAll(':scope > bdi > a', li).length).toBeGreaterThanOrEqual(2);
      }
      expect(selectAll('ul.changes > li > bdi', c).map(text)).toEqual([
        'Typeset as EPUB, PDF and HTML by Octavo; the text is unchanged.',
      ]);
      expect(one('.licence-statement p', c).properties.dir).toBe('auto');
      // Every value of the list is isolated, the licence's SPDX id too.
      for (const dd of selectAll('dl.credits > dd', c).filter((dd) => !select('blockquote, ul', dd)))
        expect(select(':scope > bdi', dd), text(dd)).toBeTruthy();
    }
  });

  it('reads right to left in Chromium: punctuation on its side of a Latin title and a URL', async () => {
    const browser = await sharedBrowser();
    const page = await browser.newPage();
    try {
      await page.setViewport({ width: 720, height: 900 });
      await page.setContent(built.get('fa')!.htmlText, { waitUntil: 'load' });
      const layout = await page.evaluate(() => {
        const box = (n: Node) => {
          const r = document.createRange();
          r.selectNodeContents(n);
          const b = r.getBoundingClientRect();
          return { left: b.left, right: b.right };
        };
        const tasl = document.querySelector('.colophon .tasl')!;
        const [title, , source] = [...tasl.querySelectorAll(':scope > bdi')];
        const nodes = [...tasl.childNodes];
        const opening = nodes[0]!; // «
        const afterSource = nodes[nodes.indexOf(source!) + 1]!; // ، تحت مجوز
        const statement = document.querySelector('.colophon .licence-statement p')!;
        const change = document.querySelector('.colophon ul.changes li')!;
        const changeText = change.querySelector('bdi')!;
        return {
          opening: box(opening),
          title: box(title!),
          source: box(source!),
          afterSource: box(afterSource),
          statement: getComputedStyle(statement).direction,
          change: getComputedStyle(change).direction,
          changeText: getComputedStyle(changeText).direction,
          paragraph: getComputedStyle(tasl).direction,
        };
      });
      expect(layout.paragraph).toBe('rtl');
      // « opens on the right of the title; the comma after the address falls on its left.
      expect(layout.opening.left).toBeGreaterThanOrEqual(layout.title.right - 0.5);
      expect(layout.afterSource.right).toBeLessThanOrEqual(layout.source.left + 0.5);
      // The English licence statement and changes read left to right; the list of changes keeps its bullets on the right.
      expect(layout.statement).toBe('ltr');
      expect(layout.change).toBe('rtl');
      expect(layout.changeText).toBe('ltr');
      // The picture of the colophon, for people to look at (git-ignored, like the print tests' page pictures).
      const box = (await (await page.$('section.colophon'))!.boundingBox())!;
      await mkdir(path.join(repoRoot, 'test-artifacts'), { recursive: true });
      await page.screenshot({
        path: path.join(repoRoot, 'test-artifacts', 'rtl-colophon.png'),
        clip: { x: box.x - 16, y: box.y - 16, width: box.width + 32, height: box.height + 32 },
        captureBeyondViewport: true,
      });
    } finally {
      await page.close();
      await browser.disconnect();
    }
  });
});

it('writes EPUBs that pass EPUBCheck, right to left and with English marked', async () => {
  // Two of the fifteen (the others differ only in their words): a check costs a Java start.
  const checks = await Promise.all(['fa', 'he'].map((lang) => epubcheck(built.get(lang)!.epub)));
  for (const check of checks) {
    expect(check.output.split('\n').filter((l) => /^(ERROR|WARNING|FATAL)/.test(l))).toEqual([]);
    expect(check.errors + check.warnings + check.fatals).toBe(0);
  }
});
