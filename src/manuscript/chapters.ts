/** Finds chapter files when book.yaml does not list them. */
import { readdir } from 'node:fs/promises';

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * Markdown files at the top of the book folder, in natural order (2-x before
 * 10-x). Symbolic links are listed too: the reading order follows or refuses them.
 */
export async function listChapterFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true });
  return entries
    .filter(
      (e) =>
        (e.isFile() || e.isSymbolicLink()) &&
        /\.(md|markdown)$/i.test(e.name) &&
        !/^readme\.md$/i.test(e.name) &&
        !e.name.startsWith('_'),
    )
    .map((e) => e.name)
    .sort(collator.compare);
}
