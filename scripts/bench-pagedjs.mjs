#!/usr/bin/env node
/**
 * Would the Paged.js polyfill be a better PDF engine than ours? Figures and
 * checks, not a test: the same generated book (as in bench.mjs) printed
 *   NATIVE    the PDF writer: Chromium's own paged media + the measured second pass
 *             (the whole PDF step, as `build` times it); also one bare load+print
 *             of the same print HTML, for scale;
 *   PAGED.JS  the same print HTML with paged.polyfill.js (pagedjs 0.4.3) injected:
 *             layout timed until its `after` hook, then page.pdf() timed.
 * One Chromium for everything. Every PDF is kept and checked with poppler
 * (pdfinfo, pdffonts, pdftotext) and pdf-lib: running heads, folios, chapter
 * openings, contents numbers, text kept, fonts, outline, tagging, links.
 *
 *   node scripts/bench-pagedjs.mjs [--words 150000] [--timeout-min 10] [--out DIR]
 *        [--probe]   also print variants with Paged.js-style CSS (target-counter contents,
 *                    break-before: right, @page name:first) to see what each engine does
 *        [--floor]   also time a bare `chromium --print-to-pdf` of the print HTML
 *        [--no-native] [--no-pagedjs]
 *
 * Needs lib/ compiled (npx tsc -p .), poppler-utils and a Chromium (as `build`).
 *
 * Since running heads and folios are drawn after layout (writers/pdf/furniture.ts),
 * the print HTML has no @page margin boxes: the Paged.js checks then find no heads
 * or folios, which says nothing about Paged.js. The engine comparison in the notes of
 * issue 6 was run at commit 2ffc8c9, when both engines read margin-box CSS.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chaptersFor, generateBook } from './generated-book.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lib = (p) => import(pathToFileURL(path.join(root, 'lib', p)).href);
const { prepareBook } = await lib('build.js');
const { printHtml, pdfWriter } = await lib('writers/pdf/index.js');
const { installPrintFonts } = await lib('writers/pdf/fonts.js');
const { readDestinations } = await lib('writers/pdf/destinations.js');
const { launchChromium, CHROMIUM_ARGS } = await lib('browser/launch.js');
const { locateChromium } = await lib('browser/locate.js');
const { openHermeticPage } = await lib('browser/hermetic-page.js');
const require = createRequire(import.meta.url);
const { PDFDocument, PDFName, PDFDict, PDFArray } = require('pdf-lib');

const { values } = parseArgs({
  options: {
    words: { type: 'string', default: '150000' },
    'timeout-min': { type: 'string', default: '10' },
    out: { type: 'string' },
    probe: { type: 'boolean', default: false },
    floor: { type: 'boolean', default: false },
    'no-native': { type: 'boolean', default: false },
    'no-pagedjs': { type: 'boolean', default: false },
  },
});
const words = Number(values.words);
const timeoutMs = Number(values['timeout-min']) * 60_000;
// pagedjs's package.json has an exports map without ./package.json: find the folder by walking up from its entry.
const pagedPkg = (() => {
  let dir = path.dirname(require.resolve('pagedjs'));
  while (!readdirSync(dir).includes('package.json')) dir = path.dirname(dir);
  return dir;
})();
const pagedVersion = JSON.parse(readFileSync(path.join(pagedPkg, 'package.json'), 'utf8')).version;
const polyfill = path.join(pagedPkg, 'dist', 'paged.polyfill.js');

const NATIVE_PRINT = { preferCSSPageSize: true, outline: true, tagged: true, printBackground: true, timeout: 0 };
// As briefed for Paged.js (Puppeteer's defaults then give tagged: true, outline: false).
const PAGED_PRINT = { preferCSSPageSize: true, printBackground: true, timeout: 0 };

// ---------------------------------------------------------------------------
// Memory and CPU of the Chromium process tree, sampled every 250 ms: peak
// proportional set size (PSS: shared pages split fairly) and CPU time
// (utime + stime, all its processes) per phase; plus this Node process's CPU.
// CPU time is less disturbed than wall time when something else shares the cores.

const TICK = 100; // USER_HZ on Linux
function chromiumTree(rootPid) {
  const children = new Map();
  const cpu = new Map();
  for (const entry of safeReaddir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(f[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
      cpu.set(Number(entry), Number(f[11]) + Number(f[12]));
    } catch {
      /* exited */
    }
  }
  const tree = [];
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop();
    tree.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  let pssKb = 0;
  const ticks = new Map();
  for (const pid of tree) {
    try {
      const m = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8').match(/^Pss:\s+(\d+) kB/m);
      if (m) pssKb += Number(m[1]);
    } catch {
      /* exited */
    }
    if (cpu.has(pid)) ticks.set(pid, cpu.get(pid));
  }
  return { pssKb, ticks };
}
function safeReaddir(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
function processSampler(pid) {
  const peaks = {};
  const cpuTicks = {};
  const nodeCpu = {};
  let phase = 'idle';
  let lastTicks = new Map();
  let lastNode = process.cpuUsage();
  const sample = () => {
    if (!pid) return;
    const { pssKb, ticks } = chromiumTree(pid);
    peaks[phase] = Math.max(peaks[phase] ?? 0, pssKb);
    let delta = 0;
    // A process not seen before started since the last sample: all its CPU is new.
    for (const [p, t] of ticks) delta += t - (lastTicks.get(p) ?? 0);
    cpuTicks[phase] = (cpuTicks[phase] ?? 0) + delta;
    lastTicks = ticks;
  };
  if (pid) lastTicks = chromiumTree(pid).ticks;
  const timer = pid ? setInterval(sample, 250) : undefined;
  return {
    phase(name) {
      sample();
      const now = process.cpuUsage();
      nodeCpu[phase] = (nodeCpu[phase] ?? 0) + (now.user - lastNode.user + now.system - lastNode.system) / 1000;
      lastNode = now;
      phase = name;
    },
    peakMb: (name) => (peaks[name] ? Math.round(peaks[name] / 1024) : undefined),
    chromiumCpuMs: (name) => (cpuTicks[name] !== undefined ? (cpuTicks[name] * 1000) / TICK : undefined),
    nodeCpuMs: (name) => nodeCpu[name],
    stop: () => timer && clearInterval(timer),
  };
}

// ---------------------------------------------------------------------------
// PDF checks.

const TITLE = 'Benchmark Book';
const sh = (cmd, args) => execFileSync(cmd, args, { maxBuffer: 1 << 30 }).toString();

function outlineCount(doc) {
  const outlines = doc.catalog.lookup(PDFName.of('Outlines'));
  if (!(outlines instanceof PDFDict)) return 0;
  let n = 0;
  const walk = (first) => {
    for (let item = first; item instanceof PDFDict; item = item.lookup(PDFName.of('Next'))) {
      n++;
      walk(item.lookup(PDFName.of('First')));
    }
  };
  walk(outlines.lookup(PDFName.of('First')));
  return n;
}

function linkCounts(doc) {
  let internal = 0;
  let uri = 0;
  for (const page of doc.getPages()) {
    const annots = page.node.lookup(PDFName.of('Annots'));
    if (!(annots instanceof PDFArray)) continue;
    for (let i = 0; i < annots.size(); i++) {
      const a = annots.lookup(i);
      if (!(a instanceof PDFDict) || a.lookup(PDFName.of('Subtype'))?.toString() !== '/Link') continue;
      const action = a.lookup(PDFName.of('A'));
      if (action instanceof PDFDict && action.lookup(PDFName.of('S'))?.toString() === '/URI') uri++;
      else internal++;
    }
  }
  return { internal, uri };
}

/**
 * Reads a PDF back and checks it against what our CSS asks for.
 * `ids` are the divisions in order; chapters are ch-1..ch-30.
 */
async function analyse(file, composed) {
  const info = sh('pdfinfo', [file]);
  const field = (name) => info.match(new RegExp(`^${name}:\\s+(.*)$`, 'm'))?.[1]?.trim();
  const fonts = [
    ...new Set(
      sh('pdffonts', [file])
        .split('\n')
        .slice(2)
        .filter(Boolean)
        .map((l) => l.split(/\s+/)[0].replace(/^[A-Z]{6}\+/, '')),
    ),
  ];
  const fontsEmbeddedAll = sh('pdffonts', [file])
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .every((l) => / yes +yes +(yes|no) +\d+ +\d+\s*$/.test(l));
  const bytes = await readFile(file);
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const dests = readDestinations(doc);
  const links = linkCounts(doc);
  const outline = outlineCount(doc);
  const structTree = doc.catalog.lookup(PDFName.of('StructTreeRoot')) instanceof PDFDict;

  const text = sh('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']);
  // Chromium keeps our soft hyphens (U+00AD) in the text layer; counted, then dropped for matching.
  const softHyphens = (text.match(/\u00ad/g) ?? []).length;
  const pages = text.replace(/\u00ad/g, '').split('\f');
  if (pages.length && pages[pages.length - 1].trim() === '') pages.pop();
  const lines = pages.map((p) =>
    p
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
  );

  // Where each division opens: the named destination if Chromium wrote one,
  // else the text (first page after the contents with "Chapter N" and "Section N.1").
  const chapters = composed.divisions.filter((d) => d.matter === 'body');
  const openerByText = new Map();
  for (const d of chapters) {
    const n = d.title.replace(/\u00ad/g, '');
    const num = n.match(/\d+/)?.[0];
    const at = lines.findIndex(
      (ls) => ls.slice(0, 4).some((l) => l === n) && ls.slice(0, 6).some((l) => l === `Section ${num}.1`),
    );
    if (at >= 0) openerByText.set(d.id, at);
  }
  const colophonAt = lines.findIndex((ls, i) => i > 2 && ls.slice(0, 3).some((l) => l === 'Colophon'));
  const openers = chapters.map((d) => ({
    id: d.id,
    title: d.title.replace(/\u00ad/g, ''),
    dest: dests.get(d.id),
    text: openerByText.get(d.id),
  }));
  const openerPage = (o) => o.text ?? o.dest;
  const destAgrees = openers.filter((o) => o.dest !== undefined).every((o) => o.dest === o.text);
  const firstBody = openerPage(openers[0]);
  const bodyEnd = colophonAt >= 0 ? colophonAt : pages.length;

  // Running heads and folios on the body pages.
  const heads = { checked: 0, ok: 0, wrong: [], openerWithHead: 0, openerWithoutHead: 0, openerHeadAsCss: 0 };
  const folios = { checked: 0, ok: 0, wrong: [], frontWithFolio: 0 };
  let blank = 0;
  const isFolio = (l) => /^\d+$/.test(l);
  for (let i = 0; i < pages.length; i++) {
    const ls = lines[i];
    if (ls.length === 0) {
      blank++;
      continue;
    }
    if (firstBody === undefined || i < firstBody) {
      if (isFolio(ls[ls.length - 1]) && ls.length > 1) folios.frontWithFolio++;
      continue;
    }
    if (i >= bodyEnd) continue;
    // The chapter this page belongs to: the last opener at or before it.
    let current;
    for (const o of openers) if (openerPage(o) !== undefined && openerPage(o) <= i) current = o;
    const isOpener = openers.some((o) => openerPage(o) === i);
    const recto = i % 2 === 0; // the first page is a recto; left-to-right book
    const expected = recto ? current?.title : TITLE;
    const head = ls[0];
    if (isOpener) {
      // On an opening page the h1 itself reads "Chapter N": a head is there if the title shows twice.
      const count = ls.slice(0, 4).filter((l) => l === current.title).length;
      if (count >= 2 || head === TITLE) heads.openerWithHead++;
      else heads.openerWithoutHead++;
      // What our CSS asks for (it has no :first rule): the recto/verso head on the opening page too.
      if ((recto && count >= 2) || (!recto && head === TITLE)) heads.openerHeadAsCss++;
    } else {
      heads.checked++;
      if (head === expected) heads.ok++;
      else heads.wrong.push({ page: i + 1, expected, got: head });
    }
    folios.checked++;
    const want = String(i - firstBody + 1);
    const last = ls[ls.length - 1];
    if (last === want) folios.ok++;
    else folios.wrong.push({ page: i + 1, expected: want, got: isFolio(last) ? last : '(none)' });
  }

  // Contents: the numbers printed against each chapter, against the folio where it opens.
  const contentsPage = lines.findIndex((ls) => ls[0] === 'Contents');
  const toc = { entries: 0, numbered: 0, correct: 0, matchPrintedFolio: 0 };
  if (contentsPage >= 0) {
    for (let i = contentsPage; i < (firstBody ?? pages.length); i++) {
      for (const l of lines[i]) {
        const m = l.match(/^(Chapter \d+|Colophon)(?:\s+(\S+))?$/);
        if (!m) continue;
        toc.entries++;
        if (!m[2]) continue;
        toc.numbered++;
        const o = openers.find((x) => x.title === m[1]);
        const at = o ? openerPage(o) : colophonAt;
        if (at !== undefined && firstBody !== undefined && m[2] === String(at - firstBody + 1)) toc.correct++;
        if (at !== undefined && lines[at]?.at(-1) === m[2]) toc.matchPrintedFolio++;
      }
    }
  }

  // Text kept: letters of the body (running heads and folios removed) are independent of line and page breaking.
  let letters = 0;
  let sections = 0;
  for (let i = firstBody ?? 0; i < bodyEnd; i++) {
    const ls = lines[i].slice();
    // Drop the running head: on an opening page the first "Chapter N" is a head only if the title shows twice.
    const opening = openers.some((o) => openerPage(o) === i);
    const twice = ls.length > 1 && /^Chapter \d+$/.test(ls[0]) && ls.slice(1, 4).includes(ls[0]);
    if (ls.length && (ls[0] === TITLE || (/^Chapter \d+$/.test(ls[0]) && (!opening || twice)))) ls.shift();
    if (ls.length && isFolio(ls[ls.length - 1])) ls.pop();
    for (const l of ls) {
      letters += (l.match(/\p{L}/gu) ?? []).length;
      if (/^Section \d+\.\d+$/.test(l)) sections++;
    }
  }

  return {
    pages: Number(field('Pages')),
    pageSize: field('Page size'),
    tagged: field('Tagged'),
    structTree,
    fonts,
    fontsEmbeddedAll,
    outline,
    links,
    namedDests: dests.size,
    openers: openers.map(openerPage),
    openersOnRecto: openers.filter((o) => openerPage(o) !== undefined && openerPage(o) % 2 === 0).length,
    openersFound: openers.filter((o) => openerPage(o) !== undefined).length,
    destAgrees,
    firstBody,
    firstBodyFolio:
      firstBody === undefined ? undefined : ((lines[firstBody].at(-1) ?? '').match(/^\d+$/)?.[0] ?? '(none)'),
    blank,
    heads,
    folios,
    toc,
    softHyphens,
    letters,
    sections,
    // A ligature glyph whose ToUnicode entry lost a letter reads "Te" for "The" when copied or searched.
    wordThe: (text.match(/\bThe\b/g) ?? []).length,
    wordTe: (text.match(/\bTe\b/g) ?? []).length,
  };
}

// ---------------------------------------------------------------------------
// Engines.

async function timedNative(composed, slug, browser, out) {
  const t0 = performance.now();
  const [file] = await pdfWriter.render(composed, { slug, browser, diagnostics: [], timings: {} });
  const ms = performance.now() - t0;
  const dest = path.join(out, 'native.pdf');
  await writeFile(dest, file.bytes);
  return { ms, file: dest };
}

/** One load + one print of a print HTML file (no second pass): Chromium's own cost for this book. */
async function singlePrint(browser, workDir, htmlName, out, pdfName) {
  const hermetic = await openHermeticPage(browser, workDir);
  try {
    const { page } = hermetic;
    const t0 = performance.now();
    await page.goto(pathToFileURL(path.join(workDir, htmlName)).href, { waitUntil: 'load', timeout: 0 });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const t1 = performance.now();
    const bytes = await page.pdf(NATIVE_PRINT);
    const t2 = performance.now();
    const dest = path.join(out, pdfName);
    await writeFile(dest, bytes);
    return { loadMs: t1 - t0, printMs: t2 - t1, file: dest, blocked: hermetic.blocked.length };
  } finally {
    await hermetic.close();
  }
}

function injectPaged(html, extraHead = '') {
  const config = `<script>
window.__pagedPages = 0;
window.PagedConfig = {
  auto: true,
  before: () => { window.PagedPolyfill.on('page', () => { window.__pagedPages++; }); },
  after: (flow) => { window.__pagedDone = { at: performance.now(), total: flow.total, layoutMs: flow.performance }; window.__pagedNotify && window.__pagedNotify(); },
};
</script>
<script src="paged.polyfill.js"></script>`;
  return html.replace('</head>', `${extraHead}${config}</head>`);
}

async function pagedRun(browser, workDir, htmlName, out, pdfName, { sampler, phase, outlinePrint = true } = {}) {
  const hermetic = await openHermeticPage(browser, workDir);
  const errors = [];
  const { page } = hermetic;
  page.on('pageerror', (e) => errors.push(String(e.message ?? e).slice(0, 200)));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warn') errors.push(`${m.type()}: ${m.text().slice(0, 200)}`);
  });
  try {
    let notify;
    const done = new Promise((resolve) => (notify = resolve));
    await page.exposeFunction('__pagedNotify', () => notify());
    sampler?.phase(`${phase}:layout`);
    const t0 = performance.now();
    await page.goto(pathToFileURL(path.join(workDir, htmlName)).href, { waitUntil: 'domcontentloaded', timeout: 0 });
    const progress = setInterval(async () => {
      const n = await Promise.race([
        page.evaluate(() => window.__pagedPages).catch(() => '?'),
        new Promise((r) => setTimeout(() => r('busy'), 5000)),
      ]);
      console.error(`  [${phase}] ${((performance.now() - t0) / 1000).toFixed(0)} s: ${n} pages laid out`);
    }, 30_000);
    let timedOut = false;
    let timer;
    await Promise.race([
      done,
      new Promise(
        (r) =>
          (timer = setTimeout(() => {
            timedOut = true;
            r();
          }, timeoutMs)),
      ),
    ]);
    clearTimeout(timer);
    clearInterval(progress);
    const layoutWall = performance.now() - t0;
    if (timedOut) {
      const pages = await Promise.race([
        page.evaluate(() => window.__pagedPages).catch(() => undefined),
        new Promise((r) => setTimeout(() => r(undefined), 10_000)),
      ]);
      sampler?.phase(`${phase}:end`);
      return { timedOut: true, layoutWall, pagesSoFar: pages, errors };
    }
    const stats = await page.evaluate(() => ({ ...window.__pagedDone, navStart: 0 }));
    sampler?.phase(`${phase}:print`);
    const t1 = performance.now();
    const bytes = await page.pdf(PAGED_PRINT);
    const printMs = performance.now() - t1;
    const dest = path.join(out, pdfName);
    await writeFile(dest, bytes);
    let outline;
    if (outlinePrint) {
      sampler?.phase(`${phase}:outline`);
      const t2 = performance.now();
      const b2 = await page.pdf(NATIVE_PRINT);
      outline = { ms: performance.now() - t2, file: dest.replace(/\.pdf$/, '-outline.pdf') };
      await writeFile(outline.file, b2);
    }
    sampler?.phase(`${phase}:end`);
    return {
      timedOut: false,
      layoutWall, // navigation start (node side) to the `after` hook
      inPageDone: stats.at, // page's performance.now() at `after` (from navigation start)
      flowMs: stats.layoutMs, // Paged.js's own figure: chunker.flow() only
      flowPages: stats.total,
      printMs,
      file: dest,
      outline,
      errors,
      blocked: hermetic.blocked.length,
    };
  } finally {
    await hermetic.close();
  }
}

// Paged.js-style CSS for the probe: what a Paged.js engine would use instead of our second pass.
function probeCss(composed) {
  const rules = [
    // Contents numbers in one pass (Paged.js has target-counter; Chromium has not).
    '.contents .toc-page[data-target]::after { content: target-counter(attr(data-target), page); }',
    // Chapters open on a recto without a measured blank page.
    'section.chapter { break-before: right; }',
  ];
  // No running head on a chapter's first page.
  for (const d of composed.divisions)
    if (d.matter === 'body') rules.push(`@page division-${d.id}:first { @top-center { content: none; } }`);
  return rules.join('\n');
}
// target-counter() wants the target's URL in an attribute of the element itself.
const withTargets = (html) => html.replace(/ data-page-for="([^"]+)"/g, ' data-page-for="$1" data-target="#$1"');

// ---------------------------------------------------------------------------

const fmt = (ms) => (ms === undefined ? '—' : `${Math.round(ms).toLocaleString('en-GB')} ms`);
const out = values.out
  ? path.resolve(values.out)
  : await mkdtemp(path.join(os.tmpdir(), `octavo-bench-pagedjs-${words}-`));
await mkdir(out, { recursive: true });
const tmp = await mkdtemp(path.join(os.tmpdir(), 'octavo-bench-pagedjs-work-'));
const results = {
  words: undefined,
  machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model}, Node ${process.version}`,
  pagedjs: pagedVersion,
};
const launched = await launchChromium();
const chromiumPid = launched.browser.process()?.pid;
results.chromium = await launched.browser.version();
const sampler = processSampler(chromiumPid);
// Count and time every page.pdf() (the PDF writer prints more than once): wrap the Page class's pdf().
const prints = { count: 0, ms: 0 };
{
  const probePage = await launched.browser.newPage();
  const proto = Object.getPrototypeOf(probePage);
  const original = proto.pdf;
  proto.pdf = async function (...args) {
    const t = performance.now();
    try {
      return await original.apply(this, args);
    } finally {
      prints.count++;
      prints.ms += performance.now() - t;
    }
  };
  await probePage.close();
}
// Whole-machine CPU (from /proc/stat) against ours, to show whether something else was competing.
const machineBusyMs = () => {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = f[3] + f[4];
  return ((f.reduce((a, b) => a + b, 0) - idle) * 1000) / TICK;
};
let busyAtStart;
try {
  console.log(
    `Octavo: native PDF vs Paged.js ${pagedVersion} — ${results.machine}, ${results.chromium}; load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  results.loadavgStart = os.loadavg();
  const bookDir = path.join(tmp, 'book');
  results.words = await generateBook(bookDir, words);
  const t0 = performance.now();
  const { composed, slug } = await prepareBook(bookDir);
  results.prepareMs = performance.now() - t0;
  console.log(
    `generated ${results.words} words (${chaptersFor(words)} chapters); prepareBook ${fmt(results.prepareMs)}; PDFs kept in ${out}`,
  );

  // The print HTML and its fonts/assets in one work folder, as the PDF writer lays it out.
  const workDir = path.join(tmp, 'print');
  await mkdir(workDir, { recursive: true });
  const html = printHtml(composed, await installPrintFonts(workDir));
  for (const asset of composed.book.assets) {
    await mkdir(path.dirname(path.join(workDir, asset.href)), { recursive: true });
    await writeFile(path.join(workDir, asset.href), asset.bytes);
  }
  await writeFile(path.join(workDir, 'book.html'), html);
  await copyFile(polyfill, path.join(workDir, 'paged.polyfill.js'));
  await writeFile(path.join(workDir, 'paged.html'), injectPaged(html));
  results.htmlBytes = Buffer.byteLength(html);

  busyAtStart = machineBusyMs();
  if (!values['no-native']) {
    sampler.phase('native');
    const before = { ...prints };
    results.native = await timedNative(composed, slug, launched.browser, out);
    results.native.prints = prints.count - before.count;
    results.native.printMs = prints.ms - before.ms;
    console.log(
      `native renderPdf (whole PDF step): ${fmt(results.native.ms)}, of which ${results.native.prints} page.pdf() calls ${fmt(results.native.printMs)}`,
    );
    sampler.phase('native-single');
    results.nativeSingle = await singlePrint(launched.browser, workDir, 'book.html', out, 'native-single.pdf');
    console.log(
      `native one load+print (no second pass): load ${fmt(results.nativeSingle.loadMs)}, print ${fmt(results.nativeSingle.printMs)}`,
    );
  }
  if (!values['no-pagedjs']) {
    results.paged = await pagedRun(launched.browser, workDir, 'paged.html', out, 'pagedjs.pdf', {
      sampler,
      phase: 'paged',
    });
    if (results.paged.timedOut)
      console.log(
        `Paged.js: TIMED OUT after ${fmt(results.paged.layoutWall)} with ${results.paged.pagesSoFar} pages laid out`,
      );
    else
      console.log(
        `Paged.js: layout ${fmt(results.paged.layoutWall)} (its own flow() figure ${fmt(results.paged.flowMs)}), print ${fmt(results.paged.printMs)}, print with outline ${fmt(results.paged.outline?.ms)}`,
      );
  }
  if (values.probe) {
    await writeFile(
      path.join(workDir, 'paged-probe.html'),
      injectPaged(withTargets(html), `<style>${probeCss(composed)}</style>`),
    );
    await writeFile(
      path.join(workDir, 'book-probe.html'),
      html.replace('</head>', `<style>${probeCss(composed)}</style></head>`),
    );
    sampler.phase('probe-native');
    results.probeNative = await singlePrint(launched.browser, workDir, 'book-probe.html', out, 'native-probe.pdf');
    results.probePaged = await pagedRun(launched.browser, workDir, 'paged-probe.html', out, 'pagedjs-probe.pdf', {
      sampler,
      phase: 'probe',
      outlinePrint: false,
    });
  }
  sampler.phase('done');
  const busyTimed = machineBusyMs() - busyAtStart;
  if (values.floor) {
    const chromium = (await locateChromium()).path;
    const t = performance.now();
    execFileSync(
      chromium,
      [
        '--headless',
        ...CHROMIUM_ARGS,
        `--user-data-dir=${path.join(tmp, 'ud')}`,
        '--no-pdf-header-footer',
        `--print-to-pdf=${path.join(out, 'floor.pdf')}`,
        pathToFileURL(path.join(workDir, 'book.html')).href,
      ],
      { stdio: 'ignore' },
    );
    results.floorMs = performance.now() - t;
    console.log(`floor: chromium --print-to-pdf of the print HTML (whole process): ${fmt(results.floorMs)}`);
  }
  results.phases = {};
  for (const p of [
    'native',
    'native-single',
    'paged:layout',
    'paged:print',
    'paged:outline',
    'paged:end',
    'probe-native',
    'probe:layout',
    'probe:print',
    'probe:end',
  ]) {
    results.phases[p] = {
      peakPssMb: sampler.peakMb(p),
      chromiumCpuMs: sampler.chromiumCpuMs(p),
      nodeCpuMs: sampler.nodeCpuMs(p),
    };
  }

  // ---- checks
  const files = {
    native: results.native?.file,
    'native 1 print': results.nativeSingle?.file,
    'paged.js': results.paged?.timedOut === false ? results.paged.file : undefined,
    'paged.js+outline': results.paged?.outline?.file,
    'probe native': results.probeNative?.file,
    'probe paged.js': results.probePaged?.timedOut === false ? results.probePaged.file : undefined,
    floor: values.floor ? path.join(out, 'floor.pdf') : undefined,
  };
  const checks = {};
  for (const [name, file] of Object.entries(files)) if (file) checks[name] = await analyse(file, composed);

  // ---- report
  const nat = checks.native;
  const pj = checks['paged.js'];
  console.log(
    '\nFigures: wall clock; CPU time of the Chromium process tree and of this Node process; peak PSS of the Chromium tree. One shared Chromium.',
  );
  const row = (...c) => console.log(c.map((x, i) => `${String(x ?? '—').padEnd(i ? 13 : 41)} `).join(''));
  const ph = (p) => results.phases[p] ?? {};
  const mb = (p) => (ph(p).peakPssMb ? `${ph(p).peakPssMb} MB` : '—');
  row('', 'wall', 'Chromium CPU', 'Node CPU', 'pages', 'peak PSS');
  if (results.native) {
    row(
      'native renderPdf (whole PDF step)',
      fmt(results.native.ms),
      fmt(ph('native').chromiumCpuMs),
      fmt(ph('native').nodeCpuMs),
      nat.pages,
      mb('native'),
    );
    row(`  of which ${results.native.prints} page.pdf() calls`, fmt(results.native.printMs), '', '', '', '');
    row('  one load of the print HTML', fmt(results.nativeSingle.loadMs), '', '', '', '');
    row(
      '  one print (renderPdf does 2+)',
      fmt(results.nativeSingle.printMs),
      '',
      '',
      checks['native 1 print'].pages,
      '',
    );
    row(
      '  one load + print together',
      fmt(results.nativeSingle.loadMs + results.nativeSingle.printMs),
      fmt(ph('native-single').chromiumCpuMs),
      fmt(ph('native-single').nodeCpuMs),
      '',
      mb('native-single'),
    );
  }
  if (results.paged) {
    if (results.paged.timedOut)
      row(
        'Paged.js layout',
        `TIMEOUT > ${fmt(results.paged.layoutWall)}`,
        fmt(ph('paged:layout').chromiumCpuMs),
        '',
        `${results.paged.pagesSoFar} so far`,
        mb('paged:layout'),
      );
    else {
      row(
        'Paged.js layout (load → after hook)',
        fmt(results.paged.layoutWall),
        fmt(ph('paged:layout').chromiumCpuMs),
        fmt(ph('paged:layout').nodeCpuMs),
        results.paged.flowPages,
        mb('paged:layout'),
      );
      row('  of which chunker.flow() (its own figure)', fmt(results.paged.flowMs), '', '', '', '');
      row(
        'Paged.js print (as briefed)',
        fmt(results.paged.printMs),
        fmt(ph('paged:print').chromiumCpuMs),
        fmt(ph('paged:print').nodeCpuMs),
        pj.pages,
        mb('paged:print'),
      );
      row(
        'Paged.js layout + print',
        fmt(results.paged.layoutWall + results.paged.printMs),
        fmt((ph('paged:layout').chromiumCpuMs ?? 0) + (ph('paged:print').chromiumCpuMs ?? 0)),
        '',
        '',
        '',
      );
      row(
        '  print again with outline: true',
        fmt(results.paged.outline?.ms),
        fmt(ph('paged:outline').chromiumCpuMs),
        '',
        checks['paged.js+outline']?.pages,
        mb('paged:outline'),
      );
    }
  }
  if (results.floorMs !== undefined)
    row('floor: chromium --print-to-pdf (process)', fmt(results.floorMs), '', '', checks.floor.pages, '');

  console.log('\nChecks (page numbers 1-based; recto = odd page; heads: versos "Benchmark Book", rectos the chapter)');
  for (const [name, c] of Object.entries(checks)) {
    console.log(
      `\n[${name}] ${c.pages} pages, ${c.pageSize}; Tagged: ${c.tagged} (StructTreeRoot ${c.structTree ? 'yes' : 'no'}); outline items ${c.outline}; links internal ${c.links.internal}, URI ${c.links.uri}; named dests ${c.namedDests}`,
    );
    console.log(`  fonts: ${c.fonts.join(', ')} (all embedded+subset: ${c.fontsEmbeddedAll ? 'yes' : 'NO'})`);
    console.log(
      `  chapter openings found ${c.openersFound}/30 (on rectos: ${c.openersOnRecto}); first chapter on page ${c.firstBody + 1}; blank pages ${c.blank}; dests agree with text: ${c.destAgrees}`,
    );
    console.log(
      `  running heads: ${c.heads.ok}/${c.heads.checked} non-opening body pages as the CSS asks; chapter openings with a head ${c.heads.openerWithHead}, without ${c.heads.openerWithoutHead} (head as the CSS's recto/verso rule: ${c.heads.openerHeadAsCss})`,
    );
    if (c.heads.wrong.length)
      console.log(
        `    e.g. ${c.heads.wrong
          .slice(0, 4)
          .map((w) => `p${w.page}: want "${w.expected}", got "${w.got}"`)
          .join('; ')}`,
      );
    console.log(
      `  folios: ${c.folios.ok}/${c.folios.checked} body pages numbered from 1 at the first chapter (its folio reads ${c.firstBodyFolio}); front-matter pages with a folio ${c.folios.frontWithFolio}`,
    );
    if (c.folios.wrong.length)
      console.log(
        `    e.g. ${c.folios.wrong
          .slice(0, 4)
          .map((w) => `p${w.page}: want ${w.expected}, got ${w.got}`)
          .join('; ')}`,
      );
    console.log(
      `  contents: ${c.toc.entries} entries, ${c.toc.numbered} with a number, ${c.toc.correct} counting from 1 at the first chapter, ${c.toc.matchPrintedFolio} equal to the folio printed on that page`,
    );
    console.log(
      `  text: ${c.sections} section headings, ${c.letters} letters in the body${nat && c !== nat ? ` (native ${nat.letters}, ${nat.sections} sections)` : ''}; soft hyphens in the text layer: ${c.softHyphens}; "The" ${c.wordThe}, "Te" ${c.wordTe}`,
    );
  }
  for (const [name, r] of Object.entries({ 'paged.js': results.paged, 'probe paged.js': results.probePaged })) {
    if (r?.errors?.length)
      console.log(
        `\n[${name}] console/page errors (${r.errors.length}): ${[...new Set(r.errors)].slice(0, 6).join(' | ')}`,
      );
    if (r?.blocked) console.log(`[${name}] blocked requests: ${r.blocked}`);
  }
  results.loadavgEnd = os.loadavg();
  {
    const machine = busyTimed;
    const ours = Object.values(results.phases).reduce((a, p) => a + (p.chromiumCpuMs ?? 0) + (p.nodeCpuMs ?? 0), 0);
    results.cpu = { machineBusyMs: machine, oursApproxMs: ours };
    console.log(
      `\nCPU during the timed engines (native → Paged.js): machine busy ${fmt(machine)}, of which this benchmark ~${fmt(ours)} (Chromium tree sampled every 250 ms, + Node); other processes ~${fmt(Math.max(0, machine - ours))}.`,
    );
  }
  console.log(
    `\nLoad average at the end: ${results.loadavgEnd.map((x) => x.toFixed(2)).join(' ')} (2 cores: above ~1 means something else was competing)`,
  );
  console.log(`Peak RSS of this Node process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  const json = {
    ...results,
    checks: Object.fromEntries(
      Object.entries(checks).map(([k, v]) => [
        k,
        {
          ...v,
          heads: { ...v.heads, wrong: v.heads.wrong.slice(0, 50) },
          folios: { ...v.folios, wrong: v.folios.wrong.slice(0, 50) },
        },
      ]),
    ),
  };
  await writeFile(path.join(out, `results-${words}.json`), JSON.stringify(json, null, 2));
  console.log(`Results JSON and PDFs: ${out}`);
} finally {
  sampler.stop();
  await launched.close();
  await rm(tmp, { recursive: true, force: true });
}
