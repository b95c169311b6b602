/**
 * The benchmarks' generated books: deterministic (a seeded PRNG, never
 * Math.random), drawn from the vocabulary of the sample article
 * (manuscript/01-assads-visit.md, Mehr News Agency, CC BY 4.0, credited in the
 * book's metadata). Each chapter has a `#` title, `##`/`###` sections,
 * paragraphs with *emphasis*, **strong**, `code`, links, straight quotes,
 * apostrophes, `--` and `...` (so smart typography has work), bullet and
 * numbered lists, block quotes, a GFM table now and then, footnotes and fenced
 * code blocks in js or python.
 *
 * A book is written as a book folder (book.yaml + one file per chapter) and,
 * with `markdownFile`, also as one Markdown file (front matter, then the
 * chapters as `#` headings, which Octavo cuts into chapters; pandoc reads the
 * same file).
 *
 *   generateBook(dir, targetWords)                       -> words written (number)
 *   writeGeneratedBook(dir, targetWords, { markdownFile, chapters, seed })
 *                                                        -> { words, chapters, dir, markdownFile }
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** mulberry32: a small, fast, seeded PRNG; the same seed gives the same book on every machine. */
function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  const chance = (p) => next() < p;
  return { next, int, pick, chance };
}

/** Chapters for a book of `words`: 10 at 30k, 40 at 150k, 120 at 600k, log-linear between. */
export function chaptersFor(words) {
  const points = [
    [30_000, 10],
    [150_000, 40],
    [600_000, 120],
  ];
  if (words <= points[0][0]) return Math.max(1, Math.round((words / points[0][0]) * points[0][1]));
  for (let i = 1; i < points.length; i++) {
    const [w0, c0] = points[i - 1];
    const [w1, c1] = points[i];
    if (words <= w1 || i === points.length - 1) {
      const f = Math.log(words / w0) / Math.log(w1 / w0);
      return Math.max(1, Math.round(Math.exp(Math.log(c0) + f * (Math.log(c1) - Math.log(c0)))));
    }
  }
  return points.at(-1)[1];
}

/**
 * Words as a reader counts them: code blocks, link targets, note labels and
 * bare markup (`-`, `1.`, `>`, `|`, `#`) left out.
 */
export function countWords(markdown) {
  const prose = markdown
    .replace(/^```[^\n]*\n[\s\S]*?^```$/gm, ' ')
    .replace(/\]\([^)]*\)/g, ' ')
    .replace(/\[\^[^\]]*\]:?/g, ' ');
  let n = 0;
  for (const token of prose.split(/\s+/)) if (/[\p{L}\p{N}]/u.test(token)) n++;
  return n;
}

async function vocabulary() {
  const sample = await readFile(path.join(root, 'manuscript', '01-assads-visit.md'), 'utf8');
  const words = new Set();
  const names = new Set();
  let sentenceStart = true;
  for (const raw of sample.replace(/^# .*\n/, '').split(/\s+/)) {
    const start = sentenceStart;
    sentenceStart = raw === '' || raw === '>' || /[.!?:]["”’]?$/.test(raw);
    // Possessives lose their 's; contractions, numbers and web addresses are left out.
    const w = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').replace(/[’']s$/, '');
    if (!w || /[’'.\d]/.test(w) || /^-|-$/.test(w)) continue;
    if (/^\p{Ll}/u.test(w)) words.add(w);
    else if (!start && w.length > 2 && w.toUpperCase() !== w) names.add(w);
  }
  for (const n of names) if (words.has(n.toLowerCase())) names.delete(n);
  return { words: [...words].sort(), names: [...names].sort() };
}

const capital = (s) => s.charAt(0).toUpperCase() + s.slice(1);

function writer(rng, vocab) {
  const word = () => (rng.chance(0.08) ? rng.pick(vocab.names) : rng.pick(vocab.words));
  const words = (lo, hi) => Array.from({ length: rng.int(lo, hi) }, word).join(' ');
  const long = vocab.words.filter((w) => w.length >= 5);
  const ident = () => rng.pick(long).replace(/-/g, '_');

  /** One sentence with, now and then, inline markup and typography for the smart-quotes pass. */
  function sentence(notes) {
    const parts = Array.from({ length: rng.int(6, 20) }, word);
    const at = () => rng.int(0, parts.length - 1);
    if (rng.chance(0.12)) parts[at()] = `*${word()} ${word()}*`;
    if (rng.chance(0.08)) parts[at()] = `**${word()}**`;
    if (rng.chance(0.06)) parts[at()] = `\`${ident()}()\``;
    if (rng.chance(0.05)) {
      const target = `https://example.org/${ident()}/${rng.int(1, 999)}`;
      parts[at()] = `[${word()} ${word()}](${target})`;
    }
    if (rng.chance(0.1)) parts[at()] = `"${word()} ${word()} ${word()}"`;
    if (rng.chance(0.05)) parts[at()] = `'${word()} ${word()}'`;
    if (rng.chance(0.12)) parts[at()] = `${rng.pick(vocab.names)}'s`;
    if (rng.chance(0.06)) parts[at()] = rng.pick(["it's", "don't", "wasn't", "they're", "we'll"]);
    if (rng.chance(0.06)) parts.splice(at(), 0, '--');
    let s = capital(parts.join(' '));
    if (rng.chance(0.04)) s += '...';
    else s += rng.chance(0.9) ? '.' : rng.pick(['?', '!']);
    if (notes && rng.chance(0.025)) s += notes.ref(sentence());
    return s;
  }
  const paragraph = (notes) => Array.from({ length: rng.int(3, 7) }, () => sentence(notes)).join(' ');

  function list(notes) {
    const ordered = rng.chance(0.4);
    const items = Array.from({ length: rng.int(3, 7) }, (_, i) => {
      const text = rng.chance(0.7) ? capital(words(3, 10)) : sentence(notes);
      return `${ordered ? `${i + 1}.` : '-'} ${text}`;
    });
    return items.join('\n');
  }
  const quote = (notes) =>
    Array.from({ length: rng.int(1, 2) }, () => `> ${paragraph(notes)}`)
      .join('\n>\n')
      .concat(rng.chance(0.5) ? `\n>\n> -- ${rng.pick(vocab.names)}` : '');

  function table() {
    const cols = rng.int(3, 4);
    const head = Array.from({ length: cols }, () => capital(word()));
    const rows = Array.from({ length: rng.int(3, 6) }, () =>
      Array.from({ length: cols }, (_, c) => (c === cols - 1 ? String(rng.int(1, 9999)) : words(1, 3))),
    );
    const line = (cells) => `| ${cells.join(' | ')} |`;
    return [line(head), line(head.map((_, c) => (c === cols - 1 ? '---:' : '---'))), ...rows.map(line)].join('\n');
  }

  function code() {
    const a = ident();
    const b = ident();
    const c = ident();
    if (rng.chance(0.5))
      return [
        '```js',
        `// ${words(3, 8)}`,
        `export function ${a}(${b}, ${c} = ${rng.int(1, 99)}) {`,
        `  const items = ${b}.filter((x) => x.${c} > ${rng.int(0, 50)});`,
        `  return items.map((x) => ({ ...x, ${a}: "${word()}" }));`,
        '}',
        '```',
      ].join('\n');
    return [
      '```python',
      `def ${a}(${b}, ${c}=${rng.int(1, 99)}):`,
      `    """${capital(words(3, 8))}."""`,
      `    return [x for x in ${b} if x.get("${c}", 0) > ${rng.int(0, 50)}]`,
      '```',
    ].join('\n');
  }

  /** One chapter of about `target` words; note labels are unique in the whole book (`[^c3-7]`). */
  function chapter(number, target) {
    const defs = [];
    const notes = {
      ref(text) {
        const label = `c${number}-${defs.length + 1}`;
        defs.push(`[^${label}]: ${text}`);
        return `[^${label}]`;
      },
    };
    const blocks = [`# Chapter ${number}: ${capital(words(2, 5))}`];
    let count = countWords(blocks[0]);
    let section = 0;
    let sinceHeading = 0;
    const add = (block) => {
      blocks.push(block);
      count += countWords(block);
    };
    add(paragraph(notes));
    while (count < target) {
      if (sinceHeading >= rng.int(5, 9)) {
        sinceHeading = 0;
        if (section > 0 && rng.chance(0.35)) add(`### ${capital(words(2, 5))}`);
        else add(`## ${number}.${++section} ${capital(words(2, 6))}`);
      }
      const r = rng.next();
      if (r < 0.7) add(paragraph(notes));
      else if (r < 0.8) add(list(notes));
      else if (r < 0.88) add(quote(notes));
      else if (r < 0.95) add(code());
      else if (r < 0.98) add(table());
      else add(`${paragraph(notes)}\n\n${sentence()} ${sentence()}`);
      sinceHeading++;
    }
    if (defs.length) add(defs.join('\n\n'));
    return { text: `${blocks.join('\n\n')}\n`, words: count };
  }
  return { chapter };
}

const YAML_FIELDS = (words) => [
  'title: Benchmark Book',
  'creator: Mehr News Agency',
  'language: en',
  'licence: CC-BY-4.0',
  'source: The Octavo sample article (Mehr News Agency), its words recombined.',
  `changes: [Recombined the article's words at random (seeded) into a generated book of ${words} words.]`,
];

/** Writes the book folder (and, with `markdownFile`, the one-file version); returns its figures. */
export async function writeGeneratedBook(dir, targetWords, options = {}) {
  const chapters = options.chapters ?? chaptersFor(targetWords);
  const rng = prng(options.seed ?? 0x0c7a70 + targetWords);
  const { chapter } = writer(rng, await vocabulary());
  const texts = [];
  let words = 0;
  for (let c = 1; c <= chapters; c++) {
    // Chapters differ in length (0.6x to 1.4x of what is left per chapter); the total stays near the target.
    const even = (targetWords - words) / (chapters - c + 1);
    const want = c === chapters ? even : even * (0.6 + rng.next() * 0.8);
    const ch = chapter(c, Math.max(50, Math.round(want)));
    texts.push(ch.text);
    words += ch.words;
  }
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'book.yaml'), `${YAML_FIELDS(words).join('\n')}\n`);
  const width = Math.max(2, String(chapters).length);
  await Promise.all(
    texts.map((t, i) => writeFile(path.join(dir, `${String(i + 1).padStart(width, '0')}-chapter.md`), t)),
  );
  if (options.markdownFile) {
    await mkdir(path.dirname(options.markdownFile), { recursive: true });
    await writeFile(options.markdownFile, `---\n${YAML_FIELDS(words).join('\n')}\n---\n\n${texts.join('\n')}`);
  }
  return { words, chapters, dir, markdownFile: options.markdownFile };
}

/** Writes a book of about `targetWords` words into `dir`; returns its word count. */
export async function generateBook(dir, targetWords) {
  return (await writeGeneratedBook(dir, targetWords)).words;
}
