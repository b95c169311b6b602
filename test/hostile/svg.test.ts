/**
 * Hostile SVGs in real builds: each known bypass of the old regex check, with
 * a local server counting the requests Chromium makes while it opens what the
 * build wrote. The count must stay 0; the EPUB must pass EPUBCheck.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuildResult, build } from '../../src/build.js';
import { Diagnostics, OctavoError } from '../../src/diagnostics.js';
import { removeTempBooks, tempBook } from '../helpers/books.js';
import { sharedBrowser } from '../helpers/browser.js';
import { epubcheck, unzip } from '../helpers/tools.js';

let server: Server;
let requests = 0;
let origin = '';
let browser: Browser;

beforeAll(async () => {
  server = createServer((_req, res) => {
    requests++;
    res.end('');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await sharedBrowser();
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await browser?.disconnect();
  await removeTempBooks();
});

const SVG_OPEN =
  '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="20">';
/** Each bypass of the regex check of issue 11, as a file that makes requests when opened as it is. */
function hostileSvgs(): Record<string, string> {
  const at = (n: string) => `${origin}/${n}`;
  const host = origin.slice('http://'.length);
  return {
    'prefixed-script.svg': `${SVG_OPEN}<s:script xmlns:s="http://www.w3.org/2000/svg">fetch('${at('script')}')</s:script><rect width="40" height="20" fill="#335"/></svg>`,
    'leading-space.svg': `${SVG_OPEN}<image href=" ${at('space')}" width="10" height="10"/><rect width="4" height="4"/></svg>`,
    'entity.svg': `${SVG_OPEN}<image xlink:href="&#104;ttp://${host}/entity" width="10" height="10"/><rect width="4" height="4"/></svg>`,
    'css-import.svg': `${SVG_OPEN}<style>@import url(${at('import')}); rect { fill: url(${at('fill')}#g); stroke: red }</style><rect width="40" height="20" style="fill:url('${at('style')}')"/></svg>`,
    'foreign-object.svg': `${SVG_OPEN}<foreignObject width="40" height="20"><img xmlns="http://www.w3.org/1999/xhtml" src="${at('img')}"/></foreignObject><a href="javascript:alert(1)" onclick="fetch('${at('click')}')"><text y="10">hi</text></a></svg>`,
  };
}

async function openCountingRequests(file: string): Promise<number> {
  const before = requests;
  const page = await browser.newPage();
  try {
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    // Give scripts and late CSS loads time to reach the server.
    await new Promise((r) => setTimeout(r, 300));
  } finally {
    await page.close();
  }
  return requests - before;
}

describe('hostile SVG images', () => {
  let dir: string;
  let built: BuildResult;
  const files = () => Object.keys(hostileSvgs());

  beforeAll(async () => {
    const svgs = hostileSvgs();
    dir = await tempBook(
      {
        'book.yaml': 'title: T\ncreator: A\nlanguage: en\nlicence: CC0-1.0\n',
        'a.md': `# A\n\n${files()
          .map((f, i) => `![Picture ${i + 1}](${f})`)
          .join('\n\n')}\n`,
        ...svgs,
      },
      'octavo-hostile-svg-',
    );
    built = await build({ input: dir, outDir: path.join(dir, 'dist'), formats: ['html', 'epub', 'pdf'], browser });
  });

  it('makes requests when the originals are opened (the server counts)', async () => {
    let made = 0;
    for (const f of files()) made += await openCountingRequests(path.join(dir, f));
    expect(made).toBeGreaterThan(0);
  });

  it('builds with one svg-cleaned warning per file, naming what was removed', () => {
    const cleaned = built.diagnostics.filter((d) => d.code === 'assets/svg-cleaned');
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(cleaned.map((d) => path.basename(d.file ?? '')).sort()).toEqual(files().sort());
    for (const d of cleaned) {
      expect(d.severity).toBe('warning');
      expect(d.line).toBe(1);
      expect(d.hint).toMatch(/a\.md:\d+/);
    }
    const byFile = (f: string) => cleaned.find((d) => d.file?.endsWith(f))?.message ?? '';
    expect(byFile('prefixed-script.svg')).toContain('<script>');
    expect(byFile('css-import.svg')).toMatch(/@import/);
    expect(byFile('foreign-object.svg')).toMatch(/<foreignObject>.*onclick/);
  });

  it('puts only inert, self-contained SVG in the EPUB, which passes EPUBCheck', async () => {
    const zip = await unzip(built.outputs.epub!);
    const svgs = Object.keys(zip.files).filter((n) => /images\/.*\.svg$/.test(n));
    expect(svgs).toHaveLength(files().length);
    for (const name of svgs) {
      // Namespace names are identifiers, never fetched.
      const text = (await zip.file(name)!.async('string')).replace(/ xmlns(:\w+)?="[^"]*"/g, '');
      expect(text).toMatch(/<(rect|text)/);
      expect(text).not.toMatch(/script|foreignObject|http:|@import|javascript|onclick|\bhref="[^#]/i);
    }
    const check = await epubcheck(built.outputs.epub!);
    expect(check.errors + check.fatals, check.output).toBe(0);
    expect(check.warnings, check.output).toBe(0);
  });

  it('makes no request when Chromium opens the built SVGs, HTML and EPUB pages', async () => {
    const zip = await unzip(built.outputs.epub!);
    const out = await tempBook({}, 'octavo-hostile-open-');
    const opened: string[] = [];
    for (const name of Object.keys(zip.files)) {
      if (!/\.(svg|xhtml)$/.test(name)) continue;
      const file = path.join(out, name);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, await zip.file(name)!.async('nodebuffer'));
      if (name.endsWith('.svg') || name.includes('ch-')) opened.push(file);
    }
    opened.push(built.outputs.html!);
    let made = 0;
    for (const f of opened) made += await openCountingRequests(f);
    expect(made).toBe(0);
  });

  it('refuses a <use> bomb quickly, with its file', async () => {
    let g = '<g id="a0"><rect width="1" height="1"/></g>';
    for (let i = 1; i <= 12; i++) g += `<g id="a${i}">${`<use xlink:href="#a${i - 1}"/>`.repeat(10)}</g>`;
    const bombDir = await tempBook(
      {
        'book.yaml': 'title: T\ncreator: A\nlanguage: en\nlicence: CC0-1.0\n',
        'a.md': '# A\n\n![Bomb](bomb.svg)\n',
        'bomb.svg': `${SVG_OPEN}<defs>${g}</defs><use href="#a12"/></svg>`,
      },
      'octavo-hostile-bomb-',
    );
    const started = Date.now();
    const sink = new Diagnostics();
    const err = await build({
      input: bombDir,
      outDir: path.join(bombDir, 'dist'),
      formats: ['pdf'],
      browser,
      diagnostics: sink,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OctavoError);
    expect((err as OctavoError).diagnostics).toEqual([
      expect.objectContaining({ code: 'assets/svg-too-complex', file: expect.stringMatching(/bomb\.svg$/) }),
    ]);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
