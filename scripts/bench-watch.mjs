#!/usr/bin/env node
/**
 * Watch-mode latency (a figure, not a test): a copy of the sample book under
 * `octavo watch`, its page open in Chromium; for each of N edits of the
 * chapter, the time from the file write to the new text being visible in the
 * page (median printed), split into change detection + debounce, rebuild up to
 * the page being ready, and browser reload. Run `npx tsc -p .` first.
 *   node scripts/bench-watch.mjs [--edits 5]
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lib = (p) => import(pathToFileURL(path.join(root, 'lib', p)).href);
const { Watcher } = await lib('commands/watch.js');
const { launchChromium } = await lib('browser/launch.js');

const { values } = parseArgs({ options: { edits: { type: 'string', default: '5' } } });
const edits = Number(values.edits);

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const ms = (n) => `${n.toFixed(0).padStart(5)} ms`;

const work = await mkdtemp(path.join(os.tmpdir(), 'octavo-bench-watch-'));
const book = path.join(work, 'book');
await cp(path.join(root, 'manuscript'), book, { recursive: true });
const chapter = path.join(book, '01-assads-visit.md');
const source = await readFile(chapter, 'utf8');

const chromium = await launchChromium();
const watcher = new Watcher({ input: book, outDir: path.join(work, 'dist'), port: 0 });
try {
  await watcher.start();
  const page = await chromium.browser.newPage();
  await page.goto(watcher.url, { waitUntil: 'load' });
  const rows = [];
  for (let i = 1; i <= edits; i++) {
    const marker = `Benchmark edit ${i} ${Date.now()}.`;
    const rebuilt = new Promise((resolve) => {
      const off = watcher.on('rebuilt', (e) => {
        off();
        resolve(e);
      });
    });
    const t0 = performance.now();
    await writeFile(chapter, `${source}\n${marker}\n`);
    // biome-ignore lint/performance/useDomNodeTextContent: the text a reader sees, as rendered (not the scripts')
    await page.waitForFunction((t) => document.body?.innerText.includes(t), { timeout: 10_000 }, marker);
    const total = performance.now() - t0;
    const e = await rebuilt;
    const detect = e.startedAt - t0;
    rows.push({ total, detect, build: e.htmlMs, reload: total - detect - e.htmlMs, transformed: e.transformed.length });
    console.log(
      `edit ${i}: ${ms(total)}  (detect+debounce ${ms(detect)}, rebuild to page ${ms(e.htmlMs)}, reload+paint ${ms(total - detect - e.htmlMs)}; ${e.transformed.length} chapter transformed)`,
    );
    await new Promise((r) => setTimeout(r, 200));
  }
  const m = (k) => median(rows.map((r) => r[k]));
  console.log(`\nwatch latency, file write → new text visible (median of ${edits}): ${ms(m('total'))}`);
  console.log(
    `  detect+debounce ${ms(m('detect'))}, rebuild to page ${ms(m('build'))}, reload+paint ${ms(m('reload'))}`,
  );
} finally {
  await watcher.close();
  await chromium.close();
  await rm(work, { recursive: true, force: true });
}
