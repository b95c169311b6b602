/** Launching and closing the one Chromium a build (or a test run) uses. */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer';
import { error, OctavoError } from '../diagnostics.js';
import { onInterrupt, ownsSignals, recordChromium, runFolder, tempFolder } from '../util/temp.js';
import { requireChromium } from './locate.js';

/** Quiet, offline, sandbox-free flags (we run as root in containers and CI). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-breakpad',
  '--font-render-hinting=none',
];

export interface LaunchedBrowser {
  browser: Browser;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /**
   * Let Puppeteer close Chromium and exit on SIGINT/SIGTERM/SIGHUP. Default: yes,
   * unless the CLI owns the signals (then it closes Chromium itself), and never
   * for a long-running owner (watch mode), which handles them and calls close().
   */
  handleSignals?: boolean;
  /**
   * Talk to Chromium over a pipe (default), so it exits as soon as this process
   * dies, even by SIGKILL. `false` opens a WebSocket instead, for a browser that
   * other processes connect to (the test run's shared Chromium).
   */
  pipe?: boolean;
}

/**
 * Chromium's own temp files (its singleton socket folder) go into the run's
 * folder too, unless that path is too long for a Unix socket (108 bytes):
 * then Chromium would not start, so it keeps the system's TMPDIR.
 */
function chromiumTmpdir(): { TMPDIR?: string } {
  const folder = runFolder();
  return folder.length + '/.org.chromium.Chromium.XXXXXX/SingletonSocket'.length < 104 ? { TMPDIR: folder } : {};
}

let running: string | undefined;

/**
 * From now on, builds in this process use the Chromium already running at
 * `wsEndpoint` (puppeteer's `browser.wsEndpoint()`) instead of starting their
 * own, and leave it running; `undefined` goes back to starting one per build.
 * For programs that build many books (a server, a test run): starting
 * Chromium costs about half a second of CPU each time.
 */
export function useChromium(wsEndpoint: string | undefined): void {
  running = wsEndpoint;
}

export async function launchChromium(options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  if (running) {
    const browser = await puppeteer.connect({ browserWSEndpoint: running });
    return { browser, close: () => browser.disconnect().catch(() => undefined) };
  }
  const handle = options.handleSignals ?? !ownsSignals();
  const found = await requireChromium();
  // Profile, HOME and the XDG folders inside the run's temp folder: nothing lands in the user's home.
  const dir = await tempFolder('chromium');
  const userDataDir = path.join(dir, 'profile');
  const home = path.join(dir, 'home');
  await Promise.all([userDataDir, home].map((d) => mkdir(d)));
  const cleanup = async () => {
    await rm(dir, { recursive: true, force: true });
  };
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath: found.path,
      headless: true,
      pipe: options.pipe ?? true,
      args: CHROMIUM_ARGS,
      userDataDir,
      env: {
        ...process.env,
        HOME: home,
        XDG_CONFIG_HOME: path.join(home, '.config'),
        XDG_CACHE_HOME: path.join(home, '.cache'),
        XDG_DATA_HOME: path.join(home, '.local', 'share'),
        ...chromiumTmpdir(),
      },
      handleSIGINT: handle,
      handleSIGTERM: handle,
      handleSIGHUP: handle,
    });
  } catch (err) {
    await cleanup();
    throw new OctavoError(
      error(
        'pdf/chromium-crashed',
        `Chromium (${found.path}) could not start: ${(err as Error).message.split('\n')[0]}`,
        {
          hint: 'Check that it runs (`chromium --headless --version`) and that there is free memory; set PUPPETEER_EXECUTABLE_PATH to use another.',
        },
      ),
    );
  }
  const close = async () => {
    unregister();
    await browser.close().catch(() => browser.process()?.kill('SIGKILL'));
    await cleanup();
  };
  const unregister = onInterrupt(close);
  try {
    await recordChromium(browser.process()?.pid, userDataDir);
  } catch (err) {
    await close(); // e.g. a full TMPDIR: close the browser rather than leave it holding the process open
    throw err;
  }
  return { browser, close };
}
