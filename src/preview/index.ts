/**
 * Pictures of printed pages, so an author (and the tests) can look at the
 * PDF as a reader of the paper book would: single pages or facing-page
 * spreads, rendered by poppler's pdftoppm.
 */
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument, ReadingDirection } from 'pdf-lib';
import { error, OctavoError } from '../diagnostics.js';
import { loadPdf, savePdf } from '../util/pdf-io.js';
import { tempFolder } from '../util/temp.js';

const run = promisify(execFile);

export interface PreviewOptions {
  /** 1-based page numbers of the PDF (not folios); default: the first eight. */
  pages?: number[];
  /** Facing pages side by side (a recto on the right, or on the left in a right-to-left book). */
  spreads?: boolean;
  /** Resolution of the pictures; default 60 dpi (an A5 page about 350 px wide). */
  dpi?: number;
  /** Right-to-left page progression (rectos on the left); default: as the PDF's viewer preferences say. */
  rtl?: boolean;
}

/** "1-4,9" → [1, 2, 3, 4, 9]; undefined when malformed. */
/** No PDF Octavo makes comes near this many pages; a range beyond it (`1-100000000`) stops here instead of filling memory. */
export const MAX_PREVIEW_PAGE = 100_000;

export function parsePageList(text: string): number[] | undefined {
  const pages = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+))?\s*$/.exec(part);
    if (!m) return undefined;
    const from = Number(m[1]);
    const to = m[2] ? Number(m[2]) : from;
    if (from < 1 || to < from) return undefined;
    for (let p = from; p <= Math.min(to, MAX_PREVIEW_PAGE); p++) pages.add(p);
  }
  return [...pages];
}

/** The spreads that show `pages`: the first page alone, then (2, 3), (4, 5)… as a bound book opens. */
export function spreadsOf(pages: number[], pageCount: number): [number | undefined, number | undefined][] {
  const seen = new Set<number>();
  const out: [number | undefined, number | undefined][] = [];
  for (const p of pages) {
    if (p > pageCount) continue;
    const verso = p % 2 === 0 ? p : p - 1;
    if (seen.has(verso)) continue;
    seen.add(verso);
    const recto = verso + 1;
    out.push([verso >= 1 ? verso : undefined, recto <= pageCount ? recto : undefined]);
  }
  return out;
}

async function pdftoppm(pdf: string, outBase: string, dpi: number): Promise<void> {
  try {
    await run('pdftoppm', ['-png', '-r', String(dpi), pdf, outBase]);
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    throw new OctavoError(
      error(
        'preview/pdftoppm',
        missing
          ? 'previews are drawn by pdftoppm, which is not installed.'
          : `pdftoppm could not draw ${pdf}: ${(e as Error).message.split('\n')[0]}`,
        {
          hint: missing
            ? 'Install poppler-utils (Debian: apt-get install poppler-utils; `npm run build` does it as root).'
            : 'Check that the file is a PDF Octavo wrote.',
        },
      ),
    );
  }
}

/**
 * Writes `page-NNN.png` (or `spread-NNN-NNN.png`) for the chosen pages of
 * `pdfFile` into `outDir`, and returns their paths.
 */
export async function renderPreview(pdfFile: string, outDir: string, options: PreviewOptions = {}): Promise<string[]> {
  const bytes = await readFile(pdfFile).catch(() => {
    throw new OctavoError(
      error('preview/no-pdf', `${pdfFile} cannot be read.`, {
        hint: 'Build the PDF first (octavo build), or give the path of an existing PDF.',
      }),
    );
  });
  const source = await loadPdf(bytes).catch(() => {
    throw new OctavoError(error('preview/not-pdf', `${pdfFile} is not a PDF.`, { file: pdfFile }));
  });
  const count = source.getPageCount();
  const rtl = options.rtl ?? source.catalog.getViewerPreferences()?.getReadingDirection() === ReadingDirection.R2L;
  const pages = (options.pages ?? [1, 2, 3, 4, 5, 6, 7, 8]).filter((p) => p <= count);
  const dpi = options.dpi ?? 60;
  const work = await tempFolder('preview');
  try {
    // Only the chosen pages (side by side for spreads) go into a small PDF that pdftoppm draws in one run.
    const sheet = await PDFDocument.create();
    const names: string[] = [];
    const digits = (n: number) => String(n).padStart(3, '0');
    if (options.spreads) {
      for (const [verso, recto] of spreadsOf(pages, count)) {
        const one = source.getPage((recto ?? verso)! - 1);
        const { width, height } = one.getSize();
        const page = sheet.addPage([2 * width, height]);
        // In a left-to-right book the verso is on the left.
        const [left, right] = rtl ? [recto, verso] : [verso, recto];
        for (const [n, x] of [
          [left, 0],
          [right, width],
        ] as const) {
          if (n === undefined) continue;
          const [embedded] = await sheet.embedPages([source.getPage(n - 1)]);
          page.drawPage(embedded!, { x, y: 0 });
        }
        names.push(
          `spread-${[verso, recto]
            .filter((n) => n !== undefined)
            .map((n) => digits(n!))
            .join('-')}.png`,
        );
      }
    } else {
      const copied = await sheet.copyPages(
        source,
        pages.map((p) => p - 1),
      );
      for (const p of copied) sheet.addPage(p);
      names.push(...pages.map((p) => `page-${digits(p)}.png`));
    }
    if (!names.length) return [];
    const sheetFile = path.join(work, 'preview.pdf');
    await writeFile(sheetFile, await savePdf(sheet));
    await pdftoppm(sheetFile, path.join(work, 'p'), dpi);
    const drawn = (await readdir(work))
      .filter((f) => /^p-\d+\.png$/.test(f))
      .sort((a, b) => Number(a.slice(2, -4)) - Number(b.slice(2, -4)));
    await mkdir(outDir, { recursive: true });
    const out: string[] = [];
    for (let i = 0; i < drawn.length && i < names.length; i++) {
      const target = path.join(outDir, names[i]!);
      await rename(path.join(work, drawn[i]!), target).catch(async () =>
        writeFile(target, await readFile(path.join(work, drawn[i]!))),
      );
      out.push(target);
    }
    return out;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
