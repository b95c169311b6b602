/**
 * Books in other scripts print with fonts that have their glyphs (shipped
 * with Octavo, embedded in the PDF), and carry their language and direction.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { stringsFor } from '../../src/i18n/strings.js';
import { sharedBrowser } from '../helpers/browser.js';
import { expectPageListMatchesPdf } from '../helpers/page-list.js';
import { normalise, pdffonts, pdftotext, unzip, zipText } from '../helpers/tools.js';

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
