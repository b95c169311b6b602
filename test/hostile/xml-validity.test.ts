/**
 * Issue 11 §2: text XML cannot hold, or holds only escaped, in every
 * metadata field and in chapter text, code and headings. Every output must
 * stay valid: EPUBCheck clean, every XML document well-formed, the title kept.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Element as XElement, Root as XRoot } from 'xast';
import { fromXml } from 'xast-util-from-xml';
import { type BuildResult, build } from '../../src/build.js';
import { Diagnostics } from '../../src/diagnostics.js';
import { removeTempBooks, tempBook } from '../helpers/books.js';
import { sharedBrowser } from '../helpers/browser.js';
import { epubcheck, pdfinfoMeta, unzip, zipText } from '../helpers/tools.js';

/** YAML double-quoted: `]]>`, `<`, `&`, `"`, C0 controls, U+FFFE and a lone surrogate. */
const NASTY_YAML = String.raw`]]> <b> & \" \x01\x08\x0B\x0C\x1F \uFFFE \uD800 end`;
/** What survives: each character XML cannot hold becomes U+FFFD. */
const NASTY_KEPT = ']]> <b> & " \uFFFD\uFFFD\uFFFD\uFFFD\uFFFD \uFFFD \uFFFD end';
/** Raw in a Markdown file: controls and U+FFFE (a lone surrogate cannot be written as UTF-8). */
const NASTY_MD = ']]> & "q" \u0001\u000B\u001F \uFFFE';

const BOOK_YAML = `title: "Title ${NASTY_YAML}"
subtitle: "Sub ${NASTY_YAML}"
creator: ["Ann ${NASTY_YAML}", "Bob ]]>"]
identifier: "urn:octavo:${NASTY_YAML}"
publisher: "Pub ${NASTY_YAML}"
description: "Desc ${NASTY_YAML}"
subjects: ["Subj ${NASTY_YAML}"]
language: en
licence: CC-BY-4.0
licence-statement: "Stmt ${NASTY_YAML}"
source: "Src ${NASTY_YAML}"
changes: "Changed ${NASTY_YAML}"
chapters:
  - one.md
  - two.md
`;

const ONE_MD = `# Heading ${NASTY_MD} <i>it</i>

Text ${NASTY_MD} and &#xD800; &#1; &#xFFFE; entities.

\`inline ]]> code\`

\`\`\`js
const s = "]]>"; if (a < b && c) {} ${NASTY_MD}
\`\`\`

<span title="]]> &amp; ${NASTY_MD}">raw html ]]></span>

<!-- a comment with -- and ]]> -->

[link ]]>](https://example.org/?a=1&b=]]>)
`;

let result: BuildResult;
const diagnostics = new Diagnostics();

beforeAll(async () => {
  const browser = await sharedBrowser();
  const dir = await tempBook(
    { 'book.yaml': BOOK_YAML, 'one.md': ONE_MD, 'two.md': `Second ${NASTY_MD}\n\n## Sub ]]>\n` },
    'octavo-hostile-',
  );
  try {
    result = await build({ input: dir, outDir: path.join(dir, 'dist'), browser, diagnostics });
  } finally {
    await browser.disconnect();
  }
});

afterAll(removeTempBooks);

function parse(xml: string, name: string): XRoot {
  try {
    return fromXml(xml);
  } catch (err) {
    throw new Error(`${name} is not well-formed: ${(err as Error).message}`);
  }
}

function xmlText(node: XRoot | XElement): string {
  return node.children.map((c) => (c.type === 'text' ? c.value : c.type === 'element' ? xmlText(c) : '')).join('');
}

function find(tree: XRoot | XElement, test: (e: XElement) => boolean): XElement[] {
  const out: XElement[] = [];
  const walk = (n: XRoot | XElement) => {
    for (const c of n.children) {
      if (c.type !== 'element') continue;
      if (test(c)) out.push(c);
      walk(c);
    }
  };
  walk(tree);
  return out;
}

describe('hostile text in every field', () => {
  it('builds all three formats and warns where the characters were, with file and line', () => {
    expect(Object.keys(result.outputs).sort()).toEqual(['epub', 'html', 'pdf']);
    const found = diagnostics.list().filter((d) => d.code === 'manuscript/invalid-character');
    expect(found.some((d) => d.file?.endsWith('book.yaml') && d.line === 1)).toBe(true);
    expect(found.some((d) => d.file?.endsWith('one.md') && d.line === 1)).toBe(true);
    expect(found.some((d) => d.file?.endsWith('two.md'))).toBe(true);
  });

  it('passes EPUBCheck with no error and no warning', async () => {
    const check = await epubcheck(result.outputs.epub!);
    expect(check.output).toContain('No errors or warnings detected');
  });

  it('gives well-formed XML for every XHTML document, the OPF and the NCX', async () => {
    const zip = await unzip(result.outputs.epub!);
    const names = Object.keys(zip.files).filter((n) => /\.(xhtml|opf|ncx|xml)$/.test(n));
    expect(names).toContain('OEBPS/content.opf');
    expect(names).toContain('OEBPS/toc.ncx');
    for (const name of names) parse(await zipText(zip, name), name);
  });

  it('keeps the title, escaped, in the OPF, the NCX and the chapter', async () => {
    const zip = await unzip(result.outputs.epub!);
    const opf = parse(await zipText(zip, 'OEBPS/content.opf'), 'content.opf');
    const titles = find(opf, (e) => e.name === 'dc:title').map((e) => xmlText(e));
    expect(titles).toEqual([`Title ${NASTY_KEPT}`, `Sub ${NASTY_KEPT}`]);
    // The second source is the print edition whose page numbers the EPUB carries.
    expect(find(opf, (e) => e.name === 'dc:source').map((e) => xmlText(e))).toEqual([
      `Src ${NASTY_KEPT}`,
      `Title ${NASTY_KEPT}, print edition (title-b-end.pdf)`,
    ]);
    for (const [tag, prefix] of [
      ['dc:publisher', 'Pub'],
      ['dc:description', 'Desc'],
      ['dc:subject', 'Subj'],
      ['dc:identifier', 'urn:octavo:'],
    ] as const)
      expect(find(opf, (e) => e.name === tag).map((e) => xmlText(e))).toEqual([
        `${prefix}${prefix.endsWith(':') ? '' : ' '}${NASTY_KEPT}`,
      ]);
    expect(find(opf, (e) => e.name === 'dc:creator').map((e) => xmlText(e))).toEqual([`Ann ${NASTY_KEPT}`, 'Bob ]]>']);
    const ncx = parse(await zipText(zip, 'OEBPS/toc.ncx'), 'toc.ncx');
    expect(xmlText(find(ncx, (e) => e.name === 'docTitle')[0]!)).toBe(`Title ${NASTY_KEPT}`);
    const nav = find(ncx, (e) => e.name === 'navLabel').map((e) => xmlText(e));
    expect(nav.some((t) => t.startsWith('Heading ]]> &'))).toBe(true);
    const chapterFile = Object.keys(zip.files).find(
      (n) => n.endsWith('.xhtml') && !/(cover|toc|titlepage|colophon|halftitle)\.xhtml$/.test(n),
    )!;
    const chapter = parse(await zipText(zip, chapterFile), chapterFile);
    const code = find(chapter, (e) => e.name === 'pre').map((e) => xmlText(e));
    expect(code.join('')).toContain('const s = "]]>"; if (a < b && c) {}');
  });

  it('gives the PDF a well-formed XMP packet that keeps the title', async () => {
    const meta = await pdfinfoMeta(result.outputs.pdf!);
    const start = meta.indexOf('<x:xmpmeta');
    const end = meta.indexOf('</x:xmpmeta>');
    expect(start).toBeGreaterThanOrEqual(0);
    const xmp = parse(meta.slice(start, end + '</x:xmpmeta>'.length), 'XMP');
    const title = find(xmp, (e) => e.name === 'dc:title')[0]!;
    expect(find(title, (e) => e.name === 'rdf:li').map((e) => xmlText(e))[0]).toBe(`Title ${NASTY_KEPT}`);
  });
});
