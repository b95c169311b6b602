/** `octavo build file.md`: any Markdown file becomes a book, its front matter standing in for book.yaml. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { OctavoError } from '../../src/diagnostics.js';
import { CollectingReporter } from '../../src/reporter.js';
import { epubcheck, unzip, zipText } from '../helpers/tools.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'octavo-single-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('takes the metadata from the front matter', async () => {
  const file = path.join(dir, 'essay.md');
  await writeFile(
    file,
    '---\ntitle: An Essay\nauthor: Jo Writer\nlanguage: en\nlicense: CC-BY-SA-4.0\nsource: https://example.org/essay\n---\n\n# Part of it\n\nSome text.\n',
  );
  const reporter = new CollectingReporter();
  const result = await build({ input: file, outDir: path.join(dir, 'dist'), formats: ['epub', 'html'], reporter });
  expect(result.diagnostics).toEqual([]);
  expect(path.basename(result.outputs.epub!)).toBe('an-essay.epub');
  const opf = await zipText(await unzip(result.outputs.epub!), 'OEBPS/content.opf');
  expect(opf).toContain('<dc:title id="title">An Essay</dc:title>');
  expect(opf).toContain('<dc:creator id="creator-1">Jo Writer</dc:creator>');
  expect(opf).toContain('https://creativecommons.org/licenses/by-sa/4.0/');
  expect((await epubcheck(result.outputs.epub!)).output).toContain('No errors or warnings detected');
});

it('takes the title from the first heading, and warns that no licence is declared', async () => {
  const file = path.join(dir, 'README.md');
  await writeFile(file, '# A Project\n\nIt does things.\n');
  const reporter = new CollectingReporter();
  const result = await build({ input: file, outDir: path.join(dir, 'dist'), formats: ['html'], reporter });
  expect(path.basename(result.outputs.html!)).toBe('a-project.html');
  expect(result.diagnostics.map((d) => d.message)).toContain('no licence declared: all rights reserved is assumed.');
});

it('reports front matter errors with the line in the file', async () => {
  const file = path.join(dir, 'bad.md');
  await writeFile(file, '---\ntitle: T\nlicence: CC-BY-4.0\ncolour: red\n---\n\nText.\n');
  const err = await build({ input: file, outDir: path.join(dir, 'dist'), formats: ['html'] }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(OctavoError);
  expect((err as OctavoError).diagnostics[0]).toMatchObject({
    file,
    line: 4,
    code: 'config/invalid',
    message: 'unknown key `colour`.',
  });
});

it('warns about links to the rest of the repository and unlinks them, instead of failing', async () => {
  const file = path.join(dir, 'LINKS.md');
  await writeFile(file, '# Links\n\nSee [the licence](LICENSE) and [the guide](docs/guide.md#setup).\n');
  const result = await build({ input: file, outDir: path.join(dir, 'dist'), formats: ['html'] });
  const dangling = result.diagnostics.filter((d) => d.code === 'markdown/dangling-reference');
  expect(dangling.map((d) => d.severity)).toEqual(['warning', 'warning']);
  const html = await readFile(result.outputs.html!, 'utf8');
  expect(html).toContain('the licence');
  expect(html).not.toContain('href="LICENSE"');
});
