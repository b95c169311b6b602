/**
 * `octavo watch`: build once, serve the HTML edition with live reload, and
 * rebuild on every change of the book folder (book.yaml, chapters, images,
 * the theme). A ChapterCache lives across rebuilds, so only a changed chapter
 * goes through the Markdown pipeline again. A failed rebuild is reported and
 * the last good build stays served. Nothing here prints: the CLI listens to
 * the events.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { type FSWatcher, watch } from 'chokidar';
import type { Browser } from 'puppeteer';
import { prepareBook } from '../build.js';
import { type Diagnostic, Diagnostics, error, formatDiagnostic, OctavoError } from '../diagnostics.js';
import { builtinThemes } from '../paths.js';
import type { ChapterCache, TransformedChapter } from '../transform/index.js';
import { writeOutputsAtomically } from '../util/atomic-write.js';
import { renderHtml } from '../writers/html/index.js';
import { DEFAULT_FORMATS, type Format, loadWriter } from '../writers/registry.js';
import { DEFAULT_PORT, LiveServer } from './live-server.js';

export { DEFAULT_PORT };
export const DEFAULT_DEBOUNCE_MS = 50;

/** Files whose change means a rebuild: config, chapters, images, fonts, theme fragments and CSS. */
const WATCHED_EXTENSIONS = new Set([
  '.yaml',
  '.yml',
  '.md',
  '.markdown',
  '.svg',
  '.png',
  '.jpg',
  '.jpeg',
  '.gif',
  '.webp',
  '.avif',
  '.css',
  '.html',
  '.woff',
  '.woff2',
  '.ttf',
  '.otf',
]);

export interface WatchOptions {
  /** The book folder, or a single Markdown file. */
  input: string;
  /** A book.yaml kept outside the book folder (watched too). */
  configFile?: string;
  /** Output folder; default `<cwd>/dist`. Ignored by the watcher. */
  outDir?: string;
  /** Default 4173; 0 picks a free port. */
  port?: number;
  host?: string;
  /** Also rebuild the EPUB (default true). */
  epub?: boolean;
  /** Also rebuild the PDF (default false: it takes seconds). */
  pdf?: boolean;
  /** A running Chromium for the PDF; otherwise one is launched on the first PDF build and closed by close(). */
  browser?: Browser;
  debounceMs?: number;
}

export interface RebuiltEvent {
  /** 1 for the first build. */
  build: number;
  /** Files whose change caused this build (absolute; empty for the first). */
  changed: string[];
  /** Chapters that went through the Markdown pipeline (absolute), the others came from the cache. */
  transformed: string[];
  /** Absolute paths written to the output folder, by format. */
  outputs: Partial<Record<Format, string>>;
  /** Every diagnostic of the build, the writers' included (a rebuilt book has no errors). */
  diagnostics: Diagnostic[];
  /** `performance.now()` when the build started (after the debounce). */
  startedAt: number;
  /** Milliseconds from the build's start to the new page being announced to browsers. */
  htmlMs: number;
  /** Milliseconds for the whole build, every format written. */
  totalMs: number;
}

export interface FailedEvent {
  build: number;
  changed: string[];
  diagnostics: Diagnostic[];
}

interface WatchEvents {
  rebuilt: RebuiltEvent;
  failed: FailedEvent;
}

/** A ChapterCache that remembers which chapters were (re)transformed: transformBook sets only those. */
class TrackingCache extends Map<string, { key: string; result: TransformedChapter }> {
  written: string[] = [];
  override set(file: string, value: { key: string; result: TransformedChapter }): this {
    this.written.push(file);
    return super.set(file, value);
  }
}

function isInside(file: string, dir: string): boolean {
  return file === dir || file.startsWith(dir + path.sep);
}

export class Watcher {
  readonly input: string;
  private folder: string;
  readonly outDir: string;
  /** Survives rebuilds; exposed for tests and tools. */
  readonly cache: ChapterCache;
  private readonly tracking: TrackingCache;
  private readonly server: LiveServer;
  private watcher: FSWatcher | undefined;
  private readonly listeners: { [K in keyof WatchEvents]: ((e: WatchEvents[K]) => void)[] } = {
    rebuilt: [],
    failed: [],
  };
  private port = 0;
  private builds = 0;
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private themeDir: string | undefined;
  private ownBrowser: { close(): Promise<void> } | undefined;
  private browser: Browser | undefined;
  private closed = false;
  private configFile: string | undefined;

  constructor(private readonly options: WatchOptions) {
    this.input = path.resolve(options.input);
    this.folder = this.input;
    this.outDir = path.resolve(options.outDir ?? 'dist');
    this.tracking = new TrackingCache();
    this.cache = this.tracking;
    this.browser = options.browser;
    this.server = new LiveServer([this.outDir, this.root]);
  }

  on<K extends keyof WatchEvents>(event: K, listener: (e: WatchEvents[K]) => void): () => void {
    const list = this.listeners[event] as ((e: WatchEvents[K]) => void)[];
    list.push(listener);
    return () => list.splice(list.indexOf(listener) >>> 0, 1);
  }

  /** The folder watched and served: the book folder, or the folder of a single-file book. */
  get root(): string {
    return this.folder;
  }

  /** `http://localhost:PORT/`, once started. */
  get url(): string {
    return `http://localhost:${this.port}/`;
  }

  /**
   * Builds once, starts the server and the file watcher. A book with errors
   * still starts (the errors are served, and the next good save replaces them);
   * only a missing book folder or a busy port throws.
   */
  async start(): Promise<void> {
    try {
      await this.startUp();
    } catch (err) {
      await this.close();
      throw err;
    }
  }

  private async startUp(): Promise<void> {
    const info = await stat(this.input).catch(() => undefined);
    const singleFile = info?.isFile() && /\.(md|markdown)$/i.test(this.input);
    if (!info?.isDirectory() && !singleFile) {
      throw new OctavoError(
        error('manuscript/not-found', `${this.options.input} is neither a book folder nor a Markdown file.`, {
          hint: 'Give the folder that holds book.yaml (default: the current folder), or a single .md file.',
        }),
      );
    }
    if (singleFile) this.folder = path.dirname(this.input);
    this.server.staticRoots = [this.outDir, this.root];
    try {
      this.port = await this.server.listen(this.options.port ?? DEFAULT_PORT, this.options.host);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'EADDRINUSE' || code === 'EACCES') {
        throw new OctavoError(
          error(
            'watch/port',
            `cannot listen on port ${this.options.port ?? DEFAULT_PORT} (${code === 'EADDRINUSE' ? 'in use' : 'not allowed'}).`,
            {
              hint: 'Choose another with `--port N`, or `--port 0` for any free port.',
            },
          ),
        );
      }
      throw err;
    }
    const configFile = this.options.configFile ? path.resolve(this.options.configFile) : undefined;
    this.configFile = configFile;
    this.watcher = watch(configFile && !isInside(configFile, this.root) ? [this.root, configFile] : [this.root], {
      ignoreInitial: true,
      ignored: (file, stats) => this.ignored(file, stats?.isFile()),
    });
    this.watcher.on('all', (event, file) => {
      if (event === 'add' || event === 'change' || event === 'unlink') this.changed(path.resolve(file));
    });
    const watcher = this.watcher;
    await new Promise<void>((resolve, reject) => {
      watcher.once('ready', () => resolve());
      watcher.once('error', reject);
    });
    // A folder that cannot be read later on (permissions, removed) must not crash the server.
    watcher.on('error', () => undefined);
    await this.run([]);
  }

  /** Waits for a running build, then stops the watcher, the server and a Chromium it launched. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    await this.watcher?.close();
    await this.running?.catch(() => undefined);
    await this.server.close();
    await this.ownBrowser?.close();
  }

  private ignored(file: string, isFile: boolean | undefined): boolean {
    const abs = path.resolve(file);
    if (abs === this.root || abs === this.configFile || (this.themeDir && abs === this.themeDir)) return false;
    if (isInside(abs, this.outDir)) return true;
    const base = path.basename(abs);
    if (base.startsWith('.') || base === 'node_modules' || base.endsWith('~')) return true;
    if (isFile) return !WATCHED_EXTENSIONS.has(path.extname(base).toLowerCase());
    return false;
  }

  private changed(file: string): void {
    if (this.closed) return;
    this.pending.add(file);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.options.debounceMs ?? DEFAULT_DEBOUNCE_MS);
  }

  private flush(): void {
    if (this.closed || this.pending.size === 0) return;
    // One build at a time; changes during a build start another when it ends.
    if (this.running) {
      void this.running.then(() => this.flush());
      return;
    }
    const changed = [...this.pending];
    this.pending.clear();
    void this.run(changed);
  }

  private run(changed: string[]): Promise<void> {
    this.running = this.rebuild(changed).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private emit<K extends keyof WatchEvents>(event: K, payload: WatchEvents[K]): void {
    for (const listener of [...this.listeners[event]]) listener(payload);
  }

  private async rebuild(changed: string[]): Promise<void> {
    const build = ++this.builds;
    const start = performance.now();
    const sink = new Diagnostics();
    this.tracking.written = [];
    try {
      const { book, composed, slug } = await prepareBook(this.input, {
        diagnostics: sink,
        configFile: this.options.configFile,
        cache: this.cache,
      });
      this.watchTheme(book.config.theme);

      // The page first, so the browser reloads while the other editions are made.
      const html = renderHtml(composed, slug);
      const outputs: Partial<Record<Format, string>> = {};
      [outputs.html] = await writeOutputsAtomically(this.outDir, [html]);
      this.server.publish(typeof html.bytes === 'string' ? html.bytes : new TextDecoder().decode(html.bytes), build);
      const htmlMs = performance.now() - start;

      // The other editions through the same writers a build uses; each is written as soon as it is made.
      // Every format but the page just made; the PDF (seconds) only when asked for.
      const skip = new Set<Format>(['html']);
      if (!(this.options.epub ?? true)) skip.add('epub');
      if (!this.options.pdf) skip.add('pdf');
      for (const format of DEFAULT_FORMATS.filter((f) => !skip.has(f))) {
        const writer = await loadWriter(format);
        const browser = format === 'pdf' ? await this.chromium() : undefined;
        const made = await sink.collect(() =>
          writer.render(composed, { slug, diagnostics: sink, browser, timings: {} }),
        );
        // The edition itself; a writer's extra files (the print shop's PDF) are for `build`.
        [outputs[format]] = await writeOutputsAtomically(
          this.outDir,
          made.filter((m) => !m.role),
        );
      }
      this.emit('rebuilt', {
        build,
        changed,
        transformed: [...this.tracking.written],
        outputs,
        diagnostics: sink.list(),
        startedAt: start,
        htmlMs,
        totalMs: performance.now() - start,
      });
    } catch (err) {
      // The errors with the warnings that came before them (Chromium's launch reports outside any stage).
      if (err instanceof OctavoError) sink.push(...err.diagnostics);
      const diagnostics =
        err instanceof OctavoError
          ? sink.list()
          : [
              error('watch/internal', `internal error: ${(err as Error).message ?? String(err)}`, {
                hint: 'Please report it (OCTAVO_DEBUG=1 shows the stack).',
              }),
            ];
      this.server.fail(diagnostics.map((d) => formatDiagnostic(d, this.root)));
      this.emit('failed', { build, changed, diagnostics });
    }
  }

  /** A theme outside the book folder (and not one of Octavo's own) is watched too. */
  private watchTheme(dir: string): void {
    if (dir === this.themeDir) return;
    if (this.themeDir) this.watcher?.unwatch(this.themeDir);
    this.themeDir = undefined;
    if (isInside(dir, this.root) || isInside(dir, builtinThemes)) return;
    this.themeDir = dir;
    this.watcher?.add(dir);
  }

  private async chromium(): Promise<Browser> {
    if (!this.browser) {
      const { launchChromium } = await import('../browser/launch.js');
      // The CLI owns SIGINT/SIGTERM and calls close(), which also removes Chromium's profile.
      const launched = await launchChromium({ handleSignals: false });
      this.ownBrowser = launched;
      this.browser = launched.browser;
    }
    return this.browser;
  }
}
