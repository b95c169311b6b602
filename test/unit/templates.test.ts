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

describe('template words', () => {
  const words = (extra: Record<string, string> = {}) => ({
    'i18n:colophon': 'Colophon',
    'i18n-en:colophon': 'Colophon',
    'i18n:licenceStatement': 'Licence statement of the source',
    'i18n-en:licenceStatement': 'Licence statement of the source',
    ...extra,
  });
  const theme = (heading: string) =>
    fromHtml(
      `<section><h1 data-i18n="colophon">${heading}</h1><dt data-i18n="licenceStatement">Licence statement\n      of the source</dt></section>`,
      {
        fragment: true,
      },
    );

  it("are the book's language's, however the template breaks its lines", () => {
    const fr = words({ 'i18n:colophon': 'Achevé', 'i18n:licenceStatement': 'Mention de licence de la source' });
    expect(toHtml(fill(theme('Colophon'), fr))).toBe(
      '<section><h1>Achevé</h1><dt>Mention de licence de la source</dt></section>',
    );
  });

  it("keep a theme's own wording", () => {
    expect(toHtml(fill(theme('Credits and licence'), words({ 'i18n:colophon': 'Achevé' })))).toMatch(
      /^<section><h1>Credits and licence<\/h1>/,
    );
  });

  it('say they are English where the language has no words of its own', () => {
    const out = toHtml(fill(theme('Colophon'), words({ 'i18n-lang': 'en', 'i18n-dir': 'ltr' })));
    expect(out).toBe(
      '<section><h1 lang="en" dir="ltr">Colophon</h1><dt lang="en" dir="ltr">Licence statement of the source</dt></section>',
    );
    // A theme's own words are in the theme's language: not marked.
    expect(toHtml(fill(theme('Kolofon'), words({ 'i18n-lang': 'en' })))).toMatch(/^<section><h1>Kolofon<\/h1>/);
  });
});
