/**
 * DAISY Ace, the EPUB accessibility checker: axe-core in Chromium on every
 * content document, plus Ace's own checks of the package (accessibility
 * metadata, page list, titles, languages). Run on a real EPUB; its report is
 * read back as the list of what failed; and the checks every EPUB of the
 * tests meets (ace.test.ts, shared-books.test.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { locateChromium } from '../../src/browser/locate.js';

export interface AceFailure {
  /** The document, as Ace names it: `ch-3.xhtml`, `content.opf`. */
  document: string;
  /** axe's rule id (`heading-order`) or Ace's check (`metadata-accessmode`). */
  rule: string;
  impact: string;
  /** The failing element's markup, when the check is about one. */
  html: string;
}

export interface AceResult {
  /** Ace's verdict on the whole publication (`earl:result`). */
  outcome: 'pass' | 'fail';
  failures: AceFailure[];
  /** Accessibility metadata Ace found present or missing in the package document. */
  metadata: { present: string[]; missing: string[]; empty: string[] };
  ms: number;
}

interface EarlAssertion {
  'earl:testSubject'?: { url?: string };
  'earl:test'?: { 'dct:title'?: string; 'earl:impact'?: string };
  'earl:result'?: { 'earl:outcome'?: string; html?: string };
  assertions?: EarlAssertion[];
}

interface AceReport {
  'earl:result': { 'earl:outcome': 'pass' | 'fail' };
  assertions: EarlAssertion[];
  'a11y-metadata': AceResult['metadata'];
}

let chromium: Promise<string | undefined> | undefined;

/**
 * Ace on one EPUB. Its Puppeteer runner launches a Chromium of its own, the
 * one the tests use (Puppeteer has none downloaded); two pages at once, as
 * the machine has two cores.
 */
export async function runAce(epub: string): Promise<AceResult> {
  chromium ??= locateChromium().then((b) => b?.path);
  const executable = await chromium;
  if (executable) process.env.PUPPETEER_EXECUTABLE_PATH ??= executable;
  // Imported only now: Puppeteer reads PUPPETEER_EXECUTABLE_PATH when it is loaded.
  const { default: ace } = await import('@daisy/ace-core');
  const { default: runner } = await import('@daisy/ace-axe-runner-puppeteer');
  const work = await mkdtemp(path.join(os.tmpdir(), 'octavo-ace-'));
  const started = performance.now();
  try {
    const [, json] = await ace(
      epub,
      {
        cwd: process.cwd(),
        outdir: path.join(work, 'report'),
        tmpdir: path.join(work, 'tmp'),
        verbose: false,
        silent: true,
        initLogger: true,
      },
      { ...runner, concurrency: 2 },
    );
    const report = json as AceReport;
    const failures: AceFailure[] = [];
    for (const doc of report.assertions) {
      const document = (doc['earl:testSubject']?.url ?? '').replace(/^.*\//, '');
      for (const a of doc.assertions ?? []) {
        if (a['earl:result']?.['earl:outcome'] !== 'fail') continue;
        failures.push({
          document,
          rule: a['earl:test']?.['dct:title'] ?? '',
          impact: a['earl:test']?.['earl:impact'] ?? '',
          html: a['earl:result']?.html ?? '',
        });
      }
    }
    return {
      outcome: report['earl:result']['earl:outcome'],
      failures,
      metadata: report['a11y-metadata'],
      ms: Math.round(performance.now() - started),
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** A failure Ace reports that the source causes: the document, the rule, the element's id, and why. */
export interface SourceFailure {
  document: string;
  rule: string;
  id: string;
  why: string;
}

/** The failures Ace reports that the shared books' sources cause, each with the reason. */
export const SOURCE_FAILURES: Record<string, SourceFailure[]> = {
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

const ACCESSIBILITY_METADATA = [
  'schema:accessMode',
  'schema:accessModeSufficient',
  'schema:accessibilityFeature',
  'schema:accessibilityHazard',
  'schema:accessibilitySummary',
];

/** Whether Ace's failure is one the source causes, and which. */
function sourceFailure(book: string, f: AceFailure): SourceFailure | undefined {
  return SOURCE_FAILURES[book]?.find(
    (s) => s.document === f.document && s.rule === f.rule && f.html.includes(`id="${s.id}"`),
  );
}

/** No Ace failure but those `book`'s source causes (`SOURCE_FAILURES`), and each of those still there. */
export function expectOnlySourceFailures(book: string, ace: AceResult): void {
  const octavos = ace.failures.filter((f) => !sourceFailure(book, f));
  expect(octavos).toEqual([]);
  // Each failure listed as the source's is still there (else the list is out of date).
  for (const s of SOURCE_FAILURES[book] ?? [])
    expect(
      ace.failures.some((f) => sourceFailure(book, f) === s),
      `${s.document} ${s.id}`,
    ).toBe(true);
  expect(ace.outcome).toBe(ace.failures.length ? 'fail' : 'pass');
}

/** The accessibility metadata Ace looks for is there, and the package claims conformance only where Ace finds nothing. */
export function expectAccessibilityMetadata(book: string, ace: AceResult, opf: string): void {
  for (const name of ACCESSIBILITY_METADATA) expect(ace.metadata.present, name).toContain(name);
  const claims = opf.includes('<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.2 Level AA</meta>');
  if (claims) {
    expect(ace.failures).toEqual([]);
    expect(opf).toMatch(/<meta property="a11y:certifiedBy">Octavo [^<]+ \(automated checks\)<\/meta>/);
  }
  if (SOURCE_FAILURES[book]) expect(claims).toBe(false);
}

/** The package document's accessibility summary. */
export const accessibilitySummary = (opf: string) =>
  /<meta property="schema:accessibilitySummary">([^<]*)<\/meta>/.exec(opf)?.[1];
