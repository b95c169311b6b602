/**
 * DAISY Ace on the EPUBs of the sample book and the guide: no failure at all.
 * The accessibility metadata says what the build found, and claims EPUB
 * Accessibility 1.1 conformance only where Ace finds nothing either. The six
 * shared books get the same checks in shared-books.test.ts, on the EPUBs it
 * builds anyway (with the failures their sources cause, listed in
 * helpers/ace.ts).
 *
 * EPUB-only builds (Ace reads nothing else), made as sample.test.ts and
 * guide.test.ts make them (same sources, same settings), so the same EPUBs,
 * which those files check with EPUBCheck: it is not run twice. One book at a
 * time, as vitest runs a file's tests: Ace keeps both cores busy on its own.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import {
  type AceResult,
  expectAccessibilityMetadata,
  expectOnlySourceFailures,
  runAce,
  accessibilitySummary as summary,
} from '../helpers/ace.js';
import { repoRoot, unzip, zipText } from '../helpers/tools.js';

interface Source {
  name: string;
  input: string;
}

const timings: string[] = [];
let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'octavo-ace-books-'));
});
afterAll(async () => {
  if (timings.length) console.info(`Ace, per book (build + Ace): ${timings.join('; ')}`);
  await rm(work, { recursive: true, force: true });
});

function checks(source: Source, expectations: (opf: () => string) => void = () => {}) {
  let ace: AceResult;
  let opf: string;

  beforeAll(async () => {
    const started = performance.now();
    const result = await build({ input: source.input, outDir: path.join(work, source.name), formats: ['epub'] });
    const epub = result.outputs.epub!;
    const built = performance.now();
    ace = await runAce(epub);
    opf = await zipText(await unzip(epub), 'OEBPS/content.opf');
    timings.push(
      `${source.name} ${Math.round((performance.now() - started) / 1000)} s (Ace ${Math.round(ace.ms / 1000)} s, build ${Math.round((built - started) / 1000)} s)`,
    );
  }, 600_000);

  it('has no Ace failure but those its source causes', () => expectOnlySourceFailures(source.name, ace));

  it('has the accessibility metadata Ace looks for, and claims conformance only where Ace finds nothing', () => {
    expectAccessibilityMetadata(source.name, ace, opf);
    expectations(() => opf);
  });
}

describe('the sample book', () => {
  checks({ name: 'sample', input: path.join(repoRoot, 'manuscript') }, (opf) => {
    expect(summary(opf())).toBe('Text with headings, a table of contents and a colophon. No images.');
    expect(opf()).toContain('<meta property="schema:accessModeSufficient">textual</meta>');
    expect(opf()).not.toContain('<meta property="schema:accessMode">visual</meta>');
    expect(opf()).toContain('<meta property="dcterms:conformsTo">');
  });
});

describe('the guide', () => {
  checks({ name: 'guide', input: path.join(repoRoot, 'examples', 'guide') }, (opf) => {
    expect(summary(opf())).toBe(
      'Text with headings, a table of contents and a colophon. ' +
        '1 image: 1 described, none decorative, none without a description. ' +
        'Formulas are in MathML, each with a spoken description.',
    );
    for (const feature of ['MathML', 'describedMath', 'alternativeText'])
      expect(opf()).toContain(`<meta property="schema:accessibilityFeature">${feature}</meta>`);
    expect(opf()).toContain('<meta property="dcterms:conformsTo">');
  });
});
