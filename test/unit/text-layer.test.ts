import { describe, expect, it } from 'vitest';
import { spanTexts } from '../../src/writers/pdf/ligature-text.js';
import { withoutSoftHyphens } from '../../src/writers/pdf/text-layer.js';

// As Chromium (Skia) writes a page's text: one glyph a line, each placed from the one before.
const span = (inner: string) => `/Span<</ActualText <FEFF00AD> >> BDC\n${inner}EMC\n`;

describe('withoutSoftHyphens', () => {
  it('takes out a soft hyphen inside a word, keeping where the next glyph goes', () => {
    const before = `BT\n0 0 Td <0053> Tj\n${span('4.6619873 0 Td <00C4> Tj\n')}0 0 Td <0061> Tj\nET\n`;
    expect(withoutSoftHyphens(before)).toBe('BT\n0 0 Td <0053> Tj\n4.6619873 0 Td\n0 0 Td <0061> Tj\nET\n');
  });

  it('takes out the one at the end of a line too: the hyphen shown there is a glyph of its own', () => {
    const before = `0 0 Td <0053> Tj\n${span('7.2659912 0 Td <00C4> Tj\n')}ET\nBT\n0 0 Td <0012> Tj\n`;
    expect(withoutSoftHyphens(before)).toBe('0 0 Td <0053> Tj\n7.2659912 0 Td\nET\nBT\n0 0 Td <0012> Tj\n');
  });

  it('keeps a change of font or position made inside the span', () => {
    const before = span('/F4 12.6000004 Tf\n1 0 0 -1 0 4132 Tm\n16.5122681 0 Td <00C4> Tj\n');
    expect(withoutSoftHyphens(`${before}0 0 Td <0071> Tj\n`)).toBe(
      '/F4 12.6000004 Tf\n1 0 0 -1 0 4132 Tm\n16.5122681 0 Td\n0 0 Td <0071> Tj\n',
    );
  });

  it('reads a ligature drawn over a hyphenation point without the soft hyphen', () => {
    expect(withoutSoftHyphens('/Span<</ActualText <FEFF006600AD0066> >> BDC\n<0042> Tj\nEMC\n')).toBe(
      '/Span<</ActualText <FEFF00660066> >> BDC\n<0042> Tj\nEMC\n',
    );
  });

  it('leaves other text alone', () => {
    const text = '/Span<</ActualText (e) >> BDC\n0 0 Td <0042> Tj\nEMC\n0 0 Td <00AD> Tj\n';
    expect(withoutSoftHyphens(text)).toBe(text);
  });
});

describe('spanTexts', () => {
  it('reads the text of a ligature glyph from the span around it, by font, soft hyphens aside', () => {
    const content = [
      'BT\n/F4 12.6000004 Tf\n1 0 0 -1 0 4132 Tm\n',
      span('4.66 0 Td <00C4> Tj\n'),
      '/Span<</ActualText <FEFF00660066> >> BDC\n8.2 0 Td <007F> Tj\nEMC\n',
      // Over a hyphenation point: the ligature, then the soft hyphen's glyph.
      '/Span<</ActualText <FEFF006600AD0066006C> >> BDC\n8.2 0 Td <0083> Tj\n13.9 0 Td <00C4> Tj\nEMC\n',
      '/F119 11.9 Tf\n/Span<</ActualText (e) >> BDC\n5.7 0 Td <000F> Tj\nEMC\nET\n',
    ].join('');
    const texts = spanTexts(content);
    expect(Object.fromEntries(texts.get('F4')!)).toEqual({ '007F': 'ff', '0083': 'ffl' });
    // One letter over a glyph: a case transformed (small capitals), not a ligature.
    expect(texts.has('F119')).toBe(false);
  });
});
