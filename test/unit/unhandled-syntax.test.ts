/**
 * Issue 12 §1: syntax of a known dialect that no plugin handles (its feature
 * turned off, or written wrong, or a dialect Octavo does not read) is a
 * warning naming the line and the construct, never silent literal text.
 */
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FEATURES, FEATURE_NAMES, type MarkdownFeature } from '../../src/dialects/features.js';
import { type ChapterContext, markdownToHast } from '../../src/transform/markdown.js';
import { chapterContext } from '../helpers/transform.js';

const ctx = chapterContext;

async function warnings(source: string, context: Partial<ChapterContext> = {}) {
  const { tree, file } = await markdownToHast(source, 'chapter.md', { ...ctx, ...context });
  return {
    html: toHtml(tree),
    found: file.messages
      .filter((m) => m.ruleId === 'unhandled-syntax')
      .map((m) => ({ line: m.line, reason: m.reason, note: m.note })),
  };
}

/** One sample of each feature's syntax, on line 3 of a chapter, and the words its warning names. */
const SAMPLES: Record<MarkdownFeature, { source: string; names: RegExp; line?: number }> = {
  attributes: { source: '## A heading {#intro .unnumbered}', names: /attribute block.*\{#intro \.unnumbered\}/ },
  'fenced-divs': { source: '::: {.note}\nA note.\n:::', names: /fenced div.*::: \{\.note\}/ },
  'definition-lists': { source: 'Term\n: The definition.', names: /definition.*: The definition/, line: 4 },
  'inline-notes': { source: 'A claim.^[The note.]', names: /inline note.*\^\[The note\.\]/ },
  'table-captions': { source: 'Table: Results {#tbl-results}', names: /table caption.*Table: Results/ },
  'line-blocks': { source: '| The first line\n| the second', names: /line block.*\| The first line/ },
  superscript: { source: 'Two to the tenth is 2^10^.', names: /superscript.*\^10\^/ },
  subscript: { source: 'Water is H~2~O.', names: /subscript.*~2~/ },
  'raw-tex': { source: '\\newpage', names: /LaTeX command.*\\newpage/ },
  'cross-references': { source: 'As @fig-map shows.', names: /cross-reference.*@fig-map/ },
  citations: { source: 'As shown [@doe99, p. 33].', names: /citation.*\[@doe99, p\. 33\]/ },
  alerts: { source: '> [!NOTE]\n> Read this.', names: /GitHub alert.*\[!NOTE\]/ },
  emoji: { source: 'Thanks :+1: and :tada:!', names: /emoji.*:\+1:/ },
};

describe('a feature turned off', () => {
  it('has a sample for every feature', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...FEATURE_NAMES].sort());
  });

  it('subscript: off gives `~text~` back to GFM strikethrough, as on GitHub', async () => {
    const { html, found } = await warnings('# C\n\nWater is H~2~O.\n', {
      features: { ...DEFAULT_FEATURES, subscript: false },
    });
    expect(html).toContain('<del>2</del>');
    expect(found).toEqual([]);
  });

  for (const feature of FEATURE_NAMES.filter((f) => f !== 'subscript')) {
    it(`${feature}: the syntax stays text, with a warning at its line that names it and the setting`, async () => {
      const { source, names } = SAMPLES[feature];
      const off = { ...DEFAULT_FEATURES, [feature]: false };
      const { found } = await warnings(`# Chapter\n\n${source}\n\nThe end.\n`, { features: off });
      const mine = found.filter((w) => names.test(w.reason));
      expect(mine, JSON.stringify(found)).toHaveLength(1);
      expect(mine[0]!.line).toBe(SAMPLES[feature].line ?? 3);
      expect(mine[0]!.reason).toContain(`markdown.${feature} is off`);
      expect(mine[0]!.note).toContain(`markdown.${feature}: true`);
    });
  }
});

describe('syntax of dialects Octavo does not read here', () => {
  it('names mdBook links, Liquid tags and template variables outside their layouts', async () => {
    const { found } = await warnings(
      '# C\n\n{{#include listing.rs}}\n\n{% hint style="info" %}\nBe careful.\n{% endhint %}\n\nHello {{ book.name }}.\n',
    );
    expect(found.map((w) => [w.line, w.reason.split(' is ')[0]])).toEqual([
      [3, 'an mdBook link (`{{#…}}`)'],
      [5, 'a GitBook or Liquid tag (`{% … %}`)'],
      [9, 'a template variable (`{{ … }}`)'],
    ]);
  });

  it('leaves code, maths and URLs alone', async () => {
    const { found } = await warnings(
      '# C\n\n```\n::: {.note}\n{{#include x}} [@key] ^[n]\n```\n\n`{#id}` and $a^{b}$ and <https://example.com/{#x}>\n',
    );
    expect(found).toEqual([]);
  });

  it('counts past five of one kind in a file instead of listing them', async () => {
    const lines = Array.from({ length: 8 }, (_, i) => `Line {{#include f${i}.rs}}`).join('\n\n');
    const { found } = await warnings(`# C\n\n${lines}\n`);
    expect(found).toHaveLength(6);
    expect(found[5]!.reason).toMatch(/and 3 more like it/);
  });

  it('does not take prose for syntax: braces, tildes, carets and at-signs as people write them', async () => {
    const { found } = await warnings(
      '# C\n\nAbout ~5 MB, ~10 MB in all. Write to ann@example.com or @octocat. A set {1, 2}. Ratio 3:2. x ^ y.\n',
    );
    expect(found).toEqual([]);
  });
});
