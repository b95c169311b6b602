/**
 * Nothing wider than a phone: the guide and the six shared books, built to
 * EPUB and HTML, opened in Chromium, every XHTML document of the unzipped
 * EPUB (with the EPUB's own style sheet) at 340 px and the HTML edition at
 * 375 px; neither scrolls sideways. What may be wider sits in a scroll
 * container of its own (a table, a code block or an equation in the HTML
 * edition), which scrolls instead of the page. When a page is too wide the
 * failure names the elements that stick out.
 *
 * The HTML edition is checked by axe too (the copy DAISY Ace ships) for the
 * rules this layout is responsible for: one main landmark, a way to bypass
 * the contents, focusable scroll regions, no id twice.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
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
import { solidPng } from '../helpers/png.js';
import { SHARED_BOOKS, sharedBooksDir, sharedBooksPresent, writeSharedBookConfig } from '../helpers/shared-books.js';
import { repoRoot, unzip } from '../helpers/tools.js';

const EPUB_WIDTH = 340;
const HTML_WIDTH = 375;
const AXE = createRequire(import.meta.url).resolve('@daisy/axe-core-for-ace/axe.min.js');
/** The axe rules the HTML edition's layout and landmarks answer for (color-contrast, the slow one, is run on the guide only). */
const AXE_RULES = [
  'scrollable-region-focusable',
  'landmark-one-main',
  'landmark-no-duplicate-main',
  'landmark-main-is-top-level',
  'landmark-unique',
  'region',
  'bypass',
  'skip-link',
  'duplicate-id',
  'duplicate-id-aria',
  'image-alt',
  'svg-img-alt',
  'role-img-alt',
  'aria-allowed-attr',
  'aria-allowed-role',
  'aria-prohibited-attr',
];

if (!sharedBooksPresent) console.warn(`narrow-screens: ${sharedBooksDir} not found; only the guide is checked.`);
const SOURCES = ['guide', ...(sharedBooksPresent ? SHARED_BOOKS : [])];

interface Overflow {
  width: number;
  scrollWidth: number;
  /** The innermost elements that reach past either edge, outside any scroll container. */
  offenders: string[];
}

/** Runs in the page: the document's width against the viewport's, and what sticks out. */
function measureOverflow(): Overflow {
  const width = window.innerWidth;
  const scrollWidth = document.documentElement.scrollWidth;
  if (scrollWidth <= width) return { width, scrollWidth, offenders: [] };
  // Inside a box that scrolls or clips, an element is no wider than that box for the page.
  const contained = (el: Element): boolean => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement)
      if (getComputedStyle(up).overflowX !== 'visible') return true;
    return false;
  };
  // Past an edge itself, or holding text that runs past its own edge (a word too long for its line).
  const sticksOut = (el: Element): boolean => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return false;
    if (r.right > width + 0.5 || r.left < -0.5) return true;
    if (el.scrollWidth <= el.clientWidth + 1 || getComputedStyle(el).overflowX !== 'visible') return false;
    return r.left + el.scrollWidth > width + 0.5 || r.right - el.scrollWidth < -0.5;
  };
  const wide = [...document.body.querySelectorAll('*')].filter((el) => sticksOut(el) && !contained(el));
  const innermost = wide.filter((el) => !wide.some((other) => other !== el && el.contains(other)));
  const describe = (el: Element): string => {
    const names: string[] = [];
    for (let e: Element | null = el; e && e !== document.body; e = e.parentElement) {
      const cls = e.getAttribute('class');
      names.unshift(e.tagName.toLowerCase() + (e.id ? `#${e.id}` : '') + (cls ? `.${cls.split(/\s+/).join('.')}` : ''));
    }
    const r = el.getBoundingClientRect();
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
    return `${names.slice(-4).join(' > ')} [${Math.round(r.left)}..${Math.round(r.right)}] "${text}"`;
  };
  return { width, scrollWidth, offenders: innermost.slice(0, 10).map(describe) };
}

let browser: Browser;
/** One tab per width, reused by every test: a page load is cheap, a new tab less so. */
let epubPage: Page;
let htmlPage: Page;
let work: string;
const built = new Map<string, { result: BuildResult; epubDir: string }>();

beforeAll(async () => {
  browser = await sharedBrowser();
  work = await mkdtemp(path.join(os.tmpdir(), 'octavo-narrow-'));
  // All books at once: the builds overlap their file and Chromium-free work.
  await Promise.all(
    SOURCES.map(async (name) => {
      const options =
        name === 'guide'
          ? { input: path.join(repoRoot, 'examples', 'guide') }
          : { input: path.join(sharedBooksDir, name), configFile: await writeSharedBookConfig(name, work) };
      const result = await build({ ...options, outDir: path.join(work, name), formats: ['epub', 'html'] });
      const epubDir = path.join(work, name, 'epub');
      const zip = await unzip(result.outputs.epub!);
      for (const [file, entry] of Object.entries(zip.files)) {
        if (entry.dir) continue;
        await mkdir(path.dirname(path.join(epubDir, file)), { recursive: true });
        await writeFile(path.join(epubDir, file), await entry.async('nodebuffer'));
      }
      built.set(name, { result, epubDir });
    }),
  );
  epubPage = await open(EPUB_WIDTH);
  htmlPage = await open(HTML_WIDTH);
}, 300_000);

afterAll(async () => {
  await epubPage?.close();
  await htmlPage?.close();
  await browser?.disconnect();
  if (work) await rm(work, { recursive: true, force: true });
});

async function open(width: number): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width, height: 700 });
  return page;
}

/** Loads a file and measures it once its fonts are in (they change widths). */
async function overflowOf(page: Page, file: string): Promise<Overflow> {
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return page.evaluate(measureOverflow);
}

describe.each(SOURCES)('%s on a narrow screen', (name) => {
  it(`EPUB: no document is wider than ${EPUB_WIDTH} px`, async () => {
    const { epubDir } = built.get(name)!;
    const dir = path.join(epubDir, 'OEBPS');
    const docs = (await readdir(dir)).filter((f) => f.endsWith('.xhtml')).sort();
    expect(docs.length).toBeGreaterThan(2);
    const wide: Record<string, Overflow> = {};
    for (const doc of docs) {
      const o = await overflowOf(epubPage, path.join(dir, doc));
      expect(o.width).toBe(EPUB_WIDTH);
      if (o.scrollWidth > o.width) wide[doc] = o;
    }
    expect(wide).toEqual({});
  });

  it(`HTML: the page is no wider than ${HTML_WIDTH} px, and passes axe's rules for landmarks and scrolling`, async () => {
    const { result } = built.get(name)!;
    const o = await overflowOf(htmlPage, result.outputs.html!);
    expect(o.width).toBe(HTML_WIDTH);
    expect(o.offenders, `scrollWidth ${o.scrollWidth}`).toEqual([]);
    expect(o.scrollWidth).toBeLessThanOrEqual(o.width);
    expect(await axeViolations(htmlPage, { runOnly: { type: 'rule', values: AXE_RULES } })).toEqual([]);
  });

  it('HTML: holds each image once', async () => {
    const html = await readFile(built.get(name)!.result.outputs.html!, 'utf8');
    const uris = [...html.matchAll(/"(data:image\/[^"]+)"/g)].map((m) => m[1]!);
    expect(uris.length).toBe(new Set(uris).size);
  });
});

describe("the guide's HTML edition, for keyboards, screen readers and the night", () => {
  let tree: Root;
  beforeAll(async () => {
    tree = fromHtml(await readFile(built.get('guide')!.result.outputs.html!, 'utf8'));
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
        await page.goto(pathToFileURL(built.get('guide')!.result.outputs.html!).href);
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
      const chapter = path.join(built.get('guide')!.epubDir, 'OEBPS', 'ch-8.xhtml');
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

interface AxeFinding {
  id: string;
  nodes: number;
  first?: string;
}

/** Runs the axe that DAISY Ace ships in the page loaded; its violations, briefly. */
async function axeViolations(page: Page, options: object, include?: string[]): Promise<AxeFinding[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(
    async (opts, within) => {
      // axe is a global of the script just added: its types are not this test's.
      const axe = (window as unknown as { axe: { run: (ctx: unknown, o: object) => Promise<AxeResults> } }).axe;
      const r = await axe.run(within ? { include: within.map((sel) => [sel]) } : document, {
        ...opts,
        resultTypes: ['violations'],
      });
      return r.violations.map((v) => ({
        id: v.id,
        nodes: v.nodes.length,
        first: `${v.nodes[0]?.html.slice(0, 120)} ${v.nodes[0]?.any[0]?.message ?? ''}`,
      }));
    },
    options,
    include,
  );
}

interface AxeResults {
  violations: { id: string; nodes: { html: string; any: { message: string }[] }[] }[];
}
