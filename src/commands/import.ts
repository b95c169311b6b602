/**
 * `octavo import manuscript.docx [dir]`: a Word manuscript to a book folder.
 *
 * The conversion is src/import/docx.ts; this module finds the folder, writes
 * book.yaml, the chapters and the images into a staging folder beside it and
 * renames that into place at the end, so a failed or interrupted import leaves
 * no half-written book. It never overwrites: a folder that exists must be empty.
 */
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Document, isMap, isScalar } from 'yaml';
import { CONFIG_NAME } from '../config/load.js';
import { type Diagnostic, error, OctavoError } from '../diagnostics.js';
import { convertDocx, type ImportedBook } from '../import/docx.js';
import { outputFault } from '../util/atomic-write.js';
import { onInterrupt } from '../util/temp.js';
import { IGNORED, schemaModeline } from './init.js';

export interface ImportResult {
  /** Absolute path of the new book folder. */
  dir: string;
  /** Absolute paths of the files written: book.yaml, chapters, images. */
  created: string[];
  book: ImportedBook;
  /** Warnings (and notes) of the conversion, in reading order. */
  diagnostics: Diagnostic[];
}

/** The folder an import writes to by default: beside the document, named after it. */
export function defaultFolder(docx: string): string {
  const base = path.basename(docx).replace(/\.(docx|docm|dotx)$/i, '');
  return path.join(path.dirname(docx), base || 'book');
}

/** book.yaml: what the document's properties say, the chapters in order, and the licence left to the author. */
export function bookYaml(book: ImportedBook, source: string): string {
  const m = book.meta;
  const doc = new Document({
    title: m.title,
    ...(m.subtitle ? { subtitle: m.subtitle } : {}),
    ...(m.creator ? { creator: m.creator } : {}),
    ...(m.language ? { language: m.language } : {}),
    ...(m.description ? { description: m.description } : {}),
    ...(m.date ? { date: m.date } : {}),
    chapters: book.chapters.map((c) => c.file),
  });
  doc.commentBefore = [
    ` book.yaml, made by \`octavo import\` from ${source}.`,
    ' Edit it as you like and run `octavo check` after; unknown keys are errors.',
  ].join('\n');
  const contents = doc.contents;
  if (isMap(contents)) {
    const pair = contents.items.find((p) => isScalar(p.key) && p.key.value === 'chapters');
    if (pair && isScalar(pair.key)) {
      pair.key.commentBefore = [
        ' The licence, as an SPDX id: CC-BY-4.0, CC-BY-SA-4.0, CC0-1.0… Without one the book',
        ' says "All rights reserved" and the build warns. Fill it in, and `source:` if the',
        ' text comes from elsewhere:',
        ' licence: CC-BY-4.0',
        '',
        ' The chapters in reading order, one file each.',
      ].join('\n');
    }
    if (!m.language) {
      contents.commentBefore = undefined;
      const title = contents.items.find((p) => isScalar(p.key) && p.key.value === 'title');
      if (title && isScalar(title.value))
        title.value.comment = ' the document names no language: add `language:` (en, fr, pt-BR…)';
    }
  }
  return doc.toString({ lineWidth: 0 });
}

async function refuseNonEmpty(dir: string, shown: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) return;
  if (!info.isDirectory()) {
    throw new OctavoError(
      error('import/not-a-folder', `${shown} exists and is not a folder.`, {
        file: dir,
        hint: 'Give a new or empty folder: `octavo import manuscript.docx my-book`.',
      }),
    );
  }
  const names = await readdir(dir);
  if (names.length > 0) {
    throw new OctavoError(
      error('import/not-empty', `${shown} already exists and is not empty; nothing was written.`, {
        file: dir,
        hint: 'Give a new or empty folder as the second argument: `octavo import manuscript.docx my-book`.',
      }),
    );
  }
}

export async function importDocx(docx: string, target?: string): Promise<ImportResult> {
  const shownTarget = target ?? defaultFolder(docx);
  const dir = path.resolve(shownTarget);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(docx);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new OctavoError(
      error(
        'import/no-file',
        code === 'ENOENT'
          ? `${docx}: no such file.`
          : code === 'EISDIR'
            ? `${docx} is a folder, not a Word document.`
            : `${docx} cannot be read (${code ?? (err as Error).message}).`,
        { file: docx, hint: 'Give the path of a Word document: `octavo import manuscript.docx`.' },
      ),
    );
  }
  await refuseNonEmpty(dir, shownTarget);

  const fallbackTitle = path.basename(docx).replace(/\.[^.]+$/, '') || 'Untitled';
  const book = await convertDocx(bytes, { file: docx, fallbackTitle });

  // Staged beside the target (same file system, so the rename is atomic), removed on every way out.
  const parent = path.dirname(dir);
  let staging: string | undefined;
  const cleanup = async () => {
    if (staging) await rm(staging, { recursive: true, force: true });
  };
  const unregister = onInterrupt(cleanup);
  const files: { rel: string; bytes: Uint8Array | string }[] = [
    { rel: CONFIG_NAME, bytes: (await schemaModeline(dir)) + bookYaml(book, path.basename(docx)) },
    ...book.chapters.map((c) => ({ rel: c.file, bytes: c.markdown })),
    ...book.images.map((i) => ({ rel: i.path, bytes: i.bytes })),
    // As `octavo init` makes a book: the outputs and the build's cache stay out of the author's repository.
    { rel: '.gitignore', bytes: `${IGNORED.join('\n')}\n` },
  ];
  try {
    staging = await mkdtemp(path.join(parent, `.${path.basename(dir)}.import-`));
    if (book.images.length > 0) await mkdir(path.join(staging, 'images'));
    for (const f of files) await writeFile(path.join(staging, f.rel), f.bytes, { flag: 'wx' });
    // The target was checked before the conversion: check again, it may have been made meanwhile.
    await refuseNonEmpty(dir, shownTarget);
    // rename(2) replaces an empty folder and refuses a non-empty one.
    await rename(staging, dir);
    staging = undefined;
  } catch (err) {
    await cleanup();
    if (err instanceof OctavoError) throw err;
    const fault = outputFault(err, parent);
    if (fault) throw new OctavoError(fault);
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST') await refuseNonEmpty(dir, shownTarget);
    throw err;
  } finally {
    unregister();
  }
  return {
    dir,
    created: files.map((f) => path.join(dir, f.rel)),
    book,
    diagnostics: book.diagnostics,
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One line per count: what the command prints after the files. */
export function importSummary(result: ImportResult): string {
  const { book } = result;
  const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length;
  const t = book.tables;
  const tables =
    t.html > 0
      ? `${plural(t.markdown + t.html, 'table')} (${t.markdown} as Markdown, ${t.html} as HTML)`
      : plural(t.markdown, 'table');
  return [
    plural(book.chapters.length, 'chapter'),
    plural(book.images.length, 'image'),
    plural(book.notes, 'note'),
    tables,
    plural(warnings, 'warning'),
  ].join(', ');
}
