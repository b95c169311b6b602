/**
 * The EPUB through calibre (optional: these tests run only when
 * `ebook-convert` is on the PATH; `apt-get install calibre`): converted to
 * AZW3 for Kindle, does the book keep its title, authors, language, licence
 * and cover? Read back with `ebook-meta`, and as text with `ebook-convert`.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import type { BookConfig } from '../../src/config/config.js';
import { removeTempBooks, tempBook } from '../helpers/books.js';
import { sharedBrowser } from '../helpers/browser.js';
import { normalise, repoRoot } from '../helpers/tools.js';

const run = promisify(execFile);
// calibre prints in the locale's encoding; headless, it must not look for a display.
const ENV = { ...process.env, LC_ALL: 'C.UTF-8', QT_QPA_PLATFORM: 'offscreen' };

const calibre = await run('ebook-convert', ['--version'], { env: ENV }).then(
  () => true,
  () => false,
);
if (!calibre) console.warn('calibre: ebook-convert is not on the PATH; the AZW3 conversion tests are skipped.');

/** `ebook-meta file`: its "Field : value" lines. */
async function ebookMeta(file: string, ...args: string[]): Promise<Record<string, string>> {
  const { stdout } = await run('ebook-meta', [file, ...args], { env: ENV });
  const fields: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const m = /^(\S[^:]*?)\s+:\s(.*)$/.exec(line);
    if (m) fields[m[1]!] = m[2]!;
  }
  return fields;
}

/** Width and height from a JPEG's start-of-frame segment. */
function jpegSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  for (let i = 2; i + 9 < bytes.length; ) {
    const marker = bytes[i + 1]!;
    // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker))
      return { height: bytes.readUInt16BE(i + 5), width: bytes.readUInt16BE(i + 7) };
    i += 2 + bytes.readUInt16BE(i + 2);
  }
  throw new Error('no JPEG frame header');
}

let browser: Browser | undefined;
afterAll(async () => {
  await browser?.disconnect();
  await removeTempBooks();
});

describe.skipIf(!calibre)(
  calibre ? 'the sample EPUB converted to AZW3 by calibre' : 'calibre (ebook-convert not on the PATH: skipped)',
  () => {
    let dir: string;
    let config: BookConfig;
    let epub: string;
    let azw3: string;
    let meta: Record<string, string>;
    beforeAll(async () => {
      dir = await tempBook({}, 'octavo-calibre-');
      browser = await sharedBrowser();
      const result = await build({ input: path.join(repoRoot, 'manuscript'), outDir: dir, formats: ['epub'], browser });
      config = result.book.config;
      epub = result.outputs.epub!;
      azw3 = path.join(dir, 'book.azw3');
      await run('ebook-convert', [epub, azw3], { env: ENV, maxBuffer: 16 << 20 });
      meta = await ebookMeta(azw3);
    });

    it('keeps the title, the authors and the language', () => {
      expect(meta.Title).toBe(config.title);
      expect(meta['Author(s)']).toBe(config.creators.join(' & '));
      // calibre writes ISO 639-2 codes.
      expect(meta.Languages).toBe('eng');
    });

    it("keeps the licence notice for readers: the colophon's TASL, linking the licence, is in the AZW3's text", async () => {
      // As Markdown, so the links are kept: [text](address).
      const txt = path.join(dir, 'book.txt');
      await run('ebook-convert', [azw3, txt, '--txt-output-formatting=markdown', '--keep-links'], {
        env: ENV,
        maxBuffer: 16 << 20,
      });
      const text = normalise(await readFile(txt, 'utf8')).replace(/\\([()])/g, '$1');
      // “Title” by Author, from Source, is licensed under [Licence](address).
      const tasl = text.slice(text.indexOf(`“${config.title}” by ${config.creators.join(', ')}`));
      expect(tasl).toMatch(/^“[^”]+” by [^[]*? is licensed under \[/);
      expect(tasl).toContain(`is licensed under [${config.licence.name}](${config.licence.url})`);
      expect(text).toContain(config.licenceStatement!);
    });

    it('keeps in the metadata the rights calibre reads from the EPUB (calibre 6 reads none from an EPUB 3)', async (ctx) => {
      // calibre's EPUB 3 package reader (metadata/opf3.py) has no dc:rights: the AZW3 then has no EXTH 109.
      // Whenever a calibre reads them, they must reach the AZW3.
      const read = (await ebookMeta(epub)).Rights;
      if (read === undefined) ctx.skip();
      expect(meta.Rights).toBe(read);
    });

    // The generated cover is a 1600 × 2560 PNG (an SVG one was lost: calibre takes a raster cover).
    it('keeps the cover, as a JPEG of the cover’s proportions', async () => {
      const cover = path.join(dir, 'cover.jpg');
      await run('ebook-meta', [azw3, `--get-cover=${cover}`], { env: ENV });
      expect(existsSync(cover)).toBe(true);
      const size = jpegSize(await readFile(cover));
      // calibre scales it (to 2200 pixels high in calibre 6); the shape stays 1600:2560.
      expect(size.height).toBeGreaterThanOrEqual(1000);
      expect(size.width / size.height).toBeCloseTo(1600 / 2560, 2);
    });
  },
);
