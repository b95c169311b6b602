/** Runs the compiled `octavo` command as a user would, in a given folder. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import { repoRoot } from './tools.js';

export const CLI = path.join(repoRoot, 'lib', 'cli.js');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The test run's Chromium, when there is one (e2e tests): the CLI uses it instead of starting its own. */
function runChromium(): Record<string, string> {
  try {
    return { OCTAVO_CHROMIUM_ENDPOINT: inject('chromiumEndpoint') };
  } catch {
    return {};
  }
}

/**
 * `env`: added to this process's environment (`OCTAVO_CHROMIUM_ENDPOINT: ''` makes the
 * CLI start its own Chromium, as tests of starting it need).
 */
export async function octavo(args: string[], cwd: string, env?: Record<string, string>): Promise<Run> {
  try {
    const r = await promisify(execFile)(process.execPath, [CLI, ...args], {
      cwd,
      env: { ...process.env, ...runChromium(), ...env },
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
