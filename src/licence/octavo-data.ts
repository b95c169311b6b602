/**
 * Octavo's own licence data, for what the SPDX licence list lacks: what each
 * licence asks of someone who redistributes the book (conditions), which
 * licences an adaptation may use (ShareAlike and copyleft), the Creative
 * Commons deed addresses and short labels, the Public Domain Mark and "all
 * rights reserved" (no SPDX ids), and other spellings people write.
 */
import { type Licence, type LicenceConditions, NO_CONDITIONS } from './licence.js';

const CC_ELEMENTS: Record<string, { label: string; words: string; sa: boolean; nd: boolean; nc: boolean }> = {
  by: { label: 'BY', words: 'Attribution', sa: false, nd: false, nc: false },
  'by-sa': { label: 'BY-SA', words: 'Attribution-ShareAlike', sa: true, nd: false, nc: false },
  'by-nd': { label: 'BY-ND', words: 'Attribution-NoDerivatives', sa: false, nd: true, nc: false },
  'by-nc': { label: 'BY-NC', words: 'Attribution-NonCommercial', sa: false, nd: false, nc: true },
  'by-nc-sa': { label: 'BY-NC-SA', words: 'Attribution-NonCommercial-ShareAlike', sa: true, nd: false, nc: true },
  'by-nc-nd': { label: 'BY-NC-ND', words: 'Attribution-NonCommercial-NoDerivatives', sa: false, nd: true, nc: true },
};

/** A CC licence id's parts: `CC-BY-SA-3.0-DE` → by-sa, 3.0, de. */
export function ccParts(spdx: string): { key: string; version: string; port?: string } | undefined {
  const m = /^CC-(BY(?:-NC)?(?:-SA|-ND)?)-(\d\.\d)(?:-([A-Z]+))?$/i.exec(spdx);
  if (!m) return undefined;
  return { key: m[1]!.toLowerCase(), version: m[2]!, ...(m[3] ? { port: m[3].toLowerCase() } : {}) };
}

/** The conditions of any CC licence by its elements (every CC licence asks for attribution and, 3.0 on, to indicate changes). */
export function ccConditions(key: string): LicenceConditions {
  const el = CC_ELEMENTS[key]!;
  return { attribution: true, shareAlike: el.sa, noDerivatives: el.nd, nonCommercial: el.nc, indicateChanges: true };
}

/** The label CC uses, e.g. "CC BY-SA 3.0 DE". */
export function ccShort(spdx: string): string | undefined {
  const p = ccParts(spdx);
  return p ? `CC ${CC_ELEMENTS[p.key]!.label} ${p.version}${p.port ? ` ${p.port.toUpperCase()}` : ''}` : undefined;
}

/** The human-readable deed, which readers follow (SPDX gives the legal code). */
export function ccDeed(spdx: string): string | undefined {
  const p = ccParts(spdx);
  return p ? `https://creativecommons.org/licenses/${p.key}/${p.version}/${p.port ? `${p.port}/` : ''}` : undefined;
}

/**
 * ShareAlike: an adaptation is released under the same licence elements, same
 * or later version (ports included as sources, international/unported as
 * targets); CC's compatibility list adds, for BY-SA 4.0, the GPL v3 (one way)
 * and the Free Art Licence 1.3.
 */
function ccAdaptations(spdx: string, allIds: readonly string[]): string[] | undefined {
  const p = ccParts(spdx);
  if (!p || !CC_ELEMENTS[p.key]!.sa) return undefined;
  const later = allIds.filter((id) => {
    const q = ccParts(id);
    return q && !q.port && q.key === p.key && Number(q.version) >= Number(p.version);
  });
  const out = [...new Set([spdx, ...later])];
  if (p.key === 'by-sa' && p.version === '4.0' && !p.port) out.push('GPL-3.0-only', 'GPL-3.0-or-later', 'LAL-1.3');
  return out;
}

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
        // CC 4.0 asks to indicate modifications; 3.0 asks to credit adaptations.
        conditions: ccConditions(key),
      });
    }
  }
  return out;
}

const ATTRIBUTION_ONLY: LicenceConditions = { ...NO_CONDITIONS, attribution: true };
/** Copyleft: notices kept, changes marked, adaptations under the same licence. */
const COPYLEFT: LicenceConditions = { ...NO_CONDITIONS, attribution: true, shareAlike: true, indicateChanges: true };

/** The licences Octavo describes itself (names, deeds, short labels); any other SPDX licence comes from the SPDX list. */
const CURATED: Licence[] = [
  ...creativeCommons(),
  {
    spdx: 'CC0-1.0',
    name: 'Creative Commons Zero 1.0 Universal Public Domain Dedication',
    short: 'CC0 1.0',
    url: 'https://creativecommons.org/publicdomain/zero/1.0/',
    legalCode: 'https://creativecommons.org/publicdomain/zero/1.0/legalcode',
    conditions: NO_CONDITIONS,
  },
  {
    // The Mark is a statement, not a licence: Octavo's own id (SPDX's CC-PDM-1.0 is an alias of it).
    spdx: 'LicenseRef-PDM-1.0',
    name: 'Public Domain Mark 1.0',
    short: 'Public Domain',
    url: 'https://creativecommons.org/publicdomain/mark/1.0/',
    legalCode: 'https://creativecommons.org/publicdomain/mark/1.0/',
    conditions: NO_CONDITIONS,
  },
  {
    spdx: 'OFL-1.1',
    name: 'SIL Open Font License 1.1',
    short: 'OFL 1.1',
    url: 'https://openfontlicense.org/open-font-license-official-text/',
    legalCode: 'https://openfontlicense.org/open-font-license-official-text/',
    // The copyright notice and licence travel with the font; modified fonts stay under the OFL.
    conditions: { ...NO_CONDITIONS, attribution: true, shareAlike: true },
  },
  {
    spdx: 'MIT',
    name: 'MIT License',
    short: 'MIT',
    url: 'https://opensource.org/license/mit',
    legalCode: 'https://opensource.org/license/mit',
    conditions: ATTRIBUTION_ONLY,
  },
  {
    spdx: 'Apache-2.0',
    name: 'Apache License 2.0',
    short: 'Apache 2.0',
    url: 'https://www.apache.org/licenses/LICENSE-2.0',
    legalCode: 'https://www.apache.org/licenses/LICENSE-2.0',
    conditions: { ...ATTRIBUTION_ONLY, indicateChanges: true },
  },
  {
    spdx: 'GFDL-1.3-or-later',
    name: 'GNU Free Documentation License 1.3 or later',
    short: 'GFDL 1.3',
    url: 'https://www.gnu.org/licenses/fdl-1.3.html',
    legalCode: 'https://www.gnu.org/licenses/fdl-1.3.html',
    conditions: COPYLEFT,
  },
  {
    spdx: 'LicenseRef-All-Rights-Reserved',
    name: 'All rights reserved',
    short: 'All rights reserved',
    url: '',
    legalCode: '',
    conditions: NO_CONDITIONS,
  },
];

/**
 * Which licences an adaptation may use, for the copyleft licences that are
 * not CC (CC's come from ccAdaptations). "Or later" may be taken as any
 * version from that one on; "only" binds to that version. CC BY-SA 4.0 is
 * not among the GFDL's, nor the GFDL among CC BY-SA's.
 */
const ADAPTATIONS: Record<string, readonly string[]> = {
  'GPL-2.0-only': ['GPL-2.0-only'],
  'GPL-2.0-or-later': ['GPL-2.0-or-later', 'GPL-2.0-only', 'GPL-3.0-only', 'GPL-3.0-or-later'],
  'GPL-3.0-only': ['GPL-3.0-only'],
  'GPL-3.0-or-later': ['GPL-3.0-or-later', 'GPL-3.0-only'],
  'AGPL-3.0-only': ['AGPL-3.0-only'],
  'AGPL-3.0-or-later': ['AGPL-3.0-or-later', 'AGPL-3.0-only'],
  'GFDL-1.1-only': ['GFDL-1.1-only'],
  'GFDL-1.1-or-later': [
    'GFDL-1.1-or-later',
    'GFDL-1.1-only',
    'GFDL-1.2-only',
    'GFDL-1.2-or-later',
    'GFDL-1.3-only',
    'GFDL-1.3-or-later',
  ],
  'GFDL-1.2-only': ['GFDL-1.2-only'],
  'GFDL-1.2-or-later': ['GFDL-1.2-or-later', 'GFDL-1.2-only', 'GFDL-1.3-only', 'GFDL-1.3-or-later'],
  'GFDL-1.3-only': ['GFDL-1.3-only'],
  'GFDL-1.3-or-later': ['GFDL-1.3-or-later', 'GFDL-1.3-only'],
  'OFL-1.1': ['OFL-1.1'],
  // Free Art Licence 1.3 and CC BY-SA 4.0 are compatible both ways (CC's compatibility list).
  'LAL-1.3': ['LAL-1.3', 'CC-BY-SA-4.0'],
};

/**
 * The conditions of an SPDX licence Octavo has no entry for: CC licences by
 * their elements, copyleft ones from ADAPTATIONS, and any other as asking
 * for attribution (its copyright and licence notice), as nearly every
 * licence on the SPDX list does: a book that names its creator loses nothing.
 */
export function conditionsOf(spdx: string): LicenceConditions {
  const cc = ccParts(spdx);
  if (cc) return ccConditions(cc.key);
  if (ADAPTATIONS[spdx]) return COPYLEFT;
  return ATTRIBUTION_ONLY;
}

/** The licences an adaptation may use, when the licence is ShareAlike or copyleft. */
export function adaptationsOf(spdx: string, allIds: readonly string[]): readonly string[] | undefined {
  return ccAdaptations(spdx, allIds) ?? ADAPTATIONS[spdx];
}

export { CURATED };

/** Other ids people write for the same licence. */
export const ALIASES: Record<string, string> = {
  'gfdl-1.3': 'GFDL-1.3-or-later',
  'pdm-1.0': 'LicenseRef-PDM-1.0',
  'cc-pdm-1.0': 'LicenseRef-PDM-1.0',
  pdm: 'LicenseRef-PDM-1.0',
  'public-domain': 'LicenseRef-PDM-1.0',
  cc0: 'CC0-1.0',
  'all-rights-reserved': 'LicenseRef-All-Rights-Reserved',
};
