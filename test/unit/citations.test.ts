/** Citations: syntax on the Markdown tree, bibliography files, citeproc rendering and placement. */

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { toHtml } from 'hast-util-to-html';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Diagnostic, Diagnostics, OctavoError } from '../../src/diagnostics.js';
import { parseBracket, parseLocator } from '../../src/transform/citation-syntax.js';
import { transformBook } from '../../src/transform/index.js';
import { manuscriptOf } from '../helpers/transform.js';

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
`;
const CSL_JSON = JSON.stringify([
  {
    id: 'roe10',
    type: 'book',
    author: [{ family: 'Roe', given: 'Richard' }],
    title: 'Later Work',
    issued: { 'date-parts': [[2010]] },
    publisher: 'Press',
  },
]);
const CSL_YAML =
  'references:\n  - id: poe20\n    type: book\n    author:\n      - family: Poe\n        given: Ed\n    title: Yaml Work\n    issued: 2020\n';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'octavo-citations-'));
  await writeFile(path.join(root, 'refs.bib'), BIB);
  await writeFile(path.join(root, 'more.json'), CSL_JSON);
  await writeFile(path.join(root, 'more.yaml'), CSL_YAML);
  await writeFile(path.join(root, 'bad.bib'), '@book{x,\n  title = {T},\n  year = 1999\n  author = {A}\n}\n');
  await writeFile(path.join(root, 'bad.json'), '[\n  {"id": "a",}\n]\n');
  // The config needs a chapter in the folder; the tests give theirs to the transform directly.
  await writeFile(path.join(root, '01-a.md'), '# A\n');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const manuscript = (chapters: Record<string, string>, yaml: string) => manuscriptOf(chapters, { yaml, root });

async function build(chapters: Record<string, string>, yaml = 'bibliography: [refs.bib, more.json, more.yaml]\n') {
  const sink = new Diagnostics();
  const book = await transformBook(await manuscript(chapters, yaml), sink);
  return { book, diagnostics: sink.list(), html: book.chapters.map((c) => toHtml(c.tree)) };
}

async function errorsOf(chapters: Record<string, string>, yaml?: string): Promise<Diagnostic[]> {
  try {
    await build(chapters, yaml);
  } catch (err) {
    if (err instanceof OctavoError) return err.diagnostics;
    throw err;
  }
  throw new Error('the book built');
}

describe('citation syntax', () => {
  it('reads prefixes, keys, locators and suffixes as pandoc does', () => {
    expect(parseBracket('see @a, pp. 3-5; @b')).toEqual([
      { key: 'a', prefix: 'see', rest: ', pp. 3-5', suppressAuthor: false, locator: '3-5', label: 'page', suffix: '' },
      { key: 'b', prefix: '', rest: '', suppressAuthor: false, suffix: '' },
    ]);
    expect(parseBracket('-@doe99, chap. 2, and passim')).toEqual([
      expect.objectContaining({
        key: 'doe99',
        suppressAuthor: true,
        locator: '2',
        label: 'chapter',
        suffix: ', and passim',
      }),
    ]);
    expect(parseBracket('@x.y:z')![0]!.key).toBe('x.y:z');
    expect(parseBracket('a note; not a citation')).toBeUndefined();
    expect(parseBracket('@a; no key here')).toBeUndefined();
    expect(parseLocator(', 33')).toEqual({ locator: '33', label: 'page', suffix: '' });
    expect(parseLocator(' and elsewhere')).toEqual({ suffix: 'and elsewhere' });
  });
});

describe('citations', () => {
  it('render in Chicago author-date, linked to entries, with the bibliography at the end of the last chapter', async () => {
    const { html, diagnostics } = await build({
      '01-a.md': [
        '# A',
        '',
        'As shown [@doe99, p. 33], and [see *the* @doe99, pp. 3-5; @muller04].',
        '',
        '@doe99 says so; @muller04 [p. 40] too, and [-@roe10] later.',
        '',
        'Write to jane@doe99.org or ask @nobody.',
        '',
      ].join('\n'),
      '02-b.md': '# B\n\nAlso [@poe20].\n',
    });
    const [a, b] = html;
    expect(a).toContain(
      'As shown <span class="citation" data-cites="doe99"><a href="#ref-doe99" role="doc-biblioref">(Doe 1999, 33)</a></span>',
    );
    // Each work of a cluster links to its own entry; the prefix keeps its words (emphasis becomes text).
    expect(a).toContain(
      '<span class="citation" data-cites="doe99 muller04">(<a href="#ref-doe99" role="doc-biblioref">see the Doe 1999, 3–5</a>; ' +
        '<a href="#ref-muller04" role="doc-biblioref">Müller and Smith 2004</a>)</span>',
    );
    expect(a).toContain('<a href="#ref-doe99" role="doc-biblioref">Doe (1999)</a></span> says so');
    expect(a).toContain('<a href="#ref-muller04" role="doc-biblioref">Müller and Smith (2004, 40)</a>');
    expect(a).toContain('<a href="#ref-roe10" role="doc-biblioref">(2010)</a>');
    expect(a).toContain('Write to <a href="mailto:jane@doe99.org">jane@doe99.org</a> or ask @nobody.');
    expect(b).toContain('<a href="#ref-poe20" role="doc-biblioref">(Poe 2020)</a>');
    expect(diagnostics.map((d) => [d.severity, d.code, d.line, d.column])).toEqual([
      ['warning', 'markdown/unknown-citation', 7, 32],
    ]);
    expect(b).toContain(
      '<section id="refs" epub:type="bibliography" role="doc-bibliography" class="bibliography" aria-labelledby="refs-title">' +
        '<h2 id="refs-title">References</h2>' +
        '<div class="references csl-bib-body" role="list">' +
        '<div id="ref-doe99" class="csl-entry" role="listitem">Doe, Jane. 1999. <i>A Book of Things</i>. Octavo Press.</div>',
    );
    expect(b).toContain(
      '<div id="ref-muller04" class="csl-entry" role="listitem">Müller, Jörg, and Ann Smith. 2004. “Études on Small Things.” <i>Journal of Things</i> 3: 33–45.</div>',
    );
    expect(b).toContain('Poe, Ed. 2020. <i>Yaml Work</i>.');
  });

  it('go where the book puts `# References {#refs}` or a `refs` block', async () => {
    const heading = await build({
      '01-a.md': '# A\n\nSee [@doe99].\n',
      '02-refs.md': '# Works cited {#refs}\n\n## After\n',
    });
    expect(heading.html[1]).toMatch(
      /<h1 id="refs">Works cited<\/h1>\n?<section epub:type="bibliography" role="doc-bibliography" aria-labelledby="refs" class="bibliography"><div class="references csl-bib-body" role="list"><div id="ref-doe99"[\s\S]*<\/section>\n?<h2 id="after">/,
    );
    expect(heading.html[0]).not.toContain('References');
    const block = await build({ '01-a.md': '# A\n\nSee [@doe99].\n\n<div id="refs"></div>\n\nThe end.\n' });
    expect(block.html[0]).toMatch(
      /<section id="refs" epub:type="bibliography" role="doc-bibliography" class="bibliography" aria-labelledby="refs-title"><h2 id="refs-title">References<\/h2><div class="references csl-bib-body"/,
    );
    expect(block.html[0]).toMatch(/<\/section>\n<p>The end.<\/p>$/);
  });

  it("use the style the book names, and the book's language for entries and the title", async () => {
    const { html } = await build(
      { '01-a.md': '# A\n\nVoir [@muller04, p. 35].\n' },
      'bibliography: refs.bib\nlanguage: fr\n',
    );
    expect(html[0]).toContain('(Müller et Smith 2004, 35)');
    expect(html[0]).toContain('<h2 id="refs-title">Références</h2>');
  });

  it('make an unknown key in brackets an error at file:line:col, with a guess', async () => {
    const errors = await errorsOf({ '01-a.md': '# A\n\nAs\nshown [@doe98, p. 3].\n' });
    expect(errors).toEqual([
      {
        severity: 'error',
        code: 'markdown/unknown-citation',
        message: 'citation of `@doe98`, which the bibliography does not hold',
        file: path.join(root, '01-a.md'),
        line: 4,
        column: 7,
        hint: 'Did you mean `@doe99`?',
      },
    ]);
  });

  it('name a bad bibliography file and its line', async () => {
    const bib = await errorsOf({ '01-a.md': '# A\n' }, 'bibliography: bad.bib\n');
    expect(bib).toEqual([
      expect.objectContaining({ code: 'bibliography/invalid', file: path.join(root, 'bad.bib'), line: 4 }),
    ]);
    expect(bib[0]!.message).toMatch(/^bibliography bad\.bib cannot be read: /);
    const json = await errorsOf({ '01-a.md': '# A\n' }, 'bibliography: bad.json\n');
    expect(json).toEqual([
      expect.objectContaining({ code: 'bibliography/invalid', file: path.join(root, 'bad.json'), line: 2 }),
    ]);
    const missing = await errorsOf({ '01-a.md': '# A\n' }, 'bibliography: nope.bib\n');
    expect(missing).toEqual([
      expect.objectContaining({ code: 'bibliography/missing', file: path.join(root, 'book.yaml'), line: 5 }),
    ]);
    const outside = await errorsOf({ '01-a.md': '# A\n' }, 'bibliography: ../elsewhere.bib\n');
    expect(outside).toEqual([expect.objectContaining({ code: 'bibliography/outside-book', line: 5 })]);
  });

  it('leave `@name` alone and warn about `[@key]` when the book has no bibliography', async () => {
    const { html, diagnostics } = await build({ '01-a.md': '# A\n\nThanks @octocat, and see [@doe99].\n' }, '');
    expect(html[0]).toContain('<p>Thanks @octocat, and see [@doe99].</p>');
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'markdown/unhandled-syntax',
        line: 3,
        message: expect.stringContaining('citation'),
      }),
    ]);
  });

  it('stay text with a warning when markdown.citations is off', async () => {
    const { html, diagnostics } = await build(
      { '01-a.md': '# A\n\nSee [@doe99].\n' },
      'bibliography: refs.bib\nmarkdown:\n  citations: false\n',
    );
    expect(html[0]).toContain('<p>See [@doe99].</p>');
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['markdown/unhandled-syntax', expect.stringContaining('markdown.citations is off')],
    ]);
  });
});
