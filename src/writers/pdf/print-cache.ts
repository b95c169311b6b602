/**
 * The last PDF a book's build printed, kept in `.octavo-cache/pdf/` with the
 * warnings its printing gave: a build whose print edition would show exactly
 * the same (the same print page, images, fonts, settings and Octavo) takes it
 * from there instead of printing again. One entry per book: a new print
 * replaces the old. Like the chapter store, it is a convenience that a
 * folder which cannot be read or written leaves out.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Manuscript } from '../../book.js';
import type { Diagnostic } from '../../diagnostics.js';
import type { PrintPages } from '../../page-list/print-pages.js';
import { CACHE_FOLDER, codeFingerprint } from '../../transform/chapter-store.js';
import type { WriterOutput } from '../writer.js';

/** A print as kept: its files, what printing it reported, where its pages begin. */
export interface KeptPrint {
  outputs: WriterOutput[];
  diagnostics: Diagnostic[];
  pages?: PrintPages | undefined;
}

interface Entry {
  outputs: { name: string; role?: string; pages?: number }[];
  diagnostics: Diagnostic[];
  /** Where each page begins, for the EPUB's page list (when it was measured). */
  printPages?: PrintPages;
  /** The manuscript the build that printed it read (manuscriptKey). */
  manuscript?: string;
}

export interface PrintKeyParts {
  html: string;
  fontFaces: string;
  assets: readonly { href: string; bytes: Uint8Array }[];
  /** Everything else the PDF's pages and metadata are made from (config, print-shop settings). */
  settings: unknown;
}

/** Settings as JSON without the build's time, which a kept print does not depend on. */
function timeless(settings: unknown): string {
  return JSON.stringify(settings, (key, value: unknown) => (key === 'modified' ? undefined : value));
}

/**
 * The hash of what a print would show. The build's time (`modified`) is left
 * out: a kept PDF keeps the time it was printed, which is when its content last
 * changed.
 */
export function printKey(parts: PrintKeyParts): string {
  const html = parts.html.replace(/<meta name="dcterms\.modified"[^>]*>/, '');
  const hash = createHash('sha1').update(codeFingerprint()).update(html).update(parts.fontFaces);
  for (const a of parts.assets) hash.update(`\0${a.href}\0`).update(a.bytes);
  const settings = timeless(parts.settings);
  return hash.update(settings).digest('hex');
}

const folder = (root: string) => path.join(root, CACHE_FOLDER, 'pdf');

/**
 * The hash of a manuscript as read, before it is transformed: the chapters'
 * text, book.yaml's settings and Octavo. When it is the one the kept print was
 * made from, the print will very likely be reused, and the build need not
 * start Chromium; a wrong guess (an image changed) only starts it later.
 */
export function manuscriptKey(manuscript: Manuscript): string {
  const hash = createHash('sha1').update(codeFingerprint());
  for (const c of manuscript.chapters) hash.update(`\0${c.relPath}\0${c.piece ?? ''}\0`).update(c.source);
  const config = timeless(manuscript.config);
  return hash.update(config).digest('hex');
}

/** Whether the kept print was made from this manuscript (see manuscriptKey). */
export async function printKeptFor(root: string, manuscript: string): Promise<boolean> {
  try {
    const [key] = await readdir(folder(root));
    if (!key) return false;
    const entry = JSON.parse(await readFile(path.join(folder(root), key, 'entry.json'), 'utf8')) as Entry;
    return entry.manuscript === manuscript;
  } catch {
    return false;
  }
}

/** The kept print for `key`, or undefined. */
export async function keptPrint(root: string, key: string): Promise<KeptPrint | undefined> {
  try {
    const dir = path.join(folder(root), key);
    const entry = JSON.parse(await readFile(path.join(dir, 'entry.json'), 'utf8')) as Entry;
    const outputs = await Promise.all(
      entry.outputs.map(async (o) => ({ ...o, bytes: new Uint8Array(await readFile(path.join(dir, o.name))) })),
    );
    return { outputs, diagnostics: entry.diagnostics, pages: entry.printPages };
  } catch {
    return undefined;
  }
}

/** Keeps this print for the next build, in place of any other. */
export async function keepPrint(
  root: string,
  key: string,
  { outputs, diagnostics, pages }: KeptPrint,
  manuscript?: string,
): Promise<void> {
  const base = folder(root);
  const temp = path.join(base, `${key}.${process.pid}.tmp`);
  try {
    await mkdir(temp, { recursive: true });
    for (const o of outputs) await writeFile(path.join(temp, o.name), o.bytes);
    const entry: Entry = {
      outputs: outputs.map(({ name, role, pages }) => ({
        name,
        ...(role ? { role } : {}),
        ...(pages ? { pages } : {}),
      })),
      diagnostics: [...diagnostics],
      ...(pages ? { printPages: pages } : {}),
      ...(manuscript ? { manuscript } : {}),
    };
    await writeFile(path.join(temp, 'entry.json'), JSON.stringify(entry));
    for (const old of await readdir(base)) {
      if (old !== path.basename(temp)) await rm(path.join(base, old), { recursive: true, force: true });
    }
    await rename(temp, path.join(base, key));
  } catch {
    await rm(temp, { recursive: true, force: true }).catch(() => undefined);
  }
}
