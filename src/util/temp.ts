/**
 * Everything a run puts outside dist/ lives in one folder, `<tmpdir>/octavo-<pid>-XXXXXX`:
 * the PDF's work folder, Chromium's profile and HOME. It goes on every way out:
 * the resources' own `finally`, `releaseAll()` (the CLI's SIGINT/SIGTERM), a
 * synchronous `exit` hook, and, after a SIGKILL, the next run, which reaps the
 * folders of processes that are gone (and any Chromium they recorded).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { appendFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const NAME = /^octavo-(\d+)-[A-Za-z0-9]{6}$/;
/** Inside a run's folder: one `pid<TAB>profile folder` line per Chromium it launched. */
const CHROMIUM_PIDS = 'chromium.pids';

let rootPath: string | undefined;
const closers = new Set<() => unknown>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Kills a Chromium a dead run recorded, if that pid is still that Chromium (its command line names the profile). */
function killStaleChromium(line: string): void {
  const [pidText, profile] = line.split('\t');
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0 || !profile) return;
  let cmdline: string;
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return; // gone, or no /proc: nothing we can check, so nothing we kill
  }
  if (!cmdline.includes(profile)) return;
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, 'SIGKILL'); // Puppeteer starts Chromium in its own process group
    } catch {
      // already gone
    }
  }
}

/** Removes the folders (and Chromium) of earlier runs whose process is gone, e.g. after `kill -9`. */
export function reapStale(dir = os.tmpdir()): string[] {
  const reaped: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return reaped;
  }
  for (const name of names) {
    const match = NAME.exec(name);
    if (!match || Number(match[1]) === process.pid || alive(Number(match[1]))) continue;
    const folder = path.join(dir, name);
    try {
      for (const line of readFileSync(path.join(folder, CHROMIUM_PIDS), 'utf8').split('\n')) killStaleChromium(line);
    } catch {
      // no Chromium recorded
    }
    try {
      rmSync(folder, { recursive: true, force: true });
      reaped.push(folder);
    } catch {
      // another user's folder, or busy: leave it
    }
  }
  return reaped;
}

/**
 * This run's temp folder, made (after reaping stale ones) on first use and
 * removed when the process exits. Made synchronously, so a signal can never
 * arrive between the folder existing and its name being known.
 */
export function runFolder(): string {
  if (!rootPath) {
    reapStale();
    rootPath = mkdtempSync(path.join(os.tmpdir(), `octavo-${process.pid}-`));
    process.once('exit', removeRunFolder);
  }
  return rootPath;
}

/** A fresh folder inside this run's folder, e.g. `print` or `chromium`. */
export async function tempFolder(name: string): Promise<string> {
  return mkdtemp(path.join(runFolder(), `${name}-`));
}

/** Notes a launched Chromium so a later run can kill it should this process die without closing it. */
export async function recordChromium(pid: number | undefined, profile: string): Promise<void> {
  if (!pid) return;
  await appendFile(path.join(runFolder(), CHROMIUM_PIDS), `${pid}\t${profile}\n`);
}

/**
 * Registers what must be closed or removed if the run is interrupted (a browser,
 * staged output files); returns the function that unregisters it once it is done.
 */
export function onInterrupt(close: () => unknown): () => void {
  closers.add(close);
  return () => closers.delete(close);
}

function removeRunFolder(): void {
  if (rootPath) rmSync(rootPath, { recursive: true, force: true });
}

/**
 * Closes whatever is still open (each closer gets `timeoutMs`, then is given
 * up on) and removes this run's folder. For the CLI's signal handlers.
 */
export async function releaseAll(timeoutMs = 5000): Promise<void> {
  const pending = [...closers];
  closers.clear();
  await Promise.all(
    pending.map((close) =>
      Promise.race([
        Promise.resolve()
          .then(close)
          .catch(() => undefined),
        new Promise((resolve) => setTimeout(resolve, timeoutMs).unref()),
      ]),
    ),
  );
  removeRunFolder();
}

let signalsOwned = false;

/**
 * The CLI takes SIGINT/SIGTERM/SIGHUP for a one-shot command: close the run's
 * resources, remove its files, exit 128 + the signal number. A second signal
 * during the clean-up exits at once (the `exit` hook still removes the folder).
 */
export function exitCleanlyOnSignals(): void {
  if (signalsOwned) return;
  signalsOwned = true;
  const codes = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;
  let stopping = false;
  for (const [signal, code] of Object.entries(codes)) {
    process.on(signal, () => {
      if (stopping) process.exit(code);
      stopping = true;
      void releaseAll().finally(() => process.exit(code));
    });
  }
}

/** Whether the CLI handles the signals (then Puppeteer must not exit the process on its own). */
export function ownsSignals(): boolean {
  return signalsOwned;
}

/** A file-system refusal met in the temp folder (full, read-only) as a diagnostic, or undefined for anything else. */
export function tempFault(
  err: unknown,
): { severity: 'error'; code: string; message: string; hint: string } | undefined {
  const e = err as NodeJS.ErrnoException | undefined;
  const code = e?.code;
  const full = code === 'ENOSPC' || code === 'EDQUOT';
  // Outputs report their own faults (output/*), so a full disk met elsewhere, even
  // without a path (a failed write() names none), is the temp folder's.
  if (!full && !['EACCES', 'EPERM', 'EROFS'].includes(code ?? '')) return undefined;
  if (!full && (!e?.path || !path.resolve(e.path).startsWith(path.resolve(os.tmpdir()) + path.sep))) return undefined;
  return {
    severity: 'error',
    code: full ? 'temp/no-space' : 'temp/not-writable',
    message: `the temporary folder ${os.tmpdir()} ${full ? 'is full' : 'cannot be written'}${e?.path ? ` (${e.path})` : ''}.`,
    hint: `Free some space there${full ? '' : ' or fix its permissions'}, or point TMPDIR at another folder. Nothing was written.`,
  };
}
