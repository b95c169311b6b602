/**
 * The licences Octavo knows, keyed by SPDX id. Each entry says what the licence
 * asks of someone who redistributes the book; the build enforces it.
 */
import { didYouMean } from '../util/did-you-mean.js';

export interface LicenceConditions {
  attribution: boolean;
  shareAlike: boolean;
  noDerivatives: boolean;
  nonCommercial: boolean;
  /** The licence asks to indicate whether and how the work was changed. */
  indicateChanges: boolean;
}

export interface Licence {
  spdx: string;
  name: string;
  /** Short label, e.g. "CC BY 4.0". */
  short: string;
  /** Human-readable summary (CC "deed"); the link readers follow. */
  url: string;
  legalCode: string;
  conditions: LicenceConditions;
}

const CC_ELEMENTS: Record<string, { label: string; words: string; sa: boolean; nd: boolean; nc: boolean }> = {
  by: { label: 'BY', words: 'Attribution', sa: false, nd: false, nc: false },
  'by-sa': { label: 'BY-SA', words: 'Attribution-ShareAlike', sa: true, nd: false, nc: false },
  'by-nd': { label: 'BY-ND', words: 'Attribution-NoDerivatives', sa: false, nd: true, nc: false },
  'by-nc': { label: 'BY-NC', words: 'Attribution-NonCommercial', sa: false, nd: false, nc: true },
  'by-nc-sa': { label: 'BY-NC-SA', words: 'Attribution-NonCommercial-ShareAlike', sa: true, nd: false, nc: true },
  'by-nc-nd': { label: 'BY-NC-ND', words: 'Attribution-NonCommercial-NoDerivatives', sa: false, nd: true, nc: true },
};

function creativeCommons(): Licence[] {
  const out: Licence[] = [];
  for (const [key, el] of Object.entries(CC_ELEMENTS)) {
    for (const version of ['4.0', '3.0'] as const) {
      const v4 = version === '4.0';
      // 3.0 names say "NoDerivs"; 4.0 says "NoDerivatives".
      const words = v4 ? el.words : el.words.replace('NoDerivatives', 'NoDerivs');
      out.push({
        spdx: `CC-${el.label}-${version}`,
        name: `Creative Commons ${words} ${version} ${v4 ? 'International' : 'Unported'}`,
        short: `CC ${el.label} ${version}`,
        url: `https://creativecommons.org/licenses/${key}/${version}/`,
        legalCode: `https://creativecommons.org/licenses/${key}/${version}/legalcode`,
        conditions: {
          attribution: true,
          shareAlike: el.sa,
          noDerivatives: el.nd,
          nonCommercial: el.nc,
          // CC 4.0 asks to indicate modifications; 3.0 asks to credit adaptations.
          indicateChanges: true,
        },
      });
    }
  }
  return out;
}

const NONE: LicenceConditions = {
  attribution: false,
  shareAlike: false,
  noDerivatives: false,
  nonCommercial: false,
  indicateChanges: false,
};

export const LICENCES: readonly Licence[] = [
  ...creativeCommons(),
  {
    spdx: 'CC0-1.0',
    name: 'Creative Commons Zero 1.0 Universal Public Domain Dedication',
    short: 'CC0 1.0',
    url: 'https://creativecommons.org/publicdomain/zero/1.0/',
    legalCode: 'https://creativecommons.org/publicdomain/zero/1.0/legalcode',
    conditions: NONE,
  },
  {
    spdx: 'LicenseRef-All-Rights-Reserved',
    name: 'All rights reserved',
    short: 'All rights reserved',
    url: '',
    legalCode: '',
    conditions: NONE,
  },
];

const BY_ID = new Map(LICENCES.map((l) => [l.spdx.toLowerCase(), l]));

export function findLicence(id: string): Licence | undefined {
  return BY_ID.get(id.trim().toLowerCase());
}

export function suggestLicence(id: string): string | undefined {
  return didYouMean(id, LICENCES.map((l) => l.spdx));
}

export const ALL_RIGHTS_RESERVED = findLicence('LicenseRef-All-Rights-Reserved')!;
