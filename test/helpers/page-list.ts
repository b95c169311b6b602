/**
 * The EPUB's print page numbers against the PDF they come from: for every
 * entry of the EPUB's page list, the text after its page-break marker must be
 * the first text of that page of the PDF (its text area, without running head
 * or folio), read with pdftotext. Used on the sample, the guide and the shared
 * books (sample, guide and shared-books tests).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Element, Root } from 'hast';
import { selectAll } from 'hast-util-select';
import { expect } from 'vitest';
import type { BookConfig } from '../../src/config/config.js';
import { stringsFor } from '../../src/i18n/strings.js';
import { parseXml, xmlToHast } from '../../src/licence/read/xml.js';
import { toRoman } from '../../src/util/roman.js';
import { unzip, zipText } from './tools.js';

const run = promisify(execFile);
const MM = 72 / 25.4;

/**
 * The text of every page's text area, as pdftotext reads it (in logical order,
 * right to left too): cropped below the running head (a big heading's first
 * line reaches a little above the top margin) and above the folio.
 */
export async function pagesText(pdf: string, pdfConfig: BookConfig['pdf']): Promise<string[]> {
  const { top, bottom } = pdfConfig.margins;
  const { width, height } = pdfConfig.trim;
  const y = Math.round(top * MM - 10);
  const area = ['-x', '0', '-y', String(y), '-W', String(Math.round(width * MM)), '-H'];
  area.push(String(Math.round((height - bottom) * MM) - y));
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', ...area, pdf, '-'], { maxBuffer: 256 << 20 });
  // Each page ends with a form feed.
  return stdout.split('\f').slice(0, -1);
}

/** The PDF's page labels as qpdf reads them: label → 0-based page index. */
async function labelIndexes(pdf: string, pageCount: number): Promise<Map<string, number>> {
  const { stdout } = await run('qpdf', ['--json', '--json-key=pagelabels', pdf]);
  const ranges = (JSON.parse(stdout) as { pagelabels: { index: number; label: Record<string, unknown> }[] }).pagelabels;
  const map = new Map<string, number>();
  for (let i = 0; i < pageCount; i++) {
    const range = ranges.filter((r) => r.index <= i).at(-1);
    if (!range) continue;
    const n = Number(range.label['/St'] ?? 1) + i - range.index;
    map.set(range.label['/S'] === '/r' ? toRoman(n) : String(n), i);
  }
  return map;
}

/**
 * Letters and digits only, lower case: what both editions must agree on, whatever their spacing,
 * quotes and hyphens. pdftotext writes the lam-alef ligature (لا) as alef before lam: both sides
 * are written so.
 */
const key = (text: string) =>
  text
    .normalize('NFKC')
    .replace(/\u00AD/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '')
    .replace(/ل([اأإآ])/g, '$1ل');

/** The text of a document before and after the element with `id`, in document order. */
function around(tree: Root, id: string): { before: string; after: string } {
  let found = false;
  let before = '';
  let after = '';
  const walk = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type === 'text') {
        if (found) after += child.value;
        else before += child.value;
      } else if (child.type === 'element') {
        if (child.properties.id === id) found = true;
        // Only the body's text: the title in the head is not on the page.
        if (child.tagName !== 'head') walk(child);
      }
    }
  };
  walk(tree);
  return { before, after };
}

export interface PageListCheck {
  /** Entries in the EPUB's page list. */
  entries: number;
  /** PDF pages. */
  pages: number;
}

/**
 * Checks the page list of `epub` against `pdf`, built together from a book
 * with `config`. Returns the counts, for the test to say what it saw.
 */
export async function expectPageListMatchesPdf(
  epub: string,
  pdf: string,
  config: Pick<BookConfig, 'pdf' | 'language' | 'dir'>,
): Promise<PageListCheck> {
  const zip = await unzip(epub);
  // Read as the XML it is (an HTML parser would let an empty `<span/>` hold all that follows).
  const parse = async (name: string) => xmlToHast(parseXml(await zipText(zip, `OEBPS/${name}`)));
  const pageList = selectAll('nav', await parse('toc.xhtml')).find((n) => n.properties['epub:type'] === 'page-list');
  const links = pageList ? selectAll('a', pageList) : [];
  expect(links.length, 'page-list entries').toBeGreaterThan(0);
  const pages = await pagesText(pdf, config.pdf);
  const indexes = await labelIndexes(pdf, pages.length);
  // A printed note says on which page its mark is ("p. 12"): the EPUB's pop-up notes do not.
  const notePage = new RegExp(`${stringsFor(config.language).page.replace('.', '\\.')}\\s*[\\divxlc]+`, 'g');
  const trees = new Map<string, Root>();
  const failures: string[] = [];
  for (const link of links) {
    const href = String(link.properties.href);
    const folio = (link.children[0] as { value?: string }).value ?? '';
    const [file, id] = href.split('#') as [string, string];
    if (!trees.has(file)) trees.set(file, await parse(file));
    const tree = trees.get(file)!;
    const marker = selectAll(`[id="${id}"]`, tree)[0];
    expect(marker?.properties.role, href).toBe('doc-pagebreak');
    expect(marker?.properties.ariaLabel, href).toBe(folio);
    const index = indexes.get(folio);
    expect(index, `page labelled ${folio}`).toBeDefined();
    const pdfText = printedText(pages[index!]!, notePage);
    const { after } = around(tree, id);
    if (
      !startMatches(pdfText, after) &&
      !(config.dir === 'rtl' && sameLines(pages[index!]!.replace(notePage, ''), after))
    )
      failures.push(
        `page ${folio} (${index! + 1}): PDF "${key(pdfText).slice(0, 40)}", EPUB "${key(after).slice(0, 40)}"`,
      );
  }
  expect(failures).toEqual([]);
  return { entries: links.length, pages: pages.length };
}

/** What only the print shows: the page of a note's mark ("p. 12"), a link's address after its text. */
function printedText(text: string, notePage: RegExp): string {
  return text.replace(notePage, '').replace(/\((?:https?:\/\/|mailto:)[^)]*\)|\([^()\s@]+@[^()\s]+\)/g, '');
}

/** The page's text, as pdftotext reads it, is the start of the text after the marker. */
function startMatches(pageText: string, after: string): boolean {
  const tokens = pageText.split(/\s+/).map(key).filter(Boolean);
  const pdfText = tokens.join('');
  const epubText = key(after);
  // A page of pictures alone, and the marker after the last text of its document.
  if (!pdfText) return !epubText;
  const firstWord = tokens[0]!;
  const length = Math.min(20, pdfText.length);
  // A word broken over the page (hyphenated, or a long one in code) belongs to the page it ends on:
  // the marker is before it, and the page begins with its end.
  const wordAfter = key(after.trimStart().split(/\s+/)[0] ?? '');
  const broken = wordAfter.length > firstWord.length && wordAfter.endsWith(firstWord);
  const starts = [
    pdfText,
    ...(broken ? [wordAfter + pdfText.slice(firstWord.length)] : []),
    // The number of an ordered list's item is drawn by CSS, not in the text.
    pdfText.replace(/^\d+/, ''),
  ].filter(Boolean);
  if (starts.some((s) => epubText.startsWith(s.slice(0, length)))) return true;
  // Chromium writes a ligature (fi, Th) into the text layer as its first letter only ("Te better"):
  // the page's first letters, some left out, in the same order, the first one the same.
  if (starts.some((s) => s[0] === epubText[0] && isSubsequence(s.slice(0, length), epubText.slice(0, length + 8))))
    return true;
  // In a table pdftotext reads a cell's second line before the next cell: then the page's first
  // word must come first, and the words after it soon after.
  return (
    starts.some((s) => epubText.startsWith(s.slice(0, Math.min(s.length, firstWord.length)))) &&
    tokens
      .slice(1, 8)
      .filter((w) => w.length >= 3)
      .every((w) => epubText.slice(0, 400).includes(w.slice(0, 6)))
  );
}

/**
 * Right to left, pdftotext puts the words of a line that mixes directions in an order of its own
 * ("windows powershell و در هنگام …" for "نکته در ویندوز 10 و در هنگام … windows powershell"): then
 * the page's first two lines must hold the letters that come next after the marker, in any order.
 * Digits are left out: an ordered list's numbers are drawn by CSS, not in the text.
 */
function sameLines(pageText: string, after: string): boolean {
  // Without addresses: the print's link addresses after their text are read with their brackets turned.
  const letters = (text: string) =>
    key(text.replace(/(?:https?:\/\/|mailto:)[^\s()\u200E\u200F\u202A-\u202E\u2066-\u2069]+/g, '')).replace(
      /\p{N}/gu,
      '',
    );
  // Together: a short piece of a line (a word after a ZWNJ in code) may be read as a line of its own.
  const lines = pageText.split('\n').map(letters).filter(Boolean).slice(0, 2).join('');
  const sorted = (text: string) => [...text].sort().join('');
  return lines.length > 0 && sorted(lines) === sorted(letters(after).slice(0, lines.length));
}

/** Whether the letters of `short` appear in `long` in the same order. */
function isSubsequence(short: string, long: string): boolean {
  let j = 0;
  for (const c of short) {
    j = long.indexOf(c, j);
    if (j < 0) return false;
    j++;
  }
  return true;
}
