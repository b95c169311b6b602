/**
 * `octavo watch`: the Watcher on a copy of the sample book, its page open in
 * the shared Chromium. A save shows up in the browser (the latency is
 * measured), only the changed chapter is transformed again, a broken save
 * keeps the last good page served with the errors over it, and the command
 * stops cleanly on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FailedEvent, type RebuiltEvent, Watcher } from '../../src/commands/watch.js';
import { sharedBrowser } from '../helpers/browser.js';
import { repoRoot } from '../helpers/tools.js';

const CLI = path.join(repoRoot, 'lib', 'cli.js');

let work: string;
let book: string;
let ch1: string;
let ch2: string;
let watcher: Watcher;
let browser: Browser;
let page: Page;
const rebuilt: RebuiltEvent[] = [];
const failed: FailedEvent[] = [];

/** Resolves with the next event of that kind. */
function next<K extends 'rebuilt' | 'failed'>(
  kind: K,
  timeout = 10_000,
): Promise<K extends 'rebuilt' ? RebuiltEvent : FailedEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${kind} event within ${timeout} ms`)), timeout);
    const off = watcher.on(kind, (e) => {
      clearTimeout(timer);
      off();
      resolve(e as K extends 'rebuilt' ? RebuiltEvent : FailedEvent);
    });
  });
}

function get(url: string, rawPath?: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = http.get({ host: u.hostname, port: u.port, path: rawPath ?? u.pathname }, (res) => {
      let body = '';
      res.setEncoding('latin1');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    });
    req.on('error', reject);
  });
}

const textOnPage = (p: Page, text: string, timeout = 5000) =>
  // biome-ignore lint/performance/useDomNodeTextContent: the text a reader sees, as rendered (not the scripts')
  p.waitForFunction((t: string) => document.body?.innerText.includes(t), { timeout }, text);

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'octavo-watch-'));
  book = path.join(work, 'book');
  await cp(path.join(repoRoot, 'manuscript'), book, { recursive: true });
  ch1 = path.join(book, '01-assads-visit.md');
  ch2 = path.join(book, '02-afterword.md');
  await writeFile(ch2, '# A Second Chapter\n\nA short second chapter, so that one of two chapters can change.\n');
  watcher = new Watcher({ input: book, outDir: path.join(work, 'dist'), port: 0 });
  watcher.on('rebuilt', (e) => rebuilt.push(e));
  watcher.on('failed', (e) => failed.push(e));
  await watcher.start();
  browser = await sharedBrowser();
  page = await browser.newPage();
  await page.goto(watcher.url, { waitUntil: 'load' });
});

afterAll(async () => {
  await page?.close().catch(() => undefined);
  await browser?.disconnect();
  await watcher?.close();
  await rm(work, { recursive: true, force: true });
});

describe('octavo watch (the Watcher)', () => {
  it('builds once on start: HTML and EPUB in dist/, every chapter transformed', async () => {
    expect(failed).toEqual([]);
    expect(rebuilt).toHaveLength(1);
    const first = rebuilt[0]!;
    expect(first.build).toBe(1);
    expect(first.transformed.sort()).toEqual([ch1, ch2]);
    expect(Object.keys(first.outputs).sort()).toEqual(['epub', 'html']);
    expect(watcher.url).toMatch(/^http:\/\/localhost:\d+\/$/);
    expect(await page.title()).toBe("Assad's Visit to Tehran");
  });

  it('serves the page with the reload script, while dist/ keeps a clean page', async () => {
    const served = await get(watcher.url);
    expect(served.status).toBe(200);
    expect(served.type).toContain('text/html');
    expect(served.body).toMatch(/<script src="\/__octavo\/live\.js" data-build="\d+"><\/script><\/body>/);
    const file = await readFile(rebuilt[0]!.outputs.html!, 'utf8');
    expect(file).not.toContain('__octavo');
    // No script but the JSON-LD metadata block (data, never run).
    expect(file.replace(/<script type="application\/ld\+json">[^<]*<\/script>/, '')).not.toContain('<script');
  });

  it('shows an edit in the browser, re-transforming only that chapter', async () => {
    const before = watcher.cache.get(ch2);
    expect(before).toBeDefined();
    const marker = `Edited paragraph ${Date.now()}.`;
    const source = await readFile(ch1, 'utf8');
    const done = next('rebuilt');

    const t0 = performance.now();
    await writeFile(ch1, `${source}\n${marker}\n`);
    await textOnPage(page, marker);
    const latency = performance.now() - t0;

    const event = await done;
    console.log(
      `watch: file write → new text visible in Chromium: ${latency.toFixed(0)} ms (page ready ${event.htmlMs.toFixed(0)} ms after the rebuild started; whole rebuild ${event.totalMs.toFixed(0)} ms)`,
    );
    // A sanity bound only: the 300 ms target is measured by `npm run bench:watch`, not by a test
    // that shares two cores with the rest of the suite.
    expect(latency).toBeLessThan(5000);
    expect(event.changed).toEqual([ch1]);
    expect(event.transformed).toEqual([ch1]);
    // Chapter 2 came from the cache: the very same entry.
    expect(watcher.cache.get(ch2)).toBe(before);
    expect(watcher.cache.size).toBe(2);
    expect(await readFile(event.outputs.html!, 'utf8')).toContain(marker);
  });

  it('debounces a burst of saves into one rebuild', async () => {
    const source = await readFile(ch2, 'utf8');
    const count = rebuilt.length;
    const done = next('rebuilt');
    // Three saves back to back (synchronous: an awaited write on a busy machine can take longer than the debounce).
    for (let i = 1; i <= 3; i++) writeFileSync(ch2, `${source}\nBurst ${i}.\n`);
    const event = await done;
    await new Promise((r) => setTimeout(r, 300));
    expect(rebuilt.length).toBe(count + 1);
    expect(event.transformed).toEqual([ch2]);
    await textOnPage(page, 'Burst 3.');
  });

  it('keeps serving the last good build when a save breaks the book, and shows the errors', async () => {
    const yamlFile = path.join(book, 'book.yaml');
    const yaml = await readFile(yamlFile, 'utf8');
    const good = (await get(watcher.url)).body;

    const broken = next('failed');
    await writeFile(yamlFile, `${yaml}\nsubtitel: oops\n`);
    const event = await broken;
    expect(event.diagnostics[0]).toMatchObject({ severity: 'error', message: 'unknown key `subtitel`.' });
    expect((await get(watcher.url)).body).toBe(good);
    await page.waitForSelector('#octavo-errors', { timeout: 5000 });
    // biome-ignore lint/performance/useDomNodeTextContent: the text a reader sees, as rendered (not the button's ×)
    expect(await page.$eval('#octavo-errors', (el) => (el as HTMLElement).innerText)).toMatch(
      /book\.yaml:\d+:1 error unknown key `subtitel`/,
    );

    const fixed = next('rebuilt');
    await writeFile(yamlFile, yaml);
    await fixed;
    await page.waitForFunction(() => !document.querySelector('#octavo-errors'), { timeout: 5000 });
    await textOnPage(page, 'Burst 3.');
  });

  it('serves the editions from dist/, and nothing outside the served folders', async () => {
    const epub = await get(new URL('assads-visit-to-tehran.epub', watcher.url).href);
    expect(epub.status).toBe(200);
    expect(epub.type).toBe('application/epub+zip');
    expect((await get(watcher.url, '/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
    expect((await get(watcher.url, '/..%2fbook%2fbook.yaml')).status).toBe(404);
    expect((await get(watcher.url, '/.hidden')).status).toBe(404);
  });
});

interface Served {
  url: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
  kill: (signal: NodeJS.Signals) => void;
}

/** Runs `octavo watch …` in `work` until it prints its URL. */
async function serve(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Served> {
  const child = spawn(process.execPath, [CLI, 'watch', ...args], { cwd: work, env });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed:\n${stdout}\n${stderr}`)), 30_000);
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      const m = /Serving (http:\/\/localhost:\d+\/)/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
  });
  return { url, stdout: () => stdout, stderr: () => stderr, exited, kill: (signal) => child.kill(signal) };
}

describe('octavo watch (the command)', () => {
  it('prints the URL, serves, and stops cleanly on SIGTERM', async () => {
    const run = await serve(['book', '--port', '0', '--out', 'cli-dist']);
    expect(run.stdout()).toMatch(/built html, epub in \d+ ms/);
    expect((await get(run.url)).body).toContain('Assad');

    const t0 = performance.now();
    run.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(run.stderr()).toBe('');
    await expect(get(run.url)).rejects.toThrow();
  });

  it('with --pdf, also rebuilds the PDF, and Ctrl-C closes its Chromium and removes its profile', async () => {
    const tmp = path.join(work, 'tmp');
    await mkdir(tmp);
    const run = await serve(['book', '--port', '0', '--out', 'pdf-dist', '--pdf'], { ...process.env, TMPDIR: tmp });
    expect(run.stdout()).toMatch(/built html, epub, pdf in \d+ ms/);
    expect((await readdir(path.join(work, 'pdf-dist'))).sort()).toEqual([
      'assads-visit-to-tehran.epub',
      'assads-visit-to-tehran.html',
      'assads-visit-to-tehran.pdf',
    ]);
    // The run's one temp folder holds Chromium's profile and HOME.
    const runFolders = (await readdir(tmp)).filter((n) => /^octavo-\d+-/.test(n));
    expect(runFolders).toHaveLength(1);
    expect((await readdir(path.join(tmp, runFolders[0]!))).filter((n) => n.startsWith('chromium-'))).toHaveLength(1);

    run.kill('SIGINT');
    expect(await run.exited).toBe(0);
    expect(run.stdout()).toContain('Stopping');
    expect(await readdir(tmp)).toEqual([]);
  });

  it('refuses a bad port as a usage error', async () => {
    const child = spawn(process.execPath, [CLI, 'watch', 'book', '--port', 'eighty'], { cwd: work });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(2);
    expect(stderr).toContain('--port must be a number');
  });
});
