/** Chapters and books transformed in memory, for the unit tests of the Markdown pipeline. */
import path from 'node:path';
import type { Manuscript } from '../../src/book.js';
import { DEFAULT_LIMITS } from '../../src/config/limits.js';
import { parseConfig } from '../../src/config/load.js';
import { Diagnostics } from '../../src/diagnostics.js';
import { DEFAULT_FEATURES } from '../../src/dialects/features.js';
import type { ChapterContext } from '../../src/transform/markdown.js';
import { repoRoot } from './tools.js';

/** An English chapter of the sample book's folder, with every feature and the default limits. */
export const chapterContext: ChapterContext = {
  lang: 'en',
  dir: 'ltr',
  root: repoRoot,
  typography: true,
  limits: DEFAULT_LIMITS,
  features: DEFAULT_FEATURES,
};

/**
 * A book of `chapters` (path → Markdown) in `root` (default: the sample's
 * folder), its book.yaml a CC0 one in English plus `yaml`, which may set the
 * language itself.
 */
export async function manuscriptOf(
  chapters: Record<string, string>,
  { yaml = '', root = path.join(repoRoot, 'manuscript') }: { yaml?: string; root?: string } = {},
): Promise<Manuscript> {
  const config = await parseConfig(
    `title: T\ncreator: A\n${/^language:/m.test(yaml) ? '' : 'language: en\n'}licence: CC0-1.0\n${yaml}`,
    path.join(root, 'book.yaml'),
    root,
    new Diagnostics(),
  );
  return {
    config,
    chapters: Object.entries(chapters).map(([relPath, source]) => ({
      file: path.join(root, relPath),
      relPath,
      source,
      entry: { file: relPath },
    })),
  };
}
