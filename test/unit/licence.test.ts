import { describe, expect, it } from 'vitest';
import { findLicence, LICENCES, suggestLicence } from '../../src/licence/catalogue.js';
import { checkAttribution } from '../../src/licence/rules.js';

describe('licence catalogue', () => {
  it('knows the six Creative Commons licences in 4.0 and 3.0, CC0, PDM, OFL, MIT, Apache, GFDL and all rights reserved', () => {
    expect(LICENCES).toHaveLength(19);
    const by = findLicence('CC-BY-4.0')!;
    expect(by.name).toBe('Creative Commons Attribution 4.0 International');
    expect(by.url).toBe('https://creativecommons.org/licenses/by/4.0/');
    expect(by.conditions).toMatchObject({ attribution: true, shareAlike: false, noDerivatives: false });
    expect(findLicence('cc-by-nc-nd-3.0')!.name).toBe(
      'Creative Commons Attribution-NonCommercial-NoDerivs 3.0 Unported',
    );
    expect(findLicence('CC-BY-SA-4.0')!.conditions.shareAlike).toBe(true);
    expect(findLicence('CC0-1.0')!.conditions.attribution).toBe(false);
    expect(findLicence('GPL-9')).toBeUndefined();
    expect(suggestLicence('CC-BY-40')).toBe('CC-BY-4.0');
  });
});

describe('attribution rule', () => {
  const by = findLicence('CC-BY-4.0')!;
  const lineOf = (key: string) => ({ licence: 7, title: 1 })[key];

  it('requires a creator for CC BY and names the field', () => {
    const out = checkAttribution(
      { title: 'T', creators: [], changes: [], source: 's', licence: by, licenceDeclared: true },
      'book.yaml',
      lineOf,
    );
    expect(out).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'licence/missing-creator',
        file: 'book.yaml',
        line: 7,
        hint: expect.stringContaining('`creator:`'),
      }),
    ]);
  });

  it('asks for the source as a warning, and is satisfied by a complete attribution', () => {
    const base = { title: 'T', creators: ['A'], changes: [], licence: by, licenceDeclared: true };
    expect(checkAttribution(base, 'f', lineOf).map((d) => [d.severity, d.code])).toEqual([
      ['warning', 'licence/missing-source'],
    ]);
    expect(checkAttribution({ ...base, source: 'https://example.org' }, 'f', lineOf)).toEqual([]);
  });

  it('needs nothing for CC0', () => {
    expect(
      checkAttribution(
        { creators: [], changes: [], licence: findLicence('CC0-1.0')!, licenceDeclared: true },
        'f',
        lineOf,
      ),
    ).toEqual([]);
  });
});
