/**
 * Reproducible by default: without SOURCE_DATE_EPOCH, a build is dated by its
 * manuscript (the newest file it reads, or the last commit of a clean git
 * folder), so two builds of an unchanged book are the same bytes.
 */
import { execFile } from 'node:child_process';
import { cp, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { removeTempBooks, tempBook } from '../helpers/books.js';
import { sharedBrowser } from '../helpers/browser.js';
import { CLI } from '../helpers/cli.js';
import { solidPng } from '../helpers/png.js';
import { pdfinfoMeta, repoRoot, unzip, zipText } from '../helpers/tools.js';

const run = promisify(execFile);
// Some test files set SOURCE_DATE_EPOCH for their own builds; these builds run without it.
const { SOURCE_DATE_EPOCH: _unset, ...ENV } = process.env;

const T0 = new Date('2020-01-02T03:04:05Z');
const T1 = new Date('2021-06-07T08:09:10Z');

/** A whole `octavo build` process, as a user runs it. */
async function cli(dir: string, out: string, formats: string): Promise<void> {
  await run(process.execPath, [CLI, 'build', dir, '-o', out, '--format', formats, '--no-cache', '-q'], {
    cwd: dir,
    env: ENV,
  });
}

/** The EPUB alone, in this process (quicker), with or without SOURCE_DATE_EPOCH. */
async function epub(dir: string, out: string, epoch?: string): Promise<string> {
  const before = process.env.SOURCE_DATE_EPOCH;
  if (epoch === undefined) delete process.env.SOURCE_DATE_EPOCH;
  else process.env.SOURCE_DATE_EPOCH = epoch;
  try {
    // The run's Chromium draws the cover (no launch per build).
    browser ??= await sharedBrowser();
    return (await build({ input: dir, outDir: out, formats: ['epub'], browser })).outputs.epub!;
  } finally {
    if (before === undefined) delete process.env.SOURCE_DATE_EPOCH;
    else process.env.SOURCE_DATE_EPOCH = before;
  }
}

/** Sets every file of the folder to `date`. */
async function dateAll(dir: string, date: Date): Promise<void> {
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true }))
    if (e.isFile()) await utimes(path.join(e.parentPath, e.name), date, date);
}

async function opfModified(epub: string): Promise<string | undefined> {
  const opf = await zipText(await unzip(epub), 'OEBPS/content.opf');
  return /<meta property="dcterms:modified">([^<]+)<\/meta>/.exec(opf)?.[1];
}

let browser: Browser | undefined;
afterAll(async () => {
  await browser?.disconnect();
  await removeTempBooks();
});

describe('the sample, built twice without SOURCE_DATE_EPOCH', () => {
  let dir: string;
  const slug = 'assads-visit-to-tehran';
  beforeAll(async () => {
    // A copy outside any git repository: the files' times decide.
    dir = await tempBook({}, 'octavo-reproducible-');
    await cp(path.join(repoRoot, 'manuscript'), dir, { recursive: true });
    await dateAll(dir, T0);
    // Two processes, two output folders, nothing kept between them.
    await Promise.all([cli(dir, path.join(dir, 'a'), 'epub,html,pdf'), cli(dir, path.join(dir, 'b'), 'epub,html,pdf')]);
  });

  it.each(['epub', 'html', 'pdf'])('writes the same %s bytes both times', async (ext) => {
    const [a, b] = await Promise.all(['a', 'b'].map((o) => readFile(path.join(dir, o, `${slug}.${ext}`))));
    expect(a!.length).toBeGreaterThan(1000);
    expect(a!.equals(b!)).toBe(true);
  });

  it('dates every edition by the newest file of the manuscript', async () => {
    const out = path.join(dir, 'a');
    expect(await opfModified(path.join(out, `${slug}.epub`))).toBe('2020-01-02T03:04:05Z');
    const zip = await unzip(path.join(out, `${slug}.epub`));
    // Zip entries hold local time to two seconds: compare in local time.
    for (const entry of Object.values(zip.files))
      expect(entry.date.getTime()).toBe(T0.getTime() - (T0.getTime() % 2000));
    expect(await readFile(path.join(out, `${slug}.html`), 'utf8')).toContain(
      '<meta name="dcterms.modified" content="2020-01-02T03:04:05Z">',
    );
    expect(await pdfinfoMeta(path.join(out, `${slug}.pdf`))).toContain(
      '<xmp:ModifyDate>2020-01-02T03:04:05Z</xmp:ModifyDate>',
    );
  });

  it('takes the newer date of a chapter saved since', async () => {
    await utimes(path.join(dir, '01-assads-visit.md'), T1, T1);
    await cli(dir, path.join(dir, 'c'), 'epub');
    expect(await opfModified(path.join(dir, 'c', `${slug}.epub`))).toBe('2021-06-07T08:09:10Z');
  });
});

it('counts the images a book reads, and SOURCE_DATE_EPOCH still wins', async () => {
  const dir = await tempBook({
    'book.yaml': 'title: Pictures\ncreator: A\nlanguage: en\nlicence: CC0-1.0\n',
    'a.md': '# A\n\n![A red square](red.png)\n',
    'red.png': solidPng(8, 8, [200, 0, 0]),
    'notes.txt': 'Not part of the book.\n',
  });
  await dateAll(dir, T0);
  await utimes(path.join(dir, 'red.png'), T1, T1);
  // A file the book does not read is not its date.
  await utimes(path.join(dir, 'notes.txt'), new Date('2022-01-01T00:00:00Z'), new Date('2022-01-01T00:00:00Z'));
  expect(await opfModified(await epub(dir, path.join(dir, 'dist')))).toBe('2021-06-07T08:09:10Z');
  expect(await opfModified(await epub(dir, path.join(dir, 'epoch'), '1700000000'))).toBe('2023-11-14T22:13:20Z');
});

const git = await run('git', ['--version']).then(
  () => true,
  () => false,
);

describe.skipIf(!git)('a book in a git repository', () => {
  it('is dated by the last commit touching its folder while clean, by its files once changed or without git', async () => {
    const repo = await tempBook({
      'README.md': 'Not the book.\n',
      'book/book.yaml': 'title: Committed\ncreator: A\nlanguage: en\nlicence: CC0-1.0\n',
      'book/a.md': '# A\n\nText.\n',
      '.gitignore': 'dist/\n',
    });
    const env = { ...ENV, GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 'T' };
    const commit = async (message: string, date: string) => {
      await run('git', ['add', '-A'], { cwd: repo, env });
      await run('git', ['commit', '-qm', message], {
        cwd: repo,
        env: { ...env, GIT_COMMITTER_EMAIL: 't@example.org', GIT_COMMITTER_DATE: date, GIT_AUTHOR_DATE: date },
      });
    };
    await run('git', ['init', '-q'], { cwd: repo, env });
    await commit('book', '2019-05-06T07:08:09Z');
    // A later commit outside the book folder does not date it.
    await writeFile(path.join(repo, 'README.md'), 'Still not the book.\n');
    await commit('readme', '2024-01-01T00:00:00Z');
    const book = path.join(repo, 'book');
    // The files were written just now; the commit says when the book last changed. dist/ is ignored.
    expect(await opfModified(await epub(book, path.join(book, 'dist')))).toBe('2019-05-06T07:08:09Z');

    // Without git on the PATH, the build still runs, dated by its files.
    await dateAll(book, T0);
    const noGit = await tempBook({}, 'octavo-no-git-');
    await run(process.execPath, [CLI, 'build', book, '-o', 'no-git', '--format', 'epub', '--no-cache', '-q'], {
      cwd: noGit,
      env: { ...ENV, PATH: noGit },
    });
    expect(await opfModified(path.join(noGit, 'no-git', 'committed.epub'))).toBe('2020-01-02T03:04:05Z');

    await writeFile(path.join(book, 'a.md'), '# A\n\nText, changed.\n');
    await utimes(path.join(book, 'a.md'), T1, T1);
    expect(await opfModified(await epub(book, path.join(book, 'dist')))).toBe('2021-06-07T08:09:10Z');
  });
});
