/**
 * What the machine gets wrong is a diagnostic with a code and exit status 3,
 * found before the long steps where it can be, never "internal error": an
 * output path that is a file or cannot be written, a full disk, a wrong
 * PUPPETEER_EXECUTABLE_PATH, `preview -o` a file.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, type Run } from '../helpers/cli.js';
import { repoRoot } from '../helpers/tools.js';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'of-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const BOOK = path.join(repoRoot, 'manuscript');

/** Runs the CLI with its own TMPDIR (checked empty afterwards) and extra environment. */
async function octavo(args: string[], env: Record<string, string> = {}): Promise<Run & { tmpLeft: string[] }> {
  const tmp = await mkdtemp(path.join(work, 't-'));
  let run: Run;
  try {
    const r = await promisify(execFile)(process.execPath, [CLI, ...args], {
      cwd: work,
      env: { ...process.env, TMPDIR: tmp, ...env },
    });
    run = { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    run = { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
  return { ...run, tmpLeft: await readdir(tmp) };
}

function expectEnvironmentError(run: Run, code: string): void {
  expect(run.stderr, run.stderr).toContain(`[${code}]`);
  expect(run.stderr).not.toContain('internal error');
  expect(run.code).toBe(3);
}

describe('environment faults', () => {
  // --no-cache: nothing is written into the repository's manuscript/ (other tests list it), and
  // a print kept from an earlier build of the sample would need no Chromium at all.
  it('an output path that is a file: output/not-a-folder, before the long steps', async () => {
    const file = path.join(work, 'a-file');
    await writeFile(file, 'not a folder');
    const run = await octavo(['build', BOOK, '--no-cache', '--format', 'html', '--out', file]);
    expectEnvironmentError(run, 'output/not-a-folder');
    expect(run.stdout).not.toContain('transform');
    expect(run.tmpLeft).toEqual([]);
    // A folder under a file fails the same way.
    expectEnvironmentError(
      await octavo(['build', BOOK, '--no-cache', '--format', 'html', '--out', path.join(file, 'dist')]),
      'output/not-a-folder',
    );
  });

  it('a read-only output folder: output/not-writable', async (ctx) => {
    // chmod does not stop root; a read-only mount does.
    const mnt = path.join(work, 'ro');
    await mkdir(mnt);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,ro', 'tmpfs', mnt], { stdio: 'ignore' });
    } catch {
      if (process.getuid?.() !== 0) {
        await chmod(mnt, 0o555);
      } else {
        ctx.skip(true, 'cannot mount a read-only tmpfs here (needs root with CAP_SYS_ADMIN)');
      }
    }
    try {
      const run = await octavo(['build', BOOK, '--no-cache', '--format', 'html', '--out', path.join(mnt, 'dist')]);
      expectEnvironmentError(run, 'output/not-writable');
      expect(run.stdout).not.toContain('transform');
    } finally {
      try {
        execFileSync('umount', [mnt], { stdio: 'ignore' });
      } catch {
        await chmod(mnt, 0o755);
      }
    }
  });

  it('a full disk mid-write: output/no-space, and no partial file left', async (ctx) => {
    const mnt = path.join(work, 'full');
    await mkdir(mnt);
    try {
      // Room for the EPUB (10 kB) and part of the HTML (18 kB): the HTML's write fails half-way.
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', mnt], { stdio: 'ignore' });
    } catch {
      ctx.skip(true, 'cannot mount a small tmpfs here (needs root with CAP_SYS_ADMIN)');
    }
    try {
      const run = await octavo(['build', BOOK, '--no-cache', '--format', 'epub,html', '--out', path.join(mnt, 'dist')]);
      expectEnvironmentError(run, 'output/no-space');
      // The dist/ folder the build made is gone with the partial file: the disk is as it was.
      expect(await readdir(mnt)).toEqual([]);
      expect(run.tmpLeft).toEqual([]);
    } finally {
      execFileSync('umount', [mnt], { stdio: 'ignore' });
    }
  });

  it('a full TMPDIR during the PDF step: temp/no-space, Chromium closed, nothing left', async (ctx) => {
    const mnt = path.join(work, 'tmpfull');
    await mkdir(mnt);
    try {
      // Room for Chromium's profile, not for the print work folder's fonts.
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=512k', 'tmpfs', mnt], { stdio: 'ignore' });
    } catch {
      ctx.skip(true, 'cannot mount a small tmpfs here (needs root with CAP_SYS_ADMIN)');
    }
    try {
      const run = await octavo(['build', BOOK, '--no-cache', '--format', 'pdf', '--out', path.join(work, 'out3')], {
        TMPDIR: mnt,
      });
      expectEnvironmentError(run, 'temp/no-space');
      expect(await readdir(mnt)).toEqual([]);
    } finally {
      execFileSync('umount', [mnt], { stdio: 'ignore' });
    }
  });

  it('PUPPETEER_EXECUTABLE_PATH naming no executable: pdf/bad-chromium-path, not a silent fallback', async () => {
    const notExecutable = path.join(work, 'chromium.txt');
    await writeFile(notExecutable, '');
    for (const bad of [path.join(work, 'no-such-chromium'), notExecutable, work]) {
      const run = await octavo(['build', BOOK, '--no-cache', '--format', 'pdf', '--out', path.join(work, 'out')], {
        PUPPETEER_EXECUTABLE_PATH: bad,
      });
      expectEnvironmentError(run, 'pdf/bad-chromium-path');
      expect(run.stderr).toContain('PUPPETEER_EXECUTABLE_PATH');
      expect(run.stdout).not.toContain('transform');
      expect(run.tmpLeft).toEqual([]);
    }
  });

  it('a Chromium that dies at once: pdf/chromium-crashed', async () => {
    const fake = path.join(work, 'dying-chromium');
    await writeFile(fake, '#!/bin/sh\nexit 1\n', { mode: 0o755 });
    const run = await octavo(['build', BOOK, '--no-cache', '--format', 'pdf', '--out', path.join(work, 'out2')], {
      PUPPETEER_EXECUTABLE_PATH: fake,
    });
    expectEnvironmentError(run, 'pdf/chromium-crashed');
    expect(run.tmpLeft).toEqual([]);
  });

  it('preview -o a file: output/not-a-folder', async () => {
    const file = path.join(work, 'preview-target');
    await writeFile(file, 'x');
    const run = await octavo(['preview', path.join(work, 'any.pdf'), '-o', file]);
    expectEnvironmentError(run, 'output/not-a-folder');
  });
});
