/**
 * Finds a Chromium to print with, in this order: PUPPETEER_EXECUTABLE_PATH or
 * CHROME_PATH, Puppeteer's own browser cache, a system Chromium or Chrome.
 * Puppeteer cannot download its browser on every machine, so the last two
 * matter; scripts/bootstrap.mjs installs Debian's `chromium` when none is found.
 */
import { accessSync, constants } from 'node:fs';

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

export async function locateChromium(env: NodeJS.ProcessEnv = process.env): Promise<LocatedBrowser | undefined> {
  for (const name of ['PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH'] as const) {
    if (executable(env[name])) return { path: env[name], source: 'environment' };
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
