/**
 * What `octavo licence` found in one file, and whether the notice is
 * complete: the machine layer (metadata) and the human one (the colophon).
 */
import { findLicence } from '../catalogue.js';
import { type CreditRecord, type LicenceRef, requiresAttribution, sameLicence } from '../record.js';

export type LicenceFormat = 'epub' | 'pdf' | 'html';

/** The metadata layer as a reader found it. */
export interface MachineFacts {
  licence: LicenceRef | null;
  title: string | null;
  creators: string[];
  source: string | null;
  licenceStatement: string | null;
  changes: string[];
  copyright: string | null;
  /** Octavo's credits list as the file carries it; empty when the file has none. */
  credits: CreditRecord[];
  /** Inconsistencies the reader noticed in the metadata. */
  problems: string[];
}

/** The human layer: checked (with what is wrong) or not checked at all. */
export type HumanFacts = { checked: true; problems: string[] } | { checked: false; why: string };

/** The metadata facts, plus where they came from and whether the notice is complete. */
export interface LicenceReport extends Omit<MachineFacts, 'problems'> {
  file: string;
  format: LicenceFormat;
  notice: { metadata: boolean; human: boolean | 'not checked' };
  /** Why the human notice was not checked, when it was not. */
  humanNotChecked?: string;
  problems: string[];
}

const KIND_WORD: Record<string, string> = { chapter: 'chapter', image: 'image', font: 'font', book: 'book' };

export function describeCredit(credit: CreditRecord): string {
  return `the ${KIND_WORD[credit.kind] ?? credit.kind} “${credit.title}”`;
}

/** A licence named only by "All rights reserved" in a rights statement. */
export function allRightsReservedIn(text: string | null | undefined): LicenceRef | null {
  if (!text || !/all rights reserved/i.test(text)) return null;
  const arr = findLicence('LicenseRef-All-Rights-Reserved')!;
  return { spdx: arr.spdx, name: arr.name, url: null };
}

/** Puts the layers together: the report, with every problem that makes the notice incomplete. */
export function assess(file: string, format: LicenceFormat, machine: MachineFacts, human: HumanFacts): LicenceReport {
  const metadataProblems: string[] = [];
  const licence = machine.licence;
  if (!licence) metadataProblems.push('no licence in the metadata');
  if (requiresAttribution(licence)) {
    if (!machine.title) metadataProblems.push('no title in the metadata (the licence requires attribution)');
    if (!machine.creators.length)
      metadataProblems.push('no creator in the metadata: the licence requires attribution, and names no one to credit');
  }
  // The credits list begins with the book; a file without Octavo's list still has the book's own credit.
  let credits = machine.credits;
  const bookCredit = credits.find((c) => c.kind === 'book');
  if (!bookCredit) {
    credits = [
      {
        kind: 'book',
        title: machine.title ?? '',
        creators: machine.creators,
        source: machine.source,
        licence,
        licenceStatement: machine.licenceStatement,
        changes: machine.changes,
        copyright: machine.copyright,
        target: null,
      },
      ...credits,
    ];
  } else if (licence && bookCredit.licence && !sameLicence(licence, bookCredit.licence)) {
    metadataProblems.push(
      `the credits list gives the book ${bookCredit.licence.spdx ?? bookCredit.licence.url}, the metadata ${licence.spdx ?? licence.url}`,
    );
  }
  for (const credit of credits) {
    if (credit.kind === 'book') continue;
    if (!credit.licence) metadataProblems.push(`the credits list names no licence for ${describeCredit(credit)}`);
    else if (requiresAttribution(credit.licence) && !credit.creators.length)
      metadataProblems.push(`the credits list names no creator for ${describeCredit(credit)}`);
  }
  metadataProblems.push(...machine.problems);
  const humanProblems = human.checked ? human.problems : [];
  return {
    file,
    format,
    licence,
    title: machine.title,
    creators: machine.creators,
    source: machine.source,
    licenceStatement: machine.licenceStatement,
    changes: machine.changes,
    copyright: machine.copyright,
    credits,
    notice: {
      metadata: metadataProblems.length === 0,
      human: human.checked ? humanProblems.length === 0 : 'not checked',
    },
    ...(human.checked ? {} : { humanNotChecked: human.why }),
    problems: [...metadataProblems, ...humanProblems],
  };
}

/** A report for a file that could not be read as its format at all. */
export function unreadable(file: string, format: LicenceFormat, why: string): LicenceReport {
  return {
    file,
    format,
    licence: null,
    title: null,
    creators: [],
    source: null,
    licenceStatement: null,
    changes: [],
    copyright: null,
    credits: [],
    notice: { metadata: false, human: false },
    problems: [why],
  };
}
