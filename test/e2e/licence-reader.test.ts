/**
 * `octavo licence`'s readers on small hand-made files, as another tool might
 * write them: other namespace prefixes, no Octavo credits list, all rights
 * reserved.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectFormat, readLicence } from '../../src/licence/read/index.js';
import { attr, findAll, named, parseXml, textOf } from '../../src/licence/read/xml.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'octavo-reader-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the XML reader', () => {
  it('resolves namespaces whatever the prefix, and reads entities, CDATA and self-closing tags', () => {
    const doc = parseXml(
      '<?xml version="1.0"?><!DOCTYPE x><r xmlns:d="http://purl.org/dc/elements/1.1/" xmlns:r="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><!-- c --><d:title>A &amp; B &#x2014; <![CDATA[<C>]]></d:title><lic r:resource="u&quot;1"/><d:title>second</d:title></r>',
    );
    const titles = findAll(doc, named('http://purl.org/dc/elements/1.1/', 'title'));
    expect(titles.map(textOf)).toEqual(['A & B — <C>', 'second']);
    expect(
      attr(findAll(doc, (e) => e.local === 'lic')[0]!, 'http://www.w3.org/1999/02/22-rdf-syntax-ns#', 'resource'),
    ).toBe('u"1');
    expect(() => parseXml('<a><b></a>')).toThrow();
  });
});

describe('files written by other tools', () => {
  it('reads an EPUB 3 with its own prefixes and no credits list; a missing colophon is reported', async () => {
    const zip = new JSZip();
    zip.file('mimetype', 'application/epub+zip');
    zip.file(
      'META-INF/container.xml',
      '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="pkg/book.opf" media-type="application/oebps-package+xml"/></rootfiles></container>',
    );
    zip.file(
      'pkg/book.opf',
      `<?xml version="1.0"?><opf:package xmlns:opf="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id"><opf:metadata xmlns:purl="http://purl.org/dc/elements/1.1/">
        <purl:identifier id="id">x</purl:identifier><purl:title>Other Tool's Book</purl:title><purl:creator>Olga Other</purl:creator><purl:language>en</purl:language>
        <opf:meta property="dcterms:license">http://creativecommons.org/licenses/by-nc/4.0/deed.de</opf:meta></opf:metadata>
        <opf:manifest><opf:item id="t" href="text.xhtml" media-type="application/xhtml+xml"/></opf:manifest><opf:spine><opf:itemref idref="t"/></opf:spine></opf:package>`,
    );
    zip.file(
      'pkg/text.xhtml',
      '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head><body><p>Text.</p></body></html>',
    );
    const file = path.join(dir, 'other.epub');
    await writeFile(file, await zip.generateAsync({ type: 'nodebuffer' }));
    const report = await readLicence(file);
    expect(report.licence?.spdx).toBe('CC-BY-NC-4.0');
    expect([report.title, report.creators]).toEqual(["Other Tool's Book", ['Olga Other']]);
    expect(report.credits).toEqual([
      expect.objectContaining({
        kind: 'book',
        title: "Other Tool's Book",
        licence: expect.objectContaining({ spdx: 'CC-BY-NC-4.0' }),
      }),
    ]);
    expect(report.notice).toEqual({ metadata: true, human: false });
    expect(report.problems).toEqual(['the colophon is missing, and with it the licence notice for readers']);
  });

  it('reads an HTML page with only <link rel="license"> and meta tags, and its colophon', async () => {
    const html = `<!doctype html><html><head><title>Page</title><link rel="license" href="https://creativecommons.org/licenses/by/4.0/"><meta name="dcterms.title" content="Plain Page"><meta name="dcterms.creator" content="Pia Plain"></head>
      <body><p>Text.</p><section class="colophon"><p class="tasl">“<cite>Plain Page</cite>” by Pia Plain is licensed under <a rel="license" href="https://creativecommons.org/licenses/by/4.0/deed.en">CC BY 4.0</a>.</p></section></body></html>`;
    const file = path.join(dir, 'page.html');
    await writeFile(file, html);
    const report = await readLicence(file);
    expect(report).toMatchObject({
      format: 'html',
      licence: { spdx: 'CC-BY-4.0' },
      title: 'Plain Page',
      creators: ['Pia Plain'],
      notice: { metadata: true, human: true },
      problems: [],
    });
  });

  it('reports a notice that does not name the author the licence asks to credit', async () => {
    const html = `<!doctype html><html><head><link rel="license" href="https://creativecommons.org/licenses/by/4.0/"><meta name="dcterms.title" content="Plain Page"><meta name="dcterms.creator" content="Pia Plain"></head>
      <body><section class="colophon"><p class="tasl">“<cite>Plain Page</cite>” is licensed under <a rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>.</p></section></body></html>`;
    const file = path.join(dir, 'anonymous.html');
    await writeFile(file, html);
    expect((await readLicence(file)).problems).toEqual([
      "the colophon's licence notice does not name the author Pia Plain",
    ]);
  });

  it('knows the three formats by their first bytes when the name does not tell', () => {
    expect(detectFormat('book', new TextEncoder().encode('%PDF-1.7\n'))).toBe('pdf');
    expect(detectFormat('book', new TextEncoder().encode('<!DOCTYPE html><html>'))).toBe('html');
    expect(detectFormat('notes.txt', new TextEncoder().encode('just text'))).toBeUndefined();
  });
});
