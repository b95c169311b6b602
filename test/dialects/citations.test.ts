/**
 * Citations and cross-references built for real with the CLI: a small book with
 * a BibTeX file (accents, a page range) and a CSL JSON file, in EPUB (unzipped,
 * EPUBCheck), HTML and PDF (pdftotext).
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { octavo } from '../helpers/cli.js';
import { epubcheck, normalise, pdftotext, unzip, zipText } from '../helpers/tools.js';

const BIB = String.raw`@book{doe99,
  author = {Doe, Jane},
  title = {A Book of Things},
  year = {1999},
  publisher = {Octavo Press},
  address = {Paris}
}

@article{muller04,
  author = {M{\"u}ller, J{\"o}rg and Smith, Ann},
  title = {{\'E}tudes on Small Things},
  journal = {Journal of Things},
  year = {2004},
  volume = {3},
  pages = {33--45}
}

@book{roe10,
  author = {Roe, Richard},
  title = {Later Work},
  year = {2010},
  publisher = {Press}
}
`;

const CSL_JSON = `${JSON.stringify(
  [
    {
      id: 'poe20',
      type: 'book',
      author: [{ family: 'Poe', given: 'Edgar' }],
      title: 'A JSON Work',
      issued: { 'date-parts': [[2020]] },
      publisher: 'Data House',
    },
  ],
  null,
  2,
)}\n`;

const BOOK_YAML = `title: Cited
creator: Ann Author
language: en
licence: CC0-1.0
date: 2024-01-01
bibliography:
  - refs.bib
  - more.json
`;

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

const CHAPTER_1 = `# Beginnings {#sec-beginnings}

Things were studied early [@doe99, p. 33] and later [see @muller04, pp. 35-37; @roe10].
@doe99 says so, and [-@poe20] agrees.

![A grey square](images/square.png "The square {#fig-square}")

<table id="tbl-numbers"><caption>Some numbers</caption><tr><th>n</th></tr><tr><td>1</td></tr></table>

$$
E = mc^2
$$ {#eq-energy}

See @fig-square, [@tbl-numbers], @eq-energy and @sec-later.
`;

const CHAPTER_2 = `# Later {#sec-later}

As @Fig-square showed, and [-@tbl-numbers] too.

# References {#refs}
`;

let work: string;
let book: string;

async function writeBook(dir: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), content);
  }
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'octavo-citations-'));
  book = path.join(work, 'book');
  await writeBook(book, {
    'book.yaml': BOOK_YAML,
    'refs.bib': BIB,
    'more.json': CSL_JSON,
    'images/square.png': PNG,
    '01-beginnings.md': CHAPTER_1,
    '02-later.md': CHAPTER_2,
  });
});
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('citations and cross-references, built with the CLI', () => {
  it('give EPUB and HTML with Chicago author-date citations, a bibliography and numbered references', async () => {
    const run = await octavo(['build', 'book', '--out', 'dist', '--format', 'epub,html'], work);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const files = await readdir(path.join(work, 'dist'));
    const epub = path.join(work, 'dist', files.find((f) => f.endsWith('.epub'))!);
    const check = await epubcheck(epub);
    expect(check, check.output).toMatchObject({ fatals: 0, errors: 0, warnings: 0 });

    const zip = await unzip(epub);
    const names = Object.keys(zip.files);
    const chapter = async (n: number) => zipText(zip, names.find((f) => f.endsWith(`ch-${n}.xhtml`))!);
    const one = await chapter(1);
    const two = await chapter(2);
    // In-text citations, each linked to its entry.
    expect(one).toContain('<a href="ch-2.xhtml#ref-doe99" role="doc-biblioref">(Doe 1999, 33)</a>');
    expect(one).toContain(
      '(<a href="ch-2.xhtml#ref-muller04" role="doc-biblioref">see Müller and Smith 2004, 35–37</a>; ' +
        '<a href="ch-2.xhtml#ref-roe10" role="doc-biblioref">Roe 2010</a>)',
    );
    expect(one).toContain('<a href="ch-2.xhtml#ref-doe99" role="doc-biblioref">Doe (1999)</a>');
    expect(one).toContain('<a href="ch-2.xhtml#ref-poe20" role="doc-biblioref">(2020)</a>');
    // Cross-references and numbered captions.
    expect(one).toContain('<span class="figure-label">Figure 1:</span> The square');
    expect(one).toContain('<span class="table-label">Table 1:</span> Some numbers');
    expect(one).toContain('<span class="equation-number">(1)</span>');
    expect(one).toContain(
      'See <a href="#fig-square" class="cross-ref">Figure 1</a>, <a href="#tbl-numbers" class="cross-ref">Table 1</a>, ' +
        '<a href="#eq-energy" class="cross-ref">Equation (1)</a> and <a href="ch-2.xhtml#sec-later" class="cross-ref">Later</a>.',
    );
    expect(two).toContain(
      'As <a href="ch-1.xhtml#fig-square" class="cross-ref">Figure 1</a> showed, and <a href="ch-1.xhtml#tbl-numbers" class="cross-ref">1</a> too.',
    );
    // The bibliography, where the book put it, in the order of the style.
    expect(two).toMatch(
      /<h1 id="refs">References<\/h1>\s*<section epub:type="bibliography" role="doc-bibliography" aria-labelledby="refs" class="bibliography">/,
    );
    const entries = [...two.matchAll(/<div id="(ref-[^"]+)" class="csl-entry" role="listitem">([\s\S]*?)<\/div>/g)].map(
      (m) => [m[1], normalise(m[2]!.replace(/<[^>]+>/g, ''))],
    );
    expect(entries).toEqual([
      ['ref-doe99', 'Doe, Jane. 1999. A Book of Things. Octavo Press.'],
      ['ref-muller04', 'Müller, Jörg, and Ann Smith. 2004. “Études on Small Things.” Journal of Things 3: 33–45.'],
      ['ref-poe20', 'Poe, Edgar. 2020. A JSON Work. Data House.'],
      ['ref-roe10', 'Roe, Richard. 2010. Later Work. Press.'],
    ]);
    expect(two).toContain('<i>A Book of Things</i>');

    const html = await readFile(path.join(work, 'dist', files.find((f) => f.endsWith('.html'))!), 'utf8');
    expect(html).toContain('<a href="#ref-doe99" role="doc-biblioref">(Doe 1999, 33)</a>');
    expect(html).toContain('<a href="#fig-square" class="cross-ref">Figure 1</a>');
    expect(html).toContain('id="ref-muller04"');
  });

  it('print "Figure 1" and the bibliography in the PDF', async () => {
    const run = await octavo(['build', 'book', '--out', 'pdf-out', '--format', 'pdf'], work);
    expect(run.code, run.stderr).toBe(0);
    const files = await readdir(path.join(work, 'pdf-out'));
    const text = normalise(await pdftotext(path.join(work, 'pdf-out', files.find((f) => f.endsWith('.pdf'))!)));
    expect(text).toContain('Figure 1: The square');
    expect(text).toContain('(Doe 1999, 33)');
    expect(text).toContain('Doe, Jane. 1999. A Book of Things. Octavo Press.');
    expect(text).toContain('Müller, Jörg, and Ann Smith. 2004.');
  });

  it('refuse an unknown key, naming file and line (exit 1)', async () => {
    const dir = path.join(work, 'broken');
    await writeBook(dir, {
      'book.yaml': BOOK_YAML,
      'refs.bib': BIB,
      'more.json': CSL_JSON,
      '01-a.md': '# A\n\nFine [@doe99].\n\nBut [@doe98, p. 2] is not.\n',
    });
    const run = await octavo(['build', 'broken', '--out', 'dist-broken', '--format', 'epub'], work);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `${path.join('broken', '01-a.md')}:5:5 error citation of \`@doe98\`, which the bibliography does not hold. Did you mean \`@doe99\`? [markdown/unknown-citation]`,
    );
  });
});
