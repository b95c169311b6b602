/** Launching and closing the one Chromium a build (or a test run) uses. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer';
import { error, OctavoError } from '../diagnostics.js';
import { locateChromium } from './locate.js';

/** Quiet, offline, sandbox-free flags (we run as root in containers and CI). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--font-render-hinting=none',
];

export interface LaunchedBrowser {
  browser: Browser;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /**
   * Let Puppeteer close Chromium and exit on SIGINT/SIGTERM/SIGHUP (default).
   * A long-running owner (watch mode) handles the signals itself and calls close().
   */
  handleSignals?: boolean;
}

export async function launchChromium(options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const handle = options.handleSignals ?? true;
  const found = await locateChromium();
  if (!found) {
    throw new OctavoError(
      error('pdf/no-chromium', 'no Chromium or Chrome found to print the PDF.', {
        hint: "Run `npm run build` once (it installs Debian's chromium when run as root), install Chromium yourself, or set PUPPETEER_EXECUTABLE_PATH. Build without a PDF with `--format epub,html`.",
      }),
    );
  }
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'octavo-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: found.path,
    headless: true,
    args: CHROMIUM_ARGS,
    userDataDir,
    handleSIGINT: handle,
    handleSIGTERM: handle,
    handleSIGHUP: handle,
  });
  return {
    browser,
    async close() {
      await browser.close().catch(() => undefined);
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
