/**
 * Reads the licence notice back from a PDF alone. The machine layer is the
 * XMP packet (Dublin Core, xmpRights, Creative Commons, Octavo's credits
 * list) with the document info as fallback. The human layer is the colophon
 * page(s): the link to the licence (a link annotation, read with pdf-lib) and,
 * when poppler's `pdftotext` is installed, the colophon's text naming the
 * title, the authors and the licence. Without `pdftotext` the text is not
 * checked, and the report says so.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  type PDFDocument,
  PDFHexString,
  PDFName,
  type PDFObject,
  PDFRawStream,
  PDFStream,
  PDFString,
} from 'pdf-lib';
import { readDestinations } from '../../util/pdf-destinations.js';
import { loadPdf } from '../../util/pdf-io.js';
import {
  type CreditRecord,
  linksLicence,
  OCTAVO_NS,
  recogniseLicence,
  refOperands,
  refUrls,
  requiresAttribution,
  wholeLicence,
} from '../record.js';
import { loose } from './human.js';
import {
  allRightsReservedIn,
  assess,
  type HumanFacts,
  type LicenceReport,
  type MachineFacts,
  unreadable,
} from './report.js';
import { attr, childElements, findAll, named, parseXml, textOf, type XmlElement } from './xml.js';

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const DC = 'http://purl.org/dc/elements/1.1/';
const XMP_RIGHTS = 'http://ns.adobe.com/xap/1.0/rights/';
const CC = 'http://creativecommons.org/ns#';

export interface PdfReadOptions {
  /** The pdftotext program; false: never run it (the human text is then "not checked"). */
  pdftotext?: string | false;
}

function pdfText(obj: PDFObject | undefined): string | null {
  if (obj instanceof PDFString || obj instanceof PDFHexString) return obj.decodeText().trim() || null;
  return null;
}

function xmpText(doc: PDFDocument): string | undefined {
  const stream = doc.catalog.lookup(PDFName.of('Metadata'));
  if (!(stream instanceof PDFStream)) return undefined;
  const bytes = stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : stream.getContents();
  return new TextDecoder().decode(bytes);
}

/** All rdf:Description elements' children, by namespace and local name. */
function properties(rdf: XmlElement, ns: string, local: string): XmlElement[] {
  return findAll(rdf, named(RDF, 'Description')).flatMap((d) => childElements(d).filter(named(ns, local)));
}

/** The items of an rdf:Seq/Bag/Alt (x-default first for Alt), or the element's own text. */
function values(el: XmlElement | undefined): string[] {
  if (!el) return [];
  const container = childElements(el).find((c) => c.ns === RDF && ['Seq', 'Bag', 'Alt'].includes(c.local));
  if (!container) return [textOf(el)].filter(Boolean);
  const items = childElements(container).filter(named(RDF, 'li'));
  if (container.local === 'Alt')
    items.sort(
      (a, b) =>
        Number(attr(b, 'http://www.w3.org/XML/1998/namespace', 'lang') === 'x-default') -
        Number(attr(a, 'http://www.w3.org/XML/1998/namespace', 'lang') === 'x-default'),
    );
  return items.map(textOf).filter(Boolean);
}

function resource(el: XmlElement | undefined): string | null {
  if (!el) return null;
  return attr(el, RDF, 'resource') ?? (textOf(el) || null);
}

function xmpCredits(rdf: XmlElement): CreditRecord[] {
  const list = properties(rdf, OCTAVO_NS, 'credits')[0];
  const seq = list && childElements(list).find((c) => c.ns === RDF);
  if (!seq) return [];
  return childElements(seq)
    .filter(named(RDF, 'li'))
    .map((li) => {
      // rdf:parseType="Resource", or an rdf:Description inside the li.
      const struct = childElements(li).find(named(RDF, 'Description')) ?? li;
      const field = (local: string, ns = OCTAVO_NS) => childElements(struct).find(named(ns, local));
      const one = (local: string) => values(field(local))[0] ?? null;
      return {
        kind: one('kind') ?? 'unknown',
        title: one('title') ?? '',
        creators: values(field('creator')),
        source: one('source'),
        licence: recogniseLicence(resource(field('license', CC)), one('licence')),
        licenceStatement: one('licenceStatement'),
        changes: values(field('changes')),
        copyright: one('copyright'),
        target: one('target'),
      };
    });
}

/** Every URI a link annotation on the given pages points to. */
function linkUris(doc: PDFDocument, pages: number[]): string[] {
  const out: string[] = [];
  const all = doc.getPages();
  for (const index of pages) {
    const annots = all[index]?.node.lookup(PDFName.of('Annots'));
    if (!(annots instanceof PDFArray)) continue;
    for (let i = 0; i < annots.size(); i++) {
      const annot = annots.lookup(i);
      if (!(annot instanceof PDFDict)) continue;
      const action = annot.lookup(PDFName.of('A'));
      const uri = action instanceof PDFDict ? pdfText(action.lookup(PDFName.of('URI'))) : null;
      if (uri) out.push(uri);
    }
  }
  return out;
}

async function runPdftotext(program: string, file: string, first: number): Promise<string | undefined> {
  try {
    const { stdout } = await promisify(execFile)(program, ['-enc', 'UTF-8', '-f', String(first), file, '-'], {
      maxBuffer: 64 << 20,
    });
    return stdout;
  } catch {
    return undefined;
  }
}

export async function readPdf(file: string, bytes: Uint8Array, options: PdfReadOptions = {}): Promise<LicenceReport> {
  let doc: PDFDocument;
  try {
    doc = await loadPdf(bytes, { ignoreEncryption: true });
  } catch (err) {
    return unreadable(file, 'pdf', `the file is not a readable PDF: ${(err as Error).message}`);
  }
  const problems: string[] = [];
  const infoRef = doc.context.trailerInfo.Info;
  const info = infoRef ? doc.context.lookup(infoRef) : undefined;
  const infoValue = (key: string) => (info instanceof PDFDict ? pdfText(info.lookup(PDFName.of(key))) : null);

  let rdf: XmlElement | undefined;
  const xmp = xmpText(doc);
  if (xmp) {
    try {
      rdf = findAll(parseXml(xmp), named(RDF, 'RDF'))[0] ?? undefined;
    } catch (err) {
      problems.push(`the PDF's XMP metadata is not well-formed: ${(err as Error).message}`);
    }
  }
  const prop = (ns: string, local: string) => (rdf ? properties(rdf, ns, local)[0] : undefined);
  const credits = rdf ? xmpCredits(rdf) : [];
  const book = credits.find((c) => c.kind === 'book');
  const rights = values(prop(DC, 'rights'))[0] ?? infoValue('Rights');
  const licence =
    wholeLicence(
      recogniseLicence(
        resource(prop(CC, 'license')) ?? resource(prop(XMP_RIGHTS, 'WebStatement')) ?? infoValue('License'),
      ),
      book?.licence,
    ) ??
    (book?.licence && !book.licence.url ? book.licence : null) ??
    allRightsReservedIn(rights);
  const xmpCreators = values(prop(DC, 'creator'));
  const author = infoValue('Author');
  const machine: MachineFacts = {
    licence,
    title: values(prop(DC, 'title'))[0] ?? infoValue('Title'),
    creators: xmpCreators.length ? xmpCreators : author ? [author] : [],
    source: values(prop(DC, 'source'))[0] ?? null,
    licenceStatement: book?.licenceStatement ?? null,
    changes: book?.changes ?? [],
    copyright: book?.copyright ?? null,
    credits,
    problems,
  };
  return assess(file, 'pdf', machine, await humanLayer(doc, file, machine, options));
}

/** The colophon pages: the link to the licence, and (with pdftotext) the words of the notice. */
async function humanLayer(
  doc: PDFDocument,
  file: string,
  machine: MachineFacts,
  options: PdfReadOptions,
): Promise<HumanFacts> {
  const pageCount = doc.getPageCount();
  const start = readDestinations(doc).get('colophon');
  const pages = Array.from({ length: pageCount - (start ?? 0) }, (_, i) => (start ?? 0) + i);
  const where = start === undefined ? 'the PDF' : 'the colophon';
  const problems: string[] = [];
  const licence = machine.licence;
  const linked = !licence?.url || linksLicence(linkUris(doc, pages), licence);
  const program = options.pdftotext === undefined ? 'pdftotext' : options.pdftotext;
  const text = program ? await runPdftotext(program, file, (start ?? 0) + 1) : undefined;
  // CC 4.0 asks for "the URI or hyperlink": on paper (and in a PDF/X, which has no links) the printed address is it.
  const compact = (v: string) => v.replace(/[\s\u00ad\u2010]+/g, '');
  const printed = Boolean(
    licence?.url && text !== undefined && refUrls(licence).every((url) => compact(text).includes(compact(url))),
  );
  if (!linked && !printed) problems.push(`${where} does not link the licence (${refUrls(licence).join(', ')})`);
  if (text === undefined) {
    if (problems.length) return { checked: true, problems };
    return {
      checked: false,
      why: 'pdftotext (poppler-utils) is not installed, so the colophon text of the PDF was not read; only its link to the licence was checked',
    };
  }
  const words = loose(text);
  // An expression's notice names each of its licences, in the book's words for "or" and "and".
  for (const one of licence?.url ? refOperands(licence) : []) {
    // A licence WITH an exception: the exception is worded in the book's language, the licence's name is not.
    const name = one.spdx?.includes(' WITH ') ? one.name?.replace(/ with .*$/, '') : one.name;
    if (name && !words.includes(loose(name))) problems.push(`${where} does not name the licence (${name})`);
  }
  if (requiresAttribution(licence)) {
    if (machine.title && !words.includes(loose(machine.title)))
      problems.push(`${where} does not name the title “${machine.title}”`);
    for (const creator of machine.creators)
      if (!words.includes(loose(creator))) problems.push(`${where} does not name the author ${creator}`);
  }
  for (const credit of machine.credits.filter((c) => c.kind !== 'book')) {
    if (credit.title && !words.includes(loose(credit.title)))
      problems.push(`${where} does not credit the ${credit.kind} “${credit.title}”`);
  }
  return { checked: true, problems };
}
