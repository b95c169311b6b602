/**
 * Nothing wider than a phone: every XHTML document of an unzipped EPUB (with
 * the EPUB's own style sheet) at 340 px and the HTML edition at 375 px, in the
 * run's Chromium; neither scrolls sideways. What may be wider sits in a
 * scroll container of its own (a table, a code block or an equation in the
 * HTML edition), which scrolls instead of the page. When a page is too wide
 * the failure names the elements that stick out.
 *
 * The HTML edition is checked by axe too (the copy DAISY Ace ships) for the
 * rules this layout is responsible for: one main landmark, a way to bypass
 * the contents, focusable scroll regions, no id twice.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer';
import { expect } from 'vitest';
import { unzip } from './tools.js';

export const EPUB_WIDTH = 340;
export const HTML_WIDTH = 375;
const AXE = createRequire(import.meta.url).resolve('@daisy/axe-core-for-ace/axe.min.js');
/** The axe rules the HTML edition's layout and landmarks answer for (color-contrast, the slow one, is run on the guide only). */
export const AXE_RULES = [
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

export interface Overflow {
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

/** A tab of the given width; tests reuse it: a page load is cheap, a new tab less so. */
export async function openPage(browser: Browser, width: number): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width, height: 700 });
  return page;
}

/** Unzips an EPUB into `dir`, so Chromium can open its documents as files. */
export async function unzipTo(epub: string, dir: string): Promise<void> {
  const zip = await unzip(epub);
  for (const [file, entry] of Object.entries(zip.files)) {
    if (entry.dir) continue;
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), await entry.async('nodebuffer'));
  }
}

/** Loads a file and measures it once its fonts are in (they change widths). */
async function overflowOf(page: Page, file: string): Promise<Overflow> {
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return page.evaluate(measureOverflow);
}

/** Every XHTML document of the unzipped EPUB in `epubDir` fits the page, an `EPUB_WIDTH` tab. */
export async function expectEpubFits(page: Page, epubDir: string): Promise<void> {
  const dir = path.join(epubDir, 'OEBPS');
  const docs = (await readdir(dir)).filter((f) => f.endsWith('.xhtml')).sort();
  expect(docs.length).toBeGreaterThan(2);
  const wide: Record<string, Overflow> = {};
  for (const doc of docs) {
    const o = await overflowOf(page, path.join(dir, doc));
    expect(o.width).toBe(EPUB_WIDTH);
    if (o.scrollWidth > o.width) wide[doc] = o;
  }
  expect(wide).toEqual({});
}

/** The HTML edition fits the page, an `HTML_WIDTH` tab, and passes `AXE_RULES`. */
export async function expectHtmlFits(page: Page, html: string): Promise<void> {
  const o = await overflowOf(page, html);
  expect(o.width).toBe(HTML_WIDTH);
  expect(o.offenders, `scrollWidth ${o.scrollWidth}`).toEqual([]);
  expect(o.scrollWidth).toBeLessThanOrEqual(o.width);
  expect(await axeViolations(page, { runOnly: { type: 'rule', values: AXE_RULES } })).toEqual([]);
}

/** The HTML edition holds each image's data once. */
export async function expectImagesOnce(html: string): Promise<void> {
  const text = await readFile(html, 'utf8');
  const uris = [...text.matchAll(/"(data:image\/[^"]+)"/g)].map((m) => m[1]!);
  expect(uris.length).toBe(new Set(uris).size);
}

export interface AxeFinding {
  id: string;
  nodes: number;
  first?: string;
}

interface AxeResults {
  violations: { id: string; nodes: { html: string; any: { message: string }[] }[] }[];
}

/** Runs the axe that DAISY Ace ships in the page loaded; its violations, briefly. */
export async function axeViolations(page: Page, options: object, include?: string[]): Promise<AxeFinding[]> {
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
