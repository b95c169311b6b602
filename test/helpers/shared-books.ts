/**
 * The six real books in ../shared/books (other authors' work, read in place,
 * never copied): their names, and the book.yaml a user of each would write,
 * kept outside the book's folder. ../shared exists in the project's workspace
 * only: tests on these books skip, by name, where `sharedBooksPresent` is false.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { sharedDir } from './tools.js';

export const SHARED_BOOKS = [
  'art-of-command-line',
  'byte-of-python',
  'djangogirls-en',
  'djangogirls-fa',
  'progit1-zh',
  'ydkjsy-scope-closures',
] as const;

/** Book-specific settings a user of that book would write into its book.yaml. */
const EXTRA: Record<string, Record<string, unknown>> = {
  'progit1-zh': { 'figure-lines': { match: String.raw`^Insert (\S+)\.png$`, src: 'figures/$1-tn.png' } },
  'byte-of-python': { gitbook: true },
  'djangogirls-en': { gitbook: true },
  'djangogirls-fa': { gitbook: true },
};

export const sharedBooksDir = path.join(sharedDir, 'books');
export const sharedBooksPresent = existsSync(sharedBooksDir);

export interface SharedBookMeta {
  title: string;
  creators: string[];
  language: string;
  direction: 'ltr' | 'rtl';
  licence_spdx: string;
  licence_statement: string;
  source_repo: string;
  commit: string;
  dropped_images: { path: string }[];
}

/**
 * Writes `<work>/<name>.yaml` for a shared book (from its META.json and
 * ORDER.txt); returns its path and the book's META.json.
 */
export async function writeSharedBookConfig(
  name: string,
  work: string,
): Promise<{ config: string; meta: SharedBookMeta }> {
  const dir = path.join(sharedBooksDir, name);
  const meta = JSON.parse(await readFile(path.join(dir, 'META.json'), 'utf8')) as SharedBookMeta;
  const order = (await readFile(path.join(dir, 'ORDER.txt'), 'utf8')).split('\n').filter(Boolean);
  const config = path.join(work, `${name}.yaml`);
  await writeFile(
    config,
    stringify({
      title: meta.title,
      creator: meta.creators,
      language: meta.language,
      licence: meta.licence_spdx,
      'licence-statement': meta.licence_statement,
      source: `${meta.source_repo} (commit ${meta.commit})`,
      // A reformatting only: allowed under every licence here, NoDerivatives included.
      changes: [{ format: 'Typeset as EPUB, PDF and HTML by Octavo; the text is unchanged.' }],
      chapters: order,
      'remote-images': 'omit',
      'broken-links': 'warn',
      ...EXTRA[name],
    }),
  );
  return { config, meta };
}
