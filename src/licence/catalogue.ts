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
    // Not an SPDX licence (the Mark is a statement, not a licence): Octavo's own id.
    spdx: 'LicenseRef-PDM-1.0',
    name: 'Public Domain Mark 1.0',
    short: 'Public Domain',
    url: 'https://creativecommons.org/publicdomain/mark/1.0/',
    legalCode: 'https://creativecommons.org/publicdomain/mark/1.0/',
    conditions: NONE,
  },
  {
    spdx: 'OFL-1.1',
    name: 'SIL Open Font License 1.1',
    short: 'OFL 1.1',
    url: 'https://openfontlicense.org/open-font-license-official-text/',
    legalCode: 'https://openfontlicense.org/open-font-license-official-text/',
    // The copyright notice and licence travel with the font; modified fonts stay under the OFL.
    conditions: { attribution: true, shareAlike: true, noDerivatives: false, nonCommercial: false, indicateChanges: false },
  },
  {
    spdx: 'MIT',
    name: 'MIT License',
    short: 'MIT',
    url: 'https://opensource.org/license/mit',
    legalCode: 'https://opensource.org/license/mit',
    conditions: { attribution: true, shareAlike: false, noDerivatives: false, nonCommercial: false, indicateChanges: false },
  },
  {
    spdx: 'Apache-2.0',
    name: 'Apache License 2.0',
    short: 'Apache 2.0',
    url: 'https://www.apache.org/licenses/LICENSE-2.0',
    legalCode: 'https://www.apache.org/licenses/LICENSE-2.0',
    conditions: { attribution: true, shareAlike: false, noDerivatives: false, nonCommercial: false, indicateChanges: true },
  },
  {
    spdx: 'GFDL-1.3-or-later',
    name: 'GNU Free Documentation License 1.3 or later',
    short: 'GFDL 1.3',
    url: 'https://www.gnu.org/licenses/fdl-1.3.html',
    legalCode: 'https://www.gnu.org/licenses/fdl-1.3.html',
    conditions: { attribution: true, shareAlike: true, noDerivatives: false, nonCommercial: false, indicateChanges: true },
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

/** Other ids people write for the same licence. */
const ALIASES: Record<string, string> = {
  'gfdl-1.3': 'GFDL-1.3-or-later',
  'gfdl-1.3-only': 'GFDL-1.3-or-later',
  'pdm-1.0': 'LicenseRef-PDM-1.0',
  pdm: 'LicenseRef-PDM-1.0',
  'public-domain': 'LicenseRef-PDM-1.0',
  cc0: 'CC0-1.0',
  'all-rights-reserved': 'LicenseRef-All-Rights-Reserved',
};

const BY_KEY = new Map<string, Licence>();
for (const l of LICENCES) {
  BY_KEY.set(l.spdx.toLowerCase(), l);
  BY_KEY.set(l.name.toLowerCase(), l);
  if (l.url) BY_KEY.set(urlKey(l.url), l);
}
for (const [alias, id] of Object.entries(ALIASES)) BY_KEY.set(alias, BY_KEY.get(id.toLowerCase())!);

/** A licence URL without scheme, `www.`, trailing slash, `legalcode` or a language deed (`deed.fr`). */
function urlKey(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/(legalcode|deed)(\.[a-z-]+)?$/, '/')
    .replace(/\/+$/, '');
}

/**
 * The licence an id, name or URL stands for: `CC-BY-4.0`, "Creative Commons
 * Attribution 4.0 International" and https://creativecommons.org/licenses/by/4.0/
 * all give CC BY 4.0.
 */
export function findLicence(text: string): Licence | undefined {
  const t = text.trim();
  const key = t.toLowerCase().replace(/\s+license$/, '').replace(/\s+licence$/, '');
  return BY_KEY.get(t.toLowerCase()) ?? BY_KEY.get(key) ?? (/^(https?:\/\/|www\.|[a-z0-9-]+(\.[a-z0-9-]+)+\/)/i.test(t) ? BY_KEY.get(urlKey(t)) : undefined);
}

export function suggestLicence(id: string): string | undefined {
  return didYouMean(id, LICENCES.map((l) => l.spdx));
}

export const ALL_RIGHTS_RESERVED = findLicence('LicenseRef-All-Rights-Reserved')!;
