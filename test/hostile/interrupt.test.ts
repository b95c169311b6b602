/**
 * A build stopped from outside (Ctrl-C, SIGTERM, kill -9) leaves nothing: no
 * temp folder, no Chromium, no partial file in dist/, nothing in HOME. Each run
 * gets its own TMPDIR and HOME so "nothing" can be checked exactly.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';
import { repoRoot } from '../helpers/tools.js';

let work: string;
beforeAll(async () => {
  // Short paths: Chromium's singleton socket must fit in 108 bytes.
  work = await mkdtemp(path.join(os.tmpdir(), 'oh-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

interface Sandbox {
  tmp: string;
  home: string;
  out: string;
}

async function sandbox(name: string): Promise<Sandbox> {
  const box = {
    tmp: path.join(work, name, 'tmp'),
    home: path.join(work, name, 'home'),
    out: path.join(work, name, 'dist'),
  };
  await Promise.all(Object.values(box).map((d) => mkdir(d, { recursive: true })));
  return box;
}

function startBuild(box: Sandbox): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(
    process.execPath,
    // --no-cache: the PDF must be printed (a kept one would end the build before the signal).
    [CLI, 'build', path.join(repoRoot, 'manuscript'), '--format', 'pdf', '--out', box.out, '--no-cache'],
    { env: { ...process.env, TMPDIR: box.tmp, HOME: box.home }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let text = '';
  child.stdout!.on('data', (b: Buffer) => {
    text += b.toString();
  });
  child.stderr!.on('data', (b: Buffer) => {
    text += b.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

/** Resolves once the build has printed "transform" (the PDF step has begun), plus a moment for Chromium to start. */
/**
 * Waits until Chromium has the print page: the PDF writer has written it
 * (book.html in its folder under the sandbox's TMPDIR) and starts printing.
 * The step is short for the sample book (Chromium starts during the
 * transform), so a fixed wait after the transform could miss it.
 */
async function duringPdf(box: Sandbox, output: () => string, settle = 300): Promise<void> {
  const deadline = Date.now() + 90_000;
  const printing = async () =>
    (await readdir(box.tmp, { recursive: true }).catch(() => [] as string[])).some(
      (f) => path.basename(f) === 'book.html',
    );
  while (!(await printing())) {
    if (Date.now() > deadline) throw new Error(`the build never reached the PDF step:\n${output()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  await new Promise((r) => setTimeout(r, settle));
}

function chromiumsUsing(folder: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', folder], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

/** Polls for a few seconds until the sandbox is clean, then asserts it is. */
async function expectNothingLeft(box: Sandbox, allowInTmp: (name: string) => boolean = () => false): Promise<void> {
  const deadline = Date.now() + 8000;
  const state = async () => ({
    tmp: (await readdir(box.tmp)).filter((n) => !allowInTmp(n)),
    home: await readdir(box.home),
    partial: (await readdir(box.out)).filter((n) => n.endsWith('.tmp')),
    chromium: chromiumsUsing(box.tmp),
  });
  let now = await state();
  while (Date.now() < deadline && (now.tmp.length || now.home.length || now.partial.length || now.chromium.length)) {
    await new Promise((r) => setTimeout(r, 250));
    now = await state();
  }
  expect(now).toEqual({ tmp: [], home: [], partial: [], chromium: [] });
}

describe('a build stopped during the PDF step', () => {
  it('on SIGINT (Ctrl-C) exits 130 and leaves nothing', async () => {
    const box = await sandbox('i');
    const run = startBuild(box);
    await duringPdf(box, run.output);
    run.child.kill('SIGINT');
    expect(await run.exited, run.output()).toBe(130);
    await expectNothingLeft(box);
  });

  it('on SIGTERM exits 143 and leaves nothing', async () => {
    const box = await sandbox('t');
    const run = startBuild(box);
    await duringPdf(box, run.output);
    run.child.kill('SIGTERM');
    expect(await run.exited, run.output()).toBe(143);
    await expectNothingLeft(box);
  });

  it('on SIGKILL of Node: Chromium exits with it, and the next run reaps the temp folder', async () => {
    const box = await sandbox('k');
    const run = startBuild(box);
    await duringPdf(box, run.output);
    expect(chromiumsUsing(box.tmp).length).toBeGreaterThan(0);
    run.child.kill('SIGKILL');
    await run.exited;
    // Chromium reads its commands from a pipe: when Node dies, the pipe closes and Chromium exits.
    await expectNothingLeft(box, (name) => name === `octavo-${run.child.pid}-${name.slice(-6)}`);
    expect(await readdir(box.tmp)).toHaveLength(1);
    // The next run removes what the killed one could not.
    const next = startBuild(box);
    expect(await next.exited, next.output()).toBe(0);
    await expectNothingLeft(box);
    expect((await readdir(box.out)).filter((n) => n.endsWith('.pdf'))).toHaveLength(1);
  });

  it('when Chromium is killed mid-print: pdf/chromium-crashed, exit 3, nothing left', async () => {
    const box = await sandbox('c');
    const run = startBuild(box);
    await duringPdf(box, run.output);
    const pids = chromiumsUsing(box.tmp);
    expect(pids.length).toBeGreaterThan(0);
    for (const pid of pids) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch (err) {
        // A renderer or helper already gone with the browser process killed before it.
        if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
      }
    }
    expect(await run.exited, run.output()).toBe(3);
    expect(run.output()).toContain('[pdf/chromium-crashed]');
    expect(run.output()).not.toContain('internal error');
    await expectNothingLeft(box);
  });

  it('a finished build leaves only its outputs', async () => {
    const box = await sandbox('s');
    const run = startBuild(box);
    expect(await run.exited, run.output()).toBe(0);
    await expectNothingLeft(box);
  });
});
