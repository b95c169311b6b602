/**
 * Transformed chapters kept on disk between builds, in `.octavo-cache/` in
 * the book folder (the author may delete it at any time; `octavo init`
 * git-ignores it). Each entry is named by the hash of everything the chapter
 * transform reads: the chapter's source and context, and the code that
 * transforms it (Octavo's version and its compiled modules), so an entry is
 * never stale, only unused; unused entries are removed when a build ends.
 *
 * The cache is a convenience: a folder that cannot be read or written leaves
 * the build as it would be without one.
 */
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERSION } from '../version.js';
import type { TransformedChapter } from './index.js';

export const CACHE_FOLDER = '.octavo-cache';
const CHAPTERS = 'chapters';

let fingerprint: string | undefined;

/**
 * Octavo's version and the size and time of each of its compiled modules: a
 * rebuilt Octavo (a development checkout, a patched install) never reads a
 * chapter the old code made.
 */
export function codeFingerprint(): string {
  if (fingerprint) return fingerprint;
  const hash = createHash('sha1').update(VERSION);
  const lib = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.js')) {
        const s = statSync(file);
        hash.update(`${file}:${s.size}:${s.mtimeMs}`);
      }
    }
  };
  walk(lib);
  fingerprint = hash.digest('hex');
  return fingerprint;
}

export class ChapterStore {
  private readonly used = new Set<string>();
  private readonly writes: Promise<void>[] = [];
  private broken = false;

  private constructor(private readonly dir: string) {}

  /** The store of the book in `root`. */
  static at(root: string): ChapterStore {
    return new ChapterStore(path.join(root, CACHE_FOLDER, CHAPTERS));
  }

  /** The entry name for a chapter's own key. */
  static entry(key: string): string {
    return createHash('sha1').update(codeFingerprint()).update(key).digest('hex');
  }

  async get(key: string): Promise<TransformedChapter | undefined> {
    const name = ChapterStore.entry(key);
    this.used.add(name);
    if (this.broken) return undefined;
    try {
      return JSON.parse(await readFile(path.join(this.dir, `${name}.json`), 'utf8')) as TransformedChapter;
    } catch {
      return undefined;
    }
  }

  /** Serialised now (the book passes change the tree next), written in the background: `settle()` waits for it. */
  set(key: string, value: TransformedChapter): void {
    if (this.broken) return;
    const text = JSON.stringify(value);
    const name = ChapterStore.entry(key);
    this.used.add(name);
    const file = path.join(this.dir, `${name}.json`);
    // Temp file and rename: a build stopped half-way leaves no half entry.
    const temp = `${file}.${process.pid}.tmp`;
    this.writes.push(
      mkdir(this.dir, { recursive: true })
        .then(() => writeFile(temp, text))
        .then(() => rename(temp, file))
        .catch(() => {
          this.broken = true;
          return rm(temp, { force: true }).catch(() => undefined);
        }),
    );
  }

  /** Waits for the writes, then removes the entries this build did not use. */
  async settle(): Promise<void> {
    await Promise.all(this.writes);
    if (this.broken) return;
    const names = await readdir(this.dir).catch(() => [] as string[]);
    await Promise.all(
      names
        .filter((n) => n.endsWith('.json') && !this.used.has(n.slice(0, -5)))
        .map((n) => rm(path.join(this.dir, n), { force: true }).catch(() => undefined)),
    );
  }
}
