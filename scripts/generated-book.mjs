/** The benchmarks' long book: the sample article (CC BY 4.0) repeated into 30 chapters. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Writes a book of about `target` words into `dir`; returns its word count. */
export async function generateBook(dir, target) {
  const sample = await readFile(path.join(root, 'manuscript', '01-assads-visit.md'), 'utf8');
  const body = sample.replace(/^# .*\n/, '');
  const perCopy = body.split(/\s+/).filter(Boolean).length;
  const chapters = 30;
  const copies = Math.max(1, Math.round(target / perCopy / chapters));
  await mkdir(dir, { recursive: true });
  await writeFile(
    path.join(dir, 'book.yaml'),
    'title: Benchmark Book\ncreator: Mehr News Agency\nlanguage: en\nlicence: CC-BY-4.0\nsource: The Octavo sample article, repeated.\nchanges: [Repeated the article to make a long book.]\n',
  );
  for (let c = 1; c <= chapters; c++) {
    const parts = [`# Chapter ${c}\n`];
    for (let i = 0; i < copies; i++) parts.push(`## Section ${c}.${i + 1}\n\n${body}`);
    await writeFile(path.join(dir, `${String(c).padStart(2, '0')}-chapter.md`), parts.join('\n'));
  }
  return perCopy * copies * chapters;
}
