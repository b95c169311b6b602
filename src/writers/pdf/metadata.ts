/**
 * Chromium sets only the PDF's Title. Author, subject, keywords, language,
 * rights (document info and XMP) and page labels are written here.
 */
import { PDFDict, type PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString, ReadingDirection } from 'pdf-lib';
import type { Element as XElement } from 'xast';
import { x } from 'xastscript';
import type { BookConfig } from '../../config/config.js';
import type { Credit } from '../../licence/credits.js';
import { rightsStatement } from '../../licence/notice.js';
import { creditRecord, isUrl, OCTAVO_NS, uriOf } from '../../licence/record.js';
import { savePdf } from '../../util/pdf-io.js';
import { VERSION } from '../../version.js';
import { serialiseXml } from '../xml.js';

const NS = {
  x: 'adobe:ns:meta/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dc: 'http://purl.org/dc/elements/1.1/',
  xmp: 'http://ns.adobe.com/xap/1.0/',
  pdf: 'http://ns.adobe.com/pdf/1.3/',
  xmpRights: 'http://ns.adobe.com/xap/1.0/rights/',
  cc: 'http://creativecommons.org/ns#',
  octavo: OCTAVO_NS,
};

function langAlt(tag: string, text: string, lang: string) {
  return x(tag, [
    x('rdf:Alt', [x('rdf:li', { 'xml:lang': 'x-default' }, text), x('rdf:li', { 'xml:lang': lang }, text)]),
  ]);
}

/**
 * Every credit of the book as an ordered list of XMP structures, so
 * `octavo licence` can read the credits list back from the PDF alone.
 */
function creditsProperty(credits: readonly Credit[]): XElement {
  const seq = (tag: string, items: readonly string[]) =>
    items.length
      ? [
          x(tag, [
            x(
              'rdf:Seq',
              items.map((i) => x('rdf:li', i)),
            ),
          ]),
        ]
      : [];
  const opt = (tag: string, value: string | null) => (value ? [x(tag, value)] : []);
  return x('octavo:credits', [
    x(
      'rdf:Seq',
      credits
        .map(creditRecord)
        .map((r) =>
          x('rdf:li', { 'rdf:parseType': 'Resource' }, [
            x('octavo:kind', r.kind),
            x('octavo:title', r.title),
            ...seq('octavo:creator', r.creators),
            ...opt('octavo:source', r.source),
            ...opt('octavo:licence', r.licence?.spdx ?? null),
            ...opt('octavo:licenceName', r.licence?.name ?? null),
            ...(r.licence?.url ? [x('cc:license', { 'rdf:resource': r.licence.url })] : []),
            ...opt('octavo:licenceStatement', r.licenceStatement),
            ...opt('octavo:copyright', r.copyright),
            ...seq('octavo:changes', r.changes),
            ...opt('octavo:target', r.target),
          ]),
        ),
    ),
  ]);
}

/** The XMP packet: Dublin Core, rights and Creative Commons terms, and Octavo's credits list. */
export function xmpPacket(c: BookConfig, credits: readonly Credit[]): string {
  const l = c.licence;
  const description = x(
    'rdf:Description',
    {
      'rdf:about': '',
      'xmlns:dc': NS.dc,
      'xmlns:xmp': NS.xmp,
      'xmlns:pdf': NS.pdf,
      'xmlns:xmpRights': NS.xmpRights,
      'xmlns:cc': NS.cc,
      'xmlns:octavo': NS.octavo,
    },
    [
      langAlt('dc:title', c.title, c.language),
      x('dc:creator', [
        x(
          'rdf:Seq',
          c.creators.map((n) => x('rdf:li', n)),
        ),
      ]),
      ...(c.description ? [langAlt('dc:description', c.description, c.language)] : []),
      x('dc:language', [x('rdf:Bag', [x('rdf:li', c.language)])]),
      x('dc:identifier', c.identifier),
      ...(c.source ? [x('dc:source', c.source)] : []),
      langAlt('dc:rights', rightsStatement(c), c.language),
      x('xmp:CreatorTool', `Octavo ${VERSION}`),
      x('xmp:ModifyDate', c.modified),
      x('pdf:Producer', `Octavo ${VERSION} (Chromium)`),
      x('xmpRights:Marked', l.url ? 'True' : 'False'),
      ...(l.url ? [x('xmpRights:WebStatement', l.url), x('cc:license', { 'rdf:resource': l.url })] : []),
      langAlt('xmpRights:UsageTerms', rightsStatement(c), c.language),
      ...(c.creators.length ? [x('cc:attributionName', c.creators.join(', '))] : []),
      ...(isUrl(c.source) ? [x('cc:attributionURL', { 'rdf:resource': uriOf(c.source) })] : []),
      ...(credits.length ? [creditsProperty(credits)] : []),
    ],
  );
  const tree = x(null, [
    { type: 'instruction', name: 'xpacket', value: 'begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"' },
    x('x:xmpmeta', { 'xmlns:x': NS.x }, [x('rdf:RDF', { 'xmlns:rdf': NS.rdf }, [description])]),
    { type: 'instruction', name: 'xpacket', value: 'end="w"' },
  ]);
  return serialiseXml(tree);
}

export interface PageLabelRange {
  /** 0-based index of the first page of the range. */
  start: number;
  style: 'D' | 'r';
  first?: number;
}

/** Keys whose values are addresses, written as plain strings. */
const ADDRESS_KEYS = new Set(['License', 'AttributionURL']);

/**
 * The document info of every Octavo PDF: the standard keys and, not standard
 * but shown by every reader's "custom properties", the licence's (Rights,
 * License, AttributionURL). The reading PDF gets them from pdf-lib, a PDF/X
 * from Ghostscript (pdfx.ts).
 */
export function documentInfo(c: BookConfig): [string, string][] {
  const entries: [string, string | undefined][] = [
    ['Title', c.subtitle ? `${c.title}: ${c.subtitle}` : c.title],
    ['Author', c.creators.length ? c.creators.join(', ') : undefined],
    ['Subject', c.description],
    // As pdf-lib's setKeywords writes them.
    ['Keywords', c.subjects.length ? c.subjects.join(' ') : undefined],
    ['Creator', `Octavo ${VERSION}`],
    ['Rights', rightsStatement(c)],
    ['License', c.licence.url ?? undefined],
    ['AttributionURL', isUrl(c.source) ? c.source.trim() : undefined],
  ];
  return entries.filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '');
}

export async function finishPdf(
  doc: PDFDocument,
  c: BookConfig,
  labels: PageLabelRange[],
  credits: readonly Credit[],
): Promise<Uint8Array> {
  const modified = new Date(c.modified);
  // Sets the Title, and asks viewers to show it rather than the file name.
  doc.setTitle(c.subtitle ? `${c.title}: ${c.subtitle}` : c.title, { showInWindowTitleBar: true });
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  for (const [key, value] of documentInfo(c)) {
    info.set(PDFName.of(key), ADDRESS_KEYS.has(key) ? PDFString.of(value) : PDFHexString.fromText(value));
  }
  doc.setProducer(`Octavo ${VERSION} (Chromium)`);
  doc.setCreationDate(modified);
  doc.setModificationDate(modified);
  doc.setLanguage(c.language);
  // Two-page views and previews then put a right-to-left book's rectos on the left.
  if (c.dir === 'rtl') doc.catalog.getOrCreateViewerPreferences().setReadingDirection(ReadingDirection.R2L);

  const xmp = doc.context.stream(new TextEncoder().encode(xmpPacket(c, credits)), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(xmp));

  if (labels.length) {
    const nums = labels.flatMap((r) => {
      const dict = doc.context.obj({ S: PDFName.of(r.style), ...(r.first ? { St: PDFNumber.of(r.first) } : {}) });
      return [PDFNumber.of(r.start), dict];
    });
    doc.catalog.set(PDFName.of('PageLabels'), doc.context.obj({ Nums: nums }));
  }
  return savePdf(doc, { useObjectStreams: false });
}
