/**
 * The reading order of book.yaml (`chapters:`), or the Markdown files of the
 * book folder in natural order when it lists none. Every file must exist and
 * lie inside the book folder (symbolic links are followed before checking).
 */
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { type DiagnosticSink, error } from '../diagnostics.js';
import { listChapterFiles } from '../manuscript/chapters.js';
import type { ChapterKind } from '../structure/kinds.js';
import type { ChapterEntry, PartEntry } from './config.js';
import type { BookYaml, ChapterItem } from './schema.js';

interface Position {
  line: number;
  column: number;
}

export interface ReadingOrder {
  chapters: ChapterEntry[];
  parts: PartEntry[];
  halfTitle: boolean;
}

/** True when `target` is `root` or inside it, after resolving links. */
export async function insideFolder(root: string, target: string): Promise<boolean> {
  const realRoot = await realpathNearest(root);
  const real = await realpathNearest(target);
  return real === realRoot || real.startsWith(realRoot + path.sep);
}

/**
 * The real path of `file`; for a file that does not exist, the real path of
 * its nearest existing folder with the rest appended. Both sides of a
 * comparison must be resolved alike: a missing image in a book reached
 * through a symbolic link is missing, not outside the book.
 */
async function realpathNearest(file: string): Promise<string> {
  const abs = path.resolve(file);
  try {
    return await realpath(abs);
  } catch {
    const parent = path.dirname(abs);
    return parent === abs ? abs : path.join(await realpathNearest(parent), path.basename(abs));
  }
}

export async function resolveReadingOrder(
  root: string,
  configFile: string,
  listed: BookYaml['chapters'],
  positionOf: (index: PropertyKey[]) => Position,
  diagnostics: DiagnosticSink,
): Promise<ReadingOrder> {
  const order: ReadingOrder = { chapters: [], parts: [], halfTitle: false };
  if (!listed) {
    const found = await listChapterFiles(root);
    if (found.length === 0) {
      diagnostics.push(
        error('manuscript/no-chapters', `no Markdown chapters (*.md) in ${root}.`, {
          file: configFile,
          hint: 'Add a chapter file, or list them under `chapters:` in book.yaml.',
        }),
      );
    }
    order.chapters = found.map((file) => ({ file }));
    return order;
  }

  const addChapter = async (item: ChapterItem, at: PropertyKey[], part?: number) => {
    const entry = typeof item === 'string' ? { file: item } : item;
    const where = { file: configFile, ...positionOf(at) };
    const abs = path.resolve(root, entry.file);
    const isFile = await stat(abs).then(
      (s) => s.isFile(),
      () => false,
    );
    if (path.isAbsolute(entry.file) || !(await insideFolder(root, abs))) {
      diagnostics.push(
        error('manuscript/outside-book', `chapter \`${entry.file}\` lies outside the book folder.`, {
          ...where,
          hint: 'Chapters must be files inside the folder that holds book.yaml, given by a relative path.',
        }),
      );
    } else if (!isFile) {
      diagnostics.push(
        error('manuscript/missing-chapter', `chapter file \`${entry.file}\` does not exist.`, {
          ...where,
          hint: 'Create the file or correct its name under `chapters:`.',
        }),
      );
    } else {
      const kind = 'type' in entry ? (entry.type as ChapterKind | undefined) : undefined;
      order.chapters.push({
        file: path.relative(root, abs),
        ...(kind ? { kind } : {}),
        ...('title' in entry && entry.title ? { title: entry.title } : {}),
        ...(part !== undefined ? { part } : {}),
      });
    }
  };

  for (const [i, item] of listed.entries()) {
    if (typeof item === 'object' && 'part' in item) {
      const index = order.parts.length;
      order.parts.push({ index, title: item.part });
      for (const [j, child] of item.chapters.entries()) await addChapter(child, [i, 'chapters', j], index);
    } else if (typeof item === 'object' && !('file' in item)) {
      order.halfTitle = true;
    } else await addChapter(item, [i]);
  }
  return order;
}
