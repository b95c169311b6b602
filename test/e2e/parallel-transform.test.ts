/**
 * A book long enough for worker threads (over 256 KB of Markdown) builds to
 * the same bytes, with the same warnings, on one thread (OCTAVO_THREADS=1)
 * and on several: the order of the chapters, their notes, ids and links
 * does not depend on which thread made them.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { removeTempBooks, tempBook } from '../helpers/books.js';
import { CLI } from '../helpers/cli.js';

afterAll(removeTempBooks);

/** Twelve chapters of about 30 KB each: quotes, notes, code, sections, links between chapters, one missing image. */
function chapters(): Record<string, string> {
  const files: Record<string, string> = {
    'book.yaml': 'title: Threads\ncreator: Jo\nlanguage: en\nlicence: CC-BY-4.0\nsource: https://example.org\n',
  };
  for (let c = 1; c <= 12; c++) {
    const parts = [`# Chapter ${c}\n`];
    for (let s = 1; s <= 48; s++) {
      parts.push(
        `## Part ${c}.${s}\n`,
        `"It's here," she said -- and 'there'... See [the next one](${String((c % 12) + 1).padStart(2, '0')}.md).[^n${s}]\n`,
        `The ${'quick brown fox jumps over the lazy dog and '.repeat(8)}*stops*.\n`,
        '```js\nconst x = "a";\n```\n',
        `[^n${s}]: A note on part ${s}, with **strong** words.\n`,
      );
    }
    if (c === 7) parts.push('![A picture that is not there](gone.png)\n');
    files[`${String(c).padStart(2, '0')}.md`] = parts.join('\n');
  }
  return files;
}

async function build(dir: string, out: string, threads: string) {
  const args = [CLI, 'build', '.', '-o', out, '-f', 'epub', '--no-cache', '--json'];
  const run = await promisify(execFile)(process.execPath, args, {
    cwd: dir,
    env: { ...process.env, OCTAVO_THREADS: threads, SOURCE_DATE_EPOCH: '1700000000' },
  });
  const events = run.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { event: string; step?: string; phase?: string; message?: string });
  return {
    phases: events.filter((e) => e.step === 'transform' && e.phase).map((e) => e.phase),
    warnings: events.filter((e) => e.event === 'diagnostic').map((e) => JSON.stringify(e)),
    epub: await readFile(path.join(dir, out, 'threads.epub')),
  };
}

it('makes the same EPUB and the same warnings on one thread and on several', async () => {
  const files = chapters();
  expect(Object.values(files).reduce((n, t) => n + t.length, 0)).toBeGreaterThan(256 * 1024);
  const dir = await tempBook(files, 'octavo-threads-');
  const one = await build(dir, 'one', '1');
  const many = await build(dir, 'many', '3');
  expect(one.phases).toContain('on one thread');
  expect(many.phases).toContain('on 3 threads');
  expect(one.warnings.join('\n')).toMatch(/image `gone\.png` not found.*"file":"07\.md"/);
  expect(many.warnings).toEqual(one.warnings);
  expect(many.epub.equals(one.epub)).toBe(true);
});
