/**
 * `octavo licence <file>`: the licence notice of an EPUB, PDF or HTML edition,
 * read back from the file alone. Nothing here prints; the CLI prints the text
 * or the JSON document and exits with `exitStatus`.
 */
import { type ReadOptions, readLicence } from '../licence/read/index.js';
import type { LicenceReport } from '../licence/read/report.js';
import type { CreditRecord, LicenceRef } from '../licence/record.js';

export { UnknownFileType } from '../licence/read/index.js';
export type { LicenceReport };

export async function licenceReport(file: string, options: ReadOptions = {}): Promise<LicenceReport> {
  return readLicence(file, options);
}

/** 0: a complete notice in every layer checked; 1: missing or incomplete. */
export function exitStatus(report: LicenceReport): 0 | 1 {
  return report.problems.length === 0 && report.notice.metadata && report.notice.human !== false ? 0 : 1;
}

/** The `--json` document (documented in README.md, "`octavo licence`"). */
export function licenceJson(report: LicenceReport) {
  return {
    file: report.file,
    format: report.format,
    licence: report.licence,
    title: report.title,
    creators: report.creators,
    source: report.source,
    licenceStatement: report.licenceStatement,
    changes: report.changes,
    copyright: report.copyright,
    credits: report.credits,
    notice: report.notice,
    problems: report.problems,
  };
}

function licenceLabel(l: LicenceRef | null): string {
  if (!l) return '(none found)';
  const name = l.name ?? l.spdx ?? 'an unknown licence';
  const id = l.spdx && l.name ? ` (${l.spdx})` : '';
  return `${name}${id}${l.url ? `, ${l.url}` : ''}`;
}

function creditLine(c: CreditRecord): string {
  let line = `${c.kind}: “${c.title}”`;
  if (c.creators.length) line += ` by ${c.creators.join(', ')}`;
  if (c.source) line += `, from ${c.source}`;
  line += ` — ${c.licence ? (c.licence.spdx ?? c.licence.url ?? c.licence.name) : 'no licence'}`;
  if (c.target) line += ` [${c.target}]`;
  return line;
}

const FORMAT_NAME = { epub: 'EPUB', pdf: 'PDF', html: 'HTML' } as const;

/** The report for people. */
export function licenceSummary(report: LicenceReport): string {
  const lines: string[] = [`${report.file} (${FORMAT_NAME[report.format]})`, ''];
  const field = (label: string, value: string | null | undefined) =>
    lines.push(`${`${label}:`.padEnd(19)}${value ?? '(none)'}`);
  field('Licence', licenceLabel(report.licence));
  field('Title', report.title);
  field('Author', report.creators.length ? report.creators.join(', ') : null);
  field('Source', report.source);
  if (report.licenceStatement) field('Licence statement', report.licenceStatement);
  if (report.copyright) field('Copyright', report.copyright);
  if (report.changes.length) {
    lines.push('Changes:');
    for (const c of report.changes) lines.push(`  - ${c}`);
  }
  const others = report.credits.filter((c) => c.kind !== 'book');
  if (others.length) {
    lines.push('Credits:');
    for (const c of others) lines.push(`  - ${creditLine(c)}`);
  }
  lines.push('');
  const mark = (ok: boolean | 'not checked') => (ok === 'not checked' ? 'not checked' : ok ? 'complete' : 'incomplete');
  lines.push(`Notice in the metadata: ${mark(report.notice.metadata)}`);
  lines.push(
    `Notice for readers:     ${mark(report.notice.human)}${report.humanNotChecked ? ` (${report.humanNotChecked})` : ''}`,
  );
  for (const p of report.problems) lines.push(`  missing: ${p}`);
  lines.push(
    exitStatus(report) === 0
      ? 'The licence notice is complete.'
      : `The licence notice is missing or incomplete (${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}).`,
  );
  return lines.join('\n');
}
