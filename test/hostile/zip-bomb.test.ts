/**
 * `octavo licence` on an EPUB whose package document inflates far beyond any
 * real one: it is refused as unreadable within seconds and bounded memory,
 * instead of being inflated whole (a 3 GB entry used to be).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { afterAll, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';

const work = await mkdtemp(path.join(os.tmpdir(), 'octavo-zip-bomb-'));
afterAll(() => rm(work, { recursive: true, force: true }));

/** 200 MB of spaces in the package document: about 200 KB on disk. */
async function bomb(file: string): Promise<void> {
  const zip = new JSZip();
  zip.file('mimetype', 'application/epub+zip', { compression: 'STORE' });
  zip.file(
    'META-INF/container.xml',
    '<?xml version="1.0"?><container xmlns="urn:oasis:names:tc:opendocument:xmlns:container" version="1.0"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>',
  );
  zip.file('OEBPS/content.opf', Buffer.alloc(200 * 1024 * 1024, 32));
  await writeFile(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

it('refuses an EPUB entry that inflates beyond 64 MB, quickly and in bounded memory', async () => {
  const file = path.join(work, 'bomb.epub');
  await bomb(file);
  // GNU time reports the peak memory of the whole process, when the machine has it.
  const time = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-f', 'maxrss-kb %M'] : [];
  const started = performance.now();
  const run = await promisify(execFile)(time[0] ?? process.execPath, [
    ...time.slice(1),
    ...(time.length ? [process.execPath] : []),
    CLI,
    'licence',
    file,
  ]).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
  const seconds = (performance.now() - started) / 1000;
  expect(run.code).toBe(1);
  expect(run.stdout).toContain('OEBPS/content.opf inflates to more than 64 MB');
  expect(seconds).toBeLessThan(30);
  const rss = /maxrss-kb (\d+)/.exec(run.stderr)?.[1];
  if (rss) expect(Number(rss) / 1024).toBeLessThan(600);
});
