/** Loads a book folder (or a single Markdown file) into a Manuscript. */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Manuscript, SourceChapter } from '../book.js';
import { loadConfig, loadSingleFileConfig } from '../config/load.js';
import { type DiagnosticSink, error, OctavoError, warning } from '../diagnostics.js';
import { scrubText } from '../util/xml-chars.js';
import { expandGitbook } from './gitbook.js';

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
  for (const entry of config.chapters) {
    const file = path.join(config.root, entry.file);
    const source = scrubText(await readUtf8(file, diagnostics), file, diagnostics);
    if (config.gitbook) {
      const { text, origins } = await expandGitbook(source, file, config.root, config.variables, diagnostics);
      chapters.push({ file, relPath: entry.file, entry, source: text, origins });
    } else chapters.push({ file, relPath: entry.file, entry, source });
  }
  return { config, chapters };
}

/** Decodes UTF-8; a bad byte is reported with its line and replaced, and the book still builds. */
async function readUtf8(file: string, diagnostics: DiagnosticSink): Promise<string> {
  const bytes = await readFile(file);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    const at = text.indexOf('\uFFFD');
    const before = text.slice(0, Math.max(at, 0));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    diagnostics.push(
      warning('manuscript/not-utf8', 'the file is not valid UTF-8; bad bytes were replaced by �.', {
        file,
        line,
        column,
        hint: 'Save the file as UTF-8.',
      }),
    );
    return text;
  }
}

export { OctavoError };
