/** Hostile themes: a theme is content too, read into every page of every edition. */
import { readFile, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { OctavoError } from '../../src/diagnostics.js';
import { removeTempBooks, tempBook } from '../helpers/books.js';
import { epubcheck, repoRoot, unzip, zipText } from '../helpers/tools.js';

afterAll(removeTempBooks);

const YAML = 'title: T\ncreator: A\nlanguage: en\nlicence: CC0-1.0\n';

async function refusal(dir: string): Promise<OctavoError> {
  const err = await build({ input: dir, outDir: path.join(dir, 'dist'), formats: ['html'] }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(OctavoError);
  return err as OctavoError;
}

describe('the theme path', () => {
  it('refuses a theme outside the book folder, at the theme: line', async () => {
    for (const theme of ['../../../../etc', '/etc', '..']) {
      const dir = await tempBook({ 'book.yaml': `${YAML}theme: ${theme}\n`, 'a.md': '# A\n' }, 'octavo-theme-path-');
      const err = await refusal(dir);
      expect(err.diagnostics).toEqual([
        expect.objectContaining({ code: 'config/invalid', line: 5, file: expect.stringMatching(/book\.yaml$/) }),
      ]);
    }
  });

  it('refuses a theme folder that is a symbolic link out of the book', async () => {
    const dir = await tempBook({ 'book.yaml': `${YAML}theme: ./mine\n`, 'a.md': '# A\n' }, 'octavo-theme-link-');
    await symlink('/etc', path.join(dir, 'mine'));
    const err = await refusal(dir);
    expect(err.diagnostics.map((d) => [d.code, d.line])).toEqual([['config/invalid', 5]]);
  });
});

describe('a hostile theme', () => {
  it('is cleaned like a chapter: no script, handler or remote CSS reaches the outputs', async () => {
    const theme: Record<string, string> = {};
    for (const f of ['titlepage', 'contents', 'colophon', 'part', 'halftitle']) {
      theme[`mytheme/${f}.html`] = await readFile(path.join(repoRoot, 'templates/default', `${f}.html`), 'utf8');
    }
    for (const f of ['base', 'screen', 'epub', 'print']) {
      theme[`mytheme/css/${f}.css`] = await readFile(path.join(repoRoot, 'templates/default/css', `${f}.css`), 'utf8');
    }
    theme['mytheme/document.html'] =
      '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n<title></title>\n<script src="http://127.0.0.1:9/s.js"></script>\n<link rel="stylesheet" href="http://127.0.0.1:9/l.css">\n</head>\n<body onload="steal()"></body>\n</html>\n';
    theme['mytheme/chapter.html'] =
      '<section class="chapter" epub:type="chapter" role="doc-chapter" onclick="steal()" data-slot="content"></section>\n<a href="javascript:steal()">x</a><iframe src="http://127.0.0.1:9/f"></iframe>';
    theme['mytheme/css/base.css'] +=
      '\n@import url(http://127.0.0.1:9/i.css);\nbody { background: url("http://127.0.0.1:9/bg.png"); color: #111 }\n';
    const dir = await tempBook(
      { 'book.yaml': `${YAML}theme: ./mytheme\n`, 'a.md': '# A\n\nText.\n', ...theme },
      'octavo-hostile-theme-',
    );
    const built = await build({ input: dir, outDir: path.join(dir, 'dist'), formats: ['html', 'epub'] });
    const warned = built.diagnostics.map((d) => [d.code, path.basename(d.file ?? ''), d.line]);
    expect(warned).toEqual(
      expect.arrayContaining([
        ['theme/unsafe-html', 'document.html', 6],
        ['theme/unsafe-html', 'document.html', 7],
        ['theme/unsafe-html', 'document.html', 9],
        ['theme/unsafe-html', 'chapter.html', 1],
        ['theme/unsafe-html', 'chapter.html', 2],
        ['theme/unsafe-css', 'base.css', undefined],
      ]),
    );
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const zip = await unzip(built.outputs.epub!);
    const pages = [await readFile(built.outputs.html!, 'utf8')];
    for (const name of Object.keys(zip.files).filter((n) => /\.(xhtml|css)$/.test(n))) {
      pages.push(await zipText(zip, name));
    }
    for (const page of pages) {
      expect(page).not.toMatch(
        /<script(?! type="application\/ld\+json")|l\.css|onclick|onload|javascript:|127\.0\.0\.1|@import|<iframe/i,
      );
    }
    expect(pages.join('\n')).toContain('color:#111');
    const check = await epubcheck(built.outputs.epub!);
    expect(check.errors + check.fatals, check.output).toBe(0);
  });
});
