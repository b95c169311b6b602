/** The print page loads the build's own files and nothing else (real Chromium). */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openHermeticPage } from '../../src/browser/hermetic-page.js';
import { sharedBrowser } from '../helpers/browser.js';

let browser: Browser;
let dir: string;
let server: http.Server;
const served: string[] = [];

beforeAll(async () => {
  browser = await sharedBrowser();
  dir = await mkdtemp(path.join(os.tmpdir(), 'octavo-hermetic-'));
  server = http.createServer((req, res) => {
    served.push(req.url ?? '');
    res.end('x');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await browser?.disconnect();
  server?.close();
  await rm(dir, { recursive: true, force: true });
});

it('blocks network and outside files, allows the work folder', async () => {
  const port = (server.address() as AddressInfo).port;
  await writeFile(path.join(dir, 'local.css'), 'body { color: red }');
  await writeFile(
    path.join(dir, 'page.html'),
    `<!doctype html><link rel="stylesheet" href="local.css"><link rel="stylesheet" href="http://127.0.0.1:${port}/remote.css">
     <img src="http://127.0.0.1:${port}/remote.png"><img src="file:///etc/hostname"><p>text</p>`,
  );
  const hermetic = await openHermeticPage(browser, dir);
  try {
    await hermetic.page.goto(pathToFileURL(path.join(dir, 'page.html')).href, { waitUntil: 'load' });
    const color = await hermetic.page.evaluate(() => getComputedStyle(document.body).color);
    expect(color).toBe('rgb(255, 0, 0)');
  } finally {
    await hermetic.close();
  }
  expect(served).toEqual([]);
  expect(hermetic.blocked.sort()).toEqual(
    [`http://127.0.0.1:${port}/remote.css`, `http://127.0.0.1:${port}/remote.png`, 'file:///etc/hostname'].sort(),
  );
});
