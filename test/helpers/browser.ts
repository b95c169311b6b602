import puppeteer, { type Browser } from 'puppeteer';
import { inject } from 'vitest';

/** The run's shared Chromium (launched once in global-setup.ts). */
export async function sharedBrowser(): Promise<Browser> {
  return puppeteer.connect({ browserWSEndpoint: inject('chromiumEndpoint') });
}
