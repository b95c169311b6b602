/**
 * `--format kepub`: the EPUB with Kobo's span markup (as kepubify writes it),
 * checked on the real files: every sentence of every content document sits in
 * a numbered koboSpan, the text is the EPUB's to the character, the rest of the
 * package is the EPUB's byte for byte, and EPUBCheck stays clean.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type JSZip from 'jszip';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RootContent as XContent, Element as XElement, Root as XRoot } from 'xast';
import { fromXml } from 'xast-util-from-xml';
import { build } from '../../src/build.js';
import { readLicence } from '../../src/licence/read/index.js';
import { removeTempBooks, tempBook } from '../helpers/books.js';
import { sharedBrowser } from '../helpers/browser.js';
import { octavo } from '../helpers/cli.js';
import { writeSharedBookConfig } from '../helpers/shared-books.js';
import { epubcheck, repoRoot, sharedDir, unzip, zipText } from '../helpers/tools.js';

/**
 * EPUBCheck messages the Kobo markup is allowed to cause. None: on the sample
 * and the shared books it reports no error, warning or info for the spans, the
 * wrapping divs or the style (README, "The KEPUB").
 */
const ALLOWED_EPUBCHECK_IDS: readonly string[] = [];

/** kepubify leaves their text as it is. */
const KEEP = new Set(['script', 'style', 'pre', 'audio', 'video', 'svg', 'math']);

let browser: Browser | undefined;
afterAll(async () => {
  await browser?.disconnect();
  await removeTempBooks();
});

const isElement = (n: XContent | XRoot, name?: string): n is XElement =>
  n.type === 'element' && (name === undefined || n.name === name);
const childElements = (n: XElement) => n.children.filter((c): c is XElement => isElement(c));
const isKoboSpan = (n: XElement) => n.name === 'span' && n.attributes.class === 'koboSpan';

function textOf(n: XElement | XRoot): string {
  return n.children.map((c) => (c.type === 'text' ? c.value : isElement(c) ? textOf(c) : '')).join('');
}

function find(n: XElement | XRoot, name: string): XElement | undefined {
  for (const c of n.children) {
    if (!isElement(c)) continue;
    if (c.name === name) return c;
    const deeper = find(c, name);
    if (deeper) return deeper;
  }
  return undefined;
}

/** What is wrong with one content document's Kobo markup; and its span count. */
function checkDocument(doc: XRoot): { problems: string[]; spans: number } {
  const problems: string[] = [];
  const html = find(doc, 'html')!;
  const head = find(html, 'head')!;
  const body = find(html, 'body')!;
  if (!childElements(head).some((e) => e.name === 'style' && e.attributes.class === 'kobostylehacks'))
    problems.push('no kobostylehacks style');
  const [columns, ...others] = childElements(body);
  const inner = columns && childElements(columns);
  if (
    others.length ||
    columns?.attributes.id !== 'book-columns' ||
    inner?.length !== 1 ||
    inner[0]!.attributes.id !== 'book-inner'
  )
    problems.push('the body is not wrapped in div#book-columns > div#book-inner');
  const ids = new Set<string>();
  let spans = 0;
  const walk = (node: XElement, inSpan: boolean, kept: boolean) => {
    for (const c of node.children) {
      if (c.type === 'text') {
        // Bare space stays bare outside a paragraph, as kepubify leaves it.
        const mustSpan = c.value.trim() !== '' || node.name === 'p';
        if (mustSpan && !inSpan && !kept && c.value !== '')
          problems.push(`text outside a koboSpan: ${JSON.stringify(c.value.slice(0, 60))}`);
      } else if (isElement(c)) {
        const id = c.attributes.id;
        // Unique among all the document's ids, not only the spans'.
        if (typeof id === 'string' && ids.has(id)) problems.push(`id ${id} twice`);
        if (typeof id === 'string') ids.add(id);
        if (isKoboSpan(c)) {
          if (inSpan) problems.push(`koboSpan ${id} inside another`);
          if (kept) problems.push(`koboSpan ${id} inside text kepubify leaves alone (pre, svg, math…)`);
          if (!/^kobo\.\d+\.\d+$/.test(String(id))) problems.push(`koboSpan id ${id}`);
          spans++;
        }
        if (c.name === 'img' && !inSpan) problems.push(`image ${String(c.attributes.src)} outside a koboSpan`);
        walk(c, inSpan || isKoboSpan(c), kept || KEEP.has(c.name));
      }
    }
  };
  walk(body, false, false);
  return { problems, spans };
}

/** The content documents of a package, from its OPF manifest. */
async function contentDocuments(zip: JSZip): Promise<string[]> {
  const opf = await zipText(zip, 'OEBPS/content.opf');
  return [...opf.matchAll(/<item [^>]*href="([^"]+)"[^>]*media-type="application\/xhtml\+xml"/g)].map(
    (m) => `OEBPS/${m[1]}`,
  );
}

async function compare(epubFile: string, kepubFile: string) {
  const [epub, kepub] = await Promise.all([unzip(epubFile), unzip(kepubFile)]);
  const docs = await contentDocuments(kepub);
  const report = { documents: docs.length, spans: 0, problems: [] as string[], differences: [] as string[] };
  for (const name of docs) {
    const [plain, kobo] = await Promise.all([zipText(epub, name), zipText(kepub, name)]);
    const kt = fromXml(kobo);
    const { problems, spans } = checkDocument(kt);
    report.spans += spans;
    report.problems.push(...problems.map((p) => `${name}: ${p}`));
    // The same text, character for character: spans and wrappers only.
    if (textOf(find(kt, 'body')!) !== textOf(find(fromXml(plain), 'body')!)) report.differences.push(name);
  }
  // Everything else in the package is the EPUB's.
  const names = Object.keys(kepub.files).sort();
  expect(names).toEqual(Object.keys(epub.files).sort());
  for (const name of names.filter((n) => !docs.includes(n) && !kepub.files[n]!.dir)) {
    const [a, b] = await Promise.all([epub.file(name)!.async('nodebuffer'), kepub.file(name)!.async('nodebuffer')]);
    if (!a.equals(b)) report.differences.push(name);
  }
  return report;
}

/** EPUBCheck's message ids, less the ones the Kobo markup may cause. */
async function unexpectedMessages(file: string): Promise<string[]> {
  const check = await epubcheck(file);
  return check.output
    .split('\n')
    .filter((l) => /^(FATAL|ERROR|WARNING|INFO|USAGE)/.test(l))
    .filter((l) => !ALLOWED_EPUBCHECK_IDS.some((id) => l.includes(`(${id})`)));
}

describe('the sample book', () => {
  let out: string;
  let checking: Promise<string[]>;
  beforeAll(async () => {
    out = await tempBook({}, 'octavo-kepub-');
    const run = await octavo(['build', 'manuscript', '-o', out, '--format', 'epub,kepub', '--no-cache'], repoRoot);
    expect(run.code, run.stderr).toBe(0);
    // EPUBCheck (a JVM, seconds) runs while the other tests read the files.
    checking = unexpectedMessages(path.join(out, 'assads-visit-to-tehran.kepub.epub'));
    checking.catch(() => undefined);
  });

  it('writes <slug>.kepub.epub beside the EPUB', () => {
    expect(existsSync(path.join(out, 'assads-visit-to-tehran.kepub.epub'))).toBe(true);
  });

  it("puts every sentence in a koboSpan with a unique id, the EPUB's text unchanged", async () => {
    const r = await compare(
      path.join(out, 'assads-visit-to-tehran.epub'),
      path.join(out, 'assads-visit-to-tehran.kepub.epub'),
    );
    expect(r.problems).toEqual([]);
    expect(r.differences).toEqual([]);
    expect(r.documents).toBeGreaterThanOrEqual(5);
    expect(r.spans).toBeGreaterThan(40);
  });

  it('numbers the spans by paragraph and sentence, as Kobo does', async () => {
    const chapter = await zipText(await unzip(path.join(out, 'assads-visit-to-tehran.kepub.epub')), 'OEBPS/ch-1.xhtml');
    expect(chapter).toContain(
      '<h1 id="assads-visit-to-tehran"><span class="koboSpan" id="kobo.1.1">Assad’s Visit to Tehran</span></h1>',
    );
    expect(chapter).toMatch(
      /<p><span class="koboSpan" id="kobo\.2\.1">TEHRAN – [^<]*message\. <\/span><span class="koboSpan" id="kobo\.2\.2">Speaking /,
    );
  });

  it('keeps the licence notice `octavo licence` reads back, for machines and for readers', async () => {
    const report = await readLicence(path.join(out, 'assads-visit-to-tehran.kepub.epub'));
    expect(report.problems).toEqual([]);
    expect(report.notice).toEqual({ metadata: true, human: true });
  });

  it('passes EPUBCheck', async () => {
    expect(await checking).toEqual([]);
  });
});

const book = path.join(sharedDir, 'books', 'djangogirls-en');
const present = existsSync(book);
if (!present) console.warn(`kepub: ${book} not found; the shared book is skipped.`);

describe.skipIf(!present)(
  present ? 'djangogirls-en (code, images, lists)' : `djangogirls-en (${book} not found: skipped)`,
  () => {
    let epub: string;
    let kepub: string;
    let checking: Promise<string[]>;
    beforeAll(async () => {
      const work = await tempBook({}, 'octavo-kepub-');
      // The book.yaml every test of the shared books uses.
      const { config } = await writeSharedBookConfig('djangogirls-en', work);
      browser = await sharedBrowser();
      const result = await build({
        input: book,
        configFile: config,
        outDir: work,
        formats: ['epub', 'kepub'],
        browser,
      });
      epub = result.outputs.epub!;
      kepub = result.outputs.kepub!;
      checking = unexpectedMessages(kepub);
      checking.catch(() => undefined);
    });

    it("puts every sentence in a koboSpan with a unique id, leaves code blocks whole, the EPUB's text unchanged", async () => {
      const r = await compare(epub, kepub);
      expect(r.problems).toEqual([]);
      expect(r.differences).toEqual([]);
      expect(r.spans).toBeGreaterThan(1000);
      const zip = await unzip(kepub);
      const all = (await Promise.all((await contentDocuments(zip)).map((d) => zipText(zip, d)))).join('');
      // The book has code blocks (left without spans, checked above) and images, each in a span of its own.
      expect(all).toContain('<pre');
      expect(all).toMatch(/<span class="koboSpan" id="kobo\.\d+\.1"><img /);
    });

    it('passes EPUBCheck', async () => {
      expect(await checking).toEqual([]);
    });
  },
);
