/**
 * Issue 14 §1: the EPUB's navigation is as deep as the book. The nav document
 * and the NCX list chapters and their sections down to `toc-depth` (default 2),
 * nested as the book nests (parts above chapters); a skipped heading level is a
 * warning with its file and line.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { toString as textOf } from 'hast-util-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Element as XElement, Text as XText } from 'xast';
import { fromXml } from 'xast-util-from-xml';
import { type BuildResult, build } from '../../src/build.js';
import { removeTempBooks, tempBook } from '../helpers/books.js';
import { epubcheck, unzip, zipText } from '../helpers/tools.js';

afterAll(removeTempBooks);

const CHAPTERS = {
  'one.md':
    '# Arrival\n\nWe came by boat.\n\n## The harbour\n\nFog.\n\n### A detail\n\nRopes.\n\n## The town\n\nQuiet.\n',
  'two.md': '# Departure\n\nLate.\n\n#### Skipped down\n\nA level too deep.\n\n## The station\n\nTrains.\n',
  'three.md': '# Home\n\nAt last.\n',
};

function yaml(extra = ''): string {
  return `title: Travels\ncreator: Ann Author\nlanguage: en\nlicence: CC0-1.0\n${extra}chapters:\n  - part: Away\n    chapters: [one.md, two.md]\n  - three.md\n`;
}

interface Point {
  label: string;
  src: string;
  order: number;
  children: Point[];
}

/** The NCX navMap as nested points, read with an XML parser. */
function ncxPoints(ncx: string): { depth: number; points: Point[] } {
  const children = (parent: XElement, name: string): XElement[] =>
    parent.children.filter((c): c is XElement => c.type === 'element' && c.name === name);
  const text = (node: XElement | XText): string =>
    node.type === 'text'
      ? node.value
      : node.children.map((c) => (c.type === 'element' || c.type === 'text' ? text(c) : '')).join('');
  const walk = (parent: XElement): Point[] =>
    children(parent, 'navPoint').map((p) => ({
      label: text(children(p, 'navLabel')[0]!).trim(),
      src: String(children(p, 'content')[0]?.attributes.src),
      order: Number(p.attributes.playOrder),
      children: walk(p),
    }));
  const root = fromXml(ncx).children.find((c): c is XElement => c.type === 'element')!;
  const depth = children(children(root, 'head')[0]!, 'meta').find((m) => m.attributes.name === 'dtb:depth');
  return { depth: Number(depth?.attributes.content), points: walk(children(root, 'navMap')[0]!) };
}

/** The nav document's contents list, nested the same way, for comparison with the NCX. */
function navPoints(nav: string): { label: string; src: string; children: unknown[] }[] {
  const tree = fromHtml(nav);
  const toc = selectAll('nav[epub\\:type="toc"] > ol', tree)[0] ?? selectAll('nav > ol', tree)[0]!;
  const walk = (ol: Element): { label: string; src: string; children: unknown[] }[] =>
    ol.children
      .filter((c): c is Element => c.type === 'element' && c.tagName === 'li')
      .map((li) => {
        const a = li.children.find((c): c is Element => c.type === 'element' && c.tagName === 'a')!;
        const sub = li.children.find((c): c is Element => c.type === 'element' && c.tagName === 'ol');
        return { label: textOf(a).trim(), src: String(a.properties.href), children: sub ? walk(sub) : [] };
      });
  return walk(toc);
}

const strip = (points: Point[]): { label: string; src: string; children: unknown[] }[] =>
  points.map((p) => ({ label: p.label, src: p.src, children: strip(p.children) }));
const flatten = (points: Point[]): Point[] => points.flatMap((p) => [p, ...flatten(p.children)]);

async function epubOf(extra = ''): Promise<{ result: BuildResult; nav: string; ncx: string }> {
  const dir = await tempBook({ 'book.yaml': yaml(extra), ...CHAPTERS });
  const result = await build({ input: dir, outDir: path.join(dir, 'dist'), formats: ['epub', 'html'] });
  const zip = await unzip(result.outputs.epub!);
  return { result, nav: await zipText(zip, 'OEBPS/toc.xhtml'), ncx: await zipText(zip, 'OEBPS/toc.ncx') };
}

describe('navigation depth', () => {
  let byDefault: Awaited<ReturnType<typeof epubOf>>;
  let deep: Awaited<ReturnType<typeof epubOf>>;
  let flat: Awaited<ReturnType<typeof epubOf>>;
  beforeAll(async () => {
    [byDefault, deep, flat] = await Promise.all([epubOf(), epubOf('toc-depth: 3\n'), epubOf('toc-depth: 1\n')]);
  });

  it('lists chapters and their ## sections by default, under their part, in the nav and the NCX alike', async () => {
    const { points, depth } = ncxPoints(byDefault.ncx);
    expect(strip(points)).toEqual(navPoints(byDefault.nav));
    expect(depth).toBe(3);
    expect(points.map((p) => p.label)).toEqual(['Away', 'Home', 'Colophon']);
    const away = points[0]!;
    expect(away.children.map((p) => p.label)).toEqual(['Arrival', 'Departure']);
    expect(away.children[0]!.children.map((p) => [p.label, p.src])).toEqual([
      ['The harbour', expect.stringMatching(/\.xhtml#the-harbour$/)],
      ['The town', expect.stringMatching(/\.xhtml#the-town$/)],
    ]);
    expect(away.children[1]!.children.map((p) => p.label)).toEqual(['The station']);
    // playOrder counts every point once, in reading order.
    expect(flatten(points).map((p) => p.order)).toEqual(flatten(points).map((_, i) => i + 1));
    // The HTML edition's contents list has the sections too.
    const html = await readFile(byDefault.result.outputs.html!, 'utf8');
    expect(html).toContain('href="#the-harbour"');
    expect(html).not.toContain('href="#a-detail"');
    expect((await epubcheck(byDefault.result.outputs.epub!)).output).toContain('No errors or warnings detected');
  });

  it('warns at the line of a heading that skips a level', () => {
    const skipped = byDefault.result.diagnostics.filter((d) => d.code === 'markdown/heading-skipped');
    expect(skipped).toEqual([
      expect.objectContaining({
        severity: 'warning',
        file: expect.stringMatching(/two\.md$/),
        line: 5,
        message: expect.stringContaining('level 2 is skipped'),
        hint: expect.stringContaining('`##`'),
      }),
    ]);
  });

  it('goes deeper or stays flat as toc-depth says', async () => {
    const deepPoints = ncxPoints(deep.ncx);
    expect(deepPoints.depth).toBe(4);
    expect(deepPoints.points[0]!.children[0]!.children[0]!.children.map((p) => p.label)).toEqual(['A detail']);
    expect(strip(deepPoints.points)).toEqual(navPoints(deep.nav));

    const flatPoints = ncxPoints(flat.ncx);
    expect(flatPoints.depth).toBe(2);
    expect(flatten(flatPoints.points).map((p) => p.label)).toEqual([
      'Away',
      'Arrival',
      'Departure',
      'Home',
      'Colophon',
    ]);
    for (const check of await Promise.all([deep, flat].map((b) => epubcheck(b.result.outputs.epub!))))
      expect(check.output).toContain('No errors or warnings detected');
  });
});
