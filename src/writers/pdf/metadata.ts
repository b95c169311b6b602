/**
 * Chromium sets only the PDF's Title. Author, subject, keywords, language,
 * rights (document info and XMP) and page labels are written here.
 */
import { PDFDict, PDFDocument, PDFName, PDFNumber, PDFString, PDFHexString } from 'pdf-lib';
import { toXml } from 'xast-util-to-xml';
import { x } from 'xastscript';
import type { BookConfig } from '../../config/config.js';
import { rightsStatement } from '../../licence/notice.js';
import { VERSION } from '../../version.js';

const NS = {
  x: 'adobe:ns:meta/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dc: 'http://purl.org/dc/elements/1.1/',
  xmp: 'http://ns.adobe.com/xap/1.0/',
  pdf: 'http://ns.adobe.com/pdf/1.3/',
  xmpRights: 'http://ns.adobe.com/xap/1.0/rights/',
  cc: 'http://creativecommons.org/ns#',
};

function langAlt(tag: string, text: string, lang: string) {
  return x(tag, [x('rdf:Alt', [x('rdf:li', { 'xml:lang': 'x-default' }, text), x('rdf:li', { 'xml:lang': lang }, text)])]);
}

/** The XMP packet: Dublin Core, rights and Creative Commons terms. */
export function xmpPacket(c: BookConfig): string {
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
    },
    [
      langAlt('dc:title', c.title, c.language),
      x('dc:creator', [x('rdf:Seq', c.creators.map((n) => x('rdf:li', n)))]),
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
    ],
  );
  const tree = x(null, [
    { type: 'instruction', name: 'xpacket', value: 'begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"' },
    x('x:xmpmeta', { 'xmlns:x': NS.x }, [x('rdf:RDF', { 'xmlns:rdf': NS.rdf }, [description])]),
    { type: 'instruction', name: 'xpacket', value: 'end="w"' },
  ]);
  return toXml(tree);
}

export interface PageLabelRange {
  /** 0-based index of the first page of the range. */
  start: number;
  style: 'D' | 'r';
  first?: number;
}

export async function finishPdf(bytes: Uint8Array, c: BookConfig, labels: PageLabelRange[]): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const modified = new Date(c.modified);
  doc.setTitle(c.subtitle ? `${c.title}: ${c.subtitle}` : c.title, { showInWindowTitleBar: true });
  if (c.creators.length) doc.setAuthor(c.creators.join(', '));
  if (c.description) doc.setSubject(c.description);
  if (c.subjects.length) doc.setKeywords(c.subjects);
  doc.setCreator(`Octavo ${VERSION}`);
  doc.setProducer(`Octavo ${VERSION} (Chromium)`);
  doc.setCreationDate(modified);
  doc.setModificationDate(modified);
  doc.setLanguage(c.language);
  // Not standard keys, but every PDF reader's "custom properties" shows them.
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  info.set(PDFName.of('Rights'), PDFHexString.fromText(rightsStatement(c)));
  if (c.licence.url) info.set(PDFName.of('License'), PDFString.of(c.licence.url));

  const xmp = doc.context.stream(new TextEncoder().encode(xmpPacket(c)), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(xmp));

  if (labels.length) {
    const nums = labels.flatMap((r) => {
      const dict = doc.context.obj({ S: PDFName.of(r.style), ...(r.first ? { St: PDFNumber.of(r.first) } : {}) });
      return [PDFNumber.of(r.start), dict];
    });
    doc.catalog.set(PDFName.of('PageLabels'), doc.context.obj({ Nums: nums }));
  }
  return doc.save({ useObjectStreams: false });
}
