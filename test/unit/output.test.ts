import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, sortDiagnostics } from '../../src/diagnostics.js';
import { writeOutputsAtomically } from '../../src/util/atomic-write.js';
import { didYouMean } from '../../src/util/did-you-mean.js';
import { slugify, stableUuid } from '../../src/util/identifier.js';

describe('atomic output', () => {
  it('writes every file or none, leaving no temp files', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'octavo-atomic-'));
    try {
      await writeFile(path.join(dir, 'a.txt'), 'old');
      await writeOutputsAtomically(dir, [
        { name: 'a.txt', bytes: 'new' },
        { name: 'b.txt', bytes: new Uint8Array([1, 2]) },
      ]);
      expect((await readdir(dir)).sort()).toEqual(['a.txt', 'b.txt']);
      expect(await readFile(path.join(dir, 'a.txt'), 'utf8')).toBe('new');
      // A file that cannot be written (its name is a folder path that does not exist) fails the lot.
      await expect(
        writeOutputsAtomically(dir, [
          { name: 'a.txt', bytes: 'newer' },
          { name: 'no/such/dir.txt', bytes: 'x' },
        ]),
      ).rejects.toThrow();
      expect((await readdir(dir)).sort()).toEqual(['a.txt', 'b.txt']);
      expect(await readFile(path.join(dir, 'a.txt'), 'utf8')).toBe('new');
      // An output folder the failed write made (with its parents) is removed too; one that was there stays.
      await expect(
        writeOutputsAtomically(path.join(dir, 'new', 'dist'), [{ name: 'no/such/dir.txt', bytes: 'x' }]),
      ).rejects.toThrow();
      expect((await readdir(dir)).sort()).toEqual(['a.txt', 'b.txt']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('small helpers', () => {
  it('formats diagnostics as file:line:col severity message [code]', () => {
    expect(
      formatDiagnostic(
        { severity: 'error', code: 'x/y', message: 'bad.', file: '/b/book.yaml', line: 3, column: 1, hint: 'Fix it.' },
        '/b',
      ),
    ).toBe('book.yaml:3:1 error bad. Fix it. [x/y]');
    expect(formatDiagnostic({ severity: 'warning', code: 'z', message: 'hm.' })).toBe('warning hm. [z]');
    // A message without its full stop still reads as a sentence before the hint.
    expect(formatDiagnostic({ severity: 'error', code: 'x', message: 'no such id', hint: 'Set one.' })).toBe(
      'error no such id. Set one. [x]',
    );
  });

  it('orders diagnostics by file (first reported first), then line and column', () => {
    const d = (file: string, line: number, column = 1) => ({
      severity: 'warning' as const,
      code: 'c',
      message: `${file}:${line}:${column}`,
      file,
      line,
      column,
    });
    const sorted = sortDiagnostics([d('b.md', 9), d('a.md', 3), d('b.md', 2, 5), d('b.md', 2, 1), d('a.md', 1)]);
    expect(sorted.map((x) => x.message)).toEqual(['b.md:2:1', 'b.md:2:5', 'b.md:9:1', 'a.md:1:1', 'a.md:3:1']);
  });

  it('suggests near names only', () => {
    expect(didYouMean('titel', ['title', 'creator'])).toBe('title');
    expect(didYouMean('zzzzzz', ['title', 'creator'])).toBeUndefined();
  });

  it('makes slugs and name-based UUIDs', () => {
    expect(slugify("Assad's Visit to Tehran")).toBe('assads-visit-to-tehran');
    expect(slugify('Ça déménage — vite!')).toBe('ca-demenage-vite');
    expect(slugify('中文书')).toBe('中文书');
    expect(stableUuid('a', 'b')).toBe(stableUuid('a', 'b'));
    expect(stableUuid('a', 'b')).not.toBe(stableUuid('ab'));
  });
});
