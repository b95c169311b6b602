/** book.yaml can point at a theme folder of the book's own. */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { epubcheck, repoRoot, unzip, zipText } from '../helpers/tools.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

it('builds with a theme folder given in book.yaml', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'octavo-theme-'));
  dirs.push(dir);
  await cp(path.join(repoRoot, 'manuscript'), dir, { recursive: true });
  await cp(path.join(repoRoot, 'templates', 'default'), path.join(dir, 'my-theme'), { recursive: true });
  const colophon = path.join(dir, 'my-theme', 'colophon.html');
  await writeFile(colophon, (await readFile(colophon, 'utf8')).replace('>Colophon</h1>', '>Credits and licence</h1>'));
  await writeFile(path.join(dir, 'my-theme', 'css', 'screen.css'), 'body { background: #abcdef; }');
  await writeFile(
    path.join(dir, 'book.yaml'),
    `${await readFile(path.join(dir, 'book.yaml'), 'utf8')}theme: ./my-theme\n`,
  );

  const result = await build({ input: dir, outDir: path.join(dir, 'out'), formats: ['html', 'epub'] });
  const html = await readFile(result.outputs.html!, 'utf8');
  expect(html).toContain('Credits and licence</h1>');
  expect(html).toContain('background: #abcdef');
  const zip = await unzip(result.outputs.epub!);
  expect(await zipText(zip, 'OEBPS/colophon.xhtml')).toContain('Credits and licence</h1>');
  expect(await zipText(zip, 'OEBPS/toc.xhtml')).toContain('Credits and licence');
  const check = await epubcheck(result.outputs.epub!);
  expect([check.errors, check.warnings]).toEqual([0, 0]);
});
