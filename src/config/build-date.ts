/**
 * The date a build stamps on its editions (EPUB `dcterms:modified`, zip
 * entries, PDF dates, the HTML's meta): `SOURCE_DATE_EPOCH` when set; else the
 * date of the manuscript itself, so two builds of an unchanged book are the same
 * bytes. That is the last commit touching the book folder when the folder is in
 * a git repository and nothing the book reads differs from it, otherwise the
 * newest modification time of the files the book reads.
 */
import { execFile } from 'node:child_process';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Book } from '../book.js';

/** ISO 8601 to the second, UTC, as EPUB's dcterms:modified wants it. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** SOURCE_DATE_EPOCH as seconds, when it is set to a number. */
export function sourceDateEpoch(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const epoch = env.SOURCE_DATE_EPOCH;
  return epoch && /^\d+$/.test(epoch) ? Number(epoch) : undefined;
}

/**
 * The manuscript's date. `files` are the absolute paths of every file the
 * book read (book.yaml, chapters, images, bibliography…); a missing one is
 * skipped. Without any readable file, now. `git` is the folder's state, when
 * it was asked for earlier (gitState), so git ran while the book was read.
 */
export async function manuscriptDate(
  root: string,
  files: readonly string[],
  git?: Promise<GitState | undefined>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const epoch = sourceDateEpoch(env);
  if (epoch !== undefined) return isoSeconds(new Date(epoch * 1000));
  const state = await (git ?? gitState(root, files, env));
  const seconds = committedDate(state, root, files) ?? (await newestModification(files));
  return isoSeconds(seconds === undefined ? new Date() : new Date(seconds * 1000));
}

/** The newest modification time of the files, in whole seconds (what zip and PDF dates hold). */
async function newestModification(files: readonly string[]): Promise<number | undefined> {
  const times = await Promise.all(
    [...new Set(files)].map((f) =>
      stat(f).then(
        (s) => s.mtimeMs,
        () => undefined,
      ),
    ),
  );
  // A loop, not Math.max(...times): a book may have more images than a call has arguments.
  let newest: number | undefined;
  for (const t of times) if (t !== undefined && (newest === undefined || t > newest)) newest = t;
  return newest === undefined ? undefined : Math.floor(newest / 1000);
}

/** The folder holding `.git` (a work tree's top), searching up from `dir`. */
async function gitTop(dir: string): Promise<string | undefined> {
  for (let d = dir; ; d = path.dirname(d)) {
    if (
      await stat(path.join(d, '.git')).then(
        () => true,
        () => false,
      )
    )
      return d;
    if (path.dirname(d) === d) return undefined;
  }
}

/** git's stdout, or undefined when git is missing, fails or takes too long. */
function git(cwd: string, args: string[], env: NodeJS.ProcessEnv): Promise<string | undefined> {
  // The repository is the one found above the book, whatever a caller's GIT_DIR says; no index lock is taken.
  const { GIT_DIR: _d, GIT_WORK_TREE: _w, GIT_INDEX_FILE: _i, ...rest } = env;
  return new Promise((resolve) => {
    execFile(
      'git',
      ['--literal-pathspecs', ...args],
      { cwd, env: { ...rest, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' }, timeout: 10_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout) => resolve(err ? undefined : stdout),
    );
  });
}

/** What git says of the book folder: its changes (`git status`) and the time of its last commit. */
export interface GitState {
  /** The work tree's top, which git's paths are relative to. */
  top: string;
  /** The book folder, symbolic links resolved. */
  real: string;
  status: string;
  /** Seconds since 1970. */
  committed: number;
}

/**
 * Asks git about the book folder (and `files` outside it: a book.yaml kept
 * elsewhere). Nothing is run when SOURCE_DATE_EPOCH is set or no `.git` is
 * found above the folder; undefined as well when git is missing or fails.
 */
export async function gitState(
  root: string,
  files: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<GitState | undefined> {
  if (sourceDateEpoch(env) !== undefined) return undefined;
  const real = await realpath(root).catch(() => undefined);
  const top = real && (await gitTop(real));
  if (!real || !top) return undefined;
  // Outside the repository, git refuses, and the files' times decide.
  const specs = ['.', ...files.filter((f) => outside(root, f))];
  const [status, log] = await Promise.all([
    git(real, ['status', '--porcelain', '-z', '--untracked-files=all', '--ignored=matching', '--', ...specs], env),
    git(real, ['log', '-1', '--format=%ct', '--', ...specs], env),
  ]);
  const committed = Number(log?.trim() || Number.NaN);
  return status === undefined || !Number.isFinite(committed) ? undefined : { top, real, status, committed };
}

const outside = (root: string, file: string) => {
  const rel = path.relative(root, file);
  return rel.startsWith('..') || path.isAbsolute(rel);
};

/**
 * The time of the last commit touching the book folder, when the folder has
 * no uncommitted change: no tracked file in it changed, and no file the book
 * reads is untracked or ignored. Undefined otherwise, or without git.
 */
function committedDate(state: GitState | undefined, root: string, files: readonly string[]): number | undefined {
  if (!state) return undefined;
  const { top, real, status } = state;
  // What the book read, as paths from the repository's top (git's porcelain paths).
  const read = files.map((f) =>
    path
      .relative(top, path.resolve(real, path.relative(root, f)))
      .split(path.sep)
      .join('/'),
  );
  const records = status.split('\0');
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    if (record.length < 4) continue;
    const code = record.slice(0, 2);
    const file = record.slice(3);
    if (code === '??' || code === '!!') {
      // Untracked or ignored: only what the book reads matters (not dist/ or .octavo-cache/).
      const dir = file.endsWith('/');
      if (read.some((r) => r === file || (dir && r.startsWith(file)))) return undefined;
      continue;
    }
    return undefined;
  }
  return state.committed;
}

/**
 * Every file a book read: its configuration (and an mdBook's or GitBook's
 * SUMMARY.md), the chapters and the files they include, the images with their
 * credit sidecars, the bibliography and style, and the book's own theme.
 */
export async function filesRead(book: Book): Promise<string[]> {
  const c = book.config;
  const inRoot = (rel: string) => path.resolve(c.root, rel);
  const files = [c.configFile, ...['book.toml', 'book.json', 'SUMMARY.md', 'src/SUMMARY.md'].map(inRoot)];
  for (const chapter of book.chapters) {
    files.push(chapter.file);
    for (const origin of chapter.origins ?? []) files.push(origin.file);
  }
  for (const asset of book.assets) {
    if (!asset.sourceFile) continue;
    files.push(
      asset.sourceFile,
      `${asset.sourceFile}.credit.yaml`,
      asset.sourceFile.replace(/\.[^./]+$/, '.credit.yaml'),
    );
  }
  files.push(...c.bibliography.map(inRoot), ...(c.csl ? [inRoot(c.csl)] : []));
  const theme = path.relative(c.root, c.theme);
  if (!theme.startsWith('..') && !path.isAbsolute(theme)) {
    const entries = await readdir(c.theme, { recursive: true, withFileTypes: true }).catch(() => []);
    for (const e of entries) if (e.isFile()) files.push(path.join(e.parentPath ?? e.path, e.name));
  }
  return [...new Set(files)];
}
