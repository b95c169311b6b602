#!/usr/bin/env node
/**
 * A corpus of real, messy Markdown: every README.md under node_modules, each
 * built as a single-file book by the compiled CLI (a whole process with a time
 * limit, as a user runs it), its EPUB checked by EPUBCheck. Prints a table:
 * built clean, built with EPUBCheck messages, failed with a clear error (by
 * code), crashed (an internal error or a signal) or hung.
 *   npm run corpus [-- --limit 50 --jobs 2 --timeout 60 --pdf]
 * The results, one line per document, go to test-artifacts/corpus.json.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(root, 'lib', 'cli.js');
const EPUBCHECK = '/usr/share/java/epubcheck.jar';

const { values } = parseArgs({
  options: {
    limit: { type: 'string' },
    jobs: { type: 'string', default: '2' },
    timeout: { type: 'string', default: '60' },
    pdf: { type: 'boolean', default: false },
  },
});
const jobs = Math.max(1, Number(values.jobs));
const timeoutMs = Number(values.timeout) * 1000;

/** Every README.md under node_modules, once per distinct content, in a stable order. */
async function findReadmes() {
  const found = [];
  async function walk(dir) {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && !e.isSymbolicLink()) await walk(p);
      else if (e.isFile() && e.name.toLowerCase() === 'readme.md') found.push(p);
    }
  }
  await walk(path.join(root, 'node_modules'));
  found.sort();
  const seen = new Set();
  const unique = [];
  for (const file of found) {
    const hash = createHash('sha1')
      .update(await readFile(file))
      .digest('hex');
    if (seen.has(hash)) continue;
    seen.add(hash);
    unique.push(file);
  }
  return unique;
}

function run(cmd, args, options) {
  return new Promise((resolve) => {
    const started = performance.now();
    execFile(cmd, args, { ...options, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({
        code: err ? (typeof err.code === 'number' ? err.code : null) : 0,
        signal: err?.signal ?? null,
        killed: Boolean(err?.killed),
        stdout,
        stderr,
        ms: performance.now() - started,
      });
    });
  });
}

/** The diagnostic codes an error run printed, e.g. `assets/remote`. */
const errorCodes = (stderr) => [...stderr.matchAll(/ error .*\[([a-z0-9-]+\/[a-z0-9-]+)\]$/gm)].map((m) => m[1]);

async function one(file, work) {
  const name = path.relative(path.join(root, 'node_modules'), file);
  const dir = await mkdtemp(path.join(work, 'doc-'));
  const copy = path.join(dir, 'README.md');
  await copyFile(file, copy);
  const formats = values.pdf ? 'epub,html,pdf' : 'epub,html';
  const built = await run(
    process.execPath,
    // Not --quiet: that hides the warnings counted below.
    [CLI, 'build', copy, '--format', formats, '--out', path.join(dir, 'dist')],
    {
      cwd: dir,
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
    },
  );
  const result = { name, ms: Math.round(built.ms), exit: built.code };
  if (built.killed && built.ms >= timeoutMs - 50) result.outcome = 'hung';
  else if (built.signal || built.code === 70 || /internal error/.test(built.stderr)) {
    result.outcome = 'crashed';
    result.detail = built.stderr.split('\n').find((l) => /internal error|Error/.test(l)) ?? `signal ${built.signal}`;
  } else if (built.code !== 0) {
    result.outcome = 'failed clearly';
    result.codes = [...new Set(errorCodes(built.stderr))];
    if (!result.codes.length) {
      result.outcome = 'crashed';
      result.detail = `exit ${built.code} without a diagnostic: ${built.stderr.slice(0, 200)}`;
    }
  } else {
    const epub = (await readdir(path.join(dir, 'dist'))).find((f) => f.endsWith('.epub'));
    const check = await run('java', ['-jar', EPUBCHECK, path.join(dir, 'dist', epub)], { timeout: 120_000 });
    const messages = check.stdout
      .concat(check.stderr)
      .split('\n')
      .filter((l) => /^(FATAL|ERROR|WARNING)/.test(l));
    result.outcome = messages.length ? 'built, EPUBCheck messages' : 'built clean';
    if (messages.length) result.epubcheck = messages.slice(0, 5);
    result.warnings = (built.stderr.match(/ warning /g) ?? []).length;
  }
  await rm(dir, { recursive: true, force: true });
  return result;
}

const files = (await findReadmes()).slice(0, values.limit ? Number(values.limit) : undefined);
const work = await mkdtemp(path.join(os.tmpdir(), 'octavo-corpus-'));
console.log(
  `Octavo corpus: ${files.length} README.md files under node_modules, ${jobs} at a time, ${values.timeout} s limit each`,
);
const results = [];
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: jobs }, async () => {
    while (next < files.length) {
      const file = files[next++];
      const r = await one(file, work);
      results.push(r);
      if (r.outcome !== 'built clean')
        console.log(
          `  ${r.outcome.padEnd(26)} ${r.name}${r.codes ? ` (${r.codes.join(', ')})` : ''}${r.detail ? `: ${r.detail}` : ''}`,
        );
    }
  }),
);
await rm(work, { recursive: true, force: true });

const outcomes = ['built clean', 'built, EPUBCheck messages', 'failed clearly', 'crashed', 'hung'];
const count = (o) => results.filter((r) => r.outcome === o).length;
const pct = (n) => `${((100 * n) / Math.max(1, results.length)).toFixed(1)} %`;
console.log(`\n| outcome | documents | share |\n|---|---:|---:|`);
for (const o of outcomes) console.log(`| ${o} | ${count(o)} | ${pct(count(o))} |`);
const byCode = new Map();
for (const r of results) for (const c of r.codes ?? []) byCode.set(c, (byCode.get(c) ?? 0) + 1);
if (byCode.size) {
  console.log(`\n| error code of the clear failures | documents |\n|---|---:|`);
  for (const [c, n] of [...byCode].sort((a, b) => b[1] - a[1])) console.log(`| ${c} | ${n} |`);
}
const times = results.map((r) => r.ms).sort((a, b) => a - b);
console.log(
  `\n${results.length} documents in ${((performance.now() - started) / 1000).toFixed(0)} s; build median ${times[Math.floor(times.length / 2)] ?? 0} ms, slowest ${times.at(-1) ?? 0} ms`,
);
await mkdir(path.join(root, 'test-artifacts'), { recursive: true });
await writeFile(path.join(root, 'test-artifacts', 'corpus.json'), `${JSON.stringify(results, null, 2)}\n`);
