/**
 * The licence notice, written into the three editions and read back from each
 * file alone by `octavo licence`: books under CC BY, BY-SA, BY-ND, BY-NC, CC0
 * and a mixed anthology (a chapter and an image under their own licence) must
 * give the same licence, TASL and credits from the EPUB, the PDF and the HTML.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select } from 'hast-util-select';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'hast-util-to-string';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import type { Browser } from 'puppeteer';
import { SKIP, visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuildResult, build } from '../../src/build.js';
import { exitStatus } from '../../src/commands/licence.js';
import { type LicenceReport, readLicence } from '../../src/licence/read/index.js';
import { sharedBrowser } from '../helpers/browser.js';
import { octavo } from '../helpers/cli.js';
import { epubcheck, normalise, pdfinfoMeta, pdftotext, repoRoot, unzip, zipText } from '../helpers/tools.js';

const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20"><rect width="40" height="20" fill="#a00"/></svg>';

interface Case {
  name: string;
  spdx: string;
  title: string;
  creators: string[];
  source: string | null;
  files?: Record<string, string>;
  /** Absent: the sample manuscript. */
  dir?: string;
}

const simple = (spdx: string, title: string, extra = ''): Case => ({
  name: spdx,
  spdx,
  title,
  creators: ['Ann Author'],
  source: 'https://example.org/original',
  files: {
    'book.yaml': `title: ${title}\ncreator: Ann Author\nlanguage: en\nlicence: ${spdx}\nsource: https://example.org/original\n${extra}`,
    '01-one.md': '# One\n\nThe first chapter.\n',
  },
});

const CASES: Case[] = [
  {
    name: 'sample (CC-BY-4.0)',
    spdx: 'CC-BY-4.0',
    title: "Assad's Visit to Tehran",
    creators: ['Mehr News Agency'],
    source: 'A news article by Mehr News Agency (the source text gives no headline, date or web address).',
  },
  simple('CC-BY-SA-4.0', 'Shared Alike', 'changes:\n  - Shortened the second section.\n'),
  // NoDerivatives: only a change of form.
  simple('CC-BY-ND-4.0', 'No Derivatives', 'changes:\n  - format: Set as an EPUB, a PDF and an HTML edition.\n'),
  simple('CC-BY-NC-4.0', 'Not for Sale', 'changes: []\n'),
  { ...simple('CC0-1.0', 'Given Away', 'changes: []\n'), creators: ['Ann Author'] },
  {
    name: 'anthology (CC-BY-SA-4.0 with a CC-BY-4.0 chapter)',
    spdx: 'CC-BY-SA-4.0',
    title: 'A Mixed Anthology',
    creators: ['Ed Editor'],
    source: 'https://example.org/anthology',
    files: {
      'book.yaml':
        'title: A Mixed Anthology\ncreator: Ed Editor\nlanguage: en\nlicence: CC-BY-SA-4.0\nsource: https://example.org/anthology\nchanges: []\nchapters:\n  - 01-intro.md\n  - 02-guest.md\n',
      '01-intro.md': '# Introduction\n\nOur words, and a picture.\n\n![A red square](images/red.svg)\n',
      '02-guest.md':
        '---\ntitle: A Guest Essay\ncreator: Gail Guest\nlicence: CC-BY-4.0\nsource: https://example.org/guest-essay\n---\n\nTheir words.\n',
      'images/red.svg': SVG,
      'images/red.svg.credit.yaml': 'creator: Paula Painter\nsource: https://example.org/red\nlicence: CC-BY-4.0\n',
    },
  },
];

const tmp: string[] = [];
let browser: Browser;
const built = new Map<string, BuildResult>();
const reports = new Map<string, Record<'epub' | 'pdf' | 'html', LicenceReport>>();

async function writeBook(dir: string, files: Record<string, string>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
}

beforeAll(async () => {
  browser = await sharedBrowser();
  const root = await mkdtemp(path.join(os.tmpdir(), 'octavo-licence-'));
  tmp.push(root);
  await Promise.all(
    CASES.map(async (c, i) => {
      const dir = c.files ? path.join(root, `book-${i}`) : path.join(repoRoot, 'manuscript');
      if (c.files) await writeBook(dir, c.files);
      const result = await build({ input: dir, outDir: path.join(root, `dist-${i}`), browser });
      built.set(c.name, result);
      const [epub, pdf, html] = await Promise.all([
        readLicence(result.outputs.epub!),
        readLicence(result.outputs.pdf!),
        readLicence(result.outputs.html!),
      ]);
      reports.set(c.name, { epub, pdf, html });
    }),
  );
});

afterAll(async () => {
  await browser?.disconnect();
  for (const dir of tmp) await rm(dir, { recursive: true, force: true });
});

/** Removes every element that matches. */
function remove(tree: Root, test: (el: Element) => boolean): void {
  visit(tree, 'element', (node, index, parent) => {
    if (parent && index !== undefined && test(node)) {
      parent.children.splice(index, 1);
      return [SKIP, index];
    }
    return undefined;
  });
}

/** What every edition must agree on. */
function facts(r: LicenceReport) {
  const { licence, title, creators, source, licenceStatement, changes, copyright, credits } = r;
  return { licence, title, creators, source, licenceStatement, changes, copyright, credits };
}

describe.each(CASES.map((c) => [c.name, c] as const))('%s', (name, c) => {
  it('reads the same licence, TASL and credits back from the EPUB, the PDF and the HTML (fonts: the PDF’s)', () => {
    const r = reports.get(name)!;
    for (const format of ['epub', 'pdf', 'html'] as const) {
      const report = r[format];
      expect(report.format).toBe(format);
      expect(report.problems, `${format}: ${report.problems.join('; ')}`).toEqual([]);
      expect(report.notice).toEqual({ metadata: true, human: true });
      expect(exitStatus(report)).toBe(0);
      expect(report.licence?.spdx).toBe(c.spdx);
      expect(report.title).toBe(c.title);
      expect(report.creators).toEqual(c.creators);
      expect(report.source).toBe(c.source);
      expect(report.credits[0]).toMatchObject({
        kind: 'book',
        title: c.title,
        creators: c.creators,
        licence: { spdx: c.spdx },
      });
    }
    // Fonts are credited where they are embedded: in the PDF alone (their OFL notice goes with them).
    const fonts = (report: LicenceReport) => report.credits.filter((cr) => cr.kind === 'font');
    expect(fonts(r.epub)).toEqual([]);
    expect(fonts(r.html)).toEqual([]);
    expect(fonts(r.pdf)).toContainEqual(
      expect.objectContaining({ title: 'Literata', licence: expect.objectContaining({ spdx: 'OFL-1.1' }) }),
    );
    const withoutFonts = { ...facts(r.pdf), credits: r.pdf.credits.filter((cr) => cr.kind !== 'font') };
    expect(withoutFonts).toEqual(facts(r.epub));
    expect(facts(r.html)).toEqual(facts(r.epub));
  });
});

it('keeps EPUBCheck at 0 errors and 0 warnings with the credits in the package and a chapter’s own licence in its head', async () => {
  // The anthology has every kind of credit; NoDerivatives has a format-only change; CC0 asks no attribution.
  // (The sample's EPUB is checked by sample.test.ts; the other licences differ from these only in values.)
  const names = [CASES[5]!.name, CASES[2]!.name, CASES[4]!.name];
  const checks = await Promise.all(names.map((name) => epubcheck(built.get(name)!.outputs.epub!)));
  for (const check of checks) expect([check.fatals, check.errors, check.warnings], check.output).toEqual([0, 0, 0]);
});

describe('the sample book', () => {
  it('has no credits section in the EPUB and HTML, whose only credit would be a font they do not embed', async () => {
    const result = built.get(CASES[0]!.name)!;
    const colophon = await zipText(await unzip(result.outputs.epub!), 'OEBPS/colophon.xhtml');
    // The page's colophon (its stylesheet names Literata for readers who have it installed).
    const html = toHtml(select('section.colophon', fromHtml(await readFile(result.outputs.html!, 'utf8')))!);
    for (const page of [colophon, html]) {
      expect(page).toContain('class="tasl"');
      expect(page).not.toContain('credit-section');
      expect(page).not.toContain('Literata');
    }
    // The PDF embeds Literata: its colophon credits it, with the OFL.
    expect(normalise(await pdftotext(result.outputs.pdf!))).toContain('“Literata” by The Literata Project Authors');
  });

  it('carries the source’s licence statement and the changes into every edition', () => {
    const r = reports.get(CASES[0]!.name)!;
    expect(r.pdf.licenceStatement).toBe(
      'All Content by Mehr News Agency is licensed under a Creative Commons Attribution 4.0 International License.',
    );
    expect(r.html.changes).toContain('Added a title; the source has no headline.');
    expect(r.epub.licence).toEqual({
      spdx: 'CC-BY-4.0',
      name: 'Creative Commons Attribution 4.0 International',
      url: 'https://creativecommons.org/licenses/by/4.0/',
    });
  });
});

describe('the mixed anthology', () => {
  const name = CASES[5]!.name;
  const chapterCredit = {
    kind: 'chapter',
    title: 'A Guest Essay',
    creators: ['Gail Guest'],
    source: 'https://example.org/guest-essay',
    licence: {
      spdx: 'CC-BY-4.0',
      name: 'Creative Commons Attribution 4.0 International',
      url: 'https://creativecommons.org/licenses/by/4.0/',
    },
    target: 'ch-2',
  };

  it('credits the chapter with its own licence, author and source in all three editions, and the image', () => {
    const r = reports.get(name)!;
    for (const format of ['epub', 'pdf', 'html'] as const) {
      expect(r[format].credits.find((c) => c.kind === 'chapter')).toMatchObject(chapterCredit);
      expect(r[format].credits.find((c) => c.kind === 'image')).toMatchObject({
        creators: ['Paula Painter'],
        licence: { spdx: 'CC-BY-4.0' },
        target: 'images/red.svg',
      });
    }
  });

  it('puts the chapter’s licence in its own XHTML head and refines its manifest item', async () => {
    const zip = await unzip(built.get(name)!.outputs.epub!);
    const chapter = await zipText(zip, 'OEBPS/ch-2.xhtml');
    const head = chapter.slice(0, chapter.indexOf('</head>'));
    expect(head).toContain('<link rel="license" href="https://creativecommons.org/licenses/by/4.0/" />');
    expect(head).toContain('<meta name="dcterms.creator" content="Gail Guest" />');
    expect(head).toMatch(
      /<meta name="dcterms.rights" content="[^"]*A Guest Essay[^"]*Creative Commons Attribution 4.0 International/,
    );
    const intro = await zipText(zip, 'OEBPS/ch-1.xhtml');
    expect(intro.slice(0, intro.indexOf('</head>'))).not.toContain('rel="license"');
    const opf = await zipText(zip, 'OEBPS/content.opf');
    expect(opf).toContain(
      '<meta refines="#ch-2" property="dcterms:license">https://creativecommons.org/licenses/by/4.0/</meta>',
    );
    expect(opf).toContain('<meta property="cc:attributionURL">https://example.org/anthology</meta>');
  });

  it('gives the HTML edition schema.org JSON-LD: Book, licence, source, chapter and image credits', async () => {
    const html = await readFile(built.get(name)!.outputs.html!, 'utf8');
    const script = select('script[type="application/ld+json"]', fromHtml(html));
    const ld = JSON.parse(toString(script!)) as Record<string, unknown>;
    expect(ld).toMatchObject({
      '@type': 'Book',
      name: 'A Mixed Anthology',
      author: ['Ed Editor'],
      inLanguage: 'en',
      license: 'https://creativecommons.org/licenses/by-sa/4.0/',
      isBasedOn: 'https://example.org/anthology',
      hasPart: [
        {
          '@type': 'Chapter',
          name: 'A Guest Essay',
          author: ['Gail Guest'],
          license: 'https://creativecommons.org/licenses/by/4.0/',
          url: '#ch-2',
        },
      ],
    });
    expect(ld.creditText).toContain('“A Mixed Anthology” by Ed Editor');
    expect((ld.associatedMedia as { '@type': string }[]).map((m) => m['@type'])).toContain('ImageObject');
  });

  it('shows the credits list and cc:attributionURL in the PDF’s XMP (pdfinfo -meta)', async () => {
    const xmp = await pdfinfoMeta(built.get(name)!.outputs.pdf!);
    expect(xmp).toContain('xmlns:octavo="https://octavo.dev/ns/1.0/"');
    expect(xmp).toContain('<cc:attributionURL rdf:resource="https://example.org/anthology">');
    expect(xmp).toMatch(/<octavo:credits><rdf:Seq><rdf:li rdf:parseType="Resource"><octavo:kind>book<\/octavo:kind>/);
    expect(xmp).toContain('<octavo:title>A Guest Essay</octavo:title>');
  });

  it('prints the same facts through the CLI with --json, exit status 0', async () => {
    const outputs = built.get(name)!.outputs;
    const runs = await Promise.all(
      (['epub', 'pdf', 'html'] as const).map((f) => octavo(['licence', outputs[f]!, '--json'], repoRoot)),
    );
    const docs = runs.map((run) => {
      expect(run.code, run.stderr).toBe(0);
      return JSON.parse(run.stdout) as Record<string, unknown>;
    });
    expect(Object.keys(docs[0]!)).toEqual([
      'file',
      'format',
      'licence',
      'title',
      'creators',
      'source',
      'licenceStatement',
      'changes',
      'copyright',
      'credits',
      'notice',
      'problems',
    ]);
    for (const doc of docs) {
      expect(doc).toMatchObject({
        licence: { spdx: 'CC-BY-SA-4.0' },
        title: 'A Mixed Anthology',
        creators: ['Ed Editor'],
        source: 'https://example.org/anthology',
        notice: { metadata: true, human: true },
        problems: [],
      });
      expect(doc.credits).toContainEqual(expect.objectContaining(chapterCredit));
    }
    expect(docs.map((d) => d.format)).toEqual(['epub', 'pdf', 'html']);
  });
});

describe('a missing notice', () => {
  const name = CASES[5]!.name;

  it('EPUB without dcterms:license and the colophon’s TASL paragraph: reported, exit status 1', async () => {
    const zip = await unzip(built.get(name)!.outputs.epub!);
    const opf = await zipText(zip, 'OEBPS/content.opf');
    zip.file('OEBPS/content.opf', opf.replace(/\s*<meta property="dcterms:license">[^<]*<\/meta>/, ''));
    const colophon = await zipText(zip, 'OEBPS/colophon.xhtml');
    expect(colophon).toContain('class="tasl"');
    zip.file('OEBPS/colophon.xhtml', colophon.replace(/<p class="tasl"[\s\S]*?<\/p>/, ''));
    const file = path.join(tmp[0]!, 'stripped.epub');
    await writeFile(file, await zip.generateAsync({ type: 'nodebuffer' }));
    const report = await readLicence(file);
    expect(report.licence).toBeNull();
    expect(report.notice).toEqual({ metadata: false, human: false });
    expect(report.problems).toContain('no licence in the metadata');
    expect(report.problems.some((p) => p.includes("colophon's licence notice"))).toBe(true);
    const run = await octavo(['licence', file], repoRoot);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('missing: no licence in the metadata');
  });

  it('HTML without <link rel="license">, JSON-LD and the colophon: reported, exit status 1', async () => {
    const tree = fromHtml(await readFile(built.get(name)!.outputs.html!, 'utf8'));
    remove(
      tree,
      (el) =>
        (el.tagName === 'link' && String(el.properties.rel).includes('license')) ||
        (el.tagName === 'script' && el.properties.type === 'application/ld+json') ||
        el.properties.name === 'dcterms.license' ||
        el.properties.id === 'colophon',
    );
    const file = path.join(tmp[0]!, 'stripped.html');
    await writeFile(file, toHtml(tree));
    const run = await octavo(['licence', file, '--json'], repoRoot);
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout) as LicenceReport;
    expect(doc.licence).toBeNull();
    expect(doc.notice).toEqual({ metadata: false, human: false });
    expect(doc.problems).toContain('no licence in the metadata');
    expect(doc.problems.some((p) => p.startsWith('the colophon is missing'))).toBe(true);
  });

  it('HTML whose colophon names another licence than its metadata: reported', async () => {
    const html = (await readFile(built.get(name)!.outputs.html!, 'utf8')).replace(
      /(<p class="tasl">[\s\S]*?<a href=")https:\/\/creativecommons\.org\/licenses\/by-sa\/4\.0\//,
      '$1https://creativecommons.org/licenses/by-nc/4.0/',
    );
    const file = path.join(tmp[0]!, 'mismatch.html');
    await writeFile(file, html);
    const report = await readLicence(file);
    expect(report.notice).toEqual({ metadata: true, human: false });
    expect(report.problems).toEqual([
      "the colophon's licence notice names https://creativecommons.org/licenses/by-nc/4.0/, the metadata https://creativecommons.org/licenses/by-sa/4.0/",
    ]);
    expect(exitStatus(report)).toBe(1);
  });

  it('PDF without its XMP and licence info: reported, exit status 1', async () => {
    const doc = await PDFDocument.load(await readFile(built.get(name)!.outputs.pdf!), { updateMetadata: false });
    doc.catalog.delete(PDFName.of('Metadata'));
    const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
    for (const key of ['License', 'Rights']) info.delete(PDFName.of(key));
    const file = path.join(tmp[0]!, 'stripped.pdf');
    await writeFile(file, await doc.save());
    const report = await readLicence(file);
    expect(report.licence).toBeNull();
    expect(report.notice.metadata).toBe(false);
    expect(report.problems).toContain('no licence in the metadata');
    expect(exitStatus(report)).toBe(1);
  });
});

describe('octavo licence', () => {
  it('reports the PDF’s text as not checked when pdftotext is not there, and still exits 0', async () => {
    const report = await readLicence(built.get(CASES[1]!.name)!.outputs.pdf!, { pdftotext: '/nonexistent/pdftotext' });
    expect(report.notice).toEqual({ metadata: true, human: 'not checked' });
    expect(exitStatus(report)).toBe(0);
  });

  it('exits 2 on a file that is not an EPUB, PDF or HTML, and without a file', async () => {
    const file = path.join(tmp[0]!, 'notes.txt');
    await writeFile(file, 'just text');
    const [unknown, none, missing] = await Promise.all([
      octavo(['licence', file], repoRoot),
      octavo(['licence'], repoRoot),
      octavo(['licence', path.join(tmp[0]!, 'none.epub')], repoRoot),
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('not an EPUB, PDF or HTML file');
    expect(none.code).toBe(2);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
  });
});
