/**
 * The cover a book without its own gets: a PNG photographed by Chromium
 * (render-cover.ts), kept in `.octavo-cache/cover/` and in memory (watch mode,
 * several builds in one process) for as long as the title, names and Octavo
 * stay the same. Without a Chromium, the SVG drawing is the closest thing, with
 * a warning: several reading systems and calibre's Kindle formats show no SVG cover.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'puppeteer';
import type { Asset } from '../book.js';
import type { BookConfig } from '../config/config.js';
import { type Diagnostic, OctavoError, warning } from '../diagnostics.js';
import { CACHE_FOLDER, codeFingerprint } from '../transform/chapter-store.js';
import { coverHtml } from './cover-page.js';
import { generateCoverSvg } from './cover-svg.js';

export interface CoverContext {
  browser?: Browser;
  cacheRoot?: string;
  timings: Record<string, number>;
  diagnostics: { push(...items: Diagnostic[]): unknown };
}

const memo = new Map<string, Uint8Array>();
const folder = (root: string) => path.join(root, CACHE_FOLDER, 'cover');

/** What the cover shows, and the code that draws it. */
export function coverKey(config: BookConfig): string {
  return createHash('sha1').update(codeFingerprint()).update(coverHtml(config, '')).digest('hex');
}

/** The PNG for `key` from memory or the book's cache folder, if either has it. */
export async function keptCover(key: string, cacheRoot?: string): Promise<Uint8Array | undefined> {
  const inMemory = memo.get(key);
  if (inMemory || !cacheRoot) return inMemory;
  try {
    return new Uint8Array(await readFile(path.join(folder(cacheRoot), `${key}.png`)));
  } catch {
    return undefined;
  }
}

async function keepCover(key: string, bytes: Uint8Array, cacheRoot?: string): Promise<void> {
  if (memo.size >= 8) memo.delete(memo.keys().next().value!);
  memo.set(key, bytes);
  if (!cacheRoot) return;
  // One cover per book: a new title replaces the old picture. A folder we cannot write is left alone.
  try {
    const dir = folder(cacheRoot);
    await mkdir(dir, { recursive: true });
    for (const name of await readdir(dir)) if (name !== `${key}.png`) await rm(path.join(dir, name), { force: true });
    await writeFile(path.join(dir, `${key}.png`), bytes);
  } catch {
    // The cache is a convenience.
  }
}

/** The generated cover as an asset (`cover.png`, or `cover.svg` when no Chromium can draw it). */
export async function generatedCover(config: BookConfig, context: CoverContext): Promise<Asset> {
  const asset = (href: string, mediaType: string, bytes: Uint8Array): Asset => ({
    id: 'cover-image',
    href,
    mediaType,
    bytes,
    sourceFile: '',
  });
  const key = coverKey(config);
  const kept = await keptCover(key, context.cacheRoot);
  if (kept) return asset('cover.png', 'image/png', kept);
  const started = performance.now();
  let launched: { browser: Browser; close(): Promise<void> } | undefined;
  try {
    let browser = context.browser;
    if (!browser) {
      const { launchChromium } = await import('../browser/launch.js');
      launched = await launchChromium();
      browser = launched.browser;
    }
    const { renderCover } = await import('./render-cover.js');
    const png = await renderCover(browser, config);
    await keepCover(key, png, context.cacheRoot);
    return asset('cover.png', 'image/png', png);
  } catch (err) {
    if (!(err instanceof OctavoError)) throw err;
    context.diagnostics.push(
      warning('epub/svg-cover', `the cover is an SVG drawing: ${err.diagnostics[0]?.message ?? err.message}`, {
        hint: 'Install Chromium (`npm run build` does, as root) for a PNG cover, or give the book its own with `cover:` in book.yaml; calibre and several e-readers show no SVG cover.',
      }),
    );
    return asset(
      'cover.svg',
      'image/svg+xml',
      new TextEncoder().encode(generateCoverSvg(config.title, config.creators)),
    );
  } finally {
    await launched?.close();
    context.timings.cover = performance.now() - started;
  }
}
