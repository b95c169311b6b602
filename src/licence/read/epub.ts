/**
 * Reads the licence notice back from an EPUB alone: META-INF/container.xml →
 * the package document's metadata (Dublin Core, `dcterms:license`, Creative
 * Commons terms and Octavo's `octavo:credit` list), then the colophon (the
 * nav's `colophon` landmark, or the content document with `section.colophon`)
 * and the credit lines of chapters with their own licence.
 */
import path from 'node:path';
import type { Root } from 'hast';
import { selectAll } from 'hast-util-select';
import JSZip from 'jszip';
import { type CreditRecord, linksLicence, recogniseLicence, sameLicence, wholeLicence } from '../record.js';
import { checkChapterCreditLine, checkColophon, findColophon } from './human.js';
import {
  allRightsReservedIn,
  assess,
  type HumanFacts,
  type LicenceReport,
  type MachineFacts,
  unreadable,
} from './report.js';
import { attr, childElements, findAll, named, parseXml, textOf, type XmlElement, xmlToHast } from './xml.js';

const OPF = 'http://www.idpf.org/2007/opf';
const DC = 'http://purl.org/dc/elements/1.1/';
const OPS = 'http://www.idpf.org/2007/ops';
const CONTAINER = 'urn:oasis:names:tc:opendocument:xmlns:container';

/** Reserved EPUB prefixes, as EPUB 3 defines them (a package may add its own with `prefix`). */
const RESERVED: Record<string, string> = {
  dcterms: 'http://purl.org/dc/terms/',
  marc: 'http://id.loc.gov/vocabulary/',
  media: 'http://www.idpf.org/epub/vocab/overlays/#',
  rendition: 'http://www.idpf.org/vocab/rendition/#',
  schema: 'http://schema.org/',
};
const DCTERMS = RESERVED.dcterms!;
const OCTAVO = 'https://octavo.dev/ns/1.0/';

interface Meta {
  /** Expanded property IRI. */
  property: string;
  value: string;
  id?: string;
  refines?: string;
}

function prefixes(pkg: XmlElement): Record<string, string> {
  const out = { ...RESERVED };
  const declared = attr(pkg, '', 'prefix') ?? '';
  for (const m of declared.matchAll(/([A-Za-z_][\w.-]*):\s+(\S+)/g)) out[m[1]!] = m[2]!;
  return out;
}

function expand(property: string, map: Record<string, string>): string {
  const colon = property.indexOf(':');
  if (colon === -1) return `http://idpf.org/epub/vocab/package/meta/#${property}`;
  const base = map[property.slice(0, colon)];
  return base ? base + property.slice(colon + 1) : property;
}

/** What one entry may inflate to, and all entries read together: a zip bomb stops here, not in memory. */
export const MAX_ENTRY_BYTES = 64 * 1024 * 1024;
const MAX_TOTAL_BYTES = 256 * 1024 * 1024;

class TooLarge extends Error {}

/**
 * An entry as text, inflated as a stream and abandoned past the limits (the
 * sizes a zip declares can lie, so the bytes are counted as they come).
 */
function text(zip: JSZip, name: string, budget: { left: number }): Promise<string | undefined> {
  const entry = zip.file(name);
  if (!entry) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stream = entry.nodeStream('nodebuffer');
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      budget.left -= chunk.length;
      if (size > MAX_ENTRY_BYTES || budget.left < 0) {
        stream.pause();
        stream.removeAllListeners('data');
        const limit = size > MAX_ENTRY_BYTES ? MAX_ENTRY_BYTES : MAX_TOTAL_BYTES;
        reject(new TooLarge(`${name} inflates to more than ${limit / 1048576} MB`));
        return;
      }
      chunks.push(chunk);
    });
    stream.on('error', reject);
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function resolve(from: string, href: string): string {
  const bare = decodeURIComponent(href.split('#')[0] ?? '');
  return path.posix.normalize(path.posix.join(path.posix.dirname(from), bare));
}

export async function readEpub(file: string, bytes: Uint8Array): Promise<LicenceReport> {
  try {
    return await readEpubWithin(file, bytes, { left: MAX_TOTAL_BYTES });
  } catch (err) {
    if (!(err instanceof TooLarge)) throw err;
    return unreadable(
      file,
      'epub',
      `${err.message}; an EPUB's documents are far smaller, so it is not read (a zip bomb?)`,
    );
  }
}

async function readEpubWithin(file: string, bytes: Uint8Array, budget: { left: number }): Promise<LicenceReport> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (err) {
    return unreadable(file, 'epub', `the file is not a readable EPUB (zip): ${(err as Error).message}`);
  }
  const containerXml = await text(zip, 'META-INF/container.xml', budget);
  if (!containerXml)
    return unreadable(file, 'epub', 'the EPUB has no META-INF/container.xml, so its package document cannot be found');
  let opfPath: string | undefined;
  try {
    const rootfile = findAll(parseXml(containerXml), named(CONTAINER, 'rootfile'))[0];
    opfPath = rootfile && attr(rootfile, '', 'full-path');
  } catch (err) {
    return unreadable(file, 'epub', `META-INF/container.xml is not well-formed: ${(err as Error).message}`);
  }
  const opfText = opfPath ? await text(zip, opfPath, budget) : undefined;
  if (!opfPath || !opfText)
    return unreadable(file, 'epub', 'the package document named by META-INF/container.xml is missing');
  let pkg: XmlElement;
  try {
    pkg = parseXml(opfText);
  } catch (err) {
    return unreadable(file, 'epub', `${opfPath} is not well-formed: ${(err as Error).message}`);
  }
  const map = prefixes(pkg);
  const metadata = findAll(pkg, named(OPF, 'metadata'))[0];
  const manifest = findAll(pkg, named(OPF, 'item')).map((item) => ({
    id: attr(item, '', 'id') ?? '',
    href: resolve(opfPath!, attr(item, '', 'href') ?? ''),
    properties: (attr(item, '', 'properties') ?? '').split(/\s+/),
  }));

  const dc = (local: string) => (metadata ? childElements(metadata).filter(named(DC, local)) : []);
  const metas: Meta[] = (metadata ? childElements(metadata).filter(named(OPF, 'meta')) : [])
    .filter((m) => attr(m, '', 'property'))
    .map((m) => ({
      property: expand(attr(m, '', 'property')!, map),
      value: textOf(m),
      id: attr(m, '', 'id'),
      refines: attr(m, '', 'refines')?.replace(/^#/, ''),
    }));
  const top = (property: string) => metas.find((m) => !m.refines && m.property === property)?.value || undefined;
  const refining = (id: string | undefined, property: string) =>
    metas.filter((m) => id && m.refines === id && m.property === property).map((m) => m.value);

  // The main title: the one refined as `main`, else the first.
  const titles = dc('title');
  const main = titles.find((t) => refining(attr(t, '', 'id'), expand('title-type', map)).includes('main')) ?? titles[0];
  const creators = dc('creator').map(textOf).filter(Boolean);
  const rights = dc('rights').map(textOf).join(' ') || null;

  const credits: CreditRecord[] = metas
    .filter((m) => !m.refines && m.property === `${OCTAVO}credit` && m.id)
    .map((m) => {
      const one = (p: string) => refining(m.id, p)[0] ?? null;
      return {
        kind: one(`${OCTAVO}kind`) ?? 'unknown',
        title: m.value,
        creators: refining(m.id, `${DCTERMS}creator`),
        source: one(`${DCTERMS}source`),
        licence: recogniseLicence(one(`${DCTERMS}license`), one(`${OCTAVO}licence`)),
        licenceStatement: one(`${OCTAVO}licenceStatement`),
        changes: refining(m.id, `${OCTAVO}change`),
        copyright: one(`${OCTAVO}copyright`),
        target: one(`${OCTAVO}target`),
      };
    });
  const book = credits.find((c) => c.kind === 'book');
  const licenceUrl = top(`${DCTERMS}license`);
  const licence =
    wholeLicence(recogniseLicence(licenceUrl), book?.licence) ??
    // No licence URL: all rights reserved, when the rights statement (or the credits list) says so.
    (book?.licence && !book.licence.url ? book.licence : null) ??
    allRightsReservedIn(rights);

  const problems: string[] = [];

  const machine: MachineFacts = {
    licence,
    title: (main && textOf(main)) || null,
    creators,
    source: dc('source').map(textOf).find(Boolean) ?? null,
    licenceStatement: book?.licenceStatement ?? null,
    changes: book?.changes ?? [],
    copyright: book?.copyright ?? null,
    credits,
    problems,
  };

  // Content documents, parsed on demand.
  const docs = new Map<string, Root | null>();
  const doc = async (name: string): Promise<Root | null> => {
    if (!docs.has(name)) {
      const source = await text(zip, name, budget);
      let tree: Root | null = null;
      try {
        tree = source ? xmlToHast(parseXml(source)) : null;
      } catch {
        tree = null;
      }
      docs.set(name, tree);
    }
    return docs.get(name)!;
  };

  // The colophon: the nav's landmark, else the first content document that has one.
  let colophonDoc: string | undefined;
  const navItem = manifest.find((i) => i.properties.includes('nav'));
  const navText = navItem ? await text(zip, navItem.href, budget) : undefined;
  if (navItem && navText) {
    try {
      const landmark = findAll(
        parseXml(navText),
        (e) => e.local === 'a' && (attr(e, OPS, 'type') ?? '').split(/\s+/).includes('colophon'),
      )[0];
      const href = landmark && attr(landmark, '', 'href');
      if (href) colophonDoc = resolve(navItem.href, href);
    } catch {
      // A nav that cannot be read: look for the colophon in the documents.
    }
  }
  let colophon = colophonDoc ? await doc(colophonDoc).then((t) => (t ? findColophon(t) : undefined)) : undefined;
  if (!colophon) {
    for (const item of manifest.filter((i) => i.href.endsWith('.xhtml') || i.href.endsWith('.html'))) {
      const tree = await doc(item.href);
      colophon = tree ? findColophon(tree) : undefined;
      if (colophon) break;
    }
  }
  const humanProblems = checkColophon(colophon, machine);

  // Chapters with their own credit: a credit line for readers, and the licence in the document's head.
  for (const credit of credits.filter((c) => c.kind === 'chapter' && c.target)) {
    const item = manifest.find((i) => i.id === credit.target);
    const tree = item ? await doc(item.href) : null;
    humanProblems.push(...checkChapterCreditLine(tree ?? undefined, credit));
    if (tree && credit.licence?.url && !sameLicence(credit.licence, licence)) {
      const hrefs = selectAll('head link[rel~=license]', tree).flatMap((link) =>
        typeof link.properties.href === 'string' ? [link.properties.href] : [],
      );
      if (!linksLicence(hrefs, credit.licence))
        problems.push(
          `chapter “${credit.title}”: no link to its licence (${credit.licence.url}) in its document's head`,
        );
    }
  }
  const human: HumanFacts = { checked: true, problems: humanProblems };
  return assess(file, 'epub', machine, human);
}
