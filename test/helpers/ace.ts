/**
 * DAISY Ace, the EPUB accessibility checker: axe-core in Chromium on every
 * content document, plus Ace's own checks of the package (accessibility
 * metadata, page list, titles, languages). Run on a real EPUB; its report is
 * read back as the list of what failed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
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
