/**
 * `octavo init`: copies the scaffold in templates/init/ into a folder that does
 * not hold a book yet. Never overwrites: it refuses a folder with a book.yaml
 * or any Markdown file, and writes each file with O_EXCL.
 */
import { constants } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { detectLayout, loadLayoutConfig } from '../config/layout.js';
import { CONFIG_NAME, parseConfig } from '../config/load.js';
import { type Diagnostic, Diagnostics, error, OctavoError } from '../diagnostics.js';
import { packageRoot } from '../paths.js';
import { CACHE_FOLDER } from '../transform/chapter-store.js';

export const INIT_TEMPLATE = path.join(packageRoot, 'templates', 'init');
export const BOOK_SCHEMA_FILE = path.join(packageRoot, 'schema', 'book.schema.json');

export interface InitResult {
  /** Absolute path of the book folder. */
  dir: string;
  /** Absolute paths of the files written, in order. */
  created: string[];
}

/** Files of the scaffold, relative to its folder, sorted. */
async function templateFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = path.join(prefix, entry.name);
    if (entry.isDirectory()) out.push(...(await templateFiles(dir, rel)));
    else if (entry.isFile()) out.push(rel);
  }
  return out.sort();
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** The first line of book.yaml that points YAML editors at the JSON Schema, when Octavo ships it. */
export async function schemaModeline(dir: string): Promise<string> {
  if (!(await exists(BOOK_SCHEMA_FILE))) return '';
  const rel = path.relative(dir, BOOK_SCHEMA_FILE).split(path.sep).join('/');
  return `# yaml-language-server: $schema=${rel}\n`;
}

export async function initBook(target: string, template = INIT_TEMPLATE): Promise<InitResult> {
  const dir = path.resolve(target);
  const info = await stat(dir).catch(() => undefined);
  if (info && !info.isDirectory()) {
    throw new OctavoError(
      error('init/not-a-folder', `${target} exists and is not a folder.`, {
        file: dir,
        hint: 'Give a new or empty folder: `octavo init my-book`.',
      }),
    );
  }
  if (info) {
    const names = await readdir(dir);
    const book = names.filter((n) => n === CONFIG_NAME || /\.(md|markdown)$/i.test(n)).sort();
    if (book.length > 0) {
      throw new OctavoError(
        error('init/not-empty', `this folder already holds a book (${book.join(', ')}).`, {
          file: dir,
          hint: 'Run `octavo init` in an empty folder, or give a new one: `octavo init my-book`.',
        }),
      );
    }
  }

  const files = await templateFiles(template);
  const clashes: string[] = [];
  for (const rel of files) if (await exists(path.join(dir, rel))) clashes.push(rel);
  if (clashes.length > 0) {
    throw new OctavoError(
      error('init/would-overwrite', `this folder already has ${clashes.join(', ')}.`, {
        file: dir,
        hint: 'Move those files away or choose another folder.',
      }),
    );
  }

  const created: string[] = [];
  for (const rel of files) {
    const to = path.join(dir, rel);
    await mkdir(path.dirname(to), { recursive: true });
    if (rel === CONFIG_NAME) {
      const text = (await schemaModeline(dir)) + (await readFile(path.join(template, rel), 'utf8'));
      await writeFile(to, text, { flag: 'wx' });
    } else {
      await copyFile(path.join(template, rel), to, constants.COPYFILE_EXCL);
    }
    created.push(to);
  }
  if (await ignoreBuildFolders(dir)) created.push(path.join(dir, '.gitignore'));
  return { dir, created };
}

/** What a book's repository should not hold: the outputs, and the chapters the build keeps between runs. */
export const IGNORED = ['dist/', `${CACHE_FOLDER}/`];

/**
 * Adds the build's folders to the book's .gitignore (made when there is
 * none). True when the file was created. npm leaves .gitignore files out of
 * packages, so this is written here rather than kept in templates/init.
 */
async function ignoreBuildFolders(dir: string): Promise<boolean> {
  const file = path.join(dir, '.gitignore');
  const text = await readFile(file, 'utf8').catch(() => undefined);
  const has = new Set((text ?? '').split(/\r?\n/).map((l) => l.trim().replace(/^\//, '')));
  const missing = IGNORED.filter((line) => !has.has(line) && !has.has(line.slice(0, -1)));
  if (missing.length === 0) return false;
  const lead = text && !text.endsWith('\n') ? '\n' : '';
  await writeFile(file, `${text ?? ''}${lead}${missing.join('\n')}\n`);
  return text === undefined;
}

export interface InitFromResult {
  /** Absolute path of the book.yaml written. */
  file: string;
  /** What it was made from: book.toml, book.json, SUMMARY.md (relative to the folder). */
  sources: string[];
  /** Warnings about the layout (draft chapters, an untitled book…). */
  diagnostics: Diagnostic[];
}

/**
 * `octavo init --from <dir>`: writes the book.yaml that says what the folder's
 * mdBook or GitBook layout says (the build reads exactly this text when there
 * is no book.yaml), for the author to keep and extend. Refuses to overwrite.
 */
export async function initFromLayout(target: string): Promise<InitFromResult> {
  const dir = path.resolve(target);
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new OctavoError(
      error('init/not-a-folder', `${target} is not a folder.`, {
        file: dir,
        hint: 'Give the folder that holds book.toml (mdBook) or SUMMARY.md (GitBook): `octavo init --from my-book`.',
      }),
    );
  }
  const file = path.join(dir, CONFIG_NAME);
  if (await exists(file)) {
    throw new OctavoError(
      error('init/would-overwrite', `${target} already has a ${CONFIG_NAME}; it is left as it is.`, {
        file,
        hint: `Move ${CONFIG_NAME} away first to write a new one from the layout.`,
      }),
    );
  }
  const diagnostics = new Diagnostics();
  const layout = await detectLayout(dir, diagnostics);
  if (!layout) {
    throw new OctavoError(
      error('init/no-layout', `${target} holds no book.toml (mdBook) or SUMMARY.md (GitBook) to start from.`, {
        file: dir,
        hint: 'Run `octavo init` without --from to start a new book.',
      }),
    );
  }
  // Read back as the build reads it: a layout the build would refuse writes nothing.
  await loadLayoutConfig(layout, diagnostics, parseConfig);
  await writeFile(file, (await schemaModeline(dir)) + layout.yaml, { flag: 'wx' });
  await ignoreBuildFolders(dir);
  const sources = [...new Set([layout.configFile, layout.summaryFile])].map((f) =>
    path.relative(dir, f).split(path.sep).join('/'),
  );
  return { file, sources, diagnostics: diagnostics.list() };
}
