import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { describe, expect, it } from 'vitest';
import { fill } from '../../src/templates/fill.js';

const fragment = () =>
  fromHtml(
    '<section><h1 data-slot="title"></h1><p data-slot="subtitle">x</p><p data-if="source">From <span data-slot="source"></span></p><p data-unless="url">No link</p><a data-href="url" data-slot="name"></a></section>',
    { fragment: true },
  );

describe('template slots', () => {
  it('fills text and tree values, removes empty slots and their conditionals', () => {
    const out = toHtml(
      fill(fragment(), { title: 'A <Title>', source: [h('em', 'the web')], url: 'https://x.org/', name: 'X' }),
    );
    expect(out).toBe(
      '<section><h1>A &#x3C;Title></h1><p>From <span><em>the web</em></span></p><a href="https://x.org/">X</a></section>',
    );
  });

  it('keeps the unless-branch when the value is absent, and never changes the template', () => {
    const template = fragment();
    const before = JSON.stringify(template);
    expect(toHtml(fill(template, { title: 'T' }))).toBe('<section><h1>T</h1><p>No link</p></section>');
    expect(JSON.stringify(template)).toBe(before);
  });
});
