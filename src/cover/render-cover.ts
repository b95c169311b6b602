/**
 * Photographs the cover page (cover-page.ts) with Chromium: a PNG of
 * 1600 × 2560 pixels, which every reading system and converter shows (an SVG
 * cover is ignored by calibre's AZW3 and by many e-ink readers).
 */
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer';
import { openHermeticPage } from '../browser/hermetic-page.js';
import type { BookConfig } from '../config/config.js';
import { installPrintFonts } from '../fonts/install.js';
import { tempFolder } from '../util/temp.js';
import { COVER_HEIGHT, COVER_WIDTH, CREATORS_MAX, coverHtml, fitCover } from './cover-page.js';

export async function renderCover(browser: Browser, config: BookConfig): Promise<Uint8Array> {
  const workDir = await tempFolder('cover');
  try {
    const fontFaces = await installPrintFonts(workDir);
    const file = path.join(workDir, 'cover.html');
    await writeFile(file, coverHtml(config, fontFaces));
    const hermetic = await openHermeticPage(browser, workDir);
    try {
      const { page } = hermetic;
      await page.setViewport({ width: COVER_WIDTH, height: COVER_HEIGHT, deviceScaleFactor: 1 });
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: 0 });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      await page.evaluate(fitCover, CREATORS_MAX);
      return await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: COVER_WIDTH, height: COVER_HEIGHT } });
    } finally {
      await hermetic.close();
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
