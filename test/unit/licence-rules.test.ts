import { describe, expect, it } from 'vitest';
import { findLicence } from '../../src/licence/catalogue.js';
import { checkLicenceCombinations, type LicensedPart, shareAlikeCompatible } from '../../src/licence/rules.js';

const L = (id: string) => findLicence(id)!;
const book = (licence: string, adapted: boolean) => ({
  licence: L(licence),
  adapted,
  configFile: '/b/book.yaml',
  lineOf: (k: string) => ({ licence: 4, changes: 7 })[k],
});
const part = (what: string, licence: string, adapted = false): LicensedPart => ({
  what,
  file: `/b/${what}.md`,
  licence: L(licence),
  adapted,
});
const codes = (ds: { code: string }[]) => ds.map((d) => d.code);

describe('recognising licences', () => {
  it('by SPDX id, name or URL', () => {
    expect(findLicence('Creative Commons Attribution-ShareAlike 4.0 International')?.spdx).toBe('CC-BY-SA-4.0');
    expect(findLicence('Creative Commons Attribution 4.0 International License')?.spdx).toBe('CC-BY-4.0');
    expect(findLicence('https://creativecommons.org/licenses/by-nc/4.0/')?.spdx).toBe('CC-BY-NC-4.0');
    expect(findLicence('http://creativecommons.org/licenses/by-sa/3.0/deed.fr')?.spdx).toBe('CC-BY-SA-3.0');
    expect(findLicence('creativecommons.org/publicdomain/zero/1.0/legalcode')?.spdx).toBe('CC0-1.0');
    expect(findLicence('ofl-1.1')?.name).toBe('SIL Open Font License 1.1');
    expect(findLicence('Apache-2.0')?.conditions.indicateChanges).toBe(true);
    expect(findLicence('GFDL-1.3')?.spdx).toBe('GFDL-1.3-or-later');
    expect(findLicence('public-domain')?.spdx).toBe('LicenseRef-PDM-1.0');
  });
});

describe('ShareAlike compatibility', () => {
  it('allows the same licence elements in the same or a later version', () => {
    expect(shareAlikeCompatible(L('CC-BY-SA-4.0'), L('CC-BY-SA-4.0'))).toBe(true);
    expect(shareAlikeCompatible(L('CC-BY-SA-3.0'), L('CC-BY-SA-4.0'))).toBe(true);
    expect(shareAlikeCompatible(L('CC-BY-SA-4.0'), L('CC-BY-SA-3.0'))).toBe(false);
    expect(shareAlikeCompatible(L('CC-BY-SA-4.0'), L('CC-BY-4.0'))).toBe(false);
    expect(shareAlikeCompatible(L('CC-BY-NC-SA-4.0'), L('CC-BY-SA-4.0'))).toBe(false);
  });
});

describe('rules across the parts of a book', () => {
  it('refuses content changes under NoDerivatives, for the book and for a chapter', () => {
    const out = checkLicenceCombinations(book('CC-BY-ND-4.0', true), [part('chapter “Two”', 'CC-BY-ND-4.0', true)]);
    expect(codes(out)).toEqual(['licence/no-derivatives', 'licence/no-derivatives']);
    expect(out[0]).toMatchObject({ file: '/b/book.yaml', line: 7, hint: expect.stringContaining('`- format: …`') });
    expect(codes(checkLicenceCombinations(book('CC-BY-ND-4.0', false), []))).toEqual([]);
  });

  it('requires an adaptation with ShareAlike material to carry the same licence, naming both', () => {
    const [d] = checkLicenceCombinations(book('CC-BY-4.0', true), [part('chapter “Borrowed”', 'CC-BY-SA-4.0')]);
    expect(d).toMatchObject({ code: 'licence/share-alike', line: 4 });
    expect(d!.message).toContain('CC BY-SA 4.0');
    expect(d!.message).toContain('CC BY 4.0');
    expect(d!.message).toContain('chapter “Borrowed”.md');
    expect(d!.message).toContain('book.yaml');
    // An unchanged collection is not an adaptation.
    expect(checkLicenceCombinations(book('CC-BY-4.0', false), [part('chapter “Borrowed”', 'CC-BY-SA-4.0')])).toEqual(
      [],
    );
    expect(checkLicenceCombinations(book('CC-BY-SA-4.0', true), [part('chapter “Borrowed”', 'CC-BY-SA-3.0')])).toEqual(
      [],
    );
  });

  it('refuses ShareAlike and NoDerivatives material in one adapted work, explaining why', () => {
    const out = checkLicenceCombinations(book('CC-BY-SA-4.0', true), [part('chapter “Fixed”', 'CC-BY-ND-4.0')]);
    const conflict = out.find((d) => d.code === 'licence/conflict');
    expect(conflict?.message).toContain('NoDerivatives forbids adapting');
    expect(conflict?.message).toContain('ShareAlike asks');
  });

  it('warns that non-commercial material makes the whole book non-commercial', () => {
    const out = checkLicenceCombinations(book('CC-BY-4.0', false), [part('image map.png', 'CC-BY-NC-4.0')]);
    expect(out).toEqual([expect.objectContaining({ severity: 'warning', code: 'licence/non-commercial-part' })]);
  });
});
