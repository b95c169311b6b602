/**
 * Issue 14 §3: the generated cover is a 1600 × 2560 PNG drawn by Chromium, its
 * title and names wrapped by their measured width in any script, and the cover
 * page fits an e-reader's screen whole. Without a Chromium it is the SVG
 * drawing, with a warning.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { loadConfig } from '../../src/config/load.js';
import { renderCover } from '../../src/cover/render-cover.js';
import { Diagnostics } from '../../src/diagnostics.js';
import { removeTempBooks, tempBook } from '../helpers/books.js';
import { sharedBrowser } from '../helpers/browser.js';
import { octavo } from '../helpers/cli.js';
import { epubcheck, repoRoot, unzip, zipText } from '../helpers/tools.js';

let browser: Browser;
let work: string;
let epub: string;

beforeAll(async () => {
  browser = await sharedBrowser();
  work = await mkdtemp(path.join(os.tmpdir(), 'octavo-cover-'));
  const result = await build({
    input: path.join(repoRoot, 'manuscript'),
    outDir: path.join(work, 'dist'),
    formats: ['epub'],
    browser,
  });
  epub = result.outputs.epub!;
});

/** The settings of a book with this title, names and language, as book.yaml gives them. */
async function loadConfigForTest(book: { title: string; subtitle?: string; creators: string[]; language: string }) {
  const { creators, ...rest } = book;
  const dir = await tempBook({
    // JSON is YAML.
    'book.yaml': JSON.stringify({ ...rest, creator: creators, licence: 'CC0-1.0', chapters: ['one.md'] }),
    'one.md': '# One\n',
  });
  return loadConfig(dir, new Diagnostics());
}

afterAll(async () => {
  await removeTempBooks();
  await browser?.disconnect();
  await rm(work, { recursive: true, force: true });
});

/** What the picture shows, read back in Chromium: size, and where its light (text and frame) pixels are. */
async function inspect(png: Uint8Array): Promise<{
  width: number;
  height: number;
  /** Light pixels outside the frame (x or y within 90 px of the edge). */
  outside: number;
  /** Light pixels inside the frame's text area, in the top three quarters and in the bottom quarter. */
  upper: number;
  lower: number;
}> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(
      async (src: string) => {
        const img = new Image();
        img.src = src;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.naturalWidth;
        canvas.height = img.naturalHeight;
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
        let outside = 0;
        let upper = 0;
        let lower = 0;
        for (let y = 0; y < height; y++) {
          for (let x = 0; x < width; x++) {
            const i = (y * width + x) * 4;
            if (data[i]! + data[i + 1]! + data[i + 2]! < 450) continue;
            if (x < 90 || y < 90 || x >= width - 90 || y >= height - 90) outside++;
            else if (x > 120 && x < width - 120 && y > 120 && y < height - 120) {
              if (y < height * 0.75) upper++;
              else lower++;
            }
          }
        }
        return { width, height, outside, upper, lower };
      },
      `data:image/png;base64,${Buffer.from(png).toString('base64')}`,
    );
  } finally {
    await page.close();
  }
}

describe('the generated cover', () => {
  it('is a 1600 × 2560 PNG, marked as the cover image, and the EPUB stays valid', async () => {
    const zip = await unzip(epub);
    const opf = await zipText(zip, 'OEBPS/content.opf');
    expect(opf).toMatch(/<item id="cover-image" href="cover\.png" media-type="image\/png" properties="cover-image"\/>/);
    expect(opf).toContain('<meta name="cover" content="cover-image"/>');
    expect(zip.file('OEBPS/cover.svg')).toBeNull();
    expect(await zipText(zip, 'OEBPS/cover.xhtml')).toContain('src="cover.png"');
    const png = await zip.file('OEBPS/cover.png')!.async('uint8array');
    const seen = await inspect(png);
    expect([seen.width, seen.height]).toEqual([1600, 2560]);
    expect(seen.outside).toBe(0);
    expect(seen.upper).toBeGreaterThan(20_000); // the title
    expect(seen.lower).toBeGreaterThan(2_000); // the author's name
    expect((await epubcheck(epub)).output).toContain('No errors or warnings detected');
  });

  it('wraps and fits a long title, many names, Chinese and Persian inside the frame', async () => {
    const books = [
      {
        title:
          'The Remarkable and Entirely Unabridged History of the Lighthouse Keepers of the Northern Coast, Their Wives, Their Children, and the Ships They Saw Wrecked upon the Rocks in the Years Between 1820 and 1910, Told by Themselves',
        subtitle: 'A Chronicle in Seven Parts',
        creators: ['Ann Author-Withaverylongname', 'Bob Writer', 'Carol Contributor', 'Dan Editor', 'Eve Translator'],
        language: 'en',
      },
      { title: 'Antidisestablishmentarianismforeverandeverandeverandever', creators: ['Ann'], language: 'en' },
      {
        title: '中国的长城与运河：两千年来的工程、帝国与百姓生活的历史',
        creators: ['张三', '李四'],
        language: 'zh-CN',
      },
      {
        title: 'آموزش جنگو گرلز برای همه کسانی که می‌خواهند برنامه‌نویسی وب را یاد بگیرند',
        creators: ['گروه جنگو گرلز'],
        language: 'fa',
      },
    ];
    for (const book of books) {
      const config = await loadConfigForTest(book);
      const seen = await inspect(await renderCover(browser, config));
      expect(seen, book.title).toMatchObject({ width: 1600, height: 2560, outside: 0 });
      expect(seen.upper, book.title).toBeGreaterThan(10_000);
      expect(seen.lower, book.title).toBeGreaterThan(1_000);
    }
  });

  it('fills the screen of a phone and an e-reader without scrolling', async () => {
    const dir = path.join(work, 'unzipped');
    const zip = await unzip(epub);
    for (const name of ['OEBPS/cover.xhtml', 'OEBPS/cover.png', 'OEBPS/style.css']) {
      await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
      await writeFile(path.join(dir, name), await zip.file(name)!.async('uint8array'));
    }
    const artifacts = path.join(repoRoot, 'test-artifacts', 'covers');
    await mkdir(artifacts, { recursive: true });
    const page = await browser.newPage();
    try {
      for (const [width, height] of [
        [600, 800],
        [1072, 1448],
      ] as const) {
        await page.setViewport({ width, height });
        await page.goto(pathToFileURL(path.join(dir, 'OEBPS/cover.xhtml')).href, { waitUntil: 'load' });
        const fit = await page.evaluate(() => {
          const r = document.querySelector('img')!.getBoundingClientRect();
          const root = document.documentElement;
          return {
            scroll: [root.scrollWidth, root.scrollHeight],
            img: [r.left, r.top, r.right, r.bottom],
          };
        });
        expect(fit.scroll[0]).toBeLessThanOrEqual(width);
        expect(fit.scroll[1]).toBeLessThanOrEqual(height);
        const [left, top, right, bottom] = fit.img as [number, number, number, number];
        expect(left).toBeGreaterThanOrEqual(0);
        expect(top).toBeGreaterThanOrEqual(0);
        expect(right).toBeLessThanOrEqual(width);
        expect(bottom).toBeLessThanOrEqual(height);
        // The whole picture, as large as the screen allows (one side fills it).
        expect(Math.max((right - left) / width, (bottom - top) / height)).toBeGreaterThan(0.97);
        // For people to look at (git-ignored, like the print tests' page pictures).
        await page.screenshot({ path: path.join(artifacts, `sample-cover-${width}x${height}.png`) });
      }
    } finally {
      await page.close();
    }
  });

  it('is the SVG drawing, with a warning, when no Chromium can draw it', async () => {
    const run = await octavo(
      ['build', path.join(repoRoot, 'manuscript'), '--format', 'epub', '--no-cache', '--out', path.join(work, 'svg')],
      work,
      { PUPPETEER_EXECUTABLE_PATH: path.join(work, 'no-chromium-here'), OCTAVO_CHROMIUM_ENDPOINT: '' },
    );
    expect(run.code).toBe(0);
    expect(run.stderr + run.stdout).toContain('[epub/svg-cover]');
    const out = path.join(work, 'svg', 'assads-visit-to-tehran.epub');
    const zip = await unzip(out);
    expect(await zipText(zip, 'OEBPS/cover.xhtml')).toContain('src="cover.svg"');
    expect((await epubcheck(out)).output).toContain('No errors or warnings detected');
  });
});
