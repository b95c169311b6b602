/** Real Word documents, made in the test with the `docx` package, so tests need no binary fixtures. */
import {
  Bookmark,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  Document,
  ExternalHyperlink,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  InternalHyperlink,
  LevelFormat,
  Math as MathBlock,
  MathRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from 'docx';
import JSZip from 'jszip';
import { solidPng } from './png.js';

/** The `docx` package writes no dc:language: add it to docProps/core.xml as Word does. */
async function withLanguage(bytes: Buffer, language: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const core = await zip.file('docProps/core.xml')!.async('string');
  zip.file('docProps/core.xml', core.replace('</cp:coreProperties>', `<dc:language>${language}</dc:language>$&`));
  return zip.generateAsync({ type: 'nodebuffer' });
}

const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });

/** Two Heading 1 chapters with emphasis, lists, a footnote, a table, an image, a link and a quote. */
export async function manuscriptDocx(): Promise<Buffer> {
  const doc = new Document({
    title: 'The Harbour Book',
    creator: 'Ada Writer',
    description: 'A short book about a harbour.',
    styles: {
      paragraphStyles: [{ id: 'Quote', name: 'Quote', basedOn: 'Normal', run: { italics: true } }],
    },
    footnotes: {
      1: {
        children: [
          new Paragraph({
            children: [
              new TextRun('Measured at low tide in '),
              new TextRun({ text: 'spring', italics: true }),
              new TextRun('.'),
            ],
          }),
        ],
      },
    },
    numbering: {
      config: [
        {
          reference: 'steps',
          levels: [
            { level: 0, format: LevelFormat.DECIMAL, text: '%1.' },
            { level: 1, format: LevelFormat.LOWER_LETTER, text: '%2)' },
          ],
        },
      ],
    },
    sections: [
      {
        children: [
          new Paragraph({ text: 'The Harbour Book', heading: HeadingLevel.TITLE }),
          new Paragraph({ text: 'The Quay', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({
            children: [
              new TextRun('Gulls circled the '),
              new TextRun({ text: 'granite quay', bold: true }),
              new TextRun(' in the '),
              new TextRun({ text: 'early fog', italics: true }),
              new TextRun('.'),
              new FootnoteReferenceRun(1),
            ],
          }),
          new Paragraph({ text: 'Nets', bullet: { level: 0 } }),
          new Paragraph({ text: 'Herring nets', bullet: { level: 1 } }),
          new Paragraph({ text: 'Ropes', bullet: { level: 0 } }),
          new Paragraph({ text: 'Moor the boat', numbering: { reference: 'steps', level: 0 } }),
          new Paragraph({ text: 'Check the bowline', numbering: { reference: 'steps', level: 1 } }),
          new Paragraph({ text: 'Depths', heading: HeadingLevel.HEADING_2 }),
          new Table({
            rows: [
              new TableRow({ children: [cell('Berth'), cell('Depth')] }),
              new TableRow({ children: [cell('North pier'), cell('12 metres')] }),
            ],
          }),
          new Paragraph({
            children: [
              new ImageRun({
                type: 'png',
                data: solidPng(40, 20, [0, 90, 200]),
                transformation: { width: 40, height: 20 },
                altText: { name: 'chart', title: 'Chart', description: 'A blue chart of the harbour' },
              }),
            ],
          }),
          new Paragraph({ text: 'The Lighthouse', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({
            children: [
              new TextRun('The keeper wrote to the '),
              new ExternalHyperlink({
                link: 'https://example.org/lighthouses',
                children: [new TextRun({ text: 'lighthouse society', style: 'Hyperlink' })],
              }),
              new TextRun(' every winter.'),
            ],
          }),
          new Paragraph({ text: 'The lamp never failed.', style: 'Quote' }),
        ],
      },
    ],
  });
  return withLanguage(await Packer.toBuffer(doc), 'en-GB');
}

/** A document with what an e-book cannot hold: an equation, a comment, and a table with merged cells. */
export async function unsupportedDocx(): Promise<Buffer> {
  const doc = new Document({
    title: 'Odd Things',
    creator: 'Ada Writer',
    comments: {
      children: [{ id: 0, author: 'Editor', date: new Date(0), children: [new Paragraph('Check this.')] }],
    },
    sections: [
      {
        children: [
          new Paragraph({ text: 'Numbers', heading: HeadingLevel.HEADING_1 }),
          new Paragraph('An ordinary paragraph.'),
          new Paragraph({ children: [new TextRun('Energy is '), new MathBlock({ children: [new MathRun('E=mc2')] })] }),
          new Paragraph({ text: 'Words', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({
            children: [
              new CommentRangeStart(0),
              new TextRun('A sentence with a comment.'),
              new CommentRangeEnd(0),
              new TextRun({ children: [new CommentReference(0)] }),
            ],
          }),
          new Table({
            rows: [
              new TableRow({
                children: [new TableCell({ columnSpan: 2, children: [new Paragraph('Tides')] })],
              }),
              new TableRow({ children: [cell('High'), cell('Low')] }),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/**
 * Heading 2 as the top level, words before the first heading, a link to a
 * heading's bookmark and one to a bookmark elsewhere, and a BMP picture.
 */
export async function structureDocx(): Promise<Buffer> {
  const doc = new Document({
    title: 'Harbour Notes',
    sections: [
      {
        children: [
          new Paragraph('For the keepers, who stayed.'),
          new Paragraph({
            heading: HeadingLevel.HEADING_2,
            children: [new Bookmark({ id: 'harbour_start', children: [new TextRun('Into the Harbour')] })],
          }),
          new Paragraph({
            children: [
              new TextRun('Back to '),
              new InternalHyperlink({ anchor: 'harbour_start', children: [new TextRun('the start')] }),
              new TextRun(' or '),
              new InternalHyperlink({ anchor: 'nowhere', children: [new TextRun('elsewhere')] }),
              new TextRun('.'),
            ],
          }),
          new Paragraph({ text: 'Moorings', heading: HeadingLevel.HEADING_3 }),
          new Paragraph({
            children: [
              new ImageRun({
                type: 'bmp',
                data: solidPng(4, 4, [0, 0, 0]),
                transformation: { width: 4, height: 4 },
                altText: { description: 'A black square' },
              }),
            ],
          }),
          new Paragraph({ text: 'Out to Sea', heading: HeadingLevel.HEADING_2 }),
          new Paragraph('The end.'),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
