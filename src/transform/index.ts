/**
 * Manuscript → Book: every chapter through the unified pipeline on its own
 * (so a changed chapter is the only one redone, given a cache), then the
 * book-wide passes.
 */
import { createHash } from 'node:crypto';
import type { Root } from 'hast';
import { h } from 'hastscript';
import type { VFileMessage } from 'vfile-message';
import { AssetRegistry, collectAssets } from '../assets/collect.js';
import type { Book, Chapter, ChapterCredit, Heading, Manuscript, SourceChapter } from '../book.js';
import { overLimit } from '../config/limits.js';
import type { ChapterFrontMatter } from '../config/schema.js';
import { type Diagnostic, type DiagnosticSink, Diagnostics, warning } from '../diagnostics.js';
import { isRtl } from '../i18n/language.js';
import { stringsFor } from '../i18n/strings.js';
import { validateCredit } from '../licence/credit.js';
import { checkLicenceCombinations } from '../licence/rules.js';
import { chapterFrontMatter } from '../manuscript/front-matter.js';
import type { LineOrigin } from '../manuscript/gitbook.js';
import type { Reporter } from '../reporter.js';
import { slugify } from '../util/identifier.js';
import { runBookPasses } from './book-passes.js';
import { dropAltRepeatingCaption } from './caption-alt.js';
import type { ChapterStore } from './chapter-store.js';
import { loadBibliography } from './citations.js';
import { applyFigureLines } from './figure-lines.js';
import type { ChapterContext, markdownToHast } from './markdown.js';
import { transformAll } from './parallel.js';
import { scanSource } from './source-limits.js';

function toDiagnostic(m: VFileMessage, file: string): Diagnostic {
  return {
    // vfile: fail() is fatal, message() is false, info() leaves it unset.
    severity: m.fatal ? 'error' : m.fatal === false ? 'warning' : 'info',
    // A bound passed inside a plugin keeps its own code (limits/…).
    code: m.ruleId?.startsWith('limits/') ? m.ruleId : `markdown/${m.ruleId ?? 'message'}`,
    message: m.reason,
    file,
    line: m.line ?? undefined,
    column: m.column ?? undefined,
    hint: typeof m.note === 'string' ? m.note : undefined,
  };
}

/** A line of a chapter assembled from several files (GitBook includes) is reported in the file it came from. */
function traced(d: Diagnostic, origins: readonly LineOrigin[] | undefined): Diagnostic {
  const origin = origins && d.line ? origins[d.line - 1] : undefined;
  return origin ? { ...d, file: origin.file, line: origin.line } : d;
}

/** One chapter's own result: depends only on its source and context. */
export interface TransformedChapter {
  tree: Root;
  headings: Heading[];
  frontMatter: Record<string, unknown>;
  title: string;
  /** The file has no content at all. */
  empty: boolean;
  diagnostics: Diagnostic[];
}

/** Keyed by chapter path; reused when the source and context are unchanged (watch mode). */
export type ChapterCache = Map<string, { key: string; result: TransformedChapter }>;

export async function transformChapter(src: SourceChapter, context: ChapterContext): Promise<TransformedChapter> {
  const parsed = await parseWithinLimits(src, context);
  if ('refused' in parsed) {
    return {
      tree: { type: 'root', children: [] },
      headings: [],
      frontMatter: {},
      title: src.relPath,
      empty: false,
      diagnostics: [parsed.refused],
    };
  }
  const { tree, file } = parsed;
  const diagnostics = file.messages.map((m) => toDiagnostic(m, src.file));
  const frontMatter = file.data.frontMatter ?? {};
  const headings = file.data.headings ?? [];
  const fmTitle = typeof frontMatter.title === 'string' ? frontMatter.title : undefined;
  const firstH1 = headings.find((hd) => hd.depth === 1);
  // Empty when nothing names the chapter (no heading, a file name of only digits): the book pass numbers it.
  const title =
    fmTitle?.trim() ||
    firstH1?.text ||
    src.relPath
      .replace(/^.*[\\/]/, '')
      .replace(/\.(md|markdown)$/i, '')
      .replace(/^\d+[-_ ]*/, '')
      .trim();
  const empty = tree.children.every((c) => c.type === 'text' && !c.value.trim());
  if (!firstH1) {
    // Every chapter opens with its title, whether written as `# Title` or in front matter.
    const id = slugify(title);
    tree.children.unshift(h('h1', { id }, title));
    headings.unshift({ id, depth: 1, text: title });
  }
  return { tree, headings, frontMatter, title, empty, diagnostics };
}

/**
 * The chapter parsed, or the limit it passes. The scan is the bound; a stack
 * overflow is caught too, as a last net, for shapes the scan estimates low.
 */
async function parseWithinLimits(
  src: SourceChapter,
  context: ChapterContext,
): Promise<Awaited<ReturnType<typeof markdownToHast>> | { refused: Diagnostic }> {
  const over = scanSource(src.source, src.file, context.limits);
  if (over) return { refused: over };
  // The Markdown pipeline is loaded when a chapter needs it: a rebuild whose chapters are all kept never does.
  const { markdownToHast } = await import('./markdown.js');
  try {
    return await markdownToHast(src.source, src.file, context);
  } catch (err) {
    if (!(err instanceof RangeError && /call stack/i.test(err.message))) throw err;
    return {
      refused: overLimit(
        'nesting',
        context.limits,
        'the chapter nests too deeply to be read (lists, block quotes or HTML elements)',
        { file: src.file },
        'Flatten the nesting',
      ),
    };
  }
}

/** A chapter's own credit (anthologies): its licence must be known, and attribution licences need a creator. */
function chapterCredit(fm: ChapterFrontMatter, file: string, diagnostics: DiagnosticSink): { credit?: ChapterCredit } {
  if (!fm.source && !fm.licence && !fm['licence-statement'] && !fm.changes) return {};
  const checked = validateCredit(fm, { kind: 'chapter', file }, diagnostics);
  return {
    credit: {
      source: fm.source,
      licence: checked.licence,
      licenceStatement: fm['licence-statement'],
      changes: checked.changes,
      adapted: checked.adapted,
    },
  };
}

export interface TransformOptions {
  cache?: ChapterCache;
  /** Chapters kept on disk between builds (`.octavo-cache/`). */
  store?: ChapterStore;
  /** Told of each chapter done (`chapters n/N`). */
  reporter?: Reporter;
}

/**
 * Reports to `sink` and throws OctavoError when the book has errors (all of
 * them are found first: every chapter, the book passes, the assets).
 */
export async function transformBook(
  manuscript: Manuscript,
  sink: DiagnosticSink,
  options: TransformOptions = {},
): Promise<Book> {
  const { config } = manuscript;
  const diagnostics = new Diagnostics();
  const bibliography = await loadBibliography(config, diagnostics);
  // First what each chapter needs and whether a kept result will do; then the rest transformed, on several cores.
  const prepared = manuscript.chapters.map((src) => {
    // A single-file book's front matter is the book's configuration, already read.
    const fm = src.file === config.configFile ? {} : chapterFrontMatter(src.source, src.file, diagnostics);
    const lang = fm.language ?? config.language;
    const dir = fm.dir ?? (fm.language ? (isRtl(lang) ? 'rtl' : 'ltr') : config.dir);
    const context: ChapterContext = {
      lang,
      dir,
      root: config.root,
      typography: fm.typography ?? config.typography,
      limits: config.limits,
      features: config.markdown,
      gitbook: config.gitbook,
      ...(config.mdbook ? { mdbook: true } : {}),
      ...(src.headingShift ? { headingShift: src.headingShift } : {}),
      ...(config.bibliography.length ? { bibliography: true } : {}),
    };
    // Everything transformChapter reads: the context, the file's names (in diagnostics and a fallback title) and the text.
    const key = createHash('sha1')
      .update(JSON.stringify(context))
      .update(`\0${src.file}\0${src.relPath}\0`)
      .update(src.source)
      .digest('hex');
    // A file cut into several chapters is cached piece by piece.
    const cacheKey = src.piece ? `${src.file}#${src.piece}` : src.file;
    const cached = options.cache?.get(cacheKey);
    const kept = cached?.key === key ? cached.result : undefined;
    return { src, fm, lang, dir, context, key, cacheKey, inMemory: kept !== undefined, result: kept };
  });
  for (const p of prepared) if (!p.result) p.result = await options.store?.get(p.key);
  const total = prepared.length;
  let done = prepared.filter((p) => p.result).length;
  if (done) options.reporter?.progress?.('transform', done, total, 'chapters');
  const missing = prepared.filter((p) => !p.result);
  await transformAll(
    missing,
    (i, result) => {
      const p = missing[i]!;
      p.result = result;
      options.store?.set(p.key, result);
      options.reporter?.progress?.('transform', ++done, total, 'chapters');
    },
    (threads) => options.reporter?.phase?.('transform', threads > 1 ? `on ${threads} threads` : 'on one thread'),
  );
  // Entries already in memory stay the same objects (watch mode tells what was transformed by them).
  for (const p of prepared) if (!p.inMemory) options.cache?.set(p.cacheKey, { key: p.key, result: p.result! });

  const chapters: Chapter[] = [];
  for (const [index, { src, fm, lang, dir, result: kept }] of prepared.entries()) {
    const result = kept!;
    diagnostics.push(...result.diagnostics.map((d) => traced(d, src.origins)));
    // Book passes change trees in place: work on a copy so the cache stays as the chapter alone made it.
    const own = options.cache ? structuredClone(result) : result;
    if (config.figureLines && applyFigureLines(own.tree, config.figureLines, src.file, config.root))
      dropAltRepeatingCaption(own.tree);
    if (!(src.entry.title ?? own.title).trim() || own.empty) {
      own.title = untitled(own, src, index, lang, diagnostics);
    }
    chapters.push({
      index,
      file: src.file,
      relPath: src.relPath,
      id: `ch-${index + 1}`,
      title: src.entry.title ?? own.title,
      tree: own.tree,
      headings: own.headings,
      frontMatter: own.frontMatter,
      kind: src.entry.kind ?? fm.type ?? 'chapter',
      ...(src.entry.part !== undefined ? { part: src.entry.part } : {}),
      ...(src.entry.depth ? { depth: src.entry.depth } : {}),
      ...(src.origins ? { origins: src.origins } : {}),
      ...(fm.subtitle ? { subtitle: fm.subtitle } : {}),
      creators: fm.creator ?? [],
      lang,
      dir,
      ...chapterCredit(fm, src.file, diagnostics),
    });
  }
  // The book passes see the assembled text too: their lines are traced back like the chapters' own.
  const passes: Diagnostic[] = [];
  runBookPasses(chapters, passes, {
    brokenLinks: config.brokenLinks,
    numberSections: config.numberSections,
    language: config.language,
    ...(bibliography ? { bibliography } : {}),
  });
  const originsOf = new Map(chapters.map((ch) => [ch.file, ch.origins]));
  diagnostics.push(...passes.map((d) => traced(d, d.file ? originsOf.get(d.file) : undefined)));
  const registry = new AssetRegistry(config, diagnostics);
  await collectAssets(chapters, registry);
  const cover = config.cover
    ? await registry.add(config.cover, config.configFile, {
        file: config.configFile,
        line: config.keyLines.cover,
        column: 1,
      })
    : undefined;
  diagnostics.push(
    ...checkLicenceCombinations(
      {
        licence: config.licence,
        adapted: config.adapted,
        configFile: config.configFile,
        lineOf: (key) => config.keyLines[key],
      },
      [
        ...chapters
          .filter((ch) => ch.credit?.licence)
          .map((ch) => ({
            what: `chapter “${ch.title}”`,
            file: ch.file,
            licence: ch.credit!.licence!,
            adapted: ch.credit!.adapted,
          })),
        ...registry.assets
          .filter((a) => a.credit)
          .map((a) => ({
            what: `image ${a.href}`,
            file: a.sourceFile,
            licence: a.credit!.licence,
            adapted: a.credit!.adapted,
          })),
      ],
    ),
  );
  sink.push(...diagnostics.list());
  diagnostics.throwIfErrors();
  return { config, chapters, assets: registry.assets, ...(cover ? { cover } : {}) };
}

/**
 * A chapter nothing names, or with no text: its title is the file name's
 * words, else "Chapter n" in the chapter's language, and the author is told.
 */
function untitled(
  own: TransformedChapter,
  src: SourceChapter,
  index: number,
  lang: string,
  diagnostics: DiagnosticSink,
): string {
  const title = (src.entry.title ?? own.title).trim() || stringsFor(lang).chapter(index + 1);
  // The heading transformChapter inserted carries the title too.
  const h1 = own.tree.children.find((c) => c.type === 'element' && c.tagName === 'h1');
  if (h1?.type === 'element' && !h1.children.some((c) => c.type !== 'text' || c.value.trim())) {
    h1.children = [{ type: 'text', value: title }];
    const heading = own.headings.find((hd) => hd.id === h1.properties.id);
    if (heading) heading.text = title;
  }
  diagnostics.push(
    warning(
      'chapter/no-title',
      own.empty ? `the chapter is empty; it is called “${title}”` : `the chapter has no title; it is called “${title}”`,
      {
        file: src.file,
        line: 1,
        hint: 'Start the chapter with a `# Heading`, or give it a `title:` in its front matter or in book.yaml.',
      },
    ),
  );
  return title;
}
