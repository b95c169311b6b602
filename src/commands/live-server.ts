/**
 * The HTTP side of `octavo watch`: serves the last good HTML edition with a
 * small live-reload script added at serve time (the file in dist/ stays
 * clean), and tells open pages to reload, or to show the errors of a failed
 * rebuild, through Server-Sent Events. node:http only; localhost only, and
 * only for requests that name localhost (no DNS rebinding).
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** The port `octavo watch` serves on unless told otherwise. */
export const DEFAULT_PORT = 4173;
export const EVENTS_PATH = '/__octavo/events';
export const CLIENT_PATH = '/__octavo/live.js';

/** Runs in the browser: reload when a newer build exists, show an overlay when one failed. */
const CLIENT_SCRIPT = `(() => {
  const me = document.currentScript;
  const served = Number(me && me.dataset.build);
  const KEY = 'octavo-scroll:' + location.pathname;
  const saved = sessionStorage.getItem(KEY);
  if (saved !== null) {
    sessionStorage.removeItem(KEY);
    window.scrollTo(0, Number(saved));
  }
  let overlay;
  function hide() { if (overlay) { overlay.remove(); overlay = undefined; } }
  function show(lines) {
    hide();
    overlay = document.createElement('div');
    overlay.id = 'octavo-errors';
    overlay.setAttribute('role', 'alert');
    overlay.style.cssText = 'position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;' +
      'margin:0;padding:1em 1.25em;background:#2b0b0b;color:#ffe9e9;font:13px/1.45 ui-monospace,monospace;' +
      'box-shadow:0 -4px 16px rgba(0,0,0,.4);white-space:pre-wrap';
    const close = document.createElement('button');
    close.textContent = '×';
    close.setAttribute('aria-label', 'Dismiss');
    close.style.cssText = 'float:right;font-size:20px;background:none;border:0;color:inherit;cursor:pointer';
    close.onclick = hide;
    const title = document.createElement('strong');
    title.textContent = 'Octavo: the last change did not build; this page shows the last good build.\\n\\n';
    overlay.append(close, title, lines.join('\\n'));
    document.body.append(overlay);
  }
  const events = new EventSource(${JSON.stringify(EVENTS_PATH)});
  events.addEventListener('build', (e) => {
    const { build } = JSON.parse(e.data);
    if (build !== served) {
      sessionStorage.setItem(KEY, String(window.scrollY));
      events.close();
      location.reload();
    } else hide();
  });
  events.addEventListener('failed', (e) => show(JSON.parse(e.data).diagnostics));
})();
`;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.epub': 'application/epub+zip',
  '.pdf': 'application/pdf',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[c]};`);
}

/** Adds the live-reload script to a page, just before `</body>`. */
export function injectClient(html: string, build: number): string {
  const tag = `<script src="${CLIENT_PATH}" data-build="${build}"></script>`;
  const at = html.lastIndexOf('</body>');
  return at === -1 ? html + tag : html.slice(0, at) + tag + html.slice(at);
}

export class LiveServer {
  private readonly server: http.Server;
  private readonly clients = new Set<http.ServerResponse>();
  private page: string | undefined;
  private build = 0;
  private failure: string[] | undefined;
  /** The hostnames a request's Host header may name (any port). */
  private readonly hostnames = new Set(['localhost', '127.0.0.1', '[::1]']);

  /** Folders whose files are served under `/` (first match wins): dist/, then the book folder for its images. */
  constructor(public staticRoots: string[]) {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
  }

  /** Listens on localhost; `port` 0 picks a free one. Resolves to the port. */
  async listen(port: number, host = 'localhost'): Promise<number> {
    // A host named on purpose is a name pages may use too; a wildcard address is not.
    if (!['0.0.0.0', '::', ''].includes(host)) this.hostnames.add(host.includes(':') ? `[${host}]` : host);
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return (this.server.address() as AddressInfo).port;
  }

  /** A new good build: serve it and tell every open page to reload. */
  publish(html: string, build: number): void {
    this.page = html;
    this.build = build;
    this.failure = undefined;
    this.send('build', { build });
  }

  /** A failed rebuild: keep serving the last good page, and show the errors over it. */
  fail(diagnostics: string[]): void {
    this.failure = diagnostics;
    this.send('failed', { diagnostics });
  }

  async close(): Promise<void> {
    for (const res of this.clients) res.end();
    this.clients.clear();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private send(event: string, data: unknown): void {
    const message = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const res of this.clients) res.write(message);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // DNS rebinding: a page from evil.example whose name now points at 127.0.0.1 sends its own Host.
    if (!this.allowedHost(req.headers.host)) {
      res
        .writeHead(403, { 'content-type': 'text/plain; charset=utf-8' })
        .end('Forbidden: octavo watch answers only requests for localhost or 127.0.0.1.\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === EVENTS_PATH) return this.subscribe(req, res);
    if (url.pathname === CLIENT_PATH) {
      res.writeHead(200, { 'content-type': TYPES['.js']!, 'cache-control': 'no-store' }).end(CLIENT_SCRIPT);
      return;
    }
    if (url.pathname === '/' || url.pathname === '/index.html') {
      const body = injectClient(this.page ?? this.placeholder(), this.build);
      res.writeHead(200, { 'content-type': TYPES['.html']!, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    const file = await this.findFile(url.pathname);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  }

  private subscribe(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write('retry: 500\n\n');
    res.write(`event: build\ndata: ${JSON.stringify({ build: this.build })}\n\n`);
    if (this.failure) res.write(`event: failed\ndata: ${JSON.stringify({ diagnostics: this.failure })}\n\n`);
    this.clients.add(res);
    req.on('close', () => this.clients.delete(res));
  }

  private allowedHost(header: string | undefined): boolean {
    if (!header) return false;
    try {
      return this.hostnames.has(new URL(`http://${header}`).hostname.toLowerCase());
    } catch {
      return false;
    }
  }

  /**
   * A file under one of the static roots; never outside them, never a dotfile.
   * Compared by real paths on both sides: a symbolic link inside the book that
   * leads out of it (`etc-link -> /etc`) serves nothing. Returns the real path.
   */
  private async findFile(pathname: string): Promise<string | undefined> {
    let rel: string;
    try {
      rel = decodeURIComponent(pathname);
    } catch {
      return undefined;
    }
    if (rel.includes('\0') || rel.split('/').some((part) => part.startsWith('.'))) return undefined;
    for (const root of this.staticRoots) {
      const file = path.resolve(root, `.${rel}`);
      if (!file.startsWith(root + path.sep)) continue;
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) continue;
      const [real, realRoot] = await Promise.all([realpath(file), realpath(root)]).catch(() => []);
      if (real && realRoot && real.startsWith(realRoot + path.sep)) return real;
    }
    return undefined;
  }

  /** Served until the first build succeeds. */
  private placeholder(): string {
    const errors = this.failure?.map(escapeHtml).join('\n') ?? 'Building…';
    return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Octavo</title></head><body><h1>Octavo</h1><pre>${errors}</pre></body></html>`;
  }
}
