/**
 * An image's own credit (photos and drawings reused under their own licence):
 * a sidecar file next to the image (`map.png.credit.yaml` or `map.credit.yaml`),
 * or an entry under `image-credits:` in book.yaml keyed by the image's path.
 *   creator: Jane Doe
 *   source: https://example.org/map
 *   licence: CC-BY-4.0
 *   title: Map of the region      # optional; else the image's alt text
 *   changes: [Cropped.]
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import type { ImageCredit } from '../book.js';
import { imageCreditSchema } from '../config/schema.js';
import { type DiagnosticSink, error } from '../diagnostics.js';
import { validateCredit } from '../licence/credit.js';
import { decodeText } from '../manuscript/decode.js';
import { scrubText } from '../util/xml-chars.js';

/**
 * The sidecar of an image, if there is one. Decoded as book.yaml is: UTF-16
 * with a byte-order mark is read, other bytes that are not UTF-8 stop the
 * build (a credit must not be garbled), characters XML cannot hold are replaced.
 */
export async function readSidecar(
  imageFile: string,
  diagnostics: DiagnosticSink,
): Promise<{ file: string; data: unknown } | undefined> {
  for (const file of [`${imageFile}.credit.yaml`, imageFile.replace(/\.[^./]+$/, '.credit.yaml')]) {
    const bytes = await readFile(file).catch(() => undefined);
    if (bytes === undefined) continue;
    const decoded = decodeText(new Uint8Array(bytes), file, { strict: true, code: 'licence/image-credit' });
    diagnostics.push(...decoded.diagnostics);
    if (decoded.failure) {
      diagnostics.push(decoded.failure);
      return undefined;
    }
    const text = scrubText(decoded.text, file, diagnostics);
    try {
      return { file, data: parse(text) as unknown };
    } catch {
      return { file, data: Symbol.for('invalid-yaml') };
    }
  }
  return undefined;
}

export function toImageCredit(
  data: unknown,
  fallbackTitle: string,
  file: string,
  diagnostics: DiagnosticSink,
): ImageCredit | undefined {
  const parsed = imageCreditSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    diagnostics.push(
      error(
        'licence/image-credit',
        `the image credit in ${path.basename(file)} is not valid: \`${issue?.path.join('.') || 'credit'}\` ${issue?.message ?? ''}.`,
        {
          file,
          line: 1,
          column: 1,
          hint: 'An image credit needs `licence:` and, for attribution licences, `creator:`; see README, "Licences and attribution".',
        },
      ),
    );
    return undefined;
  }
  const c = parsed.data;
  const checked = validateCredit(c, { kind: 'image', file }, diagnostics);
  if (!checked.licence) return undefined;
  const licence = checked.licence;
  const creators = checked.creators;
  return {
    title: c.title ?? fallbackTitle,
    creators,
    source: c.source,
    licence,
    licenceStatement: c['licence-statement'],
    changes: checked.changes,
    adapted: checked.adapted,
  };
}
