/** Where each anchor landed: the page index of every named destination Chromium wrote. */
import { PDFArray, PDFDict, type PDFDocument, PDFHexString, PDFName, type PDFObject, PDFRef, PDFString } from 'pdf-lib';

function destPageRef(dest: PDFObject | undefined, doc: PDFDocument): PDFRef | undefined {
  const value = dest instanceof PDFRef ? doc.context.lookup(dest) : dest;
  if (value instanceof PDFArray) {
    const first = value.get(0);
    return first instanceof PDFRef ? first : undefined;
  }
  if (value instanceof PDFDict) return destPageRef(value.get(PDFName.of('D')), doc);
  return undefined;
}

function nameTreeEntries(node: PDFDict, doc: PDFDocument, out: [string, PDFObject][]): void {
  const names = node.lookup(PDFName.of('Names'));
  if (names instanceof PDFArray) {
    for (let i = 0; i + 1 < names.size(); i += 2) {
      const key = names.lookup(i);
      const text = key instanceof PDFString || key instanceof PDFHexString ? key.decodeText() : undefined;
      if (text !== undefined) out.push([text, names.get(i + 1)]);
    }
  }
  const kids = node.lookup(PDFName.of('Kids'));
  if (kids instanceof PDFArray) {
    for (let i = 0; i < kids.size(); i++) {
      const kid = kids.lookup(i);
      if (kid instanceof PDFDict) nameTreeEntries(kid, doc, out);
    }
  }
}

/** Map from anchor id to 0-based page index. */
export function readDestinations(doc: PDFDocument): Map<string, number> {
  const pageIndex = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i]));
  const entries: [string, PDFObject][] = [];
  const dests = doc.catalog.lookup(PDFName.of('Dests'));
  if (dests instanceof PDFDict) {
    for (const [key, value] of dests.entries()) entries.push([key.decodeText(), value]);
  }
  const names = doc.catalog.lookup(PDFName.of('Names'));
  if (names instanceof PDFDict) {
    const tree = names.lookup(PDFName.of('Dests'));
    if (tree instanceof PDFDict) nameTreeEntries(tree, doc, entries);
  }
  const out = new Map<string, number>();
  for (const [written, dest] of entries) {
    const name = idOf(written);
    const ref = destPageRef(dest, doc);
    const index = ref ? pageIndex.get(ref.toString()) : undefined;
    if (index !== undefined) out.set(name, index);
  }
  return out;
}

/** Chromium writes an id that is not ASCII percent-encoded (`%D8%AC…` for a Persian heading's id). */
export function idOf(name: string): string {
  if (!name.includes('%')) return name;
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}
