/**
 * A page that may load only the build's own files: every other request
 * (network, other local files) is blocked and recorded, so the PDF never
 * depends on the network and cannot read outside the book.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer';

export interface HermeticPage {
  page: Page;
  /** URLs that were requested and blocked. */
  blocked: string[];
  close(): Promise<void>;
}

export async function openHermeticPage(browser: Browser, allowedDir: string): Promise<HermeticPage> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const allowedPrefix = pathToFileURL(path.resolve(allowedDir) + path.sep).href;
  const blocked: string[] = [];
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith(allowedPrefix) || url.startsWith('data:') || url === 'about:blank') {
      void request.continue();
    } else {
      blocked.push(url);
      void request.abort('blockedbyclient');
    }
  });
  return {
    page,
    blocked,
    async close() {
      await context.close().catch(() => undefined);
    },
  };
}
