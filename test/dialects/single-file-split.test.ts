/**
 * A single Markdown file with several top-level headings is a book of several
 * chapters; a first `# Title` repeating the front matter's title is the title;
 * `split-level` chooses the level; links between the pieces, and a piece's
 * problems, keep working and pointing at the file's own lines.
 */
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { removeTempBooks, tempBook } from '../helpers/books.js';
import { octavo } from '../helpers/cli.js';
import { epubcheck, unzip, zipText } from '../helpers/tools.js';

afterAll(removeTempBooks);

const ESSAY = [
  '---',
  'title: Field Guide',
  'author: Jo Writer',
  'language: en',
  'licence: CC0-1.0',
  '---',
  '',
  '# Field Guide',
  '',
  '# Birds',
  '',
  'Look up. See [the trees](#trees) and [bird song](#song).',
  '',
  '## Song {#song}',
  '',
  'Tweet.',
  '',
  '# Trees {#trees}',
  '',
  'Look around; back to [Birds](#birds), or [the same in this file](essay.md#song).',
  '',
  '# Rivers',
  '',
  'Wet, says [the wiki][wiki].',
  '',
  '[wiki]: https://example.org/rivers',
  '',
].join('\n');

/** The nav's chapters (its entries that are not a chapter's `##` sections). */
const tocTitles = (toc: string) =>
  [...toc.matchAll(/<li class="toc-entry toc-(?!section)[^"]*"><a [^>]*><span class="toc-title">([^<]*)<\/span>/g)].map(
    (m) => m[1],
  );

it('splits at the top heading level; the repeated title is the title, not a chapter', async () => {
  const dir = await tempBook({ 'essay.md': ESSAY }, 'octavo-split-');
  // Not -q: that prints errors only, and the warning below is asserted.
  const run = await octavo(['build', 'essay.md', '-o', 'dist', '-f', 'epub,html'], dir);
  expect(run.code, run.stderr).toBe(0);
  const epub = path.join(dir, 'dist', 'field-guide.epub');
  const check = await epubcheck(epub);
  expect([check.fatals, check.errors, check.warnings], check.output).toEqual([0, 0, 0]);
  const zip = await unzip(epub);
  expect(tocTitles(await zipText(zip, 'OEBPS/toc.xhtml'))).toEqual(['Birds', 'Trees', 'Rivers', 'Colophon']);
  const [birds, trees, rivers] = await Promise.all(
    ['ch-1', 'ch-2', 'ch-3'].map((c) => zipText(zip, `OEBPS/${c}.xhtml`)),
  );
  expect(birds).toContain('<a href="ch-2.xhtml#trees">the trees</a>');
  expect(birds).toContain('<a href="#song">bird song</a>');
  expect(trees).toContain('<a href="ch-1.xhtml#birds">Birds</a>');
  expect(trees).toContain('<a href="ch-1.xhtml#song">the same in this file</a>');
  expect(trees).not.toContain('Tweet');
  // A reference definition serves the whole file.
  expect(rivers).toContain('href="https://example.org/rivers"');
  expect(`${birds}${trees}${rivers}`).not.toContain('Field Guide</h1>');
  expect(await zipText(zip, 'OEBPS/content.opf')).toContain('<dc:title id="title">Field Guide</dc:title>');
});

it('reports a problem in a later chapter at the file’s own line', async () => {
  const dir = await tempBook(
    { 'essay.md': ESSAY.replace('Wet, says', 'Wet, see [nothing](#nowhere), says') },
    'octavo-split-bad-',
  );
  const run = await octavo(['build', 'essay.md', '-o', 'dist', '-f', 'html'], dir);
  // A single file warns about broken links (broken-links: warn) rather than failing.
  expect(run.code).toBe(0);
  expect(run.stderr).toContain('essay.md:24:10 warning link to `#nowhere` points at nothing in the book');
});

it('split-level chooses the level; one top-level heading alone stays one chapter', async () => {
  const readme = '# Project\n\nIntro.\n\n## Install\n\nSteps, then [use it](#use).\n\n## Use\n\nRun it.\n';
  const dir = await tempBook(
    { 'README.md': readme, 'split.md': `---\nsplit-level: 2\n---\n\n${readme}` },
    'octavo-split-level-',
  );
  const whole = await octavo(['build', 'README.md', '-o', 'whole', '-f', 'epub', '-q'], dir);
  expect(whole.code, whole.stderr).toBe(0);
  const one = await unzip(path.join(dir, 'whole', 'project.epub'));
  expect(tocTitles(await zipText(one, 'OEBPS/toc.xhtml'))).toEqual(['Project', 'Colophon']);

  const split = await octavo(['build', 'split.md', '-o', 'split', '-f', 'epub', '-q'], dir);
  expect(split.code, split.stderr).toBe(0);
  const zip = await unzip(path.join(dir, 'split', 'project.epub'));
  expect(tocTitles(await zipText(zip, 'OEBPS/toc.xhtml'))).toEqual(['Project', 'Install', 'Use', 'Colophon']);
  const install = await zipText(zip, 'OEBPS/ch-2.xhtml');
  // The piece's ## heading is its chapter title.
  expect(install).toMatch(/<h1 id="install">Install<\/h1>/);
  expect(install).toContain('<a href="ch-3.xhtml#use">use it</a>');
});

it('split-level in book.yaml cuts a folder book’s chapter files', async () => {
  const dir = await tempBook(
    {
      'book.yaml': 'title: Cut\ncreator: A\nlanguage: en\nlicence: CC0-1.0\nsplit-level: 1\nchapters: [a.md, b.md]\n',
      'a.md': '# One\n\nSee [three](b.md#three).\n\n# Two\n\nText.\n',
      'b.md': '# Three\n\nBack to [two](a.md#two).\n',
    },
    'octavo-split-folder-',
  );
  const run = await octavo(['build', '.', '-o', 'dist', '-f', 'epub', '-q'], dir);
  expect(run.code, run.stderr).toBe(0);
  const zip = await unzip(path.join(dir, 'dist', 'cut.epub'));
  expect(tocTitles(await zipText(zip, 'OEBPS/toc.xhtml'))).toEqual(['One', 'Two', 'Three', 'Colophon']);
  expect(await zipText(zip, 'OEBPS/ch-1.xhtml')).toContain('<a href="ch-3.xhtml#three">three</a>');
  expect(await zipText(zip, 'OEBPS/ch-3.xhtml')).toContain('<a href="ch-2.xhtml#two">two</a>');
});
