/**
 * PDF/X-3 for print shops that ask for it, made by Ghostscript's pdfwrite
 * (the only PDF/X it writes). Ghostscript must be the last hand on the file:
 * re-saving it with pdf-lib would rewrite the header and break the standard,
 * so the boxes, marks and page labels are set before, and the document info
 * (the licence included) is given to Ghostscript as a pdfmark.
 *
 * What PDF/X-3 costs, and Octavo says so: links are dropped (paper has none),
 * the XMP packet and the tags are not kept, and a page that uses transparency
 * is flattened into one image.
 */
import { access, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BookConfig } from '../../config/config.js';
import { documentInfo } from './metadata.js';

/** Where Debian (libgs-common) and Ghostscript's own tree keep the output profiles. */
const PROFILE_DIRS = [
  '/usr/share/color/icc/ghostscript',
  '/usr/share/ghostscript/iccprofiles',
  '/usr/local/share/ghostscript/iccprofiles',
];

export async function findOutputProfile(colour: 'cmyk' | 'grey'): Promise<string | undefined> {
  const name = colour === 'cmyk' ? 'default_cmyk.icc' : 'default_gray.icc';
  for (const dir of PROFILE_DIRS) {
    const file = path.join(dir, name);
    if (
      await access(file).then(
        () => true,
        () => false,
      )
    )
      return file;
  }
  return undefined;
}

/** A PostScript string: ASCII as a literal, anything else as UTF-16 hex, as PDF text strings allow. */
function psString(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

/** D:YYYYMMDDHHmmSSZ from an ISO 8601 timestamp. */
function pdfDate(iso: string): string {
  return `D:${iso.replace(/[-:T]/g, '').replace(/\.\d+/, '').replace(/Z$/, '')}Z`;
}

/** The PostScript Ghostscript runs before the book: the PDF/X version and the output intent with its ICC profile. */
export function pdfxDefinition(profile: string, channels: 1 | 4): string {
  return [
    '%!PS',
    '% Written by Octavo for Ghostscript: the PDF/X-3 output intent.',
    '[ /GTS_PDFXVersion (PDF/X-3:2002) /Trapped /False /DOCINFO pdfmark',
    '[/_objdef {icc_PDFX} /type /stream /OBJ pdfmark',
    `[{icc_PDFX} << /N ${channels} >> /PUT pdfmark`,
    `[{icc_PDFX} ${psString(profile)} (r) file /PUT pdfmark`,
    '[/_objdef {OutputIntent_PDFX} /type /dict /OBJ pdfmark',
    `[{OutputIntent_PDFX} << /Type /OutputIntent /S /GTS_PDFX /OutputCondition ${psString(`Characterised by ${path.basename(profile)}`)} /Info (none) /OutputConditionIdentifier (${channels === 4 ? 'CGATS TR 001' : 'Custom'}) /RegistryName (http://www.color.org) /DestOutputProfile {icc_PDFX} >> /PUT pdfmark`,
    '[{Catalog} << /OutputIntents [ {OutputIntent_PDFX} ] >> /PUT pdfmark',
    '',
  ].join('\n');
}

/** The document info, the licence included, which Ghostscript would otherwise drop; run after the book. */
export function docInfo(c: BookConfig): string {
  const date = pdfDate(c.modified);
  return `%!PS\n[ ${documentInfo(c)
    .map(([k, v]) => `/${k} ${psString(v)}`)
    .join(' ')} /CreationDate (${date}) /ModDate (${date}) /DOCINFO pdfmark\n`;
}

export interface PdfxFiles {
  /** Run before the book. */
  definition: string;
  /** Run after it. */
  info: string;
  /** The folder Ghostscript may read the profile from. */
  profileDir: string;
}

export async function writePdfxFiles(
  workDir: string,
  c: BookConfig,
  profile: string,
  channels: 1 | 4,
): Promise<PdfxFiles> {
  const definition = path.join(workDir, 'pdfx-definition.ps');
  const info = path.join(workDir, 'pdfx-info.ps');
  await writeFile(definition, pdfxDefinition(profile, channels));
  await writeFile(info, docInfo(c));
  return { definition, info, profileDir: path.dirname(profile) };
}
