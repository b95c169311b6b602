#!/usr/bin/env node
/**
 * Speed and memory figures (not tests): the sample book warm, and a generated
 * book of about 150k words, each step timed; plus a bare
 * `chromium --print-to-pdf` of the generated book's HTML as the floor; and
 * the start-up of `octavo --version` and `--help` as whole processes.
 *   npm run bench [-- --words 150000 --runs 3]
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { generateBook } from './generated-book.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { build } = await import(pathToFileURL(path.join(root, 'lib', 'build.js')).href);
const { launchChromium, CHROMIUM_ARGS } = await import(
  pathToFileURL(path.join(root, 'lib', 'browser', 'launch.js')).href
);
const { locateChromium } = await import(pathToFileURL(path.join(root, 'lib', 'browser', 'locate.js')).href);

const { values } = parseArgs({
  options: { words: { type: 'string', default: '150000' }, runs: { type: 'string', default: '3' } },
});
const words = Number(values.words);
const runs = Number(values.runs);

const fmt = (ms) => `${ms.toFixed(0).padStart(6)} ms`;
function report(label, timings) {
  const steps = Object.entries(timings)
    .map(([k, v]) => `${k} ${v.toFixed(0)}`)
    .join(', ');
  const total = Object.values(timings).reduce((a, b) => a + b, 0);
  console.log(`${label.padEnd(28)} total ${fmt(total)}  (${steps})`);
}

function median(list) {
  const s = [...list].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function timedBuild(input, outDir, browser) {
  const t0 = performance.now();
  const r = await build({ input, outDir, browser });
  return { wall: performance.now() - t0, timings: r.timings, pdfSteps: r.pdfSteps, outputs: r.outputs };
}

console.log(`Octavo benchmark on ${os.cpus().length} cores, Node ${process.version}`);
// Start-up: the whole `octavo` process, as a shell runs it (Node's own start included).
const cli = path.join(root, 'lib', 'cli.js');
const startRuns = Math.max(5, runs);
for (const arg of ['--version', '--help']) {
  const times = [];
  for (let i = 0; i < startRuns; i++) {
    const t0 = performance.now();
    execFileSync(process.execPath, [cli, arg], { stdio: 'ignore' });
    times.push(performance.now() - t0);
  }
  console.log(`${`octavo ${arg}`.padEnd(28)} wall  ${fmt(median(times))} (median of ${startRuns}, whole process)`);
}
const bare = [];
for (let i = 0; i < startRuns; i++) {
  const t0 = performance.now();
  execFileSync(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  bare.push(performance.now() - t0);
}
console.log(`${'floor: node -e 0'.padEnd(28)} wall  ${fmt(median(bare))}`);

const launched = await launchChromium();
const tmp = await mkdtemp(path.join(os.tmpdir(), 'octavo-bench-'));
try {
  // Sample book: one cold run (includes its own Chromium launch), then warm runs sharing one.
  const cold = await (async () => {
    const t0 = performance.now();
    await build({ input: path.join(root, 'manuscript'), outDir: path.join(tmp, 'cold') });
    return performance.now() - t0;
  })();
  console.log(`${'sample, own Chromium'.padEnd(28)} wall  ${fmt(cold)}`);
  const sampleRuns = [];
  for (let i = 0; i < runs; i++)
    sampleRuns.push(await timedBuild(path.join(root, 'manuscript'), path.join(tmp, 'sample'), launched.browser));
  const mid = sampleRuns.sort((a, b) => a.wall - b.wall)[Math.floor(runs / 2)];
  report(`sample, warm (median of ${runs})`, mid.timings);

  const bookDir = path.join(tmp, 'big');
  const actual = await generateBook(bookDir, words);
  const big = await timedBuild(bookDir, path.join(tmp, 'big-out'), launched.browser);
  const pages = execFileSync('pdfinfo', [big.outputs.pdf])
    .toString()
    .match(/Pages:\s+(\d+)/)?.[1];
  report(`generated ${actual} words`, big.timings);
  console.log(`${''.padEnd(28)} PDF pages ${pages}, ${(big.timings.pdf / Number(pages)).toFixed(1)} ms/page`);
  console.log(
    `${''.padEnd(28)} PDF step: ${Object.entries(big.pdfSteps)
      .map(([k, v]) => `${k} ${v.toFixed(0)}`)
      .join(', ')}`,
  );

  // Floor: Chromium alone printing the same HTML edition.
  const chromium = (await locateChromium()).path;
  const floorRuns = [];
  for (let i = 0; i < Math.min(runs, 2); i++) {
    const t0 = performance.now();
    execFileSync(
      chromium,
      [
        '--headless',
        ...CHROMIUM_ARGS,
        `--user-data-dir=${path.join(tmp, `ud${i}`)}`,
        '--no-pdf-header-footer',
        `--print-to-pdf=${path.join(tmp, 'floor.pdf')}`,
        pathToFileURL(big.outputs.html).href,
      ],
      { stdio: 'ignore' },
    );
    floorRuns.push(performance.now() - t0);
  }
  console.log(
    `${'floor: chromium --print-to-pdf'.padEnd(28)} wall  ${fmt(median(floorRuns))} (same book's HTML, whole process)`,
  );
  console.log(`${'peak RSS (this process)'.padEnd(28)} ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
} finally {
  await launched.close();
  await rm(tmp, { recursive: true, force: true });
}
