/** Loads a book folder (or a single Markdown file) into a Manuscript. */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Manuscript, SourceChapter } from '../book.js';
import type { BookConfig } from '../config/config.js';
import { loadConfig, loadSingleFileConfig } from '../config/load.js';
import { type DiagnosticSink, error, OctavoError } from '../diagnostics.js';
import { scanSource } from '../transform/source-limits.js';
import { readText } from './decode.js';
import { rawFrontMatter } from './front-matter.js';
import { expandGitbook } from './gitbook.js';
import { expandMdbook } from './mdbook.js';

export async function loadManuscript(
  input: string,
  diagnostics: DiagnosticSink,
  options: { configFile?: string } = {},
): Promise<Manuscript> {
  const target = path.resolve(input);
  const info = await stat(target).catch(() => undefined);
  if (!info) {
    throw new OctavoError(
      error('manuscript/not-found', `${input} does not exist.`, {
        hint: 'Give the folder that holds book.yaml (default: the current folder).',
      }),
    );
  }
  const singleFile = info.isFile() && /\.(md|markdown)$/i.test(target);
  if (!info.isDirectory() && !singleFile) {
    throw new OctavoError(
      error('manuscript/not-a-book', `${input} is neither a book folder nor a Markdown file.`, {
        file: target,
        hint: 'Give the folder that holds book.yaml, or a single .md file to build as a book.',
      }),
    );
  }
  const config = singleFile
    ? await loadSingleFileConfig(target, diagnostics)
    : await loadConfig(target, diagnostics, options.configFile);
  const chapters: SourceChapter[] = [];
  for (const listed of config.chapters) {
    const file = path.join(config.root, listed.file);
    const source = await readText(file, diagnostics);
    let entry = listed;
    let chapter: SourceChapter;
    if (config.gitbook) {
      const { text, origins } = await expandGitbook(source, file, config.root, config.variables, diagnostics);
      chapter = { file, relPath: listed.file, entry, source: text, origins };
    } else if (config.mdbook) {
      const { text, origins, title } = await expandMdbook(source, file, config.root, diagnostics);
      // {{#title …}} names the chapter, over SUMMARY.md's entry.
      if (title?.trim()) entry = { ...entry, title: title.trim() };
      chapter = { file, relPath: listed.file, entry, source: text, origins };
    } else chapter = { file, relPath: listed.file, entry, source };
    chapters.push(...(await splitInto(chapter, config, singleFile)));
  }
  return { config, chapters };
}

/**
 * A chapter file as one chapter, or as several cut at its headings: a single
 * file at its top level (when it has several headings there), any file at
 * `split-level` when the book sets one. The pieces share the file; the first
 * keeps the reading order's kind and title.
 */
async function splitInto(chapter: SourceChapter, config: BookConfig, singleFile: boolean): Promise<SourceChapter[]> {
  if (!singleFile && config.splitLevel === undefined) return [chapter];
  // Cutting parses the file: one over the input bounds is left whole, for the transform to refuse (issue 11).
  if (scanSource(chapter.source, chapter.file, config.limits)) return [chapter];
  const fmTitle = singleFile ? rawFrontMatter(chapter.source).title : undefined;
  // Loaded here: most books never cut a file, and the Markdown parser is a tenth of a second to load.
  const { splitChapter } = await import('./split.js');
  const pieces = splitChapter(chapter.source, {
    ...(config.splitLevel !== undefined ? { level: config.splitLevel } : {}),
    ...(typeof fmTitle === 'string' ? { bookTitle: fmTitle } : {}),
    dropFrontMatter: singleFile,
  });
  if (!pieces) return [chapter];
  const { title: _title, kind: _kind, ...rest } = chapter.entry;
  return pieces.map((p, i) => ({
    ...chapter,
    source: p.source,
    entry: i === 0 ? chapter.entry : rest,
    piece: i,
    ...(p.headingShift > 0 ? { headingShift: p.headingShift } : {}),
  }));
}

export { OctavoError };
