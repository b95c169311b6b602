/**
 * Accessibility from what the build found: the EPUB's metadata (images
 * described, decorative or not; headings; formulas), formulas read aloud, alt
 * text that repeats a caption, and the words of all this in every language.
 */
import { toHtml } from 'hast-util-to-html';
import { afterAll, describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics.js';
import { ACCESSIBILITY, accessibilityStringsFor } from '../../src/i18n/accessibility.js';
import { SUPPORTED_LANGUAGES } from '../../src/i18n/language.js';
import { composeBook } from '../../src/templates/compose.js';
import { loadTheme } from '../../src/templates/theme.js';
import { transformBook } from '../../src/transform/index.js';
import { markdownToHast } from '../../src/transform/markdown.js';
import { speakTex } from '../../src/transform/math-speech.js';
import { visit } from '../../src/util/visit.js';
import { bookAccessibility, CONFORMS_TO } from '../../src/writers/epub/accessibility.js';
import { removeTempBooks, tempBook } from '../helpers/books.js';
import { solidPng } from '../helpers/png.js';
import { chapterContext, manuscriptOf } from '../helpers/transform.js';

afterAll(removeTempBooks);

describe('the words', () => {
  it('cover every supported language, each with every word', () => {
    const tags = SUPPORTED_LANGUAGES.map((l) => l.tag);
    expect(Object.keys(ACCESSIBILITY).sort()).toEqual([...tags].sort());
    const keys = Object.keys(ACCESSIBILITY.en.mathWords).sort();
    for (const tag of tags) {
      const s = ACCESSIBILITY[tag];
      for (const text of [s.structure, s.noImages, s.math, s.backToNote(3, 1)]) expect(text.trim(), tag).not.toBe('');
      expect(s.backToNote(3, 1), tag).toContain('3');
      expect(s.backToNote(3, 2), tag).not.toBe(s.backToNote(3, 1));
      const counts = s.images({ described: 10, decorative: 2, undescribed: 7 });
      for (const n of ['10', '2', '7', '19']) expect(counts, tag).toContain(n);
      expect(Object.keys(s.mathWords).sort(), tag).toEqual(keys);
      for (const [key, word] of Object.entries(s.mathWords))
        if (key !== 'powerAfter' && key !== 'denominatorFirst')
          expect(String(word).trim(), `${tag}.${key}`).not.toBe('');
    }
  });

  it('say how many images are described, decorative and without a description', () => {
    const en = accessibilityStringsFor('en-GB');
    expect(en.images({ described: 10, decorative: 2, undescribed: 0 })).toBe(
      '12 images: 10 described, 2 decorative, none without a description.',
    );
    expect(en.images({ described: 1, decorative: 0, undescribed: 0 })).toBe(
      '1 image: 1 described, none decorative, none without a description.',
    );
    expect(accessibilityStringsFor('fr').images({ described: 1, decorative: 0, undescribed: 2 })).toBe(
      '3 images : 1 décrite, aucune décorative, 2 sans description.',
    );
    // A language Octavo has no words for gets English.
    expect(accessibilityStringsFor('sw').backToNote(4, 1)).toBe('Back to note 4');
  });
});

describe('formulas read aloud', () => {
  it.each([
    ['a^2+b^2=c^2', 'a squared + b squared = c squared'],
    ['\\frac{1}{2}', '1 over 2'],
    ['\\frac{a+b}{c}', 'start fraction a + b over c end fraction'],
    ['e^{i\\pi} + 1 = 0', 'e to the power i π end power + 1 = 0'],
    ['\\sqrt{x^2+1}', 'square root of x squared + 1 end root'],
    ['\\sqrt[3]{x}', 'root of index 3 of x'],
    ['\\sum_{i=1}^{n} i', 'sum from i = 1 to n of i'],
    ['\\int_0^\\infty e^{-x}\\,dx', 'integral from 0 to ∞ of e to the power - x end power d x'],
    ['\\lim_{x \\to 0} \\frac{\\sin x}{x}', 'limit x → 0 of start fraction sin x over x end fraction'],
    ['x_i', 'x sub i'],
    ['\\binom{n}{k}', 'n choose k'],
    ['\\alpha \\le \\beta \\text{ if } \\mathbf{v} \\neq 0', 'α ≤ β if v ≠ 0'],
    ['\\left( \\frac{a}{b} \\right)^3', '( a over b ) cubed'],
    ['\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}', 'a, b; c, d'],
  ])('%s → %s', (tex, spoken) => {
    expect(speakTex(tex, 'en')).toBe(spoken);
  });

  it('in the book’s language, in its word order', () => {
    expect(speakTex('x^2', 'fr')).toBe('x au carré');
    expect(speakTex('\\frac{1}{2}', 'zh')).toBe('2 分之 1');
    expect(speakTex('x^n', 'ja')).toBe('x の n 乗');
  });

  it('stops reading structure past a depth no formula reaches', () => {
    const deep = `${'{'.repeat(5000)}x${'}'.repeat(5000)}`;
    expect(speakTex(deep, 'en')).toContain('x');
    expect(speakTex(`${'\\sqrt'.repeat(20000)}{x}`, 'en')).toMatch(/^square root of .* x$/);
  });

  it('are the alttext of the MathML, the TeX kept in its annotation', async () => {
    const { tree } = await markdownToHast('Then $\\frac{1}{2}$.\n', 'c.md', { ...chapterContext, lang: 'de' });
    const html = toHtml(tree);
    expect(html).toContain('alttext="1 durch 2"');
    expect(html).toContain('<annotation encoding="application/x-tex">\\frac{1}{2}</annotation>');
  });
});

describe('alt text', () => {
  const imgs = async (source: string) => {
    const { tree } = await markdownToHast(source, 'c.md', chapterContext);
    const found: { alt: unknown; data: unknown }[] = [];
    visit(tree, 'element', (node) => {
      if (node.tagName === 'img') found.push({ alt: node.properties.alt, data: node.data });
    });
    return found;
  };

  it('that says what the caption says is dropped (the caption is read once)', async () => {
    const [img] = await imgs('![The valley in 1850.](map.png "The valley, in 1850")\n');
    expect(img).toEqual({ alt: '', data: expect.objectContaining({ altInCaption: true }) });
  });

  it('that says more than the caption is kept', async () => {
    const [img] = await imgs('![A river between two hills](map.png "The valley in 1850")\n');
    expect(img?.alt).toBe('A river between two hills');
  });

  it('missing (raw HTML without alt) is told from decorative (![](…), alt="")', async () => {
    const found = await imgs('<img src="a.png">\n\n![](b.png)\n\n<img src="c.png" alt="">\n');
    expect(found.map((f) => [f.alt, Boolean((f.data as { altMissing?: boolean } | undefined)?.altMissing)])).toEqual([
      ['', true],
      ['', false],
      ['', false],
    ]);
  });
});

describe('the EPUB accessibility metadata', () => {
  async function metadata(chapters: Record<string, string>, yaml = '') {
    const root = await tempBook({ ...chapters, 'a.png': solidPng(4, 4, [200, 10, 10]) });
    const book = await transformBook(await manuscriptOf(chapters, { yaml, root }), new Diagnostics());
    return bookAccessibility(composeBook(book, await loadTheme(book.config.theme)), 'Octavo 9.9');
  }

  it('counts images, claims alternative text and conformance when every one is described', async () => {
    const a = await metadata({
      'one.md': '# One\n\n![A red square](a.png)\n\n![](a.png)\n\n![Red](a.png "Red")\n\n## Two\n\nThen $x^2$.\n',
    });
    expect(a.images).toEqual({ described: 2, decorative: 1, undescribed: 0 });
    expect(a.summary).toBe(
      'Text with headings, a table of contents and a colophon. ' +
        '3 images: 2 described, 1 decorative, none without a description. ' +
        'Formulas are in MathML, each with a spoken description.',
    );
    expect(a.features).toEqual(expect.arrayContaining(['alternativeText', 'MathML', 'describedMath']));
    expect(a.accessModes).toEqual(['textual', 'visual']);
    expect(a.accessModeSufficient).toBe('textual');
    expect(a.conformance).toEqual({ conformsTo: CONFORMS_TO, certifiedBy: 'Octavo 9.9 (automated checks)' });
  });

  it('claims neither when an image has no description, nor conformance when a heading level is skipped', async () => {
    const undescribed = await metadata({ 'one.md': '# One\n\n<img src="a.png">\n' });
    expect(undescribed.images).toEqual({ described: 0, decorative: 0, undescribed: 1 });
    expect(undescribed.features).not.toContain('alternativeText');
    expect(undescribed.accessModeSufficient).toBe('textual,visual');
    expect(undescribed.conformance).toBeUndefined();

    const skipped = await metadata({ 'one.md': '# One\n\n### Three\n\nText.\n' });
    expect(skipped.skippedHeadings).toEqual([{ division: expect.any(String), heading: 'Three' }]);
    expect(skipped.conformance).toBeUndefined();
    expect(skipped.summary).toContain('No images.');
  });

  it('is written in the book’s language', async () => {
    const a = await metadata({ 'un.md': '# Un\n\n![Un carré rouge](a.png)\n' }, 'language: fr\n');
    expect(a.summary).toBe(
      'Texte structuré par des titres, avec une table des matières et un colophon. ' +
        '1 image : 1 décrite, aucune décorative, aucune sans description.',
    );
  });
});
