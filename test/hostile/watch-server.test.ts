/**
 * `octavo watch`'s server against hostile requests: nothing reached through a
 * symbolic link that leaves the book or dist/ is served (a book folder holding
 * `etc-link -> /etc`), nor through encoded `..`; and only requests whose Host
 * names localhost are answered (DNS rebinding).
 */
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Watcher } from '../../src/commands/watch.js';
import { removeTempBooks, tempBook } from '../helpers/books.js';
import { solidPng } from '../helpers/png.js';

let work: string;
let book: string;
let watcher: Watcher;

const port = () => Number(new URL(watcher.url).port);

/** A raw request: the path is sent as written (no normalising), with the Host given. */
function request(rawPath: string, host?: string | null): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: port(),
        path: rawPath,
        // null: no Host header at all (HTTP/1.0 style).
        ...(host === null ? { setHost: false } : { headers: { host: host ?? `localhost:${port()}` } }),
      },
      (res) => {
        let body = '';
        res.setEncoding('latin1');
        res.on('data', (c: string) => (body += c));
        // An event stream stays open: its first bytes are enough.
        if (String(res.headers['content-type']).startsWith('text/event-stream')) {
          res.once('data', () => {
            res.destroy();
            resolve({ status: res.statusCode ?? 0, body });
          });
        }
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'octavo-hostile-watch-'));
  book = await tempBook({
    'book.yaml': 'title: T\ncreator: A\nlanguage: en\nlicence: CC0-1.0\n',
    'a.md': '# A\n\n![A dot](images/dot.png)\n',
    'images/dot.png': solidPng(2, 2, [0, 0, 0]),
  });
  await symlink('/etc', path.join(book, 'etc-link'), 'dir');
  await symlink('/etc/passwd', path.join(book, 'passwd.png'));
  await symlink('images/dot.png', path.join(book, 'dot-link.png'));
  watcher = new Watcher({ input: book, outDir: path.join(work, 'dist'), port: 0, epub: false });
  await watcher.start();
});

afterAll(async () => {
  await watcher?.close();
  await rm(work, { recursive: true, force: true });
  await removeTempBooks();
});

describe('the watch server and symbolic links', () => {
  it('serves the book’s own files, and a link that stays inside the book', async () => {
    expect((await request('/images/dot.png')).status).toBe(200);
    expect((await request('/dot-link.png')).status).toBe(200);
  });

  for (const raw of [
    '/etc-link/passwd',
    '/etc-link/hostname',
    '/passwd.png',
    '/etc-link%2fpasswd',
    '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/..%2f..%2f..%2f..%2fetc%2fpasswd',
    '/images/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/%252e%252e/etc/passwd',
  ]) {
    it(`answers ${raw} with 404 and nothing of the file`, async () => {
      const res = await request(raw);
      expect(res.status).toBe(404);
      expect(res.body).not.toMatch(/root:|nologin/);
    });
  }
});

describe('the watch server and the Host header', () => {
  it('answers localhost, 127.0.0.1 and [::1], on any port', async () => {
    for (const host of [`localhost:${port()}`, 'localhost', '127.0.0.1:1', `[::1]:${port()}`, 'LOCALHOST']) {
      expect((await request('/', host)).status, host).toBe(200);
    }
  });

  for (const raw of ['/', '/images/dot.png', '/__octavo/live.js', '/__octavo/events']) {
    it(`refuses ${raw} for Host: evil.example with 403 and a plain message`, async () => {
      const res = await request(raw, 'evil.example');
      expect(res.status).toBe(403);
      expect(res.body).toMatch(/^Forbidden: .*localhost/);
      expect(res.body).not.toContain('<');
    });
  }

  it('refuses a Host that only starts like localhost, and none', async () => {
    for (const host of ['localhost.evil.example', '127.0.0.1.nip.io:80', 'evil.example:4173']) {
      expect((await request('/', host)).status, host).toBe(403);
    }
    // No Host at all: node:http itself answers 400 to HTTP/1.1 without one.
    expect([400, 403]).toContain((await request('/', null)).status);
  });
});
