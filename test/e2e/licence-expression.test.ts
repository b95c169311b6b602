/**
 * A book under an SPDX expression (`MIT OR Apache-2.0`, the licence of many
 * real books): built into the three editions, its colophon states the choice
 * as such, and `octavo licence` reads both licences back from each file.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuildResult, build } from '../../src/build.js';
import { OctavoError } from '../../src/diagnostics.js';
import { readLicence } from '../../src/licence/read/index.js';
import { removeTempBooks, tempBook } from '../helpers/books.js';
import { sharedBrowser } from '../helpers/browser.js';
import { octavo } from '../helpers/cli.js';
import { epubcheck, normalise, repoRoot, unzip, zipText } from '../helpers/tools.js';

const MIT = 'https://opensource.org/license/mit';
const APACHE = 'https://www.apache.org/licenses/LICENSE-2.0';
const CHOICE = {
  spdx: 'MIT OR Apache-2.0',
  name: 'MIT License or Apache License 2.0, at your choice',
  url: MIT,
  anyOf: [
    { spdx: 'MIT', name: 'MIT License', url: MIT },
    { spdx: 'Apache-2.0', name: 'Apache License 2.0', url: APACHE },
  ],
};

let browser: Browser;
let result: BuildResult;

beforeAll(async () => {
  browser = await sharedBrowser();
  const dir = await tempBook(
    {
      'book.yaml':
        'title: Rust by Example\ncreator: The Rust Project Developers\nlanguage: en\nlicence: MIT OR Apache-2.0\nsource: https://example.org/rust-by-example\nchanges: []\n',
      '01-hello.md': '# Hello World\n\nThe first chapter.\n',
    },
    'octavo-expression-',
  );
  result = await build({ input: dir, outDir: path.join(dir, 'dist'), browser });
});

afterAll(async () => {
  await browser?.disconnect();
  await removeTempBooks();
});

describe('a book under MIT OR Apache-2.0', () => {
  it('states the choice in the colophon, linking both licences', async () => {
    const tree = fromHtml(await readFile(result.outputs.html!, 'utf8'));
    const tasl = select('.colophon .tasl', tree)!;
    expect(normalise(toString(tasl))).toBe(
      '“Rust by Example” by The Rust Project Developers, from https://example.org/rust-by-example, is licensed under MIT License or Apache License 2.0, at your choice.',
    );
    expect(selectAll('a[rel~=license]', tasl).map((a) => a.properties.href)).toEqual([MIT, APACHE]);
    expect(selectAll('head link[rel~=license]', tree).map((a) => a.properties.href)).toEqual([MIT, APACHE]);
  });

  it('writes the expression and both addresses into the EPUB package, which EPUBCheck accepts', async () => {
    const opf = await zipText(await unzip(result.outputs.epub!), 'OEBPS/content.opf');
    expect(opf).toContain(`<meta property="dcterms:license">${MIT}</meta>`);
    expect(opf).toContain(`<meta property="dcterms:license">${APACHE}</meta>`);
    expect(opf).toMatch(/<dc:rights>[^<]*MIT License or Apache License 2\.0, at your choice \(MIT OR Apache-2\.0\)/);
    expect(opf).toMatch(/property="octavo:licence">MIT OR Apache-2\.0</);
    const check = await epubcheck(result.outputs.epub!);
    expect([check.fatals, check.errors, check.warnings], check.output).toEqual([0, 0, 0]);
  });

  it('reads both licences back from the EPUB, the PDF and the HTML, as a choice', async () => {
    for (const file of [result.outputs.epub!, result.outputs.pdf!, result.outputs.html!]) {
      const report = await readLicence(file);
      expect(report.problems, `${file}: ${report.problems.join('; ')}`).toEqual([]);
      expect(report.notice).toEqual({ metadata: true, human: true });
      expect(report.licence).toEqual(CHOICE);
      expect(report.credits[0]).toMatchObject({ kind: 'book', licence: CHOICE });
    }
  });

  it('prints the choice through `octavo licence`, exit status 0', async () => {
    const [text, json] = await Promise.all([
      octavo(['licence', result.outputs.pdf!], repoRoot),
      octavo(['licence', result.outputs.epub!, '--json'], repoRoot),
    ]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/Licence: +MIT License or Apache License 2\.0, at your choice \(MIT OR Apache-2\.0\)/);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ licence: CHOICE, notice: { metadata: true, human: true } });
  });
});

describe('a mistyped operand', () => {
  it('is refused at its line in book.yaml, naming the operand and the closest id', async () => {
    const dir = await tempBook(
      { 'book.yaml': 'title: T\ncreator: A\nlanguage: en\nlicence: MIT OR Apache-2\n', 'a.md': '# A\n\nText.\n' },
      'octavo-expression-',
    );
    const err = await build({ input: dir, outDir: path.join(dir, 'dist'), formats: ['html'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OctavoError);
    expect((err as OctavoError).diagnostics[0]).toMatchObject({
      code: 'licence/unknown',
      line: 4,
      message: 'unknown licence `Apache-2` in `MIT OR Apache-2`.',
      hint: 'Did you mean `Apache-2.0`?',
    });
  });
});
