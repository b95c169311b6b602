/**
 * Any SPDX licence or expression is a licence: ids, names and addresses of
 * the SPDX list, expressions of them, did-you-mean for a mistyped operand;
 * and one validation for every credit (book, chapter, image, font).
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { findLicence, lookupLicence, suggestLicence } from '../../src/licence/catalogue.js';
import { resolveLicence, validateCredit } from '../../src/licence/credit.js';
import { licenceUrls } from '../../src/licence/licence.js';
import { licenceRef, recogniseLicence, wholeLicence } from '../../src/licence/record.js';

describe('licences of the SPDX list', () => {
  it('recognises ids in any case, names and addresses Octavo has no entry for', () => {
    expect(findLicence('bsd-3-clause')?.name).toBe('BSD 3-Clause "New" or "Revised" License');
    expect(findLicence('GNU General Public License v3.0 or later')?.spdx).toBe('GPL-3.0-or-later');
    expect(findLicence('https://opensource.org/licenses/BSD-3-Clause')?.spdx).toBe('BSD-3-Clause');
    // Octavo's own entry wins: its name, deed and short label.
    expect(findLicence('https://opensource.org/license/mit/')).toMatchObject({
      spdx: 'MIT',
      url: 'https://opensource.org/license/mit',
    });
    expect(findLicence('CC-BY-SA-2.0')).toMatchObject({
      short: 'CC BY-SA 2.0',
      url: 'https://creativecommons.org/licenses/by-sa/2.0/',
      conditions: { shareAlike: true },
    });
  });

  it('reads deprecated ids as the ones that replaced them, and keeps Octavo’s own', () => {
    expect(findLicence('GPL-3.0')?.spdx).toBe('GPL-3.0-only');
    expect(findLicence('GPL-2.0+')?.spdx).toBe('GPL-2.0-or-later');
    expect(findLicence('GFDL-1.3-only')?.spdx).toBe('GFDL-1.3-only');
    expect(findLicence('CC-PDM-1.0')?.spdx).toBe('LicenseRef-PDM-1.0');
  });

  it('asks attribution of a licence it has no conditions for (most ask for their notice)', () => {
    expect(findLicence('Zlib')?.conditions).toEqual({
      attribution: true,
      shareAlike: false,
      noDerivatives: false,
      nonCommercial: false,
      indicateChanges: false,
    });
  });

  it('suggests the closest id, Octavo’s first, then the SPDX list', () => {
    expect(suggestLicence('CC-BY-SA-4')).toBe('CC-BY-SA-4.0');
    expect(suggestLicence('GPL-3.0-onyl')).toBe('GPL-3.0-only');
    expect(suggestLicence('nothing like a licence at all')).toBeUndefined();
  });
});

describe('SPDX expressions', () => {
  it('OR: the reader chooses, the build holds the book to the least restrictive choice', () => {
    const l = findLicence('MIT OR Apache-2.0')!;
    expect(l).toMatchObject({
      spdx: 'MIT OR Apache-2.0',
      name: 'MIT License or Apache License 2.0, at your choice',
      short: 'MIT or Apache 2.0',
    });
    expect(l.expression?.operands.map((o) => o.spdx)).toEqual(['MIT', 'Apache-2.0']);
    // Apache asks to mark changes; MIT does not, and the reader may take MIT.
    expect(l.conditions).toMatchObject({ attribution: true, indicateChanges: false });
    expect(licenceUrls(l)).toEqual([
      'https://opensource.org/license/mit',
      'https://www.apache.org/licenses/LICENSE-2.0',
    ]);
    expect(findLicence('CC-BY-ND-4.0 OR CC-BY-4.0')!.conditions.noDerivatives).toBe(false);
  });

  it('AND: every licence applies, so their conditions add up', () => {
    const l = findLicence('CC-BY-4.0 AND OFL-1.1')!;
    expect(l.expression?.operator).toBe('AND');
    expect(l.conditions).toMatchObject({ attribution: true, shareAlike: true, indicateChanges: true });
  });

  it('WITH: keeps the exception in the text, and the licence’s conditions', () => {
    const l = findLicence('GPL-2.0-only WITH Classpath-exception-2.0')!;
    expect(l).toMatchObject({
      spdx: 'GPL-2.0-only WITH Classpath-exception-2.0',
      name: 'GNU General Public License v2.0 only with Classpath exception 2.0',
      exception: { id: 'Classpath-exception-2.0' },
    });
    expect(l.conditions.shareAlike).toBe(true);
  });

  it('reads names, addresses, lower-case operators and parentheses, and writes the SPDX form', () => {
    expect(findLicence('mit or apache-2.0')?.spdx).toBe('MIT OR Apache-2.0');
    expect(
      findLicence('Creative Commons Attribution 4.0 International OR https://opensource.org/license/mit')?.spdx,
    ).toBe('CC-BY-4.0 OR MIT');
    expect(findLicence('MIT AND (Apache-2.0 OR CC0-1.0)')?.spdx).toBe('MIT AND (Apache-2.0 OR CC0-1.0)');
  });

  it('names the operand it does not know, with the closest id', () => {
    expect(lookupLicence('MIT OR Apache-2')).toEqual({ unknown: 'Apache-2', suggestion: 'Apache-2.0' });
    expect(lookupLicence('MIT WITH No-such-exception')).toMatchObject({
      unknown: 'No-such-exception',
      reason: expect.stringContaining('not an exception'),
    });
  });
});

describe('one validation for every credit', () => {
  const lineOf = (key: string) => ({ licence: 4 })[key];

  it('refuses an unknown licence with did-you-mean, at the line of `licence:`', () => {
    const r = resolveLicence('MIT OR Apache-2', { kind: 'book', file: 'book.yaml', lineOf });
    expect(r).toEqual({
      diagnostic: expect.objectContaining({
        severity: 'error',
        code: 'licence/unknown',
        message: 'unknown licence `Apache-2` in `MIT OR Apache-2`.',
        file: 'book.yaml',
        line: 4,
        column: 1,
        hint: 'Did you mean `Apache-2.0`?',
      }),
    });
  });

  it('says where: the chapter’s front matter, an image credit', () => {
    const chapter: Diagnostic[] = [];
    validateCredit({ licence: 'CC-BY-40' }, { kind: 'chapter', file: 'a.md' }, chapter);
    expect(chapter).toEqual([
      expect.objectContaining({
        code: 'licence/unknown',
        message: "unknown licence `CC-BY-40` in the chapter's front matter.",
        line: 1,
        hint: 'Did you mean `CC-BY-4.0`?',
      }),
    ]);
    const image: Diagnostic[] = [];
    const imageCredit = validateCredit(
      { licence: 'MIT OR Apache-2.0' },
      { kind: 'image', file: 'map.png.credit.yaml' },
      image,
    );
    expect(imageCredit.licence?.spdx).toBe('MIT OR Apache-2.0');
    expect(image).toEqual([
      expect.objectContaining({
        code: 'licence/missing-creator',
        message: 'MIT or Apache 2.0 requires attribution, but the image credit names no creator.',
        hint: 'Add `creator:` to the image credit.',
      }),
    ]);
  });

  it('needs no creator when every choice is free of attribution', () => {
    const found: Diagnostic[] = [];
    validateCredit({ licence: 'CC0-1.0 OR LicenseRef-PDM-1.0' }, { kind: 'chapter', file: 'a.md' }, found);
    validateCredit(
      { licence: 'OFL-1.1', creator: ['The Literata Project Authors'] },
      { kind: 'font', file: 'f' },
      found,
    );
    expect(found).toEqual([]);
  });
});

describe('the licence record the writers and the reader share', () => {
  it('carries an expression’s choices, and reads it back from its id and one of its addresses', () => {
    const ref = licenceRef(findLicence('MIT OR Apache-2.0')!);
    expect(ref.anyOf?.map((r) => r.spdx)).toEqual(['MIT', 'Apache-2.0']);
    expect(recogniseLicence('https://www.apache.org/licenses/LICENSE-2.0', 'MIT OR Apache-2.0')).toEqual(ref);
    // An address that is none of its licences' is not taken for the expression.
    expect(recogniseLicence('https://creativecommons.org/licenses/by/4.0/', 'MIT OR Apache-2.0')?.spdx).toBe(
      'CC-BY-4.0',
    );
    expect(wholeLicence(recogniseLicence('https://opensource.org/license/mit'), ref)).toEqual(ref);
  });
});
