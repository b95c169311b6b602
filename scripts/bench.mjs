#!/usr/bin/env node
/**
 * What a user waits for (issue 13 §1): whole `octavo build` processes, each a
 * fresh Node spawned as a shell would run it, on generated books of about 30k,
 * 150k and 600k words (scripts/generated-book.mjs) and on the sample book, next
 * to their peers run in the same session:
 *   whole      node lib/cli.js build <book> -o <out>            (EPUB + PDF + HTML)
 *   EPUB-only  node lib/cli.js build <book> -o <out> -f epub
 *   pandoc     pandoc book.md -o book.epub                      (the same book as one file; when installed)
 *   floor      chromium --headless … --print-to-pdf file://<Octavo's HTML edition>  (bare Chromium)
 *   rebuild    the same, EPUB + HTML, after one chapter was edited, with the
 *              chapters of the last build kept in .octavo-cache/ (generated books)
 * Every other build runs with --no-cache (from scratch, as its peers work) and
 * --json, whose step events give the build's own per-step times.
 *
 * Per book and mode: one first run right after generating the book (the OS
 * caches may already be warm), then --runs warm runs; median and min–max of the
 * warm runs. Peak memory: the process tree (Node and every Chromium process)
 * sampled every 50 ms, RSS summed over the tree (and PSS, which counts shared
 * pages once, every 500 ms). Also `octavo --version`, `--help` and `node -e 0`
 * (median of 5), PDF pages (pdfinfo) and output sizes.
 *
 * A time budget (--budget-min, 9 by default) keeps the default run short: the
 * first runs the targets need are always made; warm runs and the other modes
 * of the largest book are made while the estimate fits, and what was cut is
 * printed ("600k whole: 1 run (time budget)").
 *
 * Writes bench/results/<date>-<host>.json and, for a full default run,
 * bench/results/latest.json. Needs lib/ (npm run build or npx tsc -p .).
 *   npm run bench [-- --sizes 30k,150k,600k --runs 3 --quick --budget-min 10 --keep]
 */
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { countWords, writeGeneratedBook } from './generated-book.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'lib', 'cli.js');
if (!existsSync(cli)) {
  console.error('lib/cli.js is missing: run `npm run build` (or `npx tsc -p tsconfig.json`) first.');
  process.exit(2);
}
const lib = (p) => import(pathToFileURL(path.join(root, 'lib', p)).href);
const { CHROMIUM_ARGS } = await lib('browser/launch.js');
const { locateChromium } = await lib('browser/locate.js');

const DEFAULT_SIZES = '30k,150k,600k';
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: DEFAULT_SIZES },
    runs: { type: 'string', default: '3' },
    quick: { type: 'boolean', default: false },
    'budget-min': { type: 'string', default: '9' },
    'timeout-min': { type: 'string', default: '15' },
    keep: { type: 'boolean', default: false },
    results: { type: 'string', default: path.join(root, 'bench', 'results') },
  },
});
const parseSize = (s) => {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(s.trim());
  if (!m) throw new Error(`--sizes: cannot read "${s}" (say 30k, 150k, 600k or a number of words)`);
  return Math.round(Number(m[1]) * { '': 1, k: 1e3, m: 1e6 }[m[2].toLowerCase()]);
};
const sizeLabel = (w) => (w % 1e6 === 0 ? `${w / 1e6}M` : w % 1e3 === 0 ? `${w / 1e3}k` : String(w));
const sizes = (values.quick ? ['30k'] : values.sizes.split(',')).map(parseSize).sort((a, b) => a - b);
const warmRuns = values.quick ? 1 : Math.max(1, Number(values.runs));
const budgetMs = Number(values['budget-min']) * 60_000;
const timeoutMs = Number(values['timeout-min']) * 60_000;
const fullRun = !values.quick && values.sizes === DEFAULT_SIZES && warmRuns >= 3;
const started = performance.now();
const deadline = started + budgetMs;
const notes = [];
const note = (text) => {
  notes.push(text);
  console.log(`  note: ${text}`);
};

// ---------------------------------------------------------------- statistics

const median = (list) => {
  const s = [...list].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** Least squares fit of log t = a + b log w; returns b. */
function growthExponent(points) {
  const xs = points.map(([w]) => Math.log(w));
  const ys = points.map(([, t]) => Math.log(t));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return num / den;
}

// ---------------------------------------------------------------- the process tree's memory

const hasProc = existsSync('/proc/self/stat');
let pageKb = 4;
let clockTicks = 100;
try {
  pageKb = Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' })) / 1024 || 4;
  clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100;
} catch {}

/** CPU seconds the whole machine has spent busy (all cores), or null without /proc. */
function machineBusySeconds() {
  if (!hasProc) return null;
  const f = readFileSync('/proc/stat', 'latin1').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return (f.reduce((a, b) => a + b, 0) - f[3] - f[4]) / clockTicks;
}

/** pid -> { ppid, rssKb, cpuTicks } for every process we can read (cpuTicks: own and reaped children's). */
function processTable(only) {
  const table = new Map();
  if (hasProc) {
    for (const name of only ?? readdirSync('/proc')) {
      const c = String(name).charCodeAt(0);
      if (c < 48 || c > 57) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
        // The command name is in parentheses and may hold spaces: read after the last ')'.
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const cpuTicks = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
        table.set(Number(name), { ppid: Number(f[1]), rssKb: Number(f[21]) * pageKb, cpuTicks });
      } catch {
        // Ended while we looked.
      }
    }
  } else {
    for (const line of execFileSync('ps', ['-A', '-o', 'pid=,ppid=,rss='], { encoding: 'utf8' }).split('\n')) {
      const [pid, ppid, rss] = line.trim().split(/\s+/).map(Number);
      if (pid) table.set(pid, { ppid, rssKb: rss, cpuTicks: 0 });
    }
  }
  return table;
}

function descendants(rootPid, table) {
  const children = new Map();
  for (const [pid, { ppid }] of table) {
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(pid);
  }
  const tree = [];
  const todo = [rootPid];
  while (todo.length) {
    const pid = todo.pop();
    if (!table.has(pid)) continue;
    tree.push(pid);
    todo.push(...(children.get(pid) ?? []));
  }
  return tree;
}

function pssKb(pids) {
  let kb = 0;
  for (const pid of pids) {
    try {
      kb += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'latin1'))?.[1] ?? 0);
    } catch {}
  }
  return kb;
}

/**
 * Runs one whole process as a shell would, timing spawn to exit, sampling the
 * memory of its process tree. Resolves { ms, code, peakRssMB, peakPssMB,
 * processes, cpuS, othersCores, stdout, stderr }: cpuS is the CPU time of the
 * tree (as last sampled), othersCores what the rest of the machine kept busy
 * meanwhile (cores, on average), to see when other work disturbed a run.
 */
function measure(command, args, { cwd = root, env = process.env } = {}) {
  return new Promise((resolve, reject) => {
    const busy0 = machineBusySeconds();
    const t0 = performance.now();
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      if (stdout.length < 1e6) stdout += d;
    });
    child.stderr.on('data', (d) => {
      if (stderr.length < 1e6) stderr += d;
    });
    let peakRss = 0;
    let peakPss = 0;
    let processes = 0;
    let samples = 0;
    let cpuTicks = 0;
    let tree = [child.pid];
    const sample = () => {
      try {
        // The whole process table every 500 ms (to find new processes), the known tree in between:
        // scanning /proc every 50 ms cost the bench a tenth of a core on a busy machine.
        const full = !hasProc || samples % 10 === 0;
        const table = processTable(full ? undefined : tree);
        if (full) tree = descendants(child.pid, table);
        else tree = tree.filter((pid) => table.has(pid));
        let kb = 0;
        let ticks = 0;
        for (const pid of tree) {
          kb += table.get(pid).rssKb;
          ticks += table.get(pid).cpuTicks;
        }
        if (ticks > cpuTicks) cpuTicks = ticks;
        if (kb > peakRss) peakRss = kb;
        if (tree.length > processes) processes = tree.length;
        if (hasProc && samples % 10 === 5) peakPss = Math.max(peakPss, pssKb(tree));
        samples++;
      } catch {}
    };
    const sampler = setInterval(sample, hasProc ? 50 : 250);
    sample();
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, timeoutMs);
    child.on('error', (err) => {
      clearInterval(sampler);
      clearTimeout(timer);
      reject(err);
    });
    child.on('exit', (code, signal) => {
      const ms = performance.now() - t0;
      const busy = machineBusySeconds();
      clearInterval(sampler);
      clearTimeout(timer);
      // Let the pipes drain before resolving.
      child.on('close', () =>
        resolve({
          ms,
          code: code ?? signal,
          peakRssMB: peakRss / 1024,
          peakPssMB: hasProc ? peakPss / 1024 : null,
          processes,
          cpuS: hasProc ? cpuTicks / clockTicks : null,
          othersCores: hasProc ? Math.max(0, (busy - busy0 - cpuTicks / clockTicks) / (ms / 1000)) : null,
          stdout,
          stderr,
        }),
      );
    });
  });
}

// ---------------------------------------------------------------- the machine

const tryRun = (cmd, args) => {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
};
const chromium = await locateChromium().catch(() => undefined);
const pandocVersion = tryRun('pandoc', ['--version'])?.split('\n')[0] ?? null;
const pdfinfoVersion = (() => {
  try {
    execFileSync('pdfinfo', ['-v'], { stdio: 'ignore' });
    return 'ok';
  } catch (e) {
    return e.code === 'ENOENT' ? null : 'ok';
  }
})();
const machine = {
  host: os.hostname(),
  os: `${os.type()} ${os.release()}`,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model?.trim() ?? null,
  memoryGB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
  node: process.version,
  chromium: chromium ? (tryRun(chromium.path, ['--version']) ?? chromium.path) : null,
  chromiumPath: chromium?.path ?? null,
  pandoc: pandocVersion,
  loadavgStart: os.loadavg().map((x) => Number(x.toFixed(2))),
};
const octavo = {
  version: JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version,
  commit: tryRun('git', ['-C', root, 'rev-parse', '--short', 'HEAD']),
  dirty: Boolean(tryRun('git', ['-C', root, 'status', '--porcelain', '--', 'src'])),
};

console.log(
  `Octavo bench: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGB} GB, Node ${machine.node}, ` +
    `${machine.chromium ?? 'no Chromium'}, ${machine.pandoc ?? 'no pandoc'}; Octavo ${octavo.version} ${octavo.commit ?? ''}${octavo.dirty ? ' (src/ modified)' : ''}`,
);
console.log(
  `sizes ${sizes.map(sizeLabel).join(', ')} + sample; first run + ${warmRuns} warm run(s) each; budget ${values['budget-min']} min`,
);
if (!pandocVersion) note('pandoc is not installed: its rows are skipped (apt-get install pandoc).');
if (!chromium) note('no Chromium found: whole builds and the Chromium floor are skipped (EPUB-only and pandoc run).');
if (!pdfinfoVersion) note('pdfinfo (poppler-utils) is not installed: PDF pages are not counted.');

// ---------------------------------------------------------------- the runs

const tmp = await mkdtemp(path.join(os.tmpdir(), 'octavo-bench-'));
const secs = (ms) => (ms / 1000).toFixed(2);
/** The build's own step times, from its --json events. */
const steps = (stdout) =>
  Object.fromEntries(
    stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line))
      .filter((e) => e.event === 'step' || e.event === 'done')
      .map((e) => [e.event === 'done' ? 'total' : e.step, e.ms]),
  );

/** The per-mode commands of one book. */
function modes(book) {
  const list = [];
  let edits = 0;
  const build = (name, label, extra, before) => ({
    name,
    label,
    peer: name === 'whole' ? 'floor' : name === 'epub' ? 'pandoc' : null,
    run: async () => {
      const out = path.join(book.work, `out-${name}`);
      await before?.(out);
      const args = [cli, 'build', book.input, '-o', out, '--json', ...extra];
      const cached = name === 'rebuild' || name === 'cached';
      const r = await measure(process.execPath, cached ? args : [...args, '--no-cache']);
      if (r.code !== 0) throw new Error(`octavo build (${label}) of ${book.name} failed (${r.code}):\n${r.stderr}`);
      r.steps = steps(r.stdout);
      r.outputs = {};
      for (const f of readdirSync(out)) {
        const ext = path.extname(f).slice(1);
        if (['epub', 'pdf', 'html'].includes(ext))
          r.outputs[ext] = { file: path.join(out, f), bytes: statSync(path.join(out, f)).size };
      }
      return r;
    },
  });
  if (chromium) list.push(build('whole', 'whole', []));
  // The sample as `octavo build` runs it again: with the .octavo-cache/ its first run filled.
  if (chromium && book.name === 'sample') list.push(build('cached', 'cached', []));
  if (book.markdownFile && chromium)
    list.push({
      name: 'floor',
      label: 'floor',
      run: async () => {
        const html = book.results.whole?.runs[0]?.outputs?.html?.file;
        if (!html) throw new Error('the floor needs the whole build’s HTML edition');
        const home = await mkdtemp(path.join(tmp, 'chromium-'));
        const out = path.join(book.work, 'floor.pdf');
        const r = await measure(
          chromium.path,
          [
            '--headless',
            ...CHROMIUM_ARGS,
            `--user-data-dir=${path.join(home, 'profile')}`,
            '--no-pdf-header-footer',
            `--print-to-pdf=${out}`,
            pathToFileURL(html).href,
          ],
          {
            env: {
              ...process.env,
              HOME: home,
              XDG_CONFIG_HOME: path.join(home, '.config'),
              XDG_CACHE_HOME: path.join(home, '.cache'),
            },
          },
        );
        await rm(home, { recursive: true, force: true });
        if (r.code !== 0 || !existsSync(out))
          throw new Error(`chromium --print-to-pdf failed (${r.code}):\n${r.stderr}`);
        r.outputs = { pdf: { file: out, bytes: statSync(out).size } };
        return r;
      },
    });
  if (book.markdownFile) list.push(build('epub', 'EPUB-only', ['-f', 'epub']));
  if (book.markdownFile) {
    // One chapter edited between builds; the first time, a build that fills the cache (not timed).
    const chapter = path.join(
      book.input,
      readdirSync(book.input)
        .filter((f) => f.endsWith('.md'))
        .sort()[4],
    );
    list.push(
      build('rebuild', 'rebuild', ['-f', 'epub,html'], async (out) => {
        if (edits === 0)
          await measure(process.execPath, [cli, 'build', book.input, '-o', out, '-f', 'epub,html', '-q']);
        appendFileSync(chapter, `\nAn edit, number ${++edits}.\n`);
      }),
    );
  }
  if (book.markdownFile && pandocVersion)
    list.push({
      name: 'pandoc',
      label: 'pandoc',
      run: async () => {
        const out = path.join(book.work, 'pandoc.epub');
        const r = await measure('pandoc', [path.basename(book.markdownFile), '-o', out], {
          cwd: path.dirname(book.markdownFile),
        });
        if (r.code !== 0) throw new Error(`pandoc failed (${r.code}):\n${r.stderr}`);
        r.outputs = { epub: { file: out, bytes: statSync(out).size } };
        return r;
      },
    });
  return list;
}

/**
 * Modes whose first run a target needs at this size (its nominal size: the
 * 150k book has a few words more): always made, whatever the budget.
 */
const required = (book, mode) =>
  book.name === 'sample' || mode === 'whole' || mode === 'floor' || book.nominal <= 150_000;

/** Estimated ms of one run of `mode` of `book`, from what ran so far. */
function estimate(book, mode, books) {
  const own = book.results[mode]?.runs.map((r) => r.ms);
  if (own?.length) return Math.max(...own);
  const prev = books.filter((b) => b !== book && b.name !== 'sample' && b.results[mode]?.runs.length).at(-1);
  if (!prev) return 0;
  return Math.max(...prev.results[mode].runs.map((r) => r.ms)) * (book.words / prev.words) ** 1.1;
}

function pages(file) {
  if (!pdfinfoVersion) return null;
  const m = /^Pages:\s+(\d+)/m.exec(tryRun('pdfinfo', [file]) ?? '');
  return m ? Number(m[1]) : null;
}

async function runBook(book, books, later) {
  const list = modes(book);
  for (const m of list) book.results[m.name] = { label: m.label, runs: [], skipped: 0 };
  // Time the later books' required first runs will take, linear-ish from this one.
  const reserve = () =>
    later.reduce(
      (sum, w) =>
        sum +
        list
          .filter((m) => required({ name: sizeLabel(w), nominal: w }, m.name))
          .reduce((s, m) => s + estimate({ name: sizeLabel(w), words: w, results: {} }, m.name, books), 0),
      0,
    );
  for (let round = 0; round <= warmRuns; round++) {
    for (const m of list) {
      const res = book.results[m.name];
      const needed = round === 0 && required(book, m.name);
      if (!needed && performance.now() + estimate(book, m.name, books) + reserve() > deadline) {
        res.skipped++;
        continue;
      }
      const r = await m.run();
      res.runs.push({ ...r, first: round === 0 });
      const extra = r.steps?.pdf !== undefined ? ` (pdf step ${secs(r.steps.pdf)} s)` : '';
      console.log(
        `  ${book.name.padEnd(6)} ${m.label.padEnd(9)} ${round === 0 ? 'first' : `warm ${round}`}: ${secs(r.ms).padStart(7)} s, ` +
          `peak ${r.peakRssMB.toFixed(0)} MB RSS / ${r.peakPssMB?.toFixed(0) ?? '?'} MB PSS, ${r.processes} processes, ` +
          `CPU ${r.cpuS?.toFixed(1) ?? '?'} s, others ${r.othersCores?.toFixed(2) ?? '?'} cores${extra}`,
      );
    }
  }
  for (const m of list) {
    const res = book.results[m.name];
    const warm = res.runs.filter((r) => !r.first);
    const basis = warm.length ? warm : res.runs;
    res.basis = warm.length ? 'warm' : res.runs.length ? 'first only' : 'none';
    if (!basis.length) {
      note(`${book.name} ${m.label}: skipped (time budget)`);
      continue;
    }
    const times = basis.map((r) => r.ms);
    res.medianMs = median(times);
    res.minMs = Math.min(...times);
    res.maxMs = Math.max(...times);
    res.firstMs = res.runs[0].ms;
    res.peakRssMB = Math.max(...res.runs.map((r) => r.peakRssMB));
    res.peakPssMB = hasProc ? Math.max(...res.runs.map((r) => r.peakPssMB)) : null;
    res.outputs = Object.fromEntries(Object.entries(res.runs[0].outputs).map(([k, v]) => [k, v.bytes]));
    if (res.runs[0].outputs.pdf) res.pages = pages(res.runs[0].outputs.pdf.file);
    if (res.runs[0].steps) {
      const names = Object.keys(res.runs[0].steps);
      res.stepsMedianMs = Object.fromEntries(names.map((n) => [n, median(basis.map((r) => r.steps[n] ?? 0))]));
    }
    if (warm.length < warmRuns)
      note(
        `${book.name} ${m.label}: ${res.runs.length} run${res.runs.length === 1 ? '' : 's'} ` +
          `(first + ${warm.length} warm, not ${warmRuns}; time budget)`,
      );
  }
}

const results = { startup: {}, books: [] };
try {
  // Start-up: whole processes, Node's own start included.
  for (const [name, args] of [
    ['octavo --version', [cli, '--version']],
    ['octavo --help', [cli, '--help']],
    ['node -e 0', ['-e', '0']],
  ]) {
    const times = [];
    for (let i = 0; i < 5; i++) times.push((await measure(process.execPath, args)).ms);
    results.startup[name] = {
      runsMs: times,
      medianMs: median(times),
      minMs: Math.min(...times),
      maxMs: Math.max(...times),
    };
    console.log(`  ${name.padEnd(17)} ${secs(median(times))} s (median of 5)`);
  }

  const books = [];
  const sampleFiles = readdirSync(path.join(root, 'manuscript')).filter((f) => f.endsWith('.md'));
  const sampleWork = await mkdtemp(path.join(tmp, 'sample-'));
  // A copy, so that its .octavo-cache/ is its own.
  await cp(path.join(root, 'manuscript'), path.join(sampleWork, 'book'), {
    recursive: true,
    filter: (f) => !f.includes('.octavo-cache'),
  });
  books.push({
    name: 'sample',
    input: path.join(sampleWork, 'book'),
    words: sampleFiles.reduce((n, f) => n + countWords(readFileSync(path.join(root, 'manuscript', f), 'utf8')), 0),
    chapters: sampleFiles.length,
    work: sampleWork,
    results: {},
  });
  await runBook(books[0], books, sizes);
  for (const [i, w] of sizes.entries()) {
    const work = path.join(tmp, sizeLabel(w));
    const t0 = performance.now();
    const g = await writeGeneratedBook(path.join(work, 'book'), w, {
      markdownFile: path.join(work, 'single', 'book.md'),
    });
    const book = {
      name: sizeLabel(w),
      nominal: w,
      input: g.dir,
      markdownFile: g.markdownFile,
      words: g.words,
      chapters: g.chapters,
      markdownBytes: statSync(g.markdownFile).size,
      generateMs: performance.now() - t0,
      work,
      results: {},
    };
    console.log(
      `generated ${book.name}: ${g.words} words, ${g.chapters} chapters, ${(book.markdownBytes / 1e6).toFixed(1)} MB of Markdown`,
    );
    books.push(book);
    await runBook(book, books, sizes.slice(i + 1));
  }
  results.books = books;
} finally {
  if (values.keep) console.log(`kept ${tmp}`);
  else await rm(tmp, { recursive: true, force: true });
}

// ---------------------------------------------------------------- the report

const kb = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1e3))} KB`);
const cols = [
  ['book', 6, 'l'],
  ['mode', 9, 'l'],
  ['words', 7],
  ['ch', 3],
  ['first s', 7],
  ['median s', 8],
  ['spread s', 13],
  ['n', 2],
  ['peak MB', 7],
  ['pages', 5],
  ['sizes', 36, 'l'],
  ['ratio', 12, 'l'],
];
const row = (cells) =>
  cells
    .map((c, i) => (cols[i][2] === 'l' ? String(c).padEnd(cols[i][1]) : String(c).padStart(cols[i][1])))
    .join('  ')
    .trimEnd();
const ratioOf = (book, mode) => {
  const own = book.results[mode];
  const peer = own && book.results[mode === 'whole' ? 'floor' : mode === 'epub' ? 'pandoc' : ''];
  if (!own?.medianMs || !peer?.medianMs) return null;
  return own.medianMs / peer.medianMs;
};
const lines = [];
const out = (s = '') => {
  lines.push(s);
};
out(
  `Octavo ${octavo.version} (${octavo.commit ?? '?'}) on ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGB} GB, ` +
    `Node ${machine.node}, ${machine.chromium ?? 'no Chromium'}, ${machine.pandoc ?? 'no pandoc'}`,
);
out(
  'Whole processes; median and spread (min–max) of the warm runs, n = warm runs; peak = RSS summed over Node and Chromium.',
);
{
  const others = results.books.flatMap((b) =>
    Object.values(b.results).flatMap((r) => r.runs.map((x) => x.othersCores).filter((x) => x !== null)),
  );
  if (others.length) {
    const med = median(others);
    out(
      `Other work on the machine during the runs: median ${med.toFixed(2)} cores, max ${Math.max(...others).toFixed(2)} ` +
        `(load average ${machine.loadavgStart[0]} at start, ${os.loadavg()[0].toFixed(2)} at end).`,
    );
    if (med > 0.25)
      note(
        'the machine was shared with other work: absolute times are inflated; the ratios (peers run interleaved in the same session) compare better.',
      );
  }
}
out(row(cols.map((c) => c[0])));
for (const book of results.books) {
  for (const [mode, res] of Object.entries(book.results)) {
    const lead = [book.name, res.label, book.words.toLocaleString('en'), book.chapters];
    if (!res.runs.length) {
      out(row([...lead, '', 'skipped', '', 0, '', '', '', '']));
      continue;
    }
    const ratio = ratioOf(book, mode);
    const peerName = mode === 'whole' ? 'floor' : 'pandoc';
    const warm = res.runs.filter((r) => !r.first).length;
    out(
      row([
        ...lead,
        secs(res.firstMs),
        secs(res.medianMs),
        warm > 1 ? `${secs(res.minMs)}–${secs(res.maxMs)}` : warm ? '' : '(first only)',
        warm,
        res.peakRssMB.toFixed(0),
        res.pages ?? '',
        Object.entries(res.outputs)
          .map(([k, v]) => `${k} ${kb(v)}`)
          .join(', '),
        ratio ? `${ratio.toFixed(2)}× ${peerName}` : '',
      ]),
    );
  }
}
out();
out('Per-step medians of the builds (ms, from the build’s own report):');
const stepNames = ['load', 'transform', 'html', 'epub', 'pdf', 'write', 'total'];
out(['book   mode      ', ...stepNames.map((s) => s.padStart(10))].join(''));
for (const book of results.books)
  for (const res of Object.values(book.results)) {
    if (!res.stepsMedianMs) continue;
    out(
      [
        `${book.name.padEnd(7)}${res.label.padEnd(10)}`,
        ...stepNames.map((s) =>
          (res.stepsMedianMs[s] === undefined ? '' : res.stepsMedianMs[s].toFixed(0)).padStart(10),
        ),
      ].join(''),
    );
  }
out();
for (const [name, s] of Object.entries(results.startup))
  out(`${name.padEnd(17)} ${secs(s.medianMs)} s (median of 5, ${secs(s.minMs)}–${secs(s.maxMs)})`);

// Targets.
out();
out('Targets:');
const targets = [];
const find = (name) => results.books.find((b) => b.name === name);
const check = (label, value, shown, target, met) => {
  targets.push({ label, value, target, met });
  out(`${label}: ${shown} (target ${target}) ${met === null ? 'NOT MEASURED' : met ? 'MET' : 'MISSED'}`);
};
const ratioTarget = (size, mode, peer, max) => {
  const book = find(size);
  const r = book && ratioOf(book, mode);
  const what = mode === 'whole' ? `Whole ${size}` : `EPUB-only ${size}`;
  if (!r) {
    const why = !book ? `${size} not in --sizes` : `${peer} not measured`;
    check(what, null, why, `≤ ${max}× ${peer}`, null);
  } else check(what, r, `${r.toFixed(2)}× ${peer}`, `≤ ${max}× ${peer}`, r <= max);
};
ratioTarget('150k', 'epub', 'pandoc', 0.6);
{
  const r = find('150k')?.results.rebuild;
  if (!r?.medianMs) check('Rebuild 150k after editing a chapter (EPUB + HTML)', null, 'not measured', '≤ 1.00 s', null);
  else
    check(
      'Rebuild 150k after editing a chapter (EPUB + HTML)',
      r.medianMs / 1000,
      `${secs(r.medianMs)} s`,
      '≤ 1.00 s',
      r.medianMs <= 1000,
    );
}
ratioTarget('150k', 'whole', 'floor', 2.1);
ratioTarget('600k', 'whole', 'floor', 2.1);
{
  const peak = find('600k')?.results.whole?.peakRssMB;
  const pss = find('600k')?.results.whole?.peakPssMB;
  if (peak === undefined) check('Whole 600k peak memory', null, 'not measured', '< 1536 MB (1.5 GB)', null);
  else
    check(
      'Whole 600k peak memory',
      peak,
      `${peak.toFixed(0)} MB RSS summed${pss ? ` (${pss.toFixed(0)} MB PSS)` : ''}`,
      '< 1536 MB (1.5 GB)',
      peak < 1536,
    );
}
{
  // Warm as a user meets it: `octavo build` again, its cache filled by the first run.
  const s = find('sample')?.results.cached;
  const name = 'Sample book whole, warm (cache)';
  if (!s?.medianMs) check(name, null, 'not measured', '≤ 1.50 s', null);
  else check(name, s.medianMs / 1000, `${secs(s.medianMs)} s`, '≤ 1.50 s', s.medianMs <= 1500);
}
for (const name of ['octavo --version', 'octavo --help']) {
  const s = results.startup[name];
  check(name, s.medianMs / 1000, `${secs(s.medianMs)} s`, '≤ 0.30 s', s.medianMs <= 300);
}
{
  const grown = results.books.filter((b) => b.name !== 'sample' && b.results.whole?.medianMs);
  const pts = grown.map((b) => [b.words, b.results.whole.medianMs]);
  if (pts.length < 2) check('Growth exponent b of whole-build time', null, 'needs two sizes', '≈ 1 (≤ 1.10)', null);
  else {
    const b = growthExponent(pts);
    const segments = pts
      .slice(1)
      .map(([w, t], i) => {
        const [w0, t0] = pts[i];
        return `${grown[i].name}→${grown[i + 1].name} ${(Math.log(t / t0) / Math.log(w / w0)).toFixed(2)}`;
      })
      .join(', ');
    check(
      `Growth exponent b of whole-build time (log t = a + b log w, ${grown.map((b) => b.name).join('→')})`,
      b,
      `b = ${b.toFixed(2)}; by segment ${segments}`,
      '≈ 1 (≤ 1.10)',
      b <= 1.1,
    );
  }
}
if (notes.length) {
  out();
  out('Notes:');
  for (const n of notes) out(`- ${n}`);
}
const totalMs = performance.now() - started;
out();
out(`Bench took ${(totalMs / 60_000).toFixed(1)} min (budget ${values['budget-min']} min).`);
console.log();
console.log(lines.join('\n'));

// ---------------------------------------------------------------- JSON

/**
 * JSON as biome formats it (an array of plain values on one line when it fits
 * in 120 columns), so that a committed result passes `biome ci`.
 */
function toJson(value, indent = '', prefix = 0) {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (!value.length) return '[]';
    if (value.every((v) => v === null || typeof v !== 'object')) {
      const line = `[${value.map((v) => JSON.stringify(v ?? null)).join(', ')}]`;
      // The line as printed: indent, key, value and a trailing comma.
      if (indent.length + prefix + line.length + 1 <= 120) return line;
    }
    return `[\n${value.map((v) => inner + toJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (!entries.length) return '{}';
    return `{\n${entries
      .map(([k, v]) => `${inner}${JSON.stringify(k)}: ${toJson(v, inner, JSON.stringify(k).length + 2)}`)
      .join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value ?? null);
}
const round1 = (n) => (typeof n === 'number' ? Math.round(n * 10) / 10 : n);
const json = {
  date: new Date().toISOString(),
  command: `node scripts/bench.mjs ${process.argv.slice(2).join(' ')}`.trim(),
  options: { sizes: sizes.map(sizeLabel), warmRuns, budgetMin: Number(values['budget-min']), quick: values.quick },
  machine: { ...machine, loadavgEnd: os.loadavg().map((x) => Number(x.toFixed(2))) },
  octavo,
  startup: Object.fromEntries(
    Object.entries(results.startup).map(([k, s]) => [
      k,
      { medianMs: round1(s.medianMs), minMs: round1(s.minMs), maxMs: round1(s.maxMs), runsMs: s.runsMs.map(round1) },
    ]),
  ),
  books: results.books.map((b) => ({
    name: b.name,
    words: b.words,
    chapters: b.chapters,
    markdownBytes: b.markdownBytes,
    generateMs: round1(b.generateMs),
    modes: Object.fromEntries(
      Object.entries(b.results).map(([mode, r]) => [
        mode,
        {
          label: r.label,
          basis: r.basis,
          firstMs: round1(r.firstMs),
          medianMs: round1(r.medianMs),
          minMs: round1(r.minMs),
          maxMs: round1(r.maxMs),
          ratioToPeer: ratioOf(b, mode) === null ? undefined : Number(ratioOf(b, mode).toFixed(3)),
          peakRssMB: round1(r.peakRssMB),
          peakPssMB: round1(r.peakPssMB),
          pages: r.pages,
          outputBytes: r.outputs,
          stepsMedianMs: r.stepsMedianMs,
          skippedRuns: r.skipped,
          runs: r.runs.map((x) => ({
            first: x.first,
            ms: round1(x.ms),
            peakRssMB: round1(x.peakRssMB),
            peakPssMB: round1(x.peakPssMB),
            processes: x.processes,
            cpuS: round1(x.cpuS),
            othersCores: x.othersCores === null ? null : Number(x.othersCores.toFixed(2)),
            steps: x.steps,
          })),
        },
      ]),
    ),
  })),
  targets: targets.map((t) => ({ ...t, value: typeof t.value === 'number' ? Number(t.value.toFixed(3)) : t.value })),
  notes,
  totalMin: Number((totalMs / 60_000).toFixed(2)),
  table: lines,
};
await mkdir(values.results, { recursive: true });
const host =
  os
    .hostname()
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .slice(0, 24) || 'host';
const stamp = json.date.slice(0, 19).replace(/:/g, '');
const file = path.join(values.results, `${stamp}Z-${host}.json`);
const text = `${toJson(json)}\n`;
await writeFile(file, text);
console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
if (fullRun) {
  await writeFile(path.join(values.results, 'latest.json'), text);
  console.log(`wrote ${path.relative(process.cwd(), path.join(values.results, 'latest.json'))}`);
} else console.log('(latest.json is written by a full default run only)');
