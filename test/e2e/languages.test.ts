/**
 * Books in other scripts print with fonts that have their glyphs (shipped
 * with Octavo, embedded in the PDF), and carry their language and direction.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { stringsFor } from '../../src/i18n/strings.js';
import { sharedBrowser } from '../helpers/browser.js';
import { expectPageListMatchesPdf } from '../helpers/page-list.js';
import { normalise, pdffonts, pdftotext, printScales, repoRoot, unzip, zipText } from '../helpers/tools.js';

let browser: Browser;
/** CJK lines break without spaces, and pdftotext marks RTL runs with bidi controls: compare without either. */
const bare = (s: string) => normalise(s).replace(/[\s\u200e\u200f\u202a-\u202e]/g, '');
const dirs: string[] = [];

beforeAll(async () => {
  browser = await sharedBrowser();
});
afterAll(async () => {
  await browser?.disconnect();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function book(yaml: string, chapter: string) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'octavo-lang-'));
  dirs.push(dir);
  await writeFile(path.join(dir, 'book.yaml'), yaml);
  await writeFile(path.join(dir, '01.md'), chapter);
  return build({ input: dir, outDir: path.join(dir, 'dist'), browser, formats: ['pdf', 'epub'] });
}

it('prints Chinese with an embedded CJK font, code in a monospaced one', async () => {
  const text = '这是中文文本，用于测试字体。Git 是一个分布式版本控制系统。';
  const result = await book(
    'title: 测试书\ncreator: 作者\nlanguage: zh-CN\nlicence: CC-BY-NC-SA-3.0\nsource: 测试\n',
    `# 第一章\n\n${text}\n\n\`\`\`\ngit commit -m "中文"\n\`\`\`\n`,
  );
  const fonts = await pdffonts(result.outputs.pdf!);
  expect(fonts.every((f) => f.embedded)).toBe(true);
  expect(fonts.some((f) => f.name.includes('NotoSerifSC'))).toBe(true);
  expect(fonts.some((f) => f.name.includes('SourceCodePro'))).toBe(true);
  const printed = await pdftotext(result.outputs.pdf!);
  expect(bare(printed)).toContain(bare(text));
  // The colophon credits the faces the PDF embeds, and no other (each named between the book's title marks, 《》 in Chinese).
  const [open, close] = stringsFor('zh-CN').quote;
  const credited = ['Literata', 'Noto Serif SC', 'Vazirmatn', 'Source Code Pro'].filter((f) =>
    normalise(printed).includes(`${open}${f}${close}`),
  );
  const embedded = ['Literata', 'Noto Serif SC', 'Vazirmatn', 'Source Code Pro'].filter((f) =>
    fonts.some((e) => e.name.includes(f.replace(/ /g, ''))),
  );
  expect(credited).toEqual(embedded);
  expect(await zipText(await unzip(result.outputs.epub!), 'OEBPS/ch-1.xhtml')).toMatch(
    /<html[^>]*lang="zh-CN"[^>]*xml:lang="zh-CN"/,
  );
});

it("gives a Chinese book's EPUB the PDF's page numbers, a page that begins between two characters too", async () => {
  const sentence = (n: number) =>
    `第${n}段：分布式版本控制系统的每个客户端都完整地镜像了代码仓库，任何一处出现故障都可以用镜像恢复。`;
  const paragraphs = Array.from({ length: 40 }, (_, i) => sentence(i + 1).repeat(3)).join('\n\n');
  const result = await book(
    'title: 页码\ncreator: 作者\nlanguage: zh-CN\nlicence: CC-BY-4.0\nsource: 测试\n',
    `# 第一章\n\n${paragraphs}\n`,
  );
  const check = await expectPageListMatchesPdf(result.outputs.epub!, result.outputs.pdf!, result.book.config);
  expect(check.entries).toBeGreaterThanOrEqual(4);
});

it('prints Persian right to left with an Arabic-script font', async () => {
  const result = await book(
    'title: کتاب آزمایشی\ncreator: نویسنده\nlanguage: fa\nlicence: CC-BY-SA-4.0\nsource: آزمون\n',
    '# فصل یکم\n\nاین یک متن فارسی است.\n\n## بخش دوم\n\nمتن بخش دوم.\n',
  );
  const fonts = await pdffonts(result.outputs.pdf!);
  expect(fonts.every((f) => f.embedded)).toBe(true);
  expect(fonts.some((f) => f.name.includes('Vazirmatn'))).toBe(true);
  expect(bare(await pdftotext(result.outputs.pdf!))).toContain(bare('این یک متن فارسی است.'));
  // The section's id is Persian, which Chromium writes percent-encoded: its contents entry has its number too.
  const contents = (await pdftotext(result.outputs.pdf!, { first: 2, last: 2, layout: true })).split('\n');
  expect(contents.find((l) => l.includes('بخش دوم'))).toMatch(/1/);
});

it("gives a Persian book's EPUB the PDF's page numbers, and prints it at full size", async () => {
  // Persian with English words, links, lists and code: lines that mix directions, which
  // pdftotext reads in an order of its own (the check compares their letters).
  const paragraph = (n: number) =>
    `بند ${n}: در فایل \`settings.py\` خطی را که حاوی TIME_ZONE است پیدا کنید و آن را اصلاح کنید تا ` +
    `منطقه زمانی شما را نشان دهد. برای اطلاعات بیشتر [مستندات Django](https://docs.djangoproject.com/) را ` +
    'بخوانید؛ جنگو یک چارچوب نرم‌افزاری آزاد و متن‌باز برای ساخت وب‌سایت‌ها با زبان پایتون است.';
  const chapter = Array.from({ length: 8 }, (_, i) =>
    [
      paragraph(i * 3 + 1),
      paragraph(i * 3 + 2),
      '1. یک حساب کاربری بسازید\n2. بر روی New Server کلیک کنید\n3. گزینه Django app را انتخاب کنید',
      '- فهرست اول\n- فهرست دوم با `code`',
      '```\n$ python manage.py migrate\n$ python manage.py runserver\n```',
      paragraph(i * 3 + 3),
    ].join('\n\n'),
  ).join('\n\n');
  const result = await book(
    'title: صفحه‌ها\ncreator: نویسنده\nlanguage: fa\nlicence: CC-BY-SA-4.0\nsource: آزمون\n',
    `# فصل یکم\n\n${chapter}\n`,
  );
  expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  const check = await expectPageListMatchesPdf(result.outputs.epub!, result.outputs.pdf!, result.book.config);
  // Every page but the contents page, the blank verso before the chapter and the font credits.
  expect(check.pages).toBeGreaterThanOrEqual(8);
  expect(check.entries).toBeGreaterThanOrEqual(check.pages - 3);
  // Nothing reaches past the text column's right edge (the colophon's bullets did): no page shrunk to fit.
  expect(new Set(await printScales(result.outputs.pdf!))).toEqual(new Set([1]));
});

it('warns when something reaches past the text column and Chromium shrinks the pages', async () => {
  // A theme whose lists have no indent: right to left, their bullets hang past the column's right edge.
  const dir = await mkdtemp(path.join(os.tmpdir(), 'octavo-lang-'));
  dirs.push(dir);
  await cp(path.join(repoRoot, 'templates', 'default'), path.join(dir, 'theme'), { recursive: true });
  const print = path.join(dir, 'theme', 'css', 'print.css');
  await writeFile(print, `${await readFile(print, 'utf8')}\nul { padding-inline-start: 0; }\n`);
  await writeFile(
    path.join(dir, 'book.yaml'),
    'title: کتاب\ncreator: نویسنده\nlanguage: fa\nlicence: CC-BY-4.0\nsource: آزمون\ntheme: ./theme\n',
  );
  await writeFile(path.join(dir, '01.md'), '# فصل یکم\n\n- فهرست اول\n- فهرست دوم\n');
  const result = await build({ input: dir, outDir: path.join(dir, 'dist'), browser, formats: ['pdf'] });
  const shrunk = result.diagnostics.filter((d) => d.code === 'pdf/shrunk');
  expect(shrunk).toHaveLength(1);
  const scale = (await printScales(result.outputs.pdf!))[0]!;
  expect(scale).toBeLessThan(1);
  expect(shrunk[0]!.message).toContain(`${(scale * 100).toFixed(1)} %`);
});

it('embeds every font of the sample book', async () => {
  const result = await build({
    input: path.resolve('manuscript'),
    outDir: await mkdtemp(path.join(os.tmpdir(), 'octavo-fonts-')),
    browser,
    formats: ['pdf'],
  });
  dirs.push(path.dirname(result.outputs.pdf!));
  const fonts = await pdffonts(result.outputs.pdf!);
  expect(fonts.length).toBeGreaterThan(0);
  expect(fonts.filter((f) => !f.embedded)).toEqual([]);
  expect(fonts.every((f) => f.name.includes('Literata'))).toBe(true);
});

it('prints Greek and Cyrillic with the book face itself', async () => {
  const result = await book(
    'title: Alphabets\ncreator: A\nlanguage: en\nlicence: CC0-1.0\n',
    '# Alphabets\n\nGreek: Ἐν ἀρχῇ ἦν ὁ λόγος. Russian: Съешь же ещё этих мягких французских булок.\n',
  );
  const fonts = await pdffonts(result.outputs.pdf!);
  expect(fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, '')).every((n) => n.startsWith('Literata'))).toBe(true);
  expect(fonts.every((f) => f.embedded)).toBe(true);
  const text = normalise(await pdftotext(result.outputs.pdf!));
  expect(text).toContain('Ἐν ἀρχῇ ἦν ὁ λόγος.');
  expect(text).toContain('Съешь же ещё этих мягких французских булок.');
});

it('sets mathematics and symbols in Noto Sans Math from npm, embedded and credited, not a font of the machine', async () => {
  const result = await book(
    'title: Sums\ncreator: A\nlanguage: en\nlicence: CC0-1.0\n',
    '# Sums\n\nThe sum $\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}$ and the root $\\sqrt{x^2 + y^2}$ are maths; ' +
      'A → B and ∀ x ∈ S are symbols in the text.\n\n' +
      '$$\n\\int_0^1 x\\,dx = \\frac{1}{2}\n$$\n',
  );
  const names = (await pdffonts(result.outputs.pdf!)).map((f) => f.name.replace(/^[A-Z]{6}\+/, ''));
  expect(names).toContain('NotoSansMath-Regular');
  // Only the book's own faces: Literata for the text, Noto Sans Math for the mathematics.
  expect(names.filter((n) => !/^(Literata|NotoSansMath)-/.test(n))).toEqual([]);
  expect(normalise(await pdftotext(result.outputs.pdf!))).toContain('“Noto Sans Math” by Google LLC');
  // The arrow and the symbols in the text come from it too, not from the machine's fallback.
  expect(result.diagnostics.filter((d) => d.code === 'pdf/machine-font')).toEqual([]);
});
