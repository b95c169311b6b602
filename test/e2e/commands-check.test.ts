/**
 * `octavo check` as a user runs it: every problem of book.yaml and the
 * chapters, as text or as one JSON document, and nothing written.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckJson } from '../../src/commands/check.js';
import { octavo, type Run } from '../helpers/cli.js';
import { repoRoot } from '../helpers/tools.js';

let work: string;
let sampleYaml: string;
/** What each copied book folder held before `check` ran. */
const copied = new Map<string, string[]>();

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'octavo-check-'));
  sampleYaml = await readFile(path.join(repoRoot, 'manuscript', 'book.yaml'), 'utf8');
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** `<work>/<name>/book/`: a copy of the sample book with book.yaml replaced. Returns `<work>/<name>` (the cwd of the run). */
async function bookWith(name: string, yaml: string): Promise<string> {
  const dir = path.join(work, name);
  await cp(path.join(repoRoot, 'manuscript'), path.join(dir, 'book'), { recursive: true });
  await writeFile(path.join(dir, 'book', 'book.yaml'), yaml);
  // Listed now, not from manuscript/ later: other tests may be building the sample there.
  copied.set(dir, (await readdir(path.join(dir, 'book'))).sort());
  return dir;
}

/** check writes nothing: no dist/ next to the book or inside it, the book folder as it was. */
async function expectNothingWritten(dir: string): Promise<void> {
  expect(await readdir(dir)).toEqual(['book']);
  const book = (await readdir(path.join(dir, 'book'))).sort();
  expect(book).toEqual(copied.get(dir));
}

function lineOf(yaml: string, prefix: string): number {
  return yaml.split('\n').findIndex((l) => l.startsWith(prefix)) + 1;
}

async function checkBoth(dir: string): Promise<{ text: Run; json: Run; doc: CheckJson }> {
  const text = await octavo(['check', 'book'], dir);
  const json = await octavo(['check', 'book', '--json'], dir);
  return { text, json, doc: JSON.parse(json.stdout) as CheckJson };
}

describe('octavo check', () => {
  it('reports an unknown key with its line and a "did you mean"', async () => {
    const yaml = `${sampleYaml}\nsubtitel: A report\n`;
    const dir = await bookWith('typo', yaml);
    const line = lineOf(yaml, 'subtitel');
    const { text, json, doc } = await checkBoth(dir);

    expect(text.code).toBe(1);
    expect(text.stdout).toContain(
      `${path.join('book', 'book.yaml')}:${line}:1 error unknown key \`subtitel\`. Did you mean \`subtitle\`? [config/invalid]`,
    );
    expect(text.stdout.trim().split('\n').at(-1)).toBe('1 error, 0 warnings');

    expect(json.code).toBe(1);
    expect(json.stderr).toBe('');
    expect(doc).toEqual({
      ok: false,
      errors: 1,
      warnings: 0,
      diagnostics: [
        {
          severity: 'error',
          code: 'config/invalid',
          message: 'unknown key `subtitel`.',
          hint: 'Did you mean `subtitle`?',
          file: path.join('book', 'book.yaml'),
          line,
          column: 1,
        },
      ],
    });
    await expectNothingWritten(dir);
  });

  it('reports a chapter file that is listed but missing', async () => {
    const yaml = `${sampleYaml}\nchapters:\n  - 01-assads-visit.md\n  - 02-missing.md\n`;
    const dir = await bookWith('missing-chapter', yaml);
    const { text, json, doc } = await checkBoth(dir);

    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(
      /book[/\\]book\.yaml:\d+:\d+ error chapter file `02-missing\.md` does not exist\. .*\[manuscript\/missing-chapter\]/,
    );
    expect(text.stdout).toContain('1 error, 0 warnings');

    expect(json.code).toBe(1);
    expect(doc.ok).toBe(false);
    expect(doc.errors).toBe(1);
    const d = doc.diagnostics.find((x) => x.code === 'manuscript/missing-chapter');
    expect(d).toMatchObject({ severity: 'error', file: path.join('book', 'book.yaml'), column: expect.any(Number) });
    expect(d?.message).toContain('02-missing.md');
    // The `chapters:` key, or the list entry itself.
    expect([lineOf(yaml, 'chapters'), lineOf(yaml, '  - 02-missing.md')]).toContain(d?.line);
    await expectNothingWritten(dir);
  });

  it('reports a CC BY book without a creator', async () => {
    const yaml = sampleYaml.replace(/^creator:.*\n/m, '');
    const dir = await bookWith('no-creator', yaml);
    const { text, json, doc } = await checkBoth(dir);

    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(
      /book[/\\]book\.yaml:\d+:1 error CC BY 4\.0 requires attribution, but the book names no creator\. Add `creator:`.* \[licence\/missing-creator\]/,
    );
    expect(json.code).toBe(1);
    expect(doc.diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        code: 'licence/missing-creator',
        file: path.join('book', 'book.yaml'),
        line: lineOf(yaml, 'licence:'),
        hint: expect.stringContaining('creator:'),
      }),
    );
    await expectNothingWritten(dir);
  });

  it('reports every problem at once, and counts them', async () => {
    const yaml = `${sampleYaml.replace(/^creator:.*\n/m, '').replace(/^source:.*\n/m, '')}\nchapters: [01-assads-visit.md, 02-missing.md]\n`;
    const dir = await bookWith('several', yaml);
    const { text, doc } = await checkBoth(dir);
    expect(text.code).toBe(1);
    expect(doc).toMatchObject({ ok: false, errors: 2 });
    expect(
      doc.diagnostics
        .filter((d) => d.severity === 'error')
        .map((d) => d.code)
        .sort(),
    ).toEqual(['licence/missing-creator', 'manuscript/missing-chapter']);
    const lines = text.stdout.trim().split('\n');
    expect(lines).toHaveLength(doc.diagnostics.length + 1);
    expect(lines.at(-1)).toBe(`2 errors, ${doc.warnings} warning${doc.warnings === 1 ? '' : 's'}`);
    await expectNothingWritten(dir);
  });

  it('passes a good book (exit 0), with warnings counted but not failing', async () => {
    const dir = await bookWith('good', sampleYaml.replace(/^language:.*\n/m, ''));
    const { text, json, doc } = await checkBoth(dir);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/book\.yaml:1:1 warning no `language` given/);
    expect(text.stdout.trim().split('\n').at(-1)).toBe('0 errors, 1 warning');
    expect(json.code).toBe(0);
    expect(doc).toMatchObject({ ok: true, errors: 0, warnings: 1 });
    await expectNothingWritten(dir);
  });

  it('names the folder when there is no book at all', async () => {
    const run = await octavo(['check', 'nowhere', '--json'], work);
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout) as CheckJson;
    expect(doc.diagnostics[0]).toMatchObject({ severity: 'error', code: 'manuscript/not-found', file: 'nowhere' });
  });
});
