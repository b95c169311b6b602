/**
 * The sample book, built for real into a temporary folder and opened again:
 * the EPUB unzipped and run through EPUBCheck, the PDF read with poppler and
 * pdf-lib, the HTML parsed.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import type JSZip from 'jszip';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString } from 'pdf-lib';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuildResult, build } from '../../src/build.js';
import { parseXml, xmlToHast } from '../../src/licence/read/xml.js';
import { CollectingReporter } from '../../src/reporter.js';
import { sharedBrowser } from '../helpers/browser.js';
import { expectPageListMatchesPdf } from '../helpers/page-list.js';
import {
  epubcheck,
  LICENCE_SENTENCE,
  normalise,
  pdfinfo,
  pdfinfoMeta,
  pdftotext,
  repoRoot,
  seedArticle,
  straightQuotes,
  unzip,
  zipText,
} from '../helpers/tools.js';

let browser: Browser;
let outDir: string;
let result: BuildResult;
let article: string;
const reporter = new CollectingReporter();

beforeAll(async () => {
  browser = await sharedBrowser();
  outDir = await mkdtemp(path.join(os.tmpdir(), 'octavo-sample-'));
  result = await build({ input: path.join(repoRoot, 'manuscript'), outDir, browser, reporter });
  article = await seedArticle();
});

afterAll(async () => {
  await browser?.disconnect();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

function textOf(html: string, selector: string): string {
  const node = select(selector, fromHtml(html));
  if (!node) throw new Error(`no ${selector}`);
  return normalise(toString(node));
}

/** The chapter's body text, its heading left out. */
function chapterBody(html: string): string {
  // XHTML as XML: the page-break markers are empty `<span/>`s, which an HTML parser would leave open.
  const tree = html.startsWith('<?xml') ? xmlToHast(parseXml(html)) : fromHtml(html);
  const section = select('section.chapter', tree);
  if (!section) throw new Error('no chapter section');
  section.children = section.children.filter((c) => !(c.type === 'element' && c.tagName === 'h1'));
  // Typography curls the quotes; compare words and punctuation otherwise exactly.
  return straightQuotes(normalise(toString(section)));
}

describe('the build', () => {
  it('writes the three files into the output folder, named after the title', () => {
    expect(Object.keys(result.outputs).sort()).toEqual(['epub', 'html', 'pdf']);
    for (const file of Object.values(result.outputs)) expect(path.dirname(file!)).toBe(outDir);
    expect(path.basename(result.outputs.epub!)).toBe('assads-visit-to-tehran.epub');
  });

  it('reports no warnings or errors on the sample, and times each step', () => {
    expect(result.diagnostics).toEqual([]);
    // The EPUB waits for the PDF's page numbers (its page list).
    expect(reporter.steps.map((s) => s.name)).toEqual(['load', 'transform', 'html', 'pdf', 'epub', 'write']);
  });
});

describe('EPUB', () => {
  let zip: JSZip;
  let opf: string;
  beforeAll(async () => {
    zip = await unzip(result.outputs.epub!);
    opf = await zipText(zip, 'OEBPS/content.opf');
  });

  it('passes EPUBCheck with 0 errors and 0 warnings', async () => {
    const check = await epubcheck(result.outputs.epub!);
    expect(check.output).toContain('No errors or warnings detected');
    expect([check.fatals, check.errors, check.warnings]).toEqual([0, 0, 0]);
  });

  it('stores mimetype first and uncompressed', async () => {
    const bytes = await readFile(result.outputs.epub!);
    expect(bytes.subarray(30, 38).toString('latin1')).toBe('mimetype');
    expect(bytes.readUInt16LE(8)).toBe(0); // compression method: stored
    expect(await zipText(zip, 'mimetype')).toBe('application/epub+zip');
  });

  it('carries the metadata of book.yaml in the OPF', () => {
    expect(opf).toContain(`<dc:title id="title">Assad's Visit to Tehran</dc:title>`);
    expect(opf).toContain('<dc:creator id="creator-1">Mehr News Agency</dc:creator>');
    expect(opf).toContain('<dc:language>en</dc:language>');
    expect(opf).toMatch(/<dc:identifier id="pub-id">urn:uuid:[0-9a-f-]{36}<\/dc:identifier>/);
    expect(opf).toMatch(/<meta property="dcterms:modified">\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<\/meta>/);
    expect(opf).toMatch(/<dc:description>\S[^<]*<\/dc:description>/);
    expect(opf).toContain('<dc:source>A news article by Mehr News Agency');
    expect(opf).toContain('<meta property="dcterms:license">https://creativecommons.org/licenses/by/4.0/</meta>');
    expect(opf).toContain('properties="cover-image"');
    expect(opf).toContain('properties="nav"');
  });

  it('has rights from the licence, never "All rights reserved" or a copyright year it made up', () => {
    const rights = /<dc:rights>([^<]*)<\/dc:rights>/.exec(opf)?.[1] ?? '';
    expect(rights).toContain('Creative Commons Attribution 4.0 International');
    expect(rights).toContain(LICENCE_SENTENCE);
    expect(opf).not.toMatch(/all rights reserved/i);
    expect(opf).not.toMatch(/Copyright ©/);
    expect(opf).not.toContain('<dc:date>'); // the seed states no date; none is invented
  });

  it('keeps the identifier stable across builds', async () => {
    const again = await mkdtemp(path.join(os.tmpdir(), 'octavo-again-'));
    try {
      const second = await build({ input: path.join(repoRoot, 'manuscript'), outDir: again, formats: ['epub'] });
      const opf2 = await zipText(await unzip(second.outputs.epub!), 'OEBPS/content.opf');
      const id = (s: string) => /<dc:identifier id="pub-id">([^<]+)</.exec(s)?.[1];
      expect(id(opf2)).toBe(id(opf));
    } finally {
      await rm(again, { recursive: true, force: true });
    }
  });

  it('has a nav document listing the chapter and the colophon, and landmarks', async () => {
    const nav = await zipText(zip, 'OEBPS/toc.xhtml');
    expect(nav).toContain('epub:type="toc"');
    expect(nav).toContain('epub:type="landmarks"');
    const links = selectAll('nav.contents a', fromHtml(nav)).map((a) => [
      a.properties.href,
      straightQuotes(normalise(toString(a))),
    ]);
    expect(links).toEqual([
      ['ch-1.xhtml', "Assad's Visit to Tehran"],
      ['colophon.xhtml', 'Colophon'],
    ]);
  });

  it('holds the whole article, word for word, in the chapter XHTML', async () => {
    const xhtml = await zipText(zip, 'OEBPS/ch-1.xhtml');
    expect(xhtml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(xhtml).toContain('epub:type="chapter"');
    expect(chapterBody(xhtml)).toBe(article);
    expect(xhtml).toContain('<blockquote>');
  });

  it("has a colophon with title, author, source, licence link, the source's licence sentence and the changes", async () => {
    const xhtml = await zipText(zip, 'OEBPS/colophon.xhtml');
    const text = textOf(xhtml, 'section.colophon');
    expect(text).toContain("Assad's Visit to Tehran");
    expect(text).toContain('Mehr News Agency');
    expect(text).toContain('A news article by Mehr News Agency');
    expect(text).toContain(LICENCE_SENTENCE);
    expect(text).toContain('Added a title; the source has no headline.');
    expect(xhtml).toContain('href="https://creativecommons.org/licenses/by/4.0/"');
    expect(xhtml).toContain('rel="license"');
  });

  it('has a generated cover image and cover page (cover.test.ts looks at the picture)', async () => {
    expect(zip.file('OEBPS/cover.png')).not.toBeNull();
    expect(await zipText(zip, 'OEBPS/cover.xhtml')).toContain('src="cover.png"');
  });
});

describe('PDF', () => {
  let info: Record<string, string>;
  let pages: string[];
  beforeAll(async () => {
    info = await pdfinfo(result.outputs.pdf!);
    pages = straightQuotes(await pdftotext(result.outputs.pdf!))
      .split('\f')
      .slice(0, -1);
  });

  it('is A5 with more than one page, tagged, with title and author set', () => {
    expect(info['Page size']).toMatch(/^420 x 595(\.\d+)? pts \(A5\)$|^420 x 594\.\d+ pts \(A5\)$/);
    expect(Number(info.Pages)).toBeGreaterThan(1);
    expect(Number(info.Pages)).toBe(pages.length);
    expect(info.Tagged).toBe('yes');
    expect(info.Title).toBe("Assad's Visit to Tehran");
    expect(info.Author).toBe('Mehr News Agency');
  });

  it('prints eight pages: title, contents, the article from a recto with folio 1, the colophon; heads on the pages after an opening', async () => {
    expect(Number(info.Pages)).toBe(8);
    const lines = (await pdftotext(result.outputs.pdf!, { layout: true })).split('\f').map((p) =>
      p
        .split('\n')
        .map((l) => straightQuotes(normalise(l)))
        .filter(Boolean),
    );
    // Page 3, the chapter's opening (a recto): its title first, no running head; folio 1.
    expect(lines[2]![0]).toBe("Assad's Visit to Tehran");
    expect(lines[2]![1]).toMatch(/^TEHRAN/);
    expect(lines[2]!.at(-1)).toBe('1');
    // Page 4, a verso: the book's title as running head; folio 2. Page 5, a recto: the chapter's title; folio 3.
    expect(lines[3]![0]).toBe("Assad's Visit to Tehran");
    expect(lines[3]![1]).not.toMatch(/^Assad/);
    expect(lines[3]!.at(-1)).toBe('2');
    expect(lines[4]![0]).toBe("Assad's Visit to Tehran");
    expect(lines[4]!.at(-1)).toBe('3');
    // The contents page has folio ii, the title page none.
    expect(lines[1]!.at(-1)).toBe('ii');
    expect(lines[0]!.at(-1)).toBe('Mehr News Agency');
  });

  it('holds the whole article as selectable text', () => {
    // Running heads and folios sit between pages' text; take them out, then compare.
    const body = pages
      .map((page) =>
        straightQuotes(page)
          .split('\n')
          .filter((line) => !/^\s*\d+\s*$/.test(line) && line.trim() !== "Assad's Visit to Tehran")
          .join('\n'),
      )
      .join('\n');
    expect(normalise(body)).toContain(article);
  });

  it('starts with a title page, then a contents page whose numbers are the folios where each part starts', () => {
    expect(normalise(pages[0]!)).toBe("Assad's Visit to Tehran Mehr News Agency");
    const contents = pages[1]!;
    expect(contents).toContain('Contents');
    const entries = [...contents.matchAll(/^(.+?)\s*\n?\s*(\d+)$/gm)].map((m) => [m[1]!.trim(), Number(m[2])]);
    const byTitle = new Map(entries as [string, number][]);
    for (const [title, heading] of [
      ["Assad's Visit to Tehran", "Assad's Visit to Tehran"],
      ['Colophon', 'Colophon'],
    ] as const) {
      const folio = byTitle.get(title);
      expect(folio, `contents entry for ${title}`).toBeTypeOf('number');
      // The page that opens with this heading prints that folio at its foot.
      const page = pages.findIndex(
        (p, i) =>
          i > 1 &&
          p
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean)
            .slice(0, 2)
            .includes(heading),
      );
      expect(page).toBeGreaterThan(1);
      const lines = pages[page]!.split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      expect(Number(lines[lines.length - 1])).toBe(folio);
    }
  });

  it('starts the chapter and the colophon on new pages and carries the licence notice', () => {
    const colophonPage = pages.find((p) => normalise(p).includes('Colophon') && normalise(p).includes('Licence'));
    expect(colophonPage).toBeDefined();
    expect(normalise(colophonPage!)).toContain(LICENCE_SENTENCE);
    expect(normalise(colophonPage!)).toContain('Creative Commons Attribution 4.0 International');
    expect(normalise(colophonPage!)).not.toContain('TEHRAN');
  });

  it('has an outline, page labels (roman front matter, arabic from the chapter) and language', async () => {
    const doc = await PDFDocument.load(await readFile(result.outputs.pdf!), { updateMetadata: false });
    const outlines = doc.catalog.lookup(PDFName.of('Outlines'), PDFDict);
    const titles: string[] = [];
    let item = outlines.lookup(PDFName.of('First'));
    while (item instanceof PDFDict) {
      const t = item.lookup(PDFName.of('Title'));
      if (t instanceof PDFString || t instanceof PDFHexString) titles.push(t.decodeText());
      item = item.lookup(PDFName.of('Next'));
    }
    expect(titles).toContain('Assad’s Visit to Tehran');
    expect(titles).toContain('Colophon');

    const labels = doc.catalog.lookup(PDFName.of('PageLabels'), PDFDict).lookup(PDFName.of('Nums'), PDFArray);
    expect(labels.lookup(0, PDFNumber).asNumber()).toBe(0);
    expect(labels.lookup(1, PDFDict).lookup(PDFName.of('S'))).toBe(PDFName.of('r'));
    expect(labels.lookup(3, PDFDict).lookup(PDFName.of('S'))).toBe(PDFName.of('D'));
    const firstChapterPage = labels.lookup(2, PDFNumber).asNumber();
    expect(pages[firstChapterPage]).toContain('TEHRAN –');
    expect(String(doc.catalog.lookup(PDFName.of('Lang')))).toContain('en');
  });

  it('has the licence in its document info and XMP metadata', async () => {
    const meta = await pdfinfoMeta(result.outputs.pdf!);
    expect(meta).toContain(
      '<xmpRights:WebStatement>https://creativecommons.org/licenses/by/4.0/</xmpRights:WebStatement>',
    );
    expect(meta).toContain('<xmpRights:Marked>True</xmpRights:Marked>');
    expect(meta).toContain(LICENCE_SENTENCE);
    expect(meta).toContain('<cc:attributionName>Mehr News Agency</cc:attributionName>');
  });
});

describe('print page numbers in the EPUB', () => {
  it('marks where each PDF page begins: the text after each marker is the first text of that page', async () => {
    const check = await expectPageListMatchesPdf(result.outputs.epub!, result.outputs.pdf!, result.book.config);
    // Title page, four pages of the article, the colophon (its page of font credits is the PDF's alone).
    expect(check).toEqual({ entries: 6, pages: 8 });
  });

  it('names the print edition as the page source, and claims page navigation', async () => {
    const zip = await unzip(result.outputs.epub!);
    const opf = await zipText(zip, 'OEBPS/content.opf');
    expect(opf).toContain(
      '<dc:source id="page-source">Assad\'s Visit to Tehran, print edition (assads-visit-to-tehran.pdf)</dc:source>',
    );
    expect(opf).toContain('<meta property="schema:accessibilityFeature">printPageNumbers</meta>');
    expect(opf).toContain('<meta property="schema:accessibilityFeature">pageNavigation</meta>');
    const ncx = await zipText(zip, 'OEBPS/toc.ncx');
    expect(ncx).toContain('<meta name="dtb:totalPageCount" content="8"/>');
    expect(ncx).toContain('<meta name="dtb:maxPageNumber" content="6"/>');
    const targets = [
      ...ncx.matchAll(
        /<pageTarget id="[^"]+" type="(\w+)"(?: value="(\d+)")? playOrder="(\d+)">\s*<navLabel><text>([^<]+)<\/text><\/navLabel>\s*<content src="([^"]+)"/g,
      ),
    ];
    expect(targets.map((t) => [t[1], t[2], t[4]])).toEqual([
      ['front', undefined, 'i'],
      ...['1', '2', '3', '4', '5'].map((n) => ['normal', n, n]),
    ]);
    // One reading order for contents and pages: every playOrder once, each page after the chapter it is in.
    const orders = [...ncx.matchAll(/playOrder="(\d+)"/g)].map((m) => Number(m[1]));
    expect(new Set(orders).size).toBe(orders.length);
    expect([...orders].sort((a, b) => a - b)).toEqual(orders.map((_, i) => i + 1));
    const chapterPoint = /<navPoint id="[^"]+" playOrder="(\d+)">\s*<navLabel><text>Assad/.exec(ncx);
    expect(Number(targets[1]![3])).toBeGreaterThan(Number(chapterPoint![1]));
  });

  it('is left out with page-list: false', async () => {
    const config = path.join(outDir, 'no-page-list.yaml');
    await writeFile(
      config,
      `${await readFile(path.join(repoRoot, 'manuscript', 'book.yaml'), 'utf8')}\npage-list: false\n`,
    );
    const plain = await build({
      input: path.join(repoRoot, 'manuscript'),
      configFile: config,
      outDir: path.join(outDir, 'no-page-list'),
      formats: ['epub', 'pdf'],
      browser,
    });
    expect(plain.diagnostics).toEqual([]);
    const zip = await unzip(plain.outputs.epub!);
    expect(await zipText(zip, 'OEBPS/toc.xhtml')).not.toContain('page-list');
    expect(await zipText(zip, 'OEBPS/toc.ncx')).not.toContain('pageList');
    expect(await zipText(zip, 'OEBPS/content.opf')).not.toContain('printPageNumbers');
    expect(await zipText(zip, 'OEBPS/ch-1.xhtml')).not.toContain('doc-pagebreak');
  });

  it('leaves the PDF without the anchors that measured it', async () => {
    const doc = await PDFDocument.load(await readFile(result.outputs.pdf!));
    const dests = doc.catalog.lookup(PDFName.of('Dests'), PDFDict);
    expect(
      dests
        .keys()
        .map((k) => k.decodeText())
        .sort(),
    ).toEqual(['ch-1', 'colophon', 'contents', 'titlepage']);
  });
});

describe('HTML', () => {
  let html: string;
  beforeAll(async () => {
    html = await readFile(result.outputs.html!, 'utf8');
  });

  it('is one self-contained page with the whole article', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<link[^>]+stylesheet/);
    expect(html).toContain('<style>');
    expect(chapterBody(html)).toBe(article);
  });

  it('declares its licence for machines and shows the notice to people', () => {
    const tree = fromHtml(html);
    expect(select('link[rel=license]', tree)?.properties.href).toBe('https://creativecommons.org/licenses/by/4.0/');
    expect(select('meta[name="dcterms.rights"]', tree)?.properties.content).toContain(LICENCE_SENTENCE);
    expect(select('meta[name=author]', tree)?.properties.content).toBe('Mehr News Agency');
    expect(select('html', tree)?.properties.lang).toBe('en');
    expect(textOf(html, 'section.colophon')).toContain(LICENCE_SENTENCE);
    expect(html).not.toContain('epub:type');
  });
});
