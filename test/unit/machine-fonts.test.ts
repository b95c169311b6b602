import { PDFDocument, PDFName } from 'pdf-lib';
import { expect, it } from 'vitest';
import { machineFonts } from '../../src/writers/pdf/machine-fonts.js';

it("names the fonts of a print that are not Octavo's, without their subset tags", async () => {
  const doc = await PDFDocument.create();
  const font = (base: string) =>
    doc.context.register(doc.context.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: PDFName.of(base) }));
  for (const base of [
    'AAAAAA+Literata-Regular',
    'BAAAAA+NotoSerifSCExtraLight-Regular',
    'CAAAAA+SourceCodeProExtraLight-Bold',
    'DAAAAA+NotoSansMath-Regular',
    'EAAAAA+DejaVuSans',
    'FAAAAA+DejaVuSans',
    'LiberationSerif',
  ])
    font(base);
  expect(machineFonts(doc)).toEqual(['DejaVuSans', 'LiberationSerif']);
});
