/** GitHub Markdown: alerts, emoji shortcodes, details, task lists, heading anchors, autolinks in CJK text. */

import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/config/limits.js';
import { DEFAULT_FEATURES, type Features } from '../../src/dialects/features.js';
import { autolinkEnd } from '../../src/dialects/github.js';
import { ASIDE_TITLES } from '../../src/i18n/asides.js';
import { SUPPORTED_LANGUAGES } from '../../src/i18n/language.js';
import { markdownToHast } from '../../src/transform/markdown.js';
import { toXhtml } from '../../src/writers/xhtml.js';
import { repoRoot } from '../helpers/tools.js';

async function md(source: string, options: { lang?: string; features?: Partial<Features> } = {}) {
  const { tree, file } = await markdownToHast(source, 'README.md', {
    lang: options.lang ?? 'en',
    dir: 'ltr',
    root: repoRoot,
    typography: true,
    limits: DEFAULT_LIMITS,
    features: { ...DEFAULT_FEATURES, ...options.features },
  });
  return {
    tree,
    html: toHtml(tree),
    messages: file.messages.map((m) => ({ rule: m.ruleId, line: m.line, column: m.column, reason: m.reason })),
  };
}

describe('alerts', () => {
  it('turns each kind into a titled aside, the marker in any case', async () => {
    const kinds = ['NOTE', 'tip', 'Important', 'WARNING', 'caution'];
    const source = kinds.map((k) => `> [!${k}]\n> About ${k}.\n`).join('\n');
    const { html, messages } = await md(source);
    expect(messages).toEqual([]);
    expect(html).toContain(
      '<aside class="alert note" role="note">\n<p class="aside-title">Note</p>\n<p>About NOTE.</p>\n</aside>',
    );
    expect(html).toContain('<aside class="alert tip" epub:type="tip" role="doc-tip">');
    expect(html).toContain('<div class="alert important" epub:type="notice" role="doc-notice">');
    expect(html).toContain('<p class="aside-title">Warning</p>');
    expect(html).toContain('<div class="alert caution" epub:type="notice" role="doc-notice">');
    expect(html).not.toContain('[!');
    expect(html).not.toContain('<blockquote');
  });

  it('keeps the rest of the quote: several paragraphs, a hard break after the marker, Markdown inside', async () => {
    const { html } = await md('> [!TIP]  \n> First *line*.\n>\n> - a list\n');
    expect(html).toBe(
      '<aside class="alert tip" epub:type="tip" role="doc-tip">\n<p class="aside-title">Tip</p>\n<p>First <em>line</em>.</p>\n<ul>\n<li>a list</li>\n</ul>\n</aside>',
    );
    const separate = await md('> [!NOTE]\n>\n> Its own paragraph.\n');
    expect(separate.html).toContain('<p class="aside-title">Note</p>\n<p>Its own paragraph.</p>');
  });

  it('makes the same element as pandoc’s fenced div of the same kind', async () => {
    for (const kind of ['note', 'tip', 'important', 'warning', 'caution']) {
      const alert = (await md(`> [!${kind.toUpperCase()}]\n> Text.\n`, { lang: 'fr' })).html;
      const div = (await md(`::: ${kind}\nText.\n:::\n`, { lang: 'fr' })).html;
      expect(alert.replace('class="alert ', 'class="').replace(/\n/g, ''), kind).toBe(div.replace(/\n/g, ''));
    }
  });

  it('titles alerts in the chapter language, for every language Octavo speaks', async () => {
    expect((await md('> [!NOTE]\n> Texte.\n', { lang: 'fr' })).html).toContain('<p class="aside-title">Remarque</p>');
    expect((await md('> [!WARNING]\n> 文本。\n', { lang: 'zh-Hans' })).html).toContain(
      '<p class="aside-title">警告</p>',
    );
    expect((await md('> [!TIP]\n> Text.\n', { lang: 'tlh' })).html).toContain('<p class="aside-title">Tip</p>');
    for (const { tag } of SUPPORTED_LANGUAGES) {
      for (const title of Object.values(ASIDE_TITLES[tag])) expect(title.trim()).not.toBe('');
    }
  });

  it('leaves an unknown kind, a marker with text on its line, or a marker alone as a quote, and warns with the line', async () => {
    const { html, messages } = await md('Intro.\n\n> [!FOO]\n> Text.\n\n> [!NOTE] on one line\n\n> [!CAUTION]\n');
    expect(html).not.toContain('<aside');
    expect(html.match(/<blockquote>/g)).toHaveLength(3);
    expect(messages).toEqual([
      expect.objectContaining({ rule: 'unhandled-syntax', line: 3, column: 3 }),
      expect.objectContaining({ rule: 'unhandled-syntax', line: 6, column: 3 }),
      expect.objectContaining({ rule: 'unhandled-syntax', line: 8, column: 3 }),
    ]);
    expect(messages[0]!.reason).toContain('`[!FOO]`');
  });

  it('leaves alerts as quotes with a warning when markdown.alerts is off', async () => {
    const { html, messages } = await md('# T\n\n> [!NOTE]\n> Text.\n', { features: { alerts: false } });
    expect(html).toContain('<blockquote>\n<p>[!NOTE]\nText.</p>\n</blockquote>');
    expect(messages).toEqual([
      {
        rule: 'unhandled-syntax',
        line: 3,
        column: 3,
        reason: 'a GitHub alert (`[!NOTE]`) is printed as text: `[!NOTE]` (markdown.alerts is off)',
      },
    ]);
  });

  it('places later warnings inside an alert on their own line', async () => {
    const { messages } = await md('> [!NOTE]\n> Some ^[x text.\n', { features: { 'inline-notes': false } });
    expect(messages).toEqual([expect.objectContaining({ rule: 'unhandled-syntax', line: 2, column: 8 })]);
  });

  it('is valid XHTML', async () => {
    const { tree } = await md('> [!TIP]\n> Text.\n');
    expect(toXhtml(tree)).toContain('class="alert tip" epub:type="tip" role="doc-tip">\n<p class="aside-title">');
  });
});

describe('emoji shortcodes', () => {
  it('turns the names GitHub knows into emoji, nowhere else', async () => {
    const { html, messages } = await md(
      'Smile :smile: :+1: :tada:! At 10:30:45, :not_an_emoji_name: and `:smile:` stay.\n\n```\n:smile:\n```\n\n[link :smile:](https://example.com/:smile:)\n',
    );
    expect(messages).toEqual([]);
    expect(html).toContain('Smile 😄 👍 🎉! At 10:30:45, :not_an_emoji_name: and <code>:smile:</code> stay.');
    expect(html).toContain('<code>:smile:\n</code>');
    expect(html).toContain('<a href="https://example.com/:smile:">link 😄</a>');
  });

  it('warns about the shortcodes left as text when markdown.emoji is off, and only about known names', async () => {
    const { html, messages } = await md('# T\n\nTime 10:30:45, a :made_up: name,\nthen :rocket: and :smile:.\n', {
      features: { emoji: false },
    });
    expect(html).toContain(':rocket:');
    expect(messages).toEqual([
      {
        rule: 'unhandled-syntax',
        line: 4,
        column: 6,
        reason: 'an emoji shortcode is printed as text: `:rocket: and :smile:.` (markdown.emoji is off)',
      },
    ]);
  });
});

describe('details and task lists', () => {
  it('keeps <details> with Markdown inside after a blank line', async () => {
    const { html, messages } = await md('<details>\n<summary>More</summary>\n\nSome **bold** text.\n\n</details>\n');
    expect(messages).toEqual([]);
    expect(html).toBe('<details>\n<summary>More</summary>\n<p>Some <strong>bold</strong> text.</p>\n</details>');
  });

  it('gives task items a disabled checkbox and the classes the theme styles', async () => {
    const { tree, html } = await md('- [x] done\n- [ ] todo\n');
    expect(html).toContain('<ul class="contains-task-list">');
    expect(html).toContain('<li class="task-list-item"><input type="checkbox" checked disabled> done</li>');
    expect(toXhtml(tree)).toContain('<input type="checkbox" checked="" disabled="" />');
  });
});

describe('heading anchors as GitHub makes them', () => {
  it('drops punctuation and emoji, keeps letters of any script, counts duplicates, reads code and link text', async () => {
    const { html } = await md(
      [
        '## Some heading, with punctuation!',
        '## Ünïcödé 日本語 heading',
        '## Café `code()` [a link](https://example.com)',
        '## Ship it :rocket:',
        '## Dup',
        '## Dup',
        '## C++ & C#: what?',
        '',
        '[a](#some-heading-with-punctuation) [b](#ünïcödé-日本語-heading) [c](#café-code-a-link) [d](#ship-it-) [e](#dup-1) [f](#c--c-what)',
        '',
      ].join('\n'),
    );
    for (const id of [
      'some-heading-with-punctuation',
      'ünïcödé-日本語-heading',
      'café-code-a-link',
      'ship-it-',
      'dup',
      'dup-1',
      'c--c-what',
    ]) {
      expect(html).toContain(`id="${id}"`);
    }
  });
});

describe('raw <img> attributes', () => {
  it('keeps data-* attributes and the size as written', async () => {
    const { html, messages } = await md('<img src="a.png" alt="A" width="100" data-zoom="2" data-caption-id="x">\n');
    expect(messages).toEqual([]);
    expect(html).toContain('<img src="a.png" alt="A" width="100" data-zoom="2" data-caption-id="x">');
  });
});

describe('autolinks in Chinese and Japanese text', () => {
  it('ends the host at the first character not ASCII, the path at the first CJK character', () => {
    expect(autolinkEnd('https://example.com这是下一句')).toBe('https://example.com'.length);
    expect(autolinkEnd('https://example.com/path这是')).toBe('https://example.com/path'.length);
    expect(autolinkEnd('https://example.com/a.b。')).toBe('https://example.com/a.b'.length);
    expect(autolinkEnd('https://example.com/a.これ')).toBe('https://example.com/a'.length);
    expect(autolinkEnd('https://example.com/path（注）')).toBe('https://example.com/path'.length);
    expect(autolinkEnd('https://de.wikipedia.org/wiki/Straße')).toBeUndefined();
    expect(autolinkEnd('https://example.com/x?q=1#top')).toBeUndefined();
    expect(autolinkEnd('www.example.com/路径')).toBe('www.example.com/'.length);
  });

  it('splits the link and gives the sentence back, leaving <…> autolinks alone', async () => {
    const { html, tree, messages } = await md(
      '请访问https://example.com/path这是下一句。见https://example.com这是。日本語 https://example.jp/a。\n\n或者<https://ja.wikipedia.org/wiki/日本>。\n',
    );
    expect(messages).toEqual([]);
    expect(html).toContain(
      '<p>请访问<a href="https://example.com/path">https://example.com/path</a>这是下一句。见<a href="https://example.com">https://example.com</a>这是。日本語 <a href="https://example.jp/a">https://example.jp/a</a>。</p>',
    );
    expect(html).toContain('<a href="https://ja.wikipedia.org/wiki/%E6%97%A5%E6%9C%AC">');
    expect(toXhtml(tree)).not.toContain('%E8%BF%99');
  });

  it('leaves an autolink in Latin text as GFM made it', async () => {
    const { html } = await md('See https://example.com/path, and www.example.org.\n');
    expect(html).toBe(
      '<p>See <a href="https://example.com/path">https://example.com/path</a>, and <a href="http://www.example.org">www.example.org</a>.</p>',
    );
  });
});
