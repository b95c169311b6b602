/**
 * Inputs that are not what Octavo expects: UTF-16 and Latin-1 files, a title
 * YAML reads as a number, a chapter listed twice, symbolic links in and out
 * of the book. Each builds right or stops with one clear diagnostic.
 */
import { mkdtemp, readFile, realpath, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { type Diagnostic, Diagnostics, OctavoError } from '../../src/diagnostics.js';
import { decodeText } from '../../src/manuscript/decode.js';
import { removeTempBooks, tempBook } from '../helpers/books.js';
import { solidPng } from '../helpers/png.js';

const BOOK_YAML = 'title: Café Society\ncreator: Zoë Ångström\nlanguage: fr\nlicence: CC0-1.0\n';
const CHAPTER = '# Le café\n\nUn café crème, s’il vous plaît — merci.\n';

let out: string;
beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'octavo-hostile-out-'));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
  await removeTempBooks();
});

function utf16(text: string, order: 'le' | 'be', bom = true): Buffer {
  const le = Buffer.from(text, 'utf16le');
  const bytes = order === 'le' ? le : Buffer.from(le).swap16();
  const mark = order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff];
  return bom ? Buffer.concat([Buffer.from(mark), bytes]) : bytes;
}

let n = 0;
async function buildHtml(dir: string): Promise<{ html: string; diagnostics: Diagnostic[] }> {
  const built = await build({ input: dir, outDir: path.join(out, String(n++)), formats: ['html'] });
  return { html: await readFile(built.outputs.html!, 'utf8'), diagnostics: built.diagnostics };
}

/** The errors a build stops with (it must stop). */
async function failure(dir: string): Promise<Diagnostic[]> {
  const sink = new Diagnostics();
  const err = await build({
    input: dir,
    outDir: path.join(out, String(n++)),
    formats: ['html'],
    diagnostics: sink,
  }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(OctavoError);
  return (err as OctavoError).diagnostics;
}

describe('UTF-16 and UTF-8 with a BOM', () => {
  for (const order of ['le', 'be'] as const) {
    it(`builds a UTF-16${order.toUpperCase()} book.yaml and chapter (with BOM), with the words right`, async () => {
      const dir = await tempBook({ 'book.yaml': utf16(BOOK_YAML, order), 'a.md': utf16(CHAPTER, order) });
      const { html, diagnostics } = await buildHtml(dir);
      expect(html).toContain('Café Society');
      expect(html).toContain('Zoë Ångström');
      expect(html).toContain('Un café crème');
      const notes = diagnostics.filter((d) => d.code === 'manuscript/utf16');
      expect(notes.map((d) => path.basename(d.file!)).sort()).toEqual(['a.md', 'book.yaml']);
      expect(notes.every((d) => d.severity === 'info' && d.hint?.includes('UTF-8'))).toBe(true);
    });
  }

  it('builds a UTF-16LE chapter without a BOM, recognised by its NUL bytes', async () => {
    const dir = await tempBook({ 'book.yaml': BOOK_YAML, 'a.md': utf16(CHAPTER, 'le', false) });
    const { html, diagnostics } = await buildHtml(dir);
    expect(html).toContain('Un café crème');
    expect(html).not.toContain('\u0000');
    expect(diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'manuscript/utf16',
        message: expect.stringContaining('without a byte-order mark'),
      }),
    );
  });

  it('builds a single-file book saved as UTF-16LE, front matter and all', async () => {
    const dir = await tempBook({
      'book.md': utf16(`---\n${BOOK_YAML}---\n\n${CHAPTER}`, 'le'),
    });
    const built = await build({
      input: path.join(dir, 'book.md'),
      outDir: path.join(out, String(n++)),
      formats: ['html'],
    });
    const html = await readFile(built.outputs.html!, 'utf8');
    expect(html).toContain('Zoë Ångström');
    expect(html).toContain('Un café crème');
    expect(built.diagnostics.filter((d) => d.code === 'manuscript/utf16')).toHaveLength(1);
  });

  it('decodes a GitBook include saved as UTF-16BE', async () => {
    const dir = await tempBook({
      'book.yaml': `${BOOK_YAML}gitbook: true\nchapters:\n  - a.md\n`,
      'a.md': '# A\n\n{% include "part.md" %}\n',
      'part.md': utf16('Inclus : un café crème.\n', 'be'),
    });
    const { html, diagnostics } = await buildHtml(dir);
    expect(html).toContain('un café crème');
    expect(diagnostics).toContainEqual(
      expect.objectContaining({ code: 'manuscript/utf16', file: path.join(dir, 'part.md') }),
    );
  });

  it('drops a UTF-8 BOM from book.yaml and chapters', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const dir = await tempBook({
      'book.yaml': Buffer.concat([bom, Buffer.from(BOOK_YAML)]),
      'a.md': Buffer.concat([bom, Buffer.from(CHAPTER)]),
    });
    const { html, diagnostics } = await buildHtml(dir);
    expect(html).toContain('Café Society');
    expect(html).not.toContain('\uFEFF');
    expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });
});

describe('bytes that are not UTF-8', () => {
  it('refuses a Latin-1 book.yaml with the line, column and byte offset', async () => {
    const dir = await tempBook({ 'book.yaml': Buffer.from(BOOK_YAML, 'latin1'), 'a.md': CHAPTER });
    const errors = await failure(dir);
    expect(errors).toEqual([
      expect.objectContaining({
        code: 'config/not-utf8',
        line: 1,
        column: 11,
        message: expect.stringContaining('byte 0xE9 at byte offset 10'),
        hint: expect.stringContaining('UTF-8'),
      }),
    ]);
    expect(errors[0]!.message).not.toContain('�');
  });

  it('replaces bad bytes in a chapter and warns with the place', async () => {
    const dir = await tempBook({ 'book.yaml': BOOK_YAML, 'a.md': Buffer.from(`# A\n\n${CHAPTER}`, 'latin1') });
    const { html, diagnostics } = await buildHtml(dir);
    expect(html).toContain('Le caf�');
    expect(diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        code: 'manuscript/not-utf8',
        line: 3,
        column: 9,
        message: expect.stringContaining('byte 0xE9 at byte offset 13'),
      }),
    );
  });

  it('reads an image credit sidecar saved as UTF-16, and refuses a Latin-1 one with the byte offset', async () => {
    const credit = 'creator: Zoë Ångström\nlicence: CC-BY-4.0\ntitle: Carte du café\n';
    const files = {
      'book.yaml': BOOK_YAML,
      'a.md': '# A\n\n![Une carte](map.png)\n',
      'map.png': solidPng(40, 30, [200, 200, 200]),
    };
    const good = await tempBook({ ...files, 'map.png.credit.yaml': utf16(credit, 'le') });
    const { html, diagnostics } = await buildHtml(good);
    expect(html).toContain('Carte du café');
    expect(html).toContain('Zoë Ångström');
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'manuscript/utf16' }));
    const bad = await tempBook({ ...files, 'map.png.credit.yaml': Buffer.from(credit, 'latin1') });
    expect(await failure(bad)).toEqual([
      expect.objectContaining({
        code: 'licence/image-credit',
        file: expect.stringMatching(/map\.png\.credit\.yaml$/),
        line: 1,
        message: expect.stringContaining('byte 0xEB at byte offset 11'),
      }),
    ]);
  });

  it('finds the first bad byte after multi-byte characters, in characters', () => {
    const bytes = Buffer.concat([Buffer.from('a: ✓é\nb: '), Buffer.from([0xc3, 0x28])]);
    const decoded = decodeText(bytes, 'x.yaml', { strict: true, code: 'config/not-utf8' });
    expect(decoded.failure).toMatchObject({ line: 2, column: 4, message: expect.stringContaining('offset 12') });
    // Overlong and surrogate forms are not UTF-8 either.
    for (const bad of [
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
    ]) {
      expect(decodeText(Buffer.from(bad), 'x', { strict: true }).failure, bad.join()).toBeDefined();
    }
    expect(decodeText(Buffer.from('😀 ✓ é', 'utf8'), 'x', { strict: true }).failure).toBeUndefined();
  });
});

describe('values of the wrong type', () => {
  it('says `title: 1984` is a number and how to quote it', async () => {
    const dir = await tempBook({ 'book.yaml': BOOK_YAML.replace('Café Society', '1984'), 'a.md': CHAPTER });
    const [e, ...rest] = await failure(dir);
    expect(rest).toEqual([]);
    expect(e).toMatchObject({ code: 'config/invalid', line: 1 });
    expect(e!.message).toBe('`title` must be text, got a number (1984).');
    expect(e!.hint).toBe('Quote it: title: "1984".');
  });

  it('keeps the value as written in the hint, and names the types a union takes', async () => {
    const dir = await tempBook({
      'book.yaml':
        'title: 1.10\ncreator: 7\nlanguage: en\nlicence: CC0-1.0\nchapters:\n  - file: a.md\n    title: 12\n',
      'a.md': CHAPTER,
    });
    const errors = await failure(dir);
    expect(errors.map((d) => [d.line, d.message, d.hint])).toEqual([
      [1, '`title` must be text, got a number (1.10).', 'Quote it: title: "1.10".'],
      [2, '`creator` must be text or a list, got a number (7).', 'Quote it: creator: "7".'],
      [7, '`chapters.0.title` must be text, got a number (12).', 'Quote it: title: "12".'],
    ]);
  });

  it('still says a missing field is missing, and an empty one is empty', async () => {
    expect((await failure(await tempBook({ 'book.yaml': 'creator: A\n', 'a.md': CHAPTER })))[0]!.message).toBe(
      'missing required field `title`.',
    );
    expect((await failure(await tempBook({ 'book.yaml': 'title:\ncreator: A\n', 'a.md': CHAPTER })))[0]!.message).toBe(
      '`title` is empty.',
    );
  });
});

describe('the reading order', () => {
  const yaml = (...files: string[]) => `${BOOK_YAML}chapters:\n${files.map((f) => `  - ${f}\n`).join('')}`;

  it('refuses a chapter listed twice, at the second listing', async () => {
    const dir = await tempBook({ 'book.yaml': yaml('a.md', 'b.md', './a.md'), 'a.md': CHAPTER, 'b.md': '# B\n' });
    expect(await failure(dir)).toEqual([
      expect.objectContaining({
        code: 'manuscript/duplicate-chapter',
        line: 8,
        message: 'chapter `./a.md` is listed twice (first at line 6).',
      }),
    ]);
  });

  for (const [first, second, line] of [
    ['a.md', 'link.md', 7],
    ['link.md', 'a.md', 7],
  ] as const) {
    it(`refuses a chapter listed by its name and by a link to it (${first} first)`, async () => {
      const dir = await tempBook({ 'book.yaml': yaml(first, second), 'a.md': CHAPTER });
      await symlink('a.md', path.join(dir, 'link.md'));
      const errors = await failure(dir);
      expect(errors).toEqual([expect.objectContaining({ code: 'manuscript/duplicate-chapter', line })]);
      expect(errors[0]!.message).toBe(
        `chapter \`${second}\` is the same file as \`${first}\`, listed at line 6 (through a symbolic link).`,
      );
    });
  }

  it('follows a link to a chapter inside the book', async () => {
    const dir = await tempBook({ 'book.yaml': yaml('link.md'), 'texts/a.md': CHAPTER });
    await symlink('texts/a.md', path.join(dir, 'link.md'));
    const { html } = await buildHtml(dir);
    expect(html).toContain('Un café crème');
  });

  it('refuses a link that leads out of the book, naming link and target', async () => {
    const outside = await tempBook({ 'secret.md': '# Secret\n\nnot part of the book\n' });
    const dir = await tempBook({ 'book.yaml': yaml('a.md', 'link.md'), 'a.md': CHAPTER });
    await symlink(path.join(outside, 'secret.md'), path.join(dir, 'link.md'));
    const errors = await failure(dir);
    expect(errors).toEqual([expect.objectContaining({ code: 'manuscript/outside-book', line: 7 })]);
    expect(errors[0]!.message).toContain('`link.md`');
    expect(errors[0]!.message).toContain(path.join(await realpath(outside), 'secret.md'));
  });

  it('in a book that lists no chapters: follows links inside, refuses links out, takes a file once', async () => {
    const outside = await tempBook({ 'secret.md': '# Secret\n' });
    const dir = await tempBook({ 'book.yaml': BOOK_YAML, '1-a.md': CHAPTER });
    await symlink('1-a.md', path.join(dir, '2-again.md'));
    const ok = await buildHtml(dir);
    expect(ok.diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'warning', code: 'manuscript/duplicate-chapter' }),
    );
    expect(ok.html.match(/Un café crème/g)).toHaveLength(1);

    await symlink(path.join(outside, 'secret.md'), path.join(dir, '3-secret.md'));
    const errors = await failure(dir);
    expect(errors).toEqual([
      expect.objectContaining({ code: 'manuscript/outside-book', file: path.join(dir, '3-secret.md') }),
    ]);
  });
});
