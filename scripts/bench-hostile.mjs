#!/usr/bin/env node
/**
 * Issue 11 §3 as a user waits: each hostile book built by a whole
 * `octavo build` process, timed, with the memory of the process tree (Node
 * and every Chromium process; proportional set size, so shared pages are not
 * counted twice) sampled every 100 ms. Target: each ends, built or with one
 * clear diagnostic, in under 30 s and 1.5 GB.
 *   npm run bench:hostile [-- --only NAME[,NAME] --scale 1 --timeout 180]
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { hostileCases } from './hostile-inputs.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'lib', 'cli.js');
const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    scale: { type: 'string', default: '1' },
    timeout: { type: 'string', default: '180' },
  },
});
const cases = hostileCases(Number(values.scale));
const only = values.only ? values.only.split(',') : Object.keys(cases);

/** pid -> parent pid, for every process we may read. */
async function processTable() {
  const table = new Map();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = await readFile(`/proc/${name}/stat`, 'latin1');
      // The command name is in parentheses and may hold spaces: read after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(name), Number(fields[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  return table;
}

async function treeMemory(rootPid) {
  const table = await processTable();
  const tree = new Set([rootPid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of table) {
      if (!tree.has(pid) && tree.has(ppid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  let kb = 0;
  for (const pid of tree) {
    try {
      const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'latin1');
      kb += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    } catch {
      // Gone already.
    }
  }
  return { kb, processes: tree.size };
}

async function run(name, files) {
  const dir = await mkdtemp(path.join(os.tmpdir(), `octavo-hostile-${name}-`));
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), content);
  }
  const inputBytes = Object.values(files).reduce((a, c) => a + Buffer.byteLength(c), 0);
  const t0 = performance.now();
  const child = spawn(process.execPath, [cli, 'build', dir, '--out', path.join(dir, 'dist')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    if (stderr.length < 100_000) stderr += d;
  });
  child.stdout.resume();
  let peak = 0;
  let peakProcesses = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const { kb, processes } = await treeMemory(child.pid);
      if (kb > peak) peak = kb;
      if (processes > peakProcesses) peakProcesses = processes;
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
  }, Number(values.timeout) * 1000);
  const code = await new Promise((resolve) => child.on('exit', (c, s) => resolve(c ?? s)));
  const wall = performance.now() - t0;
  clearTimeout(timer);
  sampling = false;
  await sampler;
  const built = await readdir(path.join(dir, 'dist')).catch(() => []);
  await rm(dir, { recursive: true, force: true });
  const diagnostics = stderr.split('\n').filter((l) => /\b(error|warning)\b/.test(l));
  return { name, inputBytes, code: timedOut ? 'timeout' : code, wall, peakMB: peak / 1024, built, diagnostics, stderr };
}

console.log(`Hostile inputs, whole \`octavo build\` processes, ${os.cpus().length} cores, Node ${process.version}`);
console.log('case                     input     exit   wall s   peak MB  outputs  first diagnostic');
const results = [];
for (const name of only) {
  const make = cases[name];
  if (!make) throw new Error(`no case ${name}; cases: ${Object.keys(cases).join(', ')}`);
  const r = await run(name, make());
  results.push(r);
  const size = r.inputBytes >= 1e6 ? `${(r.inputBytes / 1e6).toFixed(1)} MB` : `${(r.inputBytes / 1e3).toFixed(0)} kB`;
  const ok = r.code !== 'timeout' && r.wall < 30_000 && r.peakMB < 1536 && (r.code === 0 || r.code === 1);
  console.log(
    `${name.padEnd(24)} ${size.padStart(8)} ${String(r.code).padStart(7)} ${(r.wall / 1000).toFixed(1).padStart(8)} ${r.peakMB
      .toFixed(0)
      .padStart(
        9,
      )}  ${String(r.built.length).padStart(7)}  ${ok ? '' : '[OVER] '}${(r.diagnostics[0] ?? r.stderr.split('\n')[0] ?? '').slice(0, 110)}`,
  );
}
const over = results.filter(
  (r) => r.code === 'timeout' || r.wall >= 30_000 || r.peakMB >= 1536 || ![0, 1].includes(r.code),
);
console.log(
  over.length
    ? `${over.length} case(s) over the bound: ${over.map((r) => r.name).join(', ')}`
    : 'every case within 30 s and 1.5 GB',
);
process.exitCode = over.length ? 1 : 0;
