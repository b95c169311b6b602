/**
 * The Markdown features an author expects, built for real: footnotes, figures,
 * tables, highlighted code, math, cross-references and typography, checked in
 * the EPUB's XHTML (and by EPUBCheck) and in the HTML edition.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuildResult, build } from '../../src/build.js';
import { epubcheck, unzip, zipText } from '../helpers/tools.js';

const NNBSP = '\u202F';
let work: string;

async function writeBook(name: string, files: Record<string, string>): Promise<string> {
  const dir = path.join(work, name);
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  return dir;
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'octavo-markdown-'));
});
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

const BASICS = `# The "Basics" {#basics}

Every claim needs a source.[^src] It's "simple" -- mostly... See [the details](02-more.md#details),
[](#details) and [the next chapter](02-more.md).

| Language | Typing |
|:---------|-------:|
| JavaScript | dynamic |
| Rust | static |

\`\`\`js
const answer = 42; // the answer
\`\`\`

\`\`\`python
def greet(name):
    return f"Hello, {name}"
\`\`\`

Euler wrote $e^{i\\pi} + 1 = 0$, and

$$
\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}
$$

Markup stays safe: <abbr title="HyperText Markup Language">HTML</abbr>, <kbd>Ctrl</kbd>.

[^src]: A footnote with *emphasis* and \`code\`.
`;

const MORE = `# More

## Details {#details}

A second note.[^1] Back to [](01-basics.md) and [the table](#basics).

## 2011 events

\`\`\`unknown-language
plain "text" -- as written
\`\`\`

[^1]: The second chapter's own note.
`;

describe('a book using every Markdown feature (no images)', () => {
  let result: BuildResult;
  let zip: JSZip;
  let ch1: string;
  let ch2: string;

  beforeAll(async () => {
    const input = await writeBook('features', {
      'book.yaml': 'title: Features\ncreator: Test Author\nlanguage: en\nlicence: CC0-1.0\n',
      '01-basics.md': BASICS,
      '02-more.md': MORE,
    });
    result = await build({ input, outDir: path.join(work, 'features-out'), formats: ['epub', 'html'] });
    zip = await unzip(result.outputs.epub!);
    ch1 = await zipText(zip, 'OEBPS/ch-1.xhtml');
    ch2 = await zipText(zip, 'OEBPS/ch-2.xhtml');
  });

  it('builds without warnings', () => {
    expect(result.diagnostics).toEqual([]);
  });

  it('has EPUB 3 pop-up footnotes, with ids unique across the book', () => {
    // (The EPUB writer names the file in every link, this one's too.)
    expect(ch1).toContain('<sup><a epub:type="noteref" role="doc-noteref" href="#fn-1" id="fnref-1">1</a></sup>');
    expect(ch1).toMatch(
      /<section class="footnotes" epub:type="footnotes" role="doc-endnotes" aria-label="Footnotes"><aside epub:type="footnote" role="doc-footnote" id="fn-1"><p><span class="footnote-number">1\.<\/span> A footnote with <em>emphasis<\/em> and <code>code<\/code>\. <a role="doc-backlink" href="#fnref-1" aria-label="Back to note 1">↩\uFE0E<\/a><\/p><\/aside><\/section>/,
    );
    expect(ch2).toContain('<a epub:type="noteref" role="doc-noteref" href="#fn-1-1" id="fnref-1-1">1</a>');
    expect(ch2).toContain('<aside epub:type="footnote" role="doc-footnote" id="fn-1-1">');
    expect(ch2).toContain('<a role="doc-backlink" href="#fnref-1-1" aria-label="Back to note 1">↩\uFE0E</a>');
  });

  it('has a table aligned by CSS, highlighted code and plain code in an unknown language', () => {
    expect(ch1).toContain('<th style="text-align: left;">Language</th>');
    expect(ch1).toContain('<td style="text-align: right;">dynamic</td>');
    expect(ch1).toContain('<code class="language-js"><span class="pl-k">const</span>');
    expect(ch1).toContain('<span class="pl-c">// the answer</span>');
    expect(ch1).toContain('<span class="pl-k">def</span> <span class="pl-en">greet</span>');
    expect(ch2).toContain('<code class="language-unknown-language">plain "text" -- as written\n</code>');
  });

  it('has MathML, inline and display, declared in the manifest', async () => {
    expect(ch1).toMatch(
      /Euler wrote <math xmlns="http:\/\/www.w3.org\/1998\/Math\/MathML" alttext="e to the power i π end power \+ 1 = 0">/,
    );
    expect(ch1).toContain('<div class="math-display"><math xmlns="http://www.w3.org/1998/Math/MathML" display="block"');
    const opf = await zipText(zip, 'OEBPS/content.opf');
    expect(opf).toMatch(/<item [^>]*href="ch-1.xhtml"[^>]*properties="mathml"/);
    expect(opf).not.toMatch(/<item [^>]*href="ch-2.xhtml"[^>]*properties="mathml"/);
  });

  it('resolves cross-references between chapters to the right files', () => {
    expect(ch1).toContain('<a href="ch-2.xhtml#details">the details</a>');
    expect(ch1).toContain('<a href="ch-2.xhtml#details">Details</a>');
    expect(ch1).toContain('<a href="ch-2.xhtml">the next chapter</a>');
    expect(ch2).toContain('<a href="ch-1.xhtml">The “Basics”</a>');
    expect(ch2).toContain('<a href="ch-1.xhtml#basics">the table</a>');
  });

  it('sets smart typography, keeps safe raw HTML', () => {
    expect(ch1).toContain('<h1 id="basics">The “Basics”</h1>');
    expect(ch1).toContain('It’s “simple” – mostly…');
    expect(ch1).toContain('<abbr title="HyperText Markup Language">HTML</abbr>, <kbd>Ctrl</kbd>');
  });

  it('passes EPUBCheck with 0 errors and 0 warnings', async () => {
    const check = await epubcheck(result.outputs.epub!);
    expect(check.output).toContain('No errors or warnings detected');
    expect([check.fatals, check.errors, check.warnings]).toEqual([0, 0, 0]);
  });

  it('gives the HTML edition the same structures, without epub:type', async () => {
    const html = await readFile(result.outputs.html!, 'utf8');
    expect(html).not.toContain('epub:type');
    expect(html).toContain('<a role="doc-noteref" href="#fn-1" id="fnref-1">1</a>');
    expect(html).toContain('<aside role="doc-footnote" id="fn-1-1">');
    expect(html).toContain('<math xmlns="http://www.w3.org/1998/Math/MathML" display="block"');
    expect(html).toContain('<a href="#details">the details</a>');
    expect(html).toContain('<span class="pl-k">const</span>');
  });
});

const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20"><rect width="40" height="20" fill="#888"/></svg>\n';

describe('a French book with a figure', () => {
  let result: BuildResult;
  let ch1: string;

  beforeAll(async () => {
    const input = await writeBook('figure', {
      'book.yaml': 'title: Carte\ncreator: Auteur\nlanguage: fr\nlicence: CC0-1.0\n',
      'images/carte.svg': SVG,
      '01-carte.md': `# La carte

Il dit : "Voyez [](#carte) !" Puis: "Quoi?"

![Un rectangle gris](images/carte.svg "La vallée en 1850 {#carte}")
`,
    });
    result = await build({ input, outDir: path.join(work, 'figure-out'), formats: ['epub', 'html'] });
    ch1 = await zipText(await unzip(result.outputs.epub!), 'OEBPS/ch-1.xhtml');
  });

  it('has a numbered figure with its caption, referred to by number, in French typography', () => {
    expect(result.diagnostics).toEqual([]);
    expect(ch1).toMatch(
      /<figure id="carte"><img src="images\/carte\.svg" alt="Un rectangle gris"[^>]*\/><figcaption><span class="figure-label">Figure 1 :<\/span> La vallée en 1850<\/figcaption><\/figure>/,
    );
    expect(ch1).toContain(
      `Il dit${NNBSP}: «${NNBSP}Voyez <a href="#carte">Figure 1</a>${NNBSP}!${NNBSP}» Puis${NNBSP}: «${NNBSP}Quoi${NNBSP}?${NNBSP}»`,
    );
  });

  it('passes EPUBCheck with 0 errors and 0 warnings', async () => {
    const check = await epubcheck(result.outputs.epub!);
    expect(check.output).toContain('No errors or warnings detected');
    expect([check.fatals, check.errors, check.warnings]).toEqual([0, 0, 0]);
  });
});
