/**
 * The licence engine on real builds: the rules stop books that would break
 * their licences, and every output shows the notice, the credits and the
 * non-commercial condition, in the book's language.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { OctavoError } from '../../src/diagnostics.js';
import { removeTempBooks, tempBook } from '../helpers/books.js';
import { octavo } from '../helpers/cli.js';
import { solidPng } from '../helpers/png.js';
import { epubcheck, normalise, unzip, zipText } from '../helpers/tools.js';

afterAll(removeTempBooks);

const book = (files: Record<string, string | Buffer>) => tempBook(files, 'octavo-licence-');

async function failure(dir: string): Promise<OctavoError> {
  const err = await build({ input: dir, outDir: path.join(dir, 'dist'), formats: ['epub'] }).catch((e: unknown) => e);
  if (!(err instanceof OctavoError)) throw new Error(`expected the build to fail, got ${String(err)}`);
  return err;
}

describe('an anthology with its own credits', () => {
  it('credits the borrowed chapter and photo where they are and in the colophon, in all outputs', async () => {
    const dir = await book({
      'book.yaml':
        "title: Shared Stories\ncreator: Ann Editor\nlanguage: en\nlicence: CC-BY-SA-4.0\nsource: Collected for Octavo's tests.\nchanges: []\n",
      '01-own.md': '# Our Story\n\n![A red square](images/red.png "The square of the story")\n',
      'images/red.png': solidPng(20, 20, [200, 0, 0]),
      'images/red.png.credit.yaml': 'creator: Pat Painter\nsource: https://example.org/red\nlicence: CC-BY-4.0\n',
      '02-borrowed.md':
        '---\ntitle: A Borrowed Story\ncreator: Bo Writer\nsource: https://example.org/story\nlicence: Creative Commons Attribution 4.0 International\nchanges:\n  - format: Set as a chapter.\n---\n\nOnce upon a time.\n',
    });
    const result = await build({ input: dir, outDir: path.join(dir, 'dist'), formats: ['epub', 'html'] });
    const zip = await unzip(result.outputs.epub!);
    const borrowed = await zipText(zip, 'OEBPS/ch-2.xhtml');
    expect(normalise(toString(select('.chapter-credit', fromHtml(borrowed))!))).toBe(
      '“A Borrowed Story” by Bo Writer, from https://example.org/story, is licensed under Creative Commons Attribution 4.0 International. Changes: Set as a chapter.',
    );
    const own = await zipText(zip, 'OEBPS/ch-1.xhtml');
    expect(normalise(toString(select('figcaption .image-credit', fromHtml(own))!))).toBe(
      '“A red square” by Pat Painter, from https://example.org/red, is licensed under Creative Commons Attribution 4.0 International.',
    );
    const html = await readFile(result.outputs.html!, 'utf8');
    const credits = selectAll('.colophon .credit-list li', fromHtml(html)).map((li) => [
      li.properties.dataKind,
      normalise(toString(li)),
    ]);
    // No font: the HTML and EPUB embed none (the PDF credits the faces it embeds, licence-roundtrip.test.ts).
    expect(credits.map(([kind]) => kind)).toEqual(['chapter', 'image']);
    expect(credits[0]![1]).toContain('A Borrowed Story');
    const colophon = await zipText(zip, 'OEBPS/colophon.xhtml');
    expect(colophon).toContain('A Borrowed Story');
    expect(colophon).not.toContain('Literata');
    expect((await epubcheck(result.outputs.epub!)).output).toContain('No errors or warnings detected');
  });
});

describe('the rules a build enforces', () => {
  it('builds a NoDerivatives book that was only reformatted', async () => {
    const dir = await book({
      'book.yaml':
        'title: Fixed\ncreator: A\nlanguage: en\nlicence: CC-BY-ND-4.0\nsource: s\nchanges:\n  - format: Typeset as EPUB, PDF and HTML.\n',
      'a.md': '# A\n\nText.\n',
    });
    const result = await build({ input: dir, outDir: path.join(dir, 'dist'), formats: ['epub'] });
    expect(await zipText(await unzip(result.outputs.epub!), 'OEBPS/colophon.xhtml')).toContain(
      'Typeset as EPUB, PDF and HTML.',
    );
  });

  it('refuses a NoDerivatives book whose changes adapt the text, naming the line', async () => {
    const dir = await book({
      'book.yaml':
        'title: Fixed\ncreator: A\nlanguage: en\nlicence: CC-BY-ND-4.0\nsource: s\nchanges:\n  - Shortened chapter 2.\n',
      'a.md': '# A\n\nText.\n',
    });
    const err = await failure(dir);
    expect(err.diagnostics.find((d) => d.severity === 'error')).toMatchObject({
      code: 'licence/no-derivatives',
      line: 6,
    });
    // `check` says the same without building.
    const run = await octavo(['check', dir], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/book\.yaml:6:1 error CC BY-ND 4\.0 allows copies and reformatting but no adaptations/);
  });

  it('refuses a ShareAlike chapter in an adapted book under another licence, naming both licences and files', async () => {
    const dir = await book({
      'book.yaml':
        'title: Mixed\ncreator: A\nlanguage: en\nlicence: CC-BY-4.0\nsource: s\nchanges: [Edited throughout.]\n',
      'a.md': '---\ntitle: Borrowed\ncreator: B\nlicence: CC-BY-SA-4.0\nsource: t\n---\n\nText.\n',
    });
    const [d] = (await failure(dir)).diagnostics.filter((x) => x.severity === 'error');
    expect(d).toMatchObject({ code: 'licence/share-alike' });
    expect(d!.message).toMatch(
      /chapter “Borrowed” \(a\.md\) is under CC BY-SA 4\.0.*the book \(book\.yaml\) is under CC BY 4\.0/,
    );
  });

  it('refuses ShareAlike and NoDerivatives material in one adapted work', async () => {
    const dir = await book({
      'book.yaml':
        'title: Mixed\ncreator: A\nlanguage: en\nlicence: CC-BY-SA-4.0\nsource: s\nchanges: [Edited throughout.]\n',
      'a.md': '---\ntitle: Untouchable\ncreator: B\nlicence: CC-BY-ND-4.0\nsource: t\n---\n\nText.\n',
    });
    const codes = (await failure(dir)).diagnostics.filter((x) => x.severity === 'error').map((x) => x.code);
    expect(codes).toContain('licence/conflict');
  });

  it('refuses an image credit without the creator its licence requires', async () => {
    const dir = await book({
      'book.yaml':
        'title: T\ncreator: A\nlanguage: en\nlicence: CC0-1.0\nimage-credits:\n  images/red.png: { licence: CC-BY-4.0 }\n',
      'a.md': '# A\n\n![Red](images/red.png)\n',
      'images/red.png': solidPng(4, 4, [255, 0, 0]),
    });
    expect((await failure(dir)).diagnostics.map((d) => d.code)).toContain('licence/missing-creator');
  });
});

describe("the notice in the book's language", () => {
  it('states the non-commercial condition prominently, in the colophon and the metadata', async () => {
    const dir = await book({
      'book.yaml': 'title: NC\ncreator: A\nlanguage: en\nlicence: CC-BY-NC-4.0\nsource: s\n',
      'a.md': '# A\n\nText.\n',
    });
    const result = await build({ input: dir, outDir: path.join(dir, 'dist'), formats: ['epub'] });
    const zip = await unzip(result.outputs.epub!);
    expect(await zipText(zip, 'OEBPS/colophon.xhtml')).toContain(
      '<p class="non-commercial">Non-commercial use only: this work may not be used for commercial purposes.</p>',
    );
    expect(await zipText(zip, 'OEBPS/content.opf')).toMatch(/<dc:rights>[^<]*Non-commercial use only/);
  });

  it.each([
    [
      'fr',
      'Colophon',
      '«\u202fLe Livre\u202f» de Anne Autrice est mis à disposition selon les termes de la licence Creative Commons Attribution 4.0 International.',
    ],
    [
      'de',
      'Impressum',
      '„Le Livre“ von Anne Autrice ist lizenziert unter Creative Commons Attribution 4.0 International.',
    ],
    [
      'es',
      'Colofón',
      '«Le Livre» de Anne Autrice está bajo una licencia Creative Commons Attribution 4.0 International.',
    ],
    [
      'fa',
      'شناسنامه',
      '«Le Livre» اثر Anne Autrice تحت مجوز Creative Commons Attribution 4.0 International منتشر شده است.',
    ],
    [
      'ar',
      'بيانات النشر',
      '«Le Livre» من تأليف Anne Autrice مرخّص بموجب Creative Commons Attribution 4.0 International.',
    ],
    [
      'it',
      'Colophon',
      '«Le Livre» di Anne Autrice è disponibile con licenza Creative Commons Attribution 4.0 International.',
    ],
    [
      'pt-BR',
      'Colofão',
      '«Le Livre» de Anne Autrice está licenciado sob Creative Commons Attribution 4.0 International.',
    ],
    [
      'nl',
      'Colofon',
      '“Le Livre” door Anne Autrice valt onder de licentie Creative Commons Attribution 4.0 International.',
    ],
    [
      'ru',
      'Выходные данные',
      '«Le Livre» (Anne Autrice) распространяется по лицензии Creative Commons Attribution 4.0 International.',
    ],
    ['zh-CN', '版权页', '《Le Livre》，作者：Anne Autrice，许可协议：Creative Commons Attribution 4.0 International。'],
    ['ja', '奥付', '「Le Livre」（著者：Anne Autrice）、ライセンス：Creative Commons Attribution 4.0 International。'],
  ])('writes the colophon in %s', async (lang, heading, tasl) => {
    const dir = await book({
      'book.yaml': `title: Le Livre\ncreator: Anne Autrice\nlanguage: ${lang}\nlicence: CC-BY-4.0\n`,
      'a.md': '# A\n\nTexte.\n',
    });
    const result = await build({ input: dir, outDir: path.join(dir, 'dist'), formats: ['html'] });
    const tree = fromHtml(await readFile(result.outputs.html!, 'utf8'));
    expect(toString(select('#colophon-heading', tree)!)).toBe(heading);
    expect(normalise(toString(select('.colophon .tasl', tree)!))).toBe(normalise(tasl));
  });
});
