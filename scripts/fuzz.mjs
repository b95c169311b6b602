#!/usr/bin/env node
/**
 * The long property-based run of test/hostile/fuzz.test.ts (issue 11 §6):
 * arbitrary strings and grammar-made Markdown through the whole pipeline.
 *   npm run fuzz [-- --runs 500 --seed 42 --epubchecks 2]
 * A random seed by default, printed first so that a failure can be replayed
 * (`npm run fuzz -- --seed N`); `npm test` runs the same file briefly, with a fixed seed.
 */
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '500' },
    seed: { type: 'string' },
    epubchecks: { type: 'string', default: '3' },
  },
});
for (const [name, value] of Object.entries(values)) {
  if (value !== undefined && !/^-?\d+$/.test(value)) {
    console.error(`fuzz: --${name} must be a whole number, got ${JSON.stringify(value)}`);
    process.exit(2);
  }
}
const seed = values.seed ?? String(randomInt(2 ** 31));
console.log(`fuzz: ${values.runs} books per property, seed ${seed} (replay: npm run fuzz -- --seed ${seed})`);

const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const result = spawnSync(process.execPath, [vitest, 'run', 'test/hostile/fuzz.test.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    FUZZ_RUNS: values.runs,
    FUZZ_SEED: seed,
    FUZZ_EPUBCHECKS: values.epubchecks,
  },
});
if (result.status !== 0) console.error(`fuzz: failed with seed ${seed}`);
process.exit(result.status ?? 1);
