/**
 * Nothing wider than a phone: the guide, built to EPUB and HTML, opened in
 * Chromium, every XHTML document of the unzipped EPUB at 340 px and the HTML
 * edition at 375 px; neither scrolls sideways, and the HTML edition passes
 * axe's rules for landmarks and scrolling (the checks are in
 * helpers/narrow.ts). shared-books.test.ts runs the same checks on the six
 * shared books, on the builds it makes anyway.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Element as HastElement, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuildResult, build } from '../../src/build.js';
import { removeTempBooks, tempBook } from '../helpers/books.js';
import { sharedBrowser } from '../helpers/browser.js';
import {
  axeViolations,
  EPUB_WIDTH,
  expectEpubFits,
  expectHtmlFits,
  expectImagesOnce,
  HTML_WIDTH,
  openPage,
  unzipTo,
} from '../helpers/narrow.js';
import { solidPng } from '../helpers/png.js';
import { repoRoot } from '../helpers/tools.js';

let browser: Browser;
/** One tab per width, reused by every test: a page load is cheap, a new tab less so. */
let epubPage: Page;
let htmlPage: Page;
let work: string;
let guide: BuildResult;
let guideEpubDir: string;

beforeAll(async () => {
  browser = await sharedBrowser();
  work = await mkdtemp(path.join(os.tmpdir(), 'octavo-narrow-'));
  guide = await build({
    input: path.join(repoRoot, 'examples', 'guide'),
    outDir: path.join(work, 'guide'),
    formats: ['epub', 'html'],
  });
  guideEpubDir = path.join(work, 'guide', 'epub');
  await unzipTo(guide.outputs.epub!, guideEpubDir);
  epubPage = await openPage(browser, EPUB_WIDTH);
  htmlPage = await openPage(browser, HTML_WIDTH);
}, 300_000);

afterAll(async () => {
  await epubPage?.close();
  await htmlPage?.close();
  await browser?.disconnect();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('guide on a narrow screen', () => {
  it(`EPUB: no document is wider than ${EPUB_WIDTH} px`, () => expectEpubFits(epubPage, guideEpubDir));

  it(`HTML: the page is no wider than ${HTML_WIDTH} px, and passes axe's rules for landmarks and scrolling`, () =>
    expectHtmlFits(htmlPage, guide.outputs.html!));

  it('HTML: holds each image once', () => expectImagesOnce(guide.outputs.html!));
});

describe("the guide's HTML edition, for keyboards, screen readers and the night", () => {
  let tree: Root;
  beforeAll(async () => {
    tree = fromHtml(await readFile(guide.outputs.html!, 'utf8'));
  });

  it('puts the book in one main, after a link that skips to where the body matter starts', () => {
    const body = select('body', tree)!;
    const [skip, main, ...rest] = body.children.filter((c): c is HastElement => c.type === 'element');
    expect(rest).toEqual([]);
    expect(skip!.properties).toMatchObject({ className: ['skip-link'], href: '#part-1' });
    expect(toString(skip!)).toBe('Skip to the text');
    expect(main!.tagName).toBe('main');
    expect(select('main > section#titlepage + section', tree)).not.toBeNull();
    expect(select('main > section#part-1.part', tree)).not.toBeNull();
  });

  it('names each code block, table and note section a keyboard reaches, each name once', () => {
    const regions = selectAll('[role=region]', tree);
    const pres = selectAll('pre', tree);
    expect(pres.length).toBeGreaterThan(10);
    for (const pre of pres) expect(pre.properties).toMatchObject({ tabIndex: 0, role: 'region' });
    const tables = selectAll('table', tree);
    expect(tables.length).toBeGreaterThan(3);
    expect(selectAll('div.table-scroll[role=region][tabindex="0"] > table', tree)).toHaveLength(tables.length);
    const labels = regions.map((r) => String(r.properties.ariaLabel));
    expect(labels).toContain('Code: yaml');
    expect(labels).toContain('Code: yaml (2)');
    expect(labels).toContain('Code');
    expect(labels.filter((l) => l.startsWith('Table'))).toHaveLength(tables.length);
    const notes = selectAll('section.footnotes', tree).map((n) => String(n.properties.ariaLabel));
    expect(notes).toContain('Footnotes to Notes, Tables, Code and Mathematics');
    const all = [...labels, ...notes];
    expect(all.length).toBe(new Set(all).size);
  });

  it('keeps text, links and code readable in the light scheme and the dark one', async () => {
    expect(select('meta[name=color-scheme]', tree)!.properties.content).toBe('light dark');
    const page = htmlPage;
    try {
      for (const scheme of ['light', 'dark']) {
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
        await page.goto(pathToFileURL(guide.outputs.html!).href);
        const colours = await page.evaluate(() => ({
          body: getComputedStyle(document.body).backgroundColor,
          keyword: getComputedStyle(document.querySelector('pre .pl-k')!).color,
        }));
        expect(colours, scheme).toEqual(
          scheme === 'dark'
            ? { body: 'rgb(28, 27, 25)', keyword: 'rgb(255, 123, 114)' }
            : { body: 'rgb(253, 252, 248)', keyword: 'rgb(139, 16, 16)' },
        );
        const contrast = { runOnly: { type: 'rule', values: ['color-contrast'] } };
        expect(
          await axeViolations(page, contrast, ['pre', '.contents', '.table-scroll', '.footnotes']),
          scheme,
        ).toEqual([]);
      }
    } finally {
      await page.emulateMediaFeatures();
    }
  });

  it("gives the EPUB's code GitHub's dark colours in a dark scheme", async () => {
    const page = epubPage;
    try {
      const chapter = path.join(guideEpubDir, 'OEBPS', 'ch-8.xhtml');
      const keyword = () => page.evaluate(() => getComputedStyle(document.querySelector('pre .pl-k')!).color);
      await page.goto(pathToFileURL(chapter).href);
      expect(await keyword()).toBe('rgb(139, 16, 16)');
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
      expect(await keyword()).toBe('rgb(255, 123, 114)');
    } finally {
      await page.emulateMediaFeatures();
    }
  });
});

describe('an image the HTML page shows twice', () => {
  let html: string;
  let file: string;
  beforeAll(async () => {
    const dir = await tempBook(
      {
        'book.yaml': 'title: T\ncreator: A\nlanguage: en\nlicence: CC0-1.0\n',
        'a.md': '# A\n\nText.\n\nMore text.\n\n![A red band](band.png)\n',
        'b.md': '# B\n\nThe same band again: ![A red band](band.png)\n\n![](band.png)\n',
        'band.png': solidPng(800, 200, [200, 30, 30]),
      },
      'octavo-narrow-image-',
    );
    const result = await build({ input: dir, outDir: path.join(dir, 'dist'), formats: ['html'] });
    file = result.outputs.html!;
    html = await readFile(file, 'utf8');
  });
  afterAll(removeTempBooks);

  it('holds its data once, and names it in each place', () => {
    expect(html.match(/data:image\/png;base64,/g)).toHaveLength(1);
    const tree = fromHtml(html);
    const svgs = selectAll('svg.shared-image', tree);
    expect(svgs.map((svg) => [svg.properties.role, svg.properties.ariaLabel, svg.properties.ariaHidden])).toEqual([
      ['img', 'A red band', undefined],
      ['img', 'A red band', undefined],
      // An empty alt: decorative, hidden from screen readers as such an img is.
      [undefined, undefined, 'true'],
    ]);
    const id = select('svg.shared-image image', tree)!.properties.id;
    expect(selectAll('svg.shared-image use', tree).map((u) => u.properties.href)).toEqual([`#${id}`, `#${id}`]);
    expect(selectAll('img', tree)).toEqual([]);
  });

  it('draws it in each place, as wide as the column at most, in its proportions and colours', async () => {
    const page = htmlPage;
    await page.goto(pathToFileURL(file).href);
    const svgs = await page.$$('svg.shared-image');
    expect(svgs).toHaveLength(3);
    for (const svg of svgs) {
      const box = (await svg.boundingBox())!;
      expect(box.width).toBeLessThanOrEqual(HTML_WIDTH);
      expect(box.width / box.height).toBeCloseTo(4, 1);
      const shot = await svg.screenshot({ encoding: 'base64' });
      const centre = await page.evaluate(async (png) => {
        const img = new Image();
        img.src = `data:image/png;base64,${png}`;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.width;
        canvas.height = img.height;
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        return [...ctx.getImageData(img.width >> 1, img.height >> 1, 1, 1).data.slice(0, 3)];
      }, shot);
      expect(centre).toEqual([200, 30, 30]);
    }
  });
});
