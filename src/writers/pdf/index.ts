import type { Browser } from 'puppeteer';
import type { ComposedBook } from '../../templates/compose.js';
import type { OutputFile } from '../../util/atomic-write.js';
export async function renderPdf(_c: ComposedBook, slug: string, _o: { browser?: Browser }): Promise<OutputFile> {
  return { name: `${slug}.pdf`, bytes: '' };
}
