/** Runs the compiled `octavo` command as a user would, in a given folder. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './tools.js';

export const CLI = path.join(repoRoot, 'lib', 'cli.js');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `env`: added to this process's environment (a value of `undefined` removes the variable). */
export async function octavo(args: string[], cwd: string, env?: Record<string, string | undefined>): Promise<Run> {
  try {
    const r = await promisify(execFile)(process.execPath, [CLI, ...args], {
      cwd,
      ...(env ? { env: { ...process.env, ...env } } : {}),
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
