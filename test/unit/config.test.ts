import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { modifiedTimestamp, parseConfig } from '../../src/config/load.js';
import { type Diagnostic, OctavoError } from '../../src/diagnostics.js';
import { repoRoot } from '../helpers/tools.js';

const root = path.join(repoRoot, 'manuscript');
const file = path.join(root, 'book.yaml');

async function errorsOf(yaml: string): Promise<Diagnostic[]> {
  try {
    await parseConfig(yaml, file, root);
  } catch (err) {
    if (err instanceof OctavoError) return err.diagnostics;
    throw err;
  }
  throw new Error('expected the config to be refused');
}

const MINIMAL = 'title: A Book\ncreator: Ann Author\nlanguage: en\nlicence: CC-BY-4.0\nsource: the author\n';

describe('book.yaml', () => {
  it('reads the fields, with defaults', async () => {
    const { config, diagnostics } = await parseConfig(MINIMAL, file, root);
    expect(diagnostics).toEqual([]);
    expect(config.title).toBe('A Book');
    expect(config.creators).toEqual(['Ann Author']);
    expect(config.licence.spdx).toBe('CC-BY-4.0');
    expect(config.pdf.pageSize).toBe('A5');
    expect(config.identifier).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(config.chapters).toEqual([{ file: '01-assads-visit.md' }]);
    expect(config.dir).toBe('ltr');
    expect(config.typography).toBe(true);
    expect(config.theme).toBe(path.join(repoRoot, 'templates', 'default'));
  });

  it('derives the identifier from the metadata, so it is stable and distinct', async () => {
    const a = (await parseConfig(MINIMAL, file, root)).config.identifier;
    const b = (await parseConfig(MINIMAL, file, root)).config.identifier;
    const c = (await parseConfig(MINIMAL.replace('A Book', 'Another Book'), file, root)).config.identifier;
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect((await parseConfig(`${MINIMAL}identifier: isbn:9780000000000\n`, file, root)).config.identifier).toBe(
      'isbn:9780000000000',
    );
  });

  it('accepts common other spellings (author, lang, license)', async () => {
    const { config } = await parseConfig(
      'title: T\nauthor: [A, B]\nlang: fr\nlicense: cc-by-sa-4.0\nsource: s\n',
      file,
      root,
    );
    expect(config.creators).toEqual(['A', 'B']);
    expect(config.language).toBe('fr');
    expect(config.licence.spdx).toBe('CC-BY-SA-4.0');
  });

  it('names the line of an unknown key and suggests the right one', async () => {
    const [d] = await errorsOf(`${MINIMAL}pulbisher: Me\n`);
    expect(d).toMatchObject({ severity: 'error', file, line: 6, column: 1, code: 'config/invalid' });
    expect(d!.message).toBe('unknown key `pulbisher`.');
    expect(d!.hint).toBe('Did you mean `publisher`?');
  });

  it('names the line of a YAML syntax error', async () => {
    const [d] = await errorsOf('title: A\ncreator: "unclosed\nlanguage: en\n');
    expect(d).toMatchObject({ code: 'config/yaml-syntax', file });
    expect(d!.line).toBeGreaterThanOrEqual(2);
  });

  it('refuses a missing title, a bad date and a bad page size', async () => {
    expect((await errorsOf('creator: A\n'))[0]!.message).toBe('missing required field `title`.');
    expect((await errorsOf(`${MINIMAL}date: 25 Nov\n`))[0]).toMatchObject({
      line: 6,
      message: expect.stringContaining('YYYY-MM-DD'),
    });
    expect((await errorsOf(`${MINIMAL}pdf:\n  page-size: huge\n`))[0]).toMatchObject({ line: 7, column: 3 });
  });

  it('accepts named and custom page sizes', async () => {
    for (const size of ['A4', 'letter', '6in 9in', '148mm 210mm']) {
      expect((await parseConfig(`${MINIMAL}pdf:\n  page-size: ${size}\n`, file, root)).config.pdf.pageSize).toBe(size);
    }
  });

  it('reads the print settings into millimetres, with defaults from the page and the direction', async () => {
    const { config } = await parseConfig(
      `${MINIMAL}pdf:\n  page-size: US Trade\n  margins:\n    inner: 0.75in\n  running-heads:\n    recto: none\nprint:\n  bleed: 0.125in\n`,
      file,
      root,
    );
    expect(config.pdf.trim).toEqual({ width: 152.4, height: 228.6 });
    expect(config.pdf.margins.inner).toBeCloseTo(19.05);
    expect(config.pdf.margins.outer).toBeCloseTo(13.7);
    expect(config.pdf.binding).toBe('left');
    expect(config.pdf.runningHeads).toEqual({ verso: 'book-title', recto: 'none' });
    expect(config.pdf.linkUrls).toBe(true);
    expect(config.print).toEqual({ bleed: 3.175, cropMarks: true, colour: 'keep', pageMultiple: 1, pdfx: false });
    const rtl = await parseConfig(`${MINIMAL.replace('language: en', 'language: fa')}`, file, root);
    expect(rtl.config.pdf.binding).toBe('right');
    expect(rtl.config.print).toBeUndefined();
  });

  it('reports every problem of book.yaml in line order', async () => {
    const errors = await errorsOf(
      'title: T\ncreatr: A\nlanguage: en\npdf:\n  page-size: Quarto\nprint:\n  colour: rgb\n',
    );
    expect(errors.map((d) => d.line)).toEqual([2, 5, 7]);
  });

  it('refuses margins that leave no room for the text, and suggests nested keys', async () => {
    expect((await errorsOf(`${MINIMAL}pdf:\n  margins:\n    inner: 100mm\n`))[0]).toMatchObject({
      line: 6,
      message: expect.stringContaining('text column of 35 × 172 mm'),
    });
    expect((await errorsOf(`${MINIMAL}pdf:\n  bindng: left\n`))[0]).toMatchObject({
      line: 7,
      hint: 'Did you mean `binding`?',
    });
    expect((await errorsOf(`${MINIMAL}print:\n  colour: rgb\n`))[0]!.message).toContain('must be keep, cmyk or grey');
  });

  it('refuses an unknown licence with a suggestion', async () => {
    const [d] = await errorsOf(MINIMAL.replace('CC-BY-4.0', 'CC-BY-SA-4'));
    expect(d).toMatchObject({ code: 'licence/unknown', line: 4 });
    expect(d!.hint).toBe('Did you mean `CC-BY-SA-4.0`?');
  });

  it('refuses an attribution licence without a creator, naming the field to add', async () => {
    const [d] = await errorsOf('title: T\nlanguage: en\nlicence: CC-BY-NC-4.0\n');
    expect(d).toMatchObject({ code: 'licence/missing-creator', line: 3 });
    expect(d!.hint).toContain('Add `creator:`');
  });

  it('warns when no licence is declared, and assumes all rights reserved', async () => {
    const { config, diagnostics } = await parseConfig('title: T\ncreator: A\nlanguage: en\n', file, root);
    expect(config.licence.spdx).toBe('LicenseRef-All-Rights-Reserved');
    expect(diagnostics.map((d) => d.code)).toEqual(['licence/none']);
    expect(diagnostics[0]!.message).toBe('no licence declared: all rights reserved is assumed.');
  });

  it('refuses chapters outside the book folder and missing ones', async () => {
    const errors = await errorsOf(`${MINIMAL}chapters:\n  - ../../etc/passwd\n  - nowhere.md\n`);
    expect(errors.map((e) => e.code)).toEqual(['manuscript/outside-book', 'manuscript/missing-chapter']);
  });

  it('refuses a theme that does not exist', async () => {
    expect((await errorsOf(`${MINIMAL}theme: ./no-such-theme\n`))[0]).toMatchObject({
      code: 'config/missing-theme',
      line: 6,
    });
  });

  it('takes the modification time from SOURCE_DATE_EPOCH when set', () => {
    expect(modifiedTimestamp({ SOURCE_DATE_EPOCH: '1700000000' })).toBe('2023-11-14T22:13:20Z');
    expect(modifiedTimestamp({})).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });
});
