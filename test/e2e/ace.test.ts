/**
 * DAISY Ace on the EPUBs of the sample book, the guide and the six real books
 * in ../shared/books: no failure that Octavo causes (markup, metadata). The
 * few that remain are the sources' own, each listed below with the reason.
 * The accessibility metadata says what the build found, and claims EPUB
 * Accessibility 1.1 conformance only where Ace finds nothing either.
 *
 * EPUB-only builds (Ace reads nothing else), made as sample.test.ts,
 * guide.test.ts and shared-books.test.ts make them (same sources, same
 * settings), so the same EPUBs, which those files check with EPUBCheck: it is
 * not run twice. The real books are skipped, by name, where ../shared is absent.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { build } from '../../src/build.js';
import { type AceFailure, type AceResult, runAce } from '../helpers/ace.js';
import { repoRoot, sharedDir, unzip, zipText } from '../helpers/tools.js';

interface Source {
  name: string;
  input: string;
  /** A book.yaml written for the book (the real books have none of their own). */
  config?: (work: string) => Promise<string>;
}

/** A failure Ace reports that the source causes: the document, the rule, the element's id, and why. */
interface SourceFailure {
  document: string;
  rule: string;
  id: string;
  why: string;
}

const SOURCE_FAILURES: Record<string, SourceFailure[]> = {
  'djangogirls-en': [
    {
      document: 'ch-11.xhtml',
      rule: 'heading-order',
      id: 'changing-the-timezone',
      why: 'en/django_start_project/README.md goes from "## Changing settings" to "#### Changing the Timezone".',
    },
    {
      document: 'ch-25.xhtml',
      rule: 'heading-order',
      id: 'what-to-do-now',
      why: 'en/whats_next/README.md goes from its "#" title to "### What to do now?".',
    },
  ],
  'djangogirls-fa': [
    {
      document: 'ch-2.xhtml',
      rule: 'heading-order',
      id: 'ide-ابری-paizacloud-cloud-ide-aws-cloud9-و-glitchcom',
      why: 'fa/installation/README.md includes chromebook_setup/instructions.md, whose first heading is "###", under a "#".',
    },
    {
      document: 'ch-3.xhtml',
      rule: 'heading-order',
      id: 'ide-ابری-paizacloud-cloud-ide-aws-cloud9-و-glitchcom-1',
      why: 'fa/chromebook_setup/README.md includes the same file under its "#" title.',
    },
    {
      document: 'ch-25.xhtml',
      rule: 'heading-order',
      id: 'حالا-چه-باید-کرد',
      why: 'fa/whats_next/README.md goes from its "#" title to "###".',
    },
  ],
};

const booksDir = path.join(sharedDir, 'books');
const present = existsSync(booksDir);
/** Book-specific settings a user of that book would write into its book.yaml (as in shared-books.test.ts). */
const EXTRA: Record<string, Record<string, unknown>> = {
  'progit1-zh': { 'figure-lines': { match: String.raw`^Insert (\S+)\.png$`, src: 'figures/$1-tn.png' } },
  'byte-of-python': { gitbook: true },
  'djangogirls-en': { gitbook: true },
  'djangogirls-fa': { gitbook: true },
};
const REAL_BOOKS = [
  'art-of-command-line',
  'byte-of-python',
  'djangogirls-en',
  'djangogirls-fa',
  'progit1-zh',
  'ydkjsy-scope-closures',
];
if (!present) console.warn(`ace: ${booksDir} not found; Ace on its ${REAL_BOOKS.length} books is skipped.`);

function realBook(name: string): Source {
  const input = path.join(booksDir, name);
  return {
    name,
    input,
    async config(work) {
      const meta = JSON.parse(await readFile(path.join(input, 'META.json'), 'utf8')) as Record<string, string>;
      const order = (await readFile(path.join(input, 'ORDER.txt'), 'utf8')).split('\n').filter(Boolean);
      const file = path.join(work, `${name}.yaml`);
      await writeFile(
        file,
        stringify({
          title: meta.title,
          creator: meta.creators,
          language: meta.language,
          licence: meta.licence_spdx,
          'licence-statement': meta.licence_statement,
          source: `${meta.source_repo} (commit ${meta.commit})`,
          // As shared-books.test.ts writes it, so the EPUB is the one that file checks with EPUBCheck.
          changes: [{ format: 'Typeset as EPUB, PDF and HTML by Octavo; the text is unchanged.' }],
          chapters: order,
          'remote-images': 'omit',
          'broken-links': 'warn',
          ...EXTRA[name],
        }),
      );
      return file;
    },
  };
}

const ACCESSIBILITY_METADATA = [
  'schema:accessMode',
  'schema:accessModeSufficient',
  'schema:accessibilityFeature',
  'schema:accessibilityHazard',
  'schema:accessibilitySummary',
];

const timings: string[] = [];
let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'octavo-ace-books-'));
});
afterAll(async () => {
  if (timings.length) console.info(`Ace, per book (build + Ace): ${timings.join('; ')}`);
  await rm(work, { recursive: true, force: true });
});

/** Whether Ace's failure is one the source causes, and which. */
function sourceFailure(book: string, f: AceFailure): SourceFailure | undefined {
  return SOURCE_FAILURES[book]?.find(
    (s) => s.document === f.document && s.rule === f.rule && f.html.includes(`id="${s.id}"`),
  );
}

function checks(source: Source, expectations: (opf: () => string) => void = () => {}) {
  let ace: AceResult;
  let opf: string;

  beforeAll(async () => {
    const started = performance.now();
    const configFile = await source.config?.(work);
    const result = await build({
      input: source.input,
      ...(configFile ? { configFile } : {}),
      outDir: path.join(work, source.name),
      formats: ['epub'],
    });
    const epub = result.outputs.epub!;
    const built = performance.now();
    ace = await runAce(epub);
    opf = await zipText(await unzip(epub), 'OEBPS/content.opf');
    timings.push(
      `${source.name} ${Math.round((performance.now() - started) / 1000)} s (Ace ${Math.round(ace.ms / 1000)} s, build ${Math.round((built - started) / 1000)} s)`,
    );
  }, 600_000);

  it('has no Ace failure but those its source causes', () => {
    const octavos = ace.failures.filter((f) => !sourceFailure(source.name, f));
    expect(octavos).toEqual([]);
    // Each failure listed as the source's is still there (else the list is out of date).
    for (const s of SOURCE_FAILURES[source.name] ?? [])
      expect(
        ace.failures.some((f) => sourceFailure(source.name, f) === s),
        `${s.document} ${s.id}`,
      ).toBe(true);
    expect(ace.outcome).toBe(ace.failures.length ? 'fail' : 'pass');
  });

  it('has the accessibility metadata Ace looks for, and claims conformance only where Ace finds nothing', () => {
    for (const name of ACCESSIBILITY_METADATA) expect(ace.metadata.present, name).toContain(name);
    const claims = opf.includes(
      '<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.2 Level AA</meta>',
    );
    if (claims) {
      expect(ace.failures).toEqual([]);
      expect(opf).toMatch(/<meta property="a11y:certifiedBy">Octavo [^<]+ \(automated checks\)<\/meta>/);
    }
    if (SOURCE_FAILURES[source.name]) expect(claims).toBe(false);
    expectations(() => opf);
  });
}

const summary = (opf: string) => /<meta property="schema:accessibilitySummary">([^<]*)<\/meta>/.exec(opf)?.[1];

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

describe.skipIf(!present)(present ? 'the real books' : `the real books (${booksDir} not found: skipped)`, () => {
  describe.each(REAL_BOOKS)('%s', (name) => {
    checks(realBook(name), (opf) => {
      if (name === 'djangogirls-en')
        expect(summary(opf())).toBe(
          'Text with headings, a table of contents and a colophon. ' +
            '57 images: 45 described, 12 decorative, none without a description.',
        );
      if (name === 'djangogirls-fa')
        expect(summary(opf())).toContain('تصویرها: 49؛ با توضیح: 47، تزئینی: 2، بدون توضیح: 0.');
      if (name === 'progit1-zh')
        expect(summary(opf())).toContain('图片 98 幅：有描述 98 幅，装饰性 0 幅，无描述 0 幅。');
    });
  });
});
