/**
 * One diagnostics channel: a book with a problem in each stage (an unknown
 * GitBook variable at load, a missing alt text at transform, a coarse image
 * at the PDF writer) reports all three, once each and in reading order, from
 * build(), from `octavo check --json` and from `watch --pdf`. An included
 * file used twice reports its problem once.
 */
import path from 'node:path';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { Watcher } from '../../src/commands/watch.js';
import { type Diagnostic, Diagnostics, OctavoError } from '../../src/diagnostics.js';
import { removeTempBooks, tempBook } from '../helpers/books.js';
import { sharedBrowser } from '../helpers/browser.js';
import { octavo } from '../helpers/cli.js';
import { solidPng } from '../helpers/png.js';

const BOOK = {
  'book.yaml': 'title: Three Problems\ncreator: A\nlanguage: en\nlicence: CC0-1.0\ngitbook: true\nchapters: [a.md]\n',
  'a.md': '# A\n\nHello {{ book.nobody }}.\n\n![](coarse.png)\n\n{% include "part.md" %}\n\n{% include "part.md" %}\n',
  // The picture is on a line of its own, so its diagnostic points into part.md (a first or last line joins the directive's).
  'part.md': 'Included.\n\nA picture: ![](coarse.png)\n\nEnd.\n',
  'coarse.png': solidPng(60, 40, [200, 0, 0]),
};

/** The three problems of BOOK, in reading order (the included file's after the chapter's). */
const EXPECTED = [
  { code: 'gitbook/unknown-variable', file: 'a.md', line: 3 },
  { code: 'markdown/missing-alt', file: 'a.md', line: 5 },
  { code: 'markdown/missing-alt', file: 'part.md', line: 3 },
  { code: 'pdf/low-resolution', file: 'coarse.png' },
];

const summary = (list: readonly { code: string; file?: string; line?: number }[]) =>
  list.map((d) => ({ code: d.code, file: path.basename(d.file ?? ''), ...(d.line ? { line: d.line } : {}) }));

let browser: Browser;
let dir: string;

beforeAll(async () => {
  browser = await sharedBrowser();
  dir = await tempBook(BOOK, 'octavo-diagnostics-');
});
afterAll(removeTempBooks);

describe('every diagnostic of a build, once, in reading order', () => {
  it('from build()', async () => {
    const result = await build({ input: dir, outDir: path.join(dir, 'dist'), browser });
    expect(summary(result.diagnostics)).toEqual(EXPECTED);
  });

  it('from octavo check --json (the PDF writer estimates the resolution without printing)', async () => {
    const run = await octavo(['check', dir, '--json'], dir);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { warnings: number; diagnostics: Diagnostic[] };
    expect(summary(json.diagnostics)).toEqual(EXPECTED);
    expect(json.warnings).toBe(EXPECTED.length);
  });

  it('from watch --pdf', async () => {
    const watcher = new Watcher({ input: dir, port: 0, pdf: true, browser, outDir: path.join(dir, 'watched') });
    const first = new Promise<Diagnostic[]>((resolve, reject) => {
      watcher.on('rebuilt', (e) => resolve(e.diagnostics));
      watcher.on('failed', (e) => reject(new Error(e.diagnostics.map((d) => d.message).join('\n'))));
    });
    try {
      await watcher.start();
      expect(summary(await first)).toEqual(EXPECTED);
    } finally {
      await watcher.close();
    }
  });

  it('a failed build: the error stops it, the sink keeps the warnings, the OctavoError carries the error alone', async () => {
    const broken = await tempBook(
      { ...BOOK, 'a.md': `${BOOK['a.md']}\n[nowhere](#no-such-place)\n` },
      'octavo-diagnostics-',
    );
    const sink = new Diagnostics();
    const err = await build({ input: broken, outDir: path.join(broken, 'dist'), browser, diagnostics: sink }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(OctavoError);
    expect((err as OctavoError).diagnostics.map((d) => d.code)).toEqual(['markdown/dangling-reference']);
    // Reading order: the broken link at the end of a.md comes before the included file's problem.
    expect(summary(sink.list())).toEqual([
      ...EXPECTED.slice(0, 2),
      { code: 'markdown/dangling-reference', file: 'a.md', line: 11 },
      EXPECTED[2],
    ]);
  });
});
