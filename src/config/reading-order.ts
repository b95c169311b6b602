/**
 * The reading order of book.yaml (`chapters:`), or the Markdown files of the
 * book folder in natural order when it lists none. Every file must exist,
 * lie inside the book folder (symbolic links are followed before checking)
 * and be listed once.
 */
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { type DiagnosticSink, error, warning } from '../diagnostics.js';
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
  // Real path of each chapter taken → where it was listed: a file listed twice, by its
  // own name or through a link, is one chapter read twice.
  const taken = new Map<string, { file: string; at: Position | undefined }>();
  const realRoot = await realpathNearest(root);

  /** Checks one chapter file; `at` is where book.yaml lists it (none when found in the folder). */
  const check = async (file: string, at: Position | undefined): Promise<string | undefined> => {
    const where = at ? { file: configFile, ...at } : { file: path.resolve(root, file) };
    const abs = path.resolve(root, file);
    const real = await realpathNearest(abs);
    // A link on the way (the file, or a folder above it inside the book) was followed.
    const isLink = real !== path.join(realRoot, path.relative(path.resolve(root), abs));
    const isFile = await stat(abs).then(
      (s) => s.isFile(),
      () => false,
    );
    if (path.isAbsolute(file) || !(real === realRoot || real.startsWith(realRoot + path.sep))) {
      diagnostics.push(
        error(
          'manuscript/outside-book',
          isLink && !path.isAbsolute(file)
            ? `chapter \`${file}\` leads through a symbolic link to ${real}, outside the book folder.`
            : `chapter \`${file}\` lies outside the book folder.`,
          {
            ...where,
            hint: isLink
              ? 'Copy the file into the book folder, or link to a file inside it.'
              : 'Chapters must be files inside the folder that holds book.yaml, given by a relative path.',
          },
        ),
      );
      return undefined;
    }
    if (!isFile) {
      diagnostics.push(
        error('manuscript/missing-chapter', `chapter file \`${file}\` does not exist.`, {
          ...where,
          // Unlisted, only a dangling link in the folder can be missing.
          hint: at ? 'Create the file or correct its name under `chapters:`.' : 'Remove the broken symbolic link.',
        }),
      );
      return undefined;
    }
    if (taken.has(real)) {
      const first = taken.get(real)!;
      const message =
        path.normalize(first.file) === path.normalize(file)
          ? `chapter \`${file}\` is listed twice (first at line ${first.at?.line}).`
          : `chapter \`${file}\` is the same file as \`${first.file}\`${first.at ? `, listed at line ${first.at.line}` : ''} (through a symbolic link).`;
      diagnostics.push(
        at
          ? error('manuscript/duplicate-chapter', message, {
              ...where,
              hint: 'Remove one of the two entries under `chapters:`: a chapter appears once in the reading order.',
            })
          : warning('manuscript/duplicate-chapter', `${message.slice(0, -1)}; it is left out the second time.`, {
              ...where,
              hint: 'Remove the link, or list the chapters under `chapters:` in book.yaml.',
            }),
      );
      return undefined;
    }
    taken.set(real, { file, at });
    return path.relative(root, abs);
  };

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
    for (const name of found) {
      const file = await check(name, undefined);
      if (file !== undefined) order.chapters.push({ file });
    }
    return order;
  }

  const addChapter = async (item: ChapterItem, at: PropertyKey[], part?: number, depth = 0) => {
    const entry = typeof item === 'string' ? { file: item } : item;
    const file = await check(entry.file, positionOf(at));
    if (file !== undefined) {
      const kind = 'type' in entry ? (entry.type as ChapterKind | undefined) : undefined;
      order.chapters.push({
        file,
        ...(kind ? { kind } : {}),
        ...('title' in entry && entry.title ? { title: entry.title } : {}),
        ...(part !== undefined ? { part } : {}),
        ...(depth > 0 ? { depth } : {}),
      });
    }
    // Sub-chapters follow their chapter in the reading order, one level deeper in the contents.
    const children = typeof entry === 'object' && 'chapters' in entry ? (entry.chapters ?? []) : [];
    for (const [j, child] of children.entries()) await addChapter(child, [...at, 'chapters', j], part, depth + 1);
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
