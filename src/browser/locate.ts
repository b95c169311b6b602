/**
 * Finds a Chromium to print with, in this order: PUPPETEER_EXECUTABLE_PATH or
 * CHROME_PATH, Puppeteer's own browser cache, a system Chromium or Chrome.
 * Puppeteer cannot download its browser on every machine, so the last two
 * matter; scripts/bootstrap.mjs installs Debian's `chromium` when none is found.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { error, OctavoError } from '../diagnostics.js';

const SYSTEM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

function executable(file: string | undefined): file is string {
  if (!file) return false;
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export interface LocatedBrowser {
  path: string;
  source: 'environment' | 'puppeteer-cache' | 'system';
}

/**
 * A browser named in the environment must be there: falling back silently would
 * print with another browser than the one the user asked for.
 */
function fromEnvironment(name: string, file: string): LocatedBrowser {
  if (executable(file) && statSync(file).isFile()) return { path: file, source: 'environment' };
  let why = 'no such file';
  try {
    why = statSync(file).isFile() ? 'not executable' : 'not a file';
  } catch {
    // missing: keep "no such file"
  }
  throw new OctavoError(
    error('pdf/bad-chromium-path', `${name} is set to ${file}, which is ${why}.`, {
      hint: `Point ${name} at a Chromium or Chrome executable, or unset it to use the one Octavo finds.`,
    }),
  );
}

/** Throws `pdf/bad-chromium-path` when PUPPETEER_EXECUTABLE_PATH or CHROME_PATH names no executable. */
export async function locateChromium(env: NodeJS.ProcessEnv = process.env): Promise<LocatedBrowser | undefined> {
  for (const name of ['PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH'] as const) {
    const file = env[name];
    if (file) return fromEnvironment(name, file);
  }
  try {
    const puppeteer = (await import('puppeteer')).default;
    const cached = puppeteer.executablePath();
    if (executable(cached)) return { path: cached, source: 'puppeteer-cache' };
  } catch {
    // No cached browser configured or puppeteer not installed: fall through to the system.
  }
  for (const candidate of SYSTEM_CANDIDATES) if (executable(candidate)) return { path: candidate, source: 'system' };
  return undefined;
}

/** The Chromium to print with, or the `pdf/no-chromium` error saying how to get one. */
export async function requireChromium(env: NodeJS.ProcessEnv = process.env): Promise<LocatedBrowser> {
  const found = await locateChromium(env);
  if (found) return found;
  throw new OctavoError(
    error('pdf/no-chromium', 'no Chromium or Chrome found to print the PDF.', {
      hint: "Run `npm run build` once (it installs Debian's chromium when run as root), install Chromium yourself, or set PUPPETEER_EXECUTABLE_PATH. Build without a PDF with `--format epub,html`.",
    }),
  );
}
