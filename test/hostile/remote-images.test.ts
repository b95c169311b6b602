/**
 * Remote images: a single Markdown file (a README with badges) builds without
 * them, keeping their alt text, with one warning; `--remote-images` chooses.
 * A <picture> that loses its img goes whole, so the EPUB stays valid. An
 * image written as raw HTML (the picture's) is counted like a Markdown one.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { OctavoError } from '../../src/diagnostics.js';
import { removeTempBooks, tempBook } from '../helpers/books.js';
import { octavo } from '../helpers/cli.js';
import { epubcheck, unzip, zipText } from '../helpers/tools.js';

afterAll(removeTempBooks);

const README = `# Tool

![Build status](https://ci.example.com/badge.svg) ![Coverage](//cdn.example.com/cov.svg)

Some text.

<picture><source srcset="https://example.com/logo-dark.png" media="(prefers-color-scheme: dark)"><img src="https://example.com/logo.png" alt="The logo"></picture>

<picture><img src="missing.png" alt="A lost map"></picture>

![Diagram](https://example.com/d.png)
`;

describe('remote images in a single-file build', () => {
  it('are left out with their alt text, one warning with the count, and a valid EPUB', async () => {
    const dir = await tempBook({ 'README.md': README }, 'octavo-remote-');
    const built = await build({
      input: path.join(dir, 'README.md'),
      outDir: path.join(dir, 'dist'),
      formats: ['html', 'epub'],
    });
    const remote = built.diagnostics.filter((d) => d.code === 'assets/remote');
    expect(remote).toEqual([
      expect.objectContaining({
        severity: 'warning',
        line: 3,
        message: expect.stringMatching(/^4 remote images are left out/),
      }),
    ]);
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const xhtml = await zipText(await unzip(built.outputs.epub!), 'OEBPS/ch-1.xhtml');
    for (const alt of ['[Build status]', '[Coverage]', '[The logo]', '[A lost map]', '[Diagram]'])
      expect(xhtml).toContain(alt);
    expect(xhtml).not.toMatch(/<picture|<source|example\.com/);
    const check = await epubcheck(built.outputs.epub!);
    expect(check.errors + check.fatals, check.output).toBe(0);
  });

  it('stop the build with --remote-images error, each with its line', async () => {
    const dir = await tempBook({ 'README.md': README }, 'octavo-remote-error-');
    const err = await build({
      input: path.join(dir, 'README.md'),
      outDir: path.join(dir, 'dist'),
      formats: ['html'],
      remoteImages: 'error',
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OctavoError);
    expect((err as OctavoError).diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['assets/remote', 3],
      ['assets/remote', 3],
      ['assets/remote', 7],
      ['assets/remote', 11],
    ]);
  });

  it('may be left out of a book folder with the flag, overriding book.yaml', async () => {
    const dir = await tempBook(
      {
        'book.yaml': 'title: T\ncreator: A\nlanguage: en\nlicence: CC0-1.0\nremote-images: error\n',
        'a.md': '# A\n\n![Badge](https://example.com/b.svg)\n',
      },
      'octavo-remote-flag-',
    );
    const bad = await octavo(['build', '.', '-f', 'html', '--remote-images', 'sometimes'], dir);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--remote-images takes error or omit');
    const refused = await octavo(['build', '.', '-f', 'html'], dir);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('[assets/remote]');
    const run = await octavo(['build', '.', '-f', 'html', '--remote-images', 'omit'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/1 remote image is left out.*\[assets\/remote\]/);
  });
});
