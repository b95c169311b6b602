/**
 * The `octavo` command as a user runs it: real processes, real folders. Bad
 * input must give one clear line naming file and line, no stack trace, and
 * leave an existing dist/ exactly as it was.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { octavo, type Run } from '../helpers/cli.js';
import { repoRoot } from '../helpers/tools.js';

let work: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'octavo-cli-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** A copy of the sample book with book.yaml (or a chapter) replaced, and a dist/ holding an old build. */
async function brokenBook(name: string, files: Record<string, string | null>): Promise<string> {
  const dir = path.join(work, name);
  await cp(path.join(repoRoot, 'manuscript'), path.join(dir, 'book'), { recursive: true });
  for (const [file, content] of Object.entries(files)) {
    if (content === null) await rm(path.join(dir, 'book', file));
    else await writeFile(path.join(dir, 'book', file), content);
  }
  await mkdir(path.join(dir, 'dist'));
  await writeFile(path.join(dir, 'dist', 'old-build.epub'), 'an earlier build');
  return dir;
}

async function expectDistUntouched(dir: string): Promise<void> {
  expect(await readdir(path.join(dir, 'dist'))).toEqual(['old-build.epub']);
  expect(await readFile(path.join(dir, 'dist', 'old-build.epub'), 'utf8')).toBe('an earlier build');
}

function expectNoStackTrace(run: Run): void {
  expect(run.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  expect(run.stderr).not.toContain('node:internal');
}

const SAMPLE_YAML = async () => readFile(path.join(repoRoot, 'manuscript', 'book.yaml'), 'utf8');

describe('octavo build with bad input', () => {
  it('names the file and line of a YAML syntax error', async () => {
    const yaml = (await SAMPLE_YAML()).replace('creator: Mehr News Agency', 'creator: [Mehr News Agency');
    const dir = await brokenBook('syntax', { 'book.yaml': yaml });
    const run = await octavo(['build', 'book'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/book[/\\]book\.yaml:\d+:\d+ error YAML syntax error/);
    expectNoStackTrace(run);
    await expectDistUntouched(dir);
  });

  it('refuses a CC BY book without a creator, saying which field to add', async () => {
    const yaml = (await SAMPLE_YAML()).replace(/^creator:.*\n/m, '');
    const dir = await brokenBook('no-creator', { 'book.yaml': yaml });
    const run = await octavo(['build', 'book'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /book\.yaml:\d+:1 error CC BY 4\.0 requires attribution, but the book names no creator\. Add `creator:`/,
    );
    expectNoStackTrace(run);
    await expectDistUntouched(dir);
  });

  it('reports an unknown key with a suggestion and its line', async () => {
    const yaml = `${await SAMPLE_YAML()}\nsubtitel: A report\n`;
    const dir = await brokenBook('typo', { 'book.yaml': yaml });
    const run = await octavo(['build', 'book'], dir);
    expect(run.code).toBe(1);
    const line = yaml.split('\n').findIndex((l) => l.startsWith('subtitel')) + 1;
    expect(run.stderr).toContain(`book.yaml:${line}:1 error unknown key \`subtitel\`. Did you mean \`subtitle\`?`);
    await expectDistUntouched(dir);
  });

  it('reports a missing book.yaml', async () => {
    const dir = await brokenBook('no-config', { 'book.yaml': null });
    const run = await octavo(['build', 'book'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/book\.yaml error no book\.yaml in .*book\./);
    expectNoStackTrace(run);
    await expectDistUntouched(dir);
  });

  it('reports a chapter file that is listed but missing', async () => {
    const yaml = `${await SAMPLE_YAML()}\nchapters:\n  - 01-assads-visit.md\n  - 02-missing.md\n`;
    const dir = await brokenBook('missing-chapter', { 'book.yaml': yaml });
    const run = await octavo(['build', 'book'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/book\.yaml:\d+:\d+ error chapter file `02-missing\.md` does not exist/);
    await expectDistUntouched(dir);
  });

  it('reports a malformed value with the accepted ones', async () => {
    const yaml = (await SAMPLE_YAML()).replace('page-size: A5', 'page-size: A9');
    const dir = await brokenBook('page-size', { 'book.yaml': yaml });
    const run = await octavo(['build', 'book'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/book\.yaml:\d+:3 error `pdf\.page-size` must be one of A4, A5/);
    await expectDistUntouched(dir);
  });

  it("names the line of a YAML error in a chapter's front matter", async () => {
    const dir = await brokenBook('front-matter', {
      '01-assads-visit.md': '---\ntitle: ok\nsubtitle: [broken\n---\n\n# Title\n\nText.\n',
    });
    const run = await octavo(['build', 'book'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/01-assads-visit\.md:\d+:\d+ error YAML syntax error in front matter/);
    await expectDistUntouched(dir);
  });

  it('rejects unknown formats and commands as usage errors (exit 2)', async () => {
    const run = await octavo(['build', 'book', '--format', 'epub,docx'], work);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown format "docx"');
    expect((await octavo(['frobnicate'], work)).code).toBe(2);
    const preview = await octavo(['build', 'book', '--format', 'epub', '--preview'], work);
    expect(preview.code).toBe(2);
    expect(preview.stderr).toContain('--preview draws pages of the PDF: add pdf to --format');
  });
});

describe('octavo build on a good book', () => {
  it('prints help', async () => {
    const run = await octavo(['build', '--help'], work);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('octavo build [dir]');
    expect(run.stdout).toContain('--format');
  });

  it('builds the chosen formats, replaces old outputs and says where they are', async () => {
    const dir = await brokenBook('good', {});
    const run = await octavo(['build', 'book', '--out', 'dist', '--format', 'epub,html'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/load\s+\d+ ms/);
    expect(run.stdout).toContain(path.join('dist', 'assads-visit-to-tehran.epub'));
    expect(run.stdout).toContain(path.join('dist', 'assads-visit-to-tehran.html'));
    expect((await readdir(path.join(dir, 'dist'))).sort()).toEqual([
      'assads-visit-to-tehran.epub',
      'assads-visit-to-tehran.html',
      'old-build.epub',
    ]);
  });
});
