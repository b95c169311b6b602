/**
 * The PDF's text layer holds the words as written: no soft hyphen (U+00AD)
 * from build-time hyphenation anywhere, a word broken at a line's end read as
 * its two halves with a hyphen (as LaTeX's PDFs read), and every paragraph of
 * the HTML edition found again, read by pdftotext and by pdf.js (what PDF
 * viewers search with). On the sample and the guide.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuildResult, build } from '../../src/build.js';
import { sharedBrowser } from '../helpers/browser.js';
import { pagesText } from '../helpers/page-list.js';
import { pdftotext, repoRoot } from '../helpers/tools.js';

let browser: Browser;
let work: string;
beforeAll(async () => {
  browser = await sharedBrowser();
  work = await mkdtemp(path.join(os.tmpdir(), 'octavo-text-layer-'));
});
afterAll(async () => {
  await browser?.disconnect();
  await rm(work, { recursive: true, force: true });
});

/** Letters and digits only: what the two editions must agree on, whatever their spacing, quotes and hyphens. */
const key = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * The text of the HTML edition's paragraphs in its chapters, soft hyphens and all: the PDF has
 * them word for word, but for what only a screen shows (a note's back link) and what the two
 * editions draw differently (mathematics; right-to-left lines, whose words pdftotext reorders).
 */
async function htmlParagraphs(html: string): Promise<string[]> {
  const tree = fromHtml(await readFile(html, 'utf8'));
  for (const back of selectAll('a[role="doc-backlink"]', tree)) back.children = [];
  return selectAll('section.chapter p', tree)
    .filter((p) => !selectAll('math', p).length && !/[\u0590-\u08FF]/.test(toString(p)))
    .map((p) => toString(p));
}

/** The print's text without what only paper needs: a link's address after its text, a note's page ("p. 12"). */
const paperOnly = (text: string) =>
  text.replace(/\((?:https?:\/\/|mailto:)[^)]*\)/g, '').replace(/\bp\.\s*[\divxlc]+\b/g, '');

/** Every page's text with pdf.js, the engine of Firefox's and many other viewers, as its find bar joins it. */
async function pdfjsPages(pdf: string): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(await readFile(pdf)), verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    let text = '';
    for (const item of content.items) if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
    pages.push(text);
  }
  await doc.destroy();
  return pages;
}

/** The text of every paragraph (P) of the PDF's structure tree, page by page, as pdf.js reads the tags. */
async function taggedParagraphs(pdf: string): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(await readFile(pdf)), verbosity: 0 }).promise;
  const paragraphs: string[] = [];
  interface Node {
    role?: string;
    type?: string;
    id?: string;
    children?: Node[];
  }
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    // The text of each marked-content id, which the structure tree's leaves point at.
    const byId = new Map<string, string>();
    const open: (string | null)[] = [];
    for (const item of (await page.getTextContent({ includeMarkedContent: true })).items) {
      if ('type' in item) {
        if (item.type === 'endMarkedContent') open.pop();
        else open.push(item.id ?? null);
        continue;
      }
      const id = [...open].reverse().find((i): i is string => i !== null);
      if (id) byId.set(id, (byId.get(id) ?? '') + item.str + (item.hasEOL ? '\n' : ''));
    }
    const text = (node: Node): string =>
      node.type === 'content' ? (byId.get(node.id ?? '') ?? '') : (node.children ?? []).map(text).join('');
    const walk = (node: Node) => {
      if (node.role === 'P') paragraphs.push(text(node));
      else for (const child of node.children ?? []) walk(child);
    };
    const tree = (await page.getStructTree()) as Node | null;
    if (tree) walk(tree);
  }
  await doc.destroy();
  return paragraphs;
}

/** A word broken at a line's end ("Khati-" / "ib") read whole again, as viewers' search does. */
const joinBroken = (text: string) => text.replace(/(\p{L})-\n(\p{L})/gu, '$1$2');

describe.each([
  ['the sample', path.join(repoRoot, 'manuscript')],
  ['the guide', path.join(repoRoot, 'examples', 'guide')],
])('%s', (name, input) => {
  let result: BuildResult;
  let pdfText: string;
  beforeAll(async () => {
    result = await build({ input, outDir: path.join(work, name), browser, formats: ['pdf', 'html'] });
    pdfText = await pdftotext(result.outputs.pdf!);
  });

  it('has no soft hyphen in its text layer, and a word broken at a line end reads as its halves with a hyphen', async () => {
    expect(pdfText).not.toContain('\u00AD');
    // The build did hyphenate: laid out, lines end in a hyphen where it broke a word (pdftotext's
    // plain text joins such a word again, as it does in LaTeX's PDFs).
    const laidOut = await pdftotext(result.outputs.pdf!, { layout: true });
    expect(laidOut).not.toContain('\u00AD');
    expect(laidOut.match(/\p{Ll}-\n/gu)?.length ?? 0).toBeGreaterThan(name === 'the sample' ? 10 : 30);
  });

  it('holds every paragraph of the HTML edition, word for word (pdftotext)', async () => {
    // The text area of each page, without running heads and folios, pages one after another.
    const body = (await pagesText(result.outputs.pdf!, result.book.config.pdf)).join('\n');
    const printed = key(paperOnly(body));
    const missing = (await htmlParagraphs(result.outputs.html!)).filter((p) => !printed.includes(key(p)));
    // Where each missing paragraph stops matching, to say what differs.
    const at = (p: string) => {
      const k = key(p);
      let n = 0;
      while (n < k.length && printed.includes(k.slice(0, n + 1))) n++;
      return `${k.slice(Math.max(0, n - 30), n)}|${k.slice(n, n + 30)}`;
    };
    expect(missing.map(at)).toEqual([]);
  });

  it("holds every paragraph of the HTML edition in the PDF's tagged paragraphs (what a screen reader reads)", async () => {
    const tagged = await taggedParagraphs(result.outputs.pdf!);
    // No soft hyphen, and no ligature read as U+0000 (Chromium leaves ligature glyphs unmapped: ligature-text.ts).
    const all = tagged.join('\n');
    const nul = String.fromCharCode(0);
    const odd = all.split('\n').filter((line) => /[\u00AD\uFFFD]/u.test(line) || line.includes(nul));
    expect(odd).toEqual([]);
    // A paragraph may be cut by a page: its parts are tagged one after the other.
    const printed = key(paperOnly(tagged.map(joinBroken).join('\n')));
    const missing = (await htmlParagraphs(result.outputs.html!)).filter((p) => !printed.includes(key(p)));
    expect(missing.map((p) => p.slice(0, 80))).toEqual([]);
  });

  it('finds every occurrence of the ten longest words with pdf.js, as a viewer searches', async () => {
    const html = (await htmlParagraphs(result.outputs.html!)).join('\n').replace(/\u00AD/g, '');
    const words = [...new Set(html.match(/\p{L}{8,}/gu) ?? [])].sort((a, b) => b.length - a.length).slice(0, 10);
    expect(words).toHaveLength(10);
    const pages = (await pdfjsPages(result.outputs.pdf!)).map(joinBroken).join('\n');
    expect(pages).not.toContain('\u00AD');
    const count = (text: string, word: string) => text.split(word).length - 1;
    for (const word of words) expect(count(pages, word), word).toBeGreaterThanOrEqual(count(html, word));
  });
});
