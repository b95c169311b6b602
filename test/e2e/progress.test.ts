/**
 * What `octavo build` shows while it runs: `--json` events a program can read
 * line by line, plain lines without escape codes in a pipe, a live line on a
 * terminal, and `--quiet` printing errors only. Real builds of the sample book.
 */
import { execFile } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTempBooks, tempBook } from '../helpers/books.js';
import { CLI, octavo, type Run } from '../helpers/cli.js';
import { pdfinfo, repoRoot } from '../helpers/tools.js';

afterAll(removeTempBooks);

const SAMPLE = path.join(repoRoot, 'manuscript');

interface Event {
  event: string;
  [field: string]: unknown;
}

/** Every stdout line parsed on its own: one event per line, nothing else. */
function events(run: Run): Event[] {
  const lines = run.stdout.split('\n');
  expect(lines.pop()).toBe('');
  return lines.map((line) => JSON.parse(line) as Event);
}

describe('octavo build --json and plain output of a full build', () => {
  let work: string;
  let json: Run;
  let plain: Run;

  beforeAll(async () => {
    work = await tempBook({}, 'octavo-progress-');
    // Side by side: two builds of a short book, the slow part being Chromium. --no-cache: the sample's
    // .octavo-cache (from `npm run build`) would hand them a kept PDF, with none of the print's progress.
    [json, plain] = await Promise.all([
      octavo(['build', SAMPLE, '-o', 'json-dist', '--json', '--no-cache'], work),
      octavo(['build', SAMPLE, '-o', 'plain-dist', '--no-cache'], work),
    ]);
  });

  it('prints one JSON event per line: each step started and timed, in order', () => {
    expect(json.code, json.stderr).toBe(0);
    expect(json.stderr).toBe('');
    const list = events(json);
    const steps = list.filter((e) => e.event === 'step');
    // The writers run side by side (the PDF is Chromium's work): between transform and write, in any order.
    const order = steps.map((e) => e.step as string);
    expect(order.slice(0, 2)).toEqual(['load', 'transform']);
    expect(order.slice(2, 5).sort()).toEqual(['epub', 'html', 'pdf']);
    expect(order[5]).toBe('write');
    for (const s of steps) expect(s.ms).toEqual(expect.any(Number));
    expect(
      list
        .filter((e) => e.event === 'step-start')
        .map((e) => e.step as string)
        .sort(),
    ).toEqual([...order].sort());
    // A step's progress comes between its start and its end.
    const start = list.findIndex((e) => e.event === 'step-start' && e.step === 'pdf');
    const end = list.findIndex((e) => e.event === 'step' && e.step === 'pdf');
    const pdf = list.slice(start + 1, end).filter((e) => e.step === 'pdf');
    expect(pdf.length).toBeGreaterThan(3);
    expect(pdf.every((e) => e.event === 'progress' && e.step === 'pdf')).toBe(true);
    expect(pdf.map((e) => e.phase)).toContain('measuring');
    expect(pdf).toContainEqual(expect.objectContaining({ unit: 'pages', done: expect.any(Number) }));
    expect(list.at(-1)).toEqual({ event: 'done', ok: true, ms: expect.any(Number), errors: 0, warnings: 0 });
  });

  it('tells each output with its size, and the PDF with its page count', async () => {
    const outputs = events(json).filter((e) => e.event === 'output');
    expect(outputs.map((e) => e.format)).toEqual(['html', 'epub', 'pdf']);
    for (const o of outputs) {
      expect(o.bytes).toBe((await stat(path.join(work, o.path as string))).size);
      expect(o.ms).toEqual(expect.any(Number));
    }
    const pdf = outputs.find((o) => o.format === 'pdf')!;
    expect(pdf.path).toBe(path.join('json-dist', 'assads-visit-to-tehran.pdf'));
    expect(pdf.pages).toBe(Number((await pdfinfo(path.join(work, pdf.path as string))).Pages));
    const counts = events(json).filter((e) => e.event === 'progress' && e.unit === 'pages');
    expect(counts.at(-1)).toMatchObject({ done: pdf.pages, total: pdf.pages });
  });

  it('prints plain lines without escape codes when not on a terminal, and a line per output', async () => {
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout + plain.stderr).not.toContain('\x1b');
    const lines = plain.stdout.split('\n');
    // One line per step end, at most one more for a step still running: never one per page.
    expect(lines.filter((l) => /^ {2}pdf\b/.test(l)).length).toBeLessThanOrEqual(2);
    expect(plain.stdout).toMatch(/^ {2}pdf +\d+(\.\d)? m?s$/m);
    const pages = (await pdfinfo(path.join(work, 'plain-dist', 'assads-visit-to-tehran.pdf'))).Pages;
    const pdfLine = lines.find((l) => l.includes(path.join('plain-dist', 'assads-visit-to-tehran.pdf')));
    expect(pdfLine).toMatch(new RegExp(`\\.pdf +\\d+(\\.\\d)? kB +${pages} pages +\\d+(\\.\\d)? m?s$`));
    expect(lines.find((l) => l.includes('.epub'))).toMatch(/\.epub +\d+(\.\d)? kB +\d+(\.\d)? m?s$/);
  });
});

describe('octavo build --quiet and diagnostics', () => {
  // No `language`: a warning, not an error.
  const WARNED = {
    'book.yaml': 'title: Quiet\ncreator: Jo Writer\nlicence: CC0-1.0\nchapters: [one.md]\n',
    'one.md': '# One\n\nText.\n',
  };

  it('--quiet prints errors only: no warning, no progress, no summary', async () => {
    const dir = await tempBook(WARNED, 'octavo-quiet-');
    const loud = await octavo(['build', '.', '-f', 'html'], dir);
    expect(loud.code, loud.stderr).toBe(0);
    expect(loud.stderr).toMatch(/^book\.yaml:1:1 warning no `language` given/m);
    const quiet = await octavo(['build', '.', '-f', 'html', '-q'], dir);
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stdout).toBe('');
    expect(quiet.stderr).toBe('');
  });

  it('--quiet still prints the errors of a failed build', async () => {
    const dir = await tempBook({ ...WARNED, 'book.yaml': `${WARNED['book.yaml']}autor: typo\n` }, 'octavo-quiet-');
    const run = await octavo(['build', '.', '-f', 'html', '-q'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^book\.yaml:5:1 error unknown key `autor`/m);
    expect(run.stderr).not.toContain('warning');
    expect(run.stderr).toContain('octavo: build failed with 1 error(s)');
  });

  it('--json gives diagnostics as events, and a failed build a last `done` with ok false', async () => {
    const dir = await tempBook(WARNED, 'octavo-json-');
    const warned = events(await octavo(['build', '.', '-f', 'html', '--json'], dir));
    expect(warned.find((e) => e.event === 'diagnostic')).toMatchObject({
      severity: 'warning',
      file: 'book.yaml',
      line: 1,
      column: 1,
      code: expect.any(String),
      message: expect.stringContaining('language'),
    });
    expect(warned.at(-1)).toMatchObject({ event: 'done', ok: true, warnings: 1 });

    await writeFile(path.join(dir, 'book.yaml'), `${WARNED['book.yaml']}autor: typo\n`);
    const run = await octavo(['build', '.', '-f', 'html', '--json'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const list = events(run);
    expect(list.filter((e) => e.event === 'diagnostic' && e.severity === 'error')).toHaveLength(1);
    expect(list.some((e) => e.event === 'output')).toBe(false);
    expect(list.at(-1)).toMatchObject({ event: 'done', ok: false, errors: 1 });
  });
});

/** `script` (util-linux) runs the build on a pseudo-terminal, as a person would see it. */
const script = await promisify(execFile)('script', ['--version']).then(
  () => true,
  () => false,
);

describe.skipIf(!script)('octavo build on a terminal', () => {
  it('draws the running step on one live line, then its time, and gives the cursor back', async () => {
    const dir = await tempBook(
      {
        'book.yaml': 'title: Live\ncreator: Jo Writer\nlanguage: en\nlicence: CC0-1.0\nchapters: [one.md]\n',
        'one.md': '# One\n\nText.\n',
      },
      'octavo-tty-',
    );
    const log = path.join(dir, 'typescript');
    // A pseudo-terminal has no size until given one; log-update draws nothing on zero rows.
    const command = `stty rows 24 cols 100; ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} build . -f html,epub`;
    const { CI: _ci, ...env } = process.env;
    await promisify(execFile)('script', ['-qec', command, log], { cwd: dir, env: { ...env, TERM: 'xterm' } });
    const screen = await readFile(log, 'utf8');
    // The live line: the step and its clock, drawn before the step's timing replaced it.
    expect(screen).toMatch(/ {2}epub {7}.*\d+ ms/);
    expect(screen).toContain('\x1b[2K');
    // Its time: milliseconds, or seconds once the cover is drawn in Chromium too.
    expect(screen).toMatch(/ {2}epub +(\d+ ms|\d+\.\d s)\r?\n/);
    expect(screen).toContain('\x1b[?25h');
    expect(screen).toMatch(/Wrote:\r?\n {2}dist\/live\.html/);
  });
});
