import { describe, expect, it } from 'vitest';
import { cleanCss, sanitiseSvg } from '../../src/assets/svg.js';

const open = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">';
const clean = (body: string) => {
  const r = sanitiseSvg(`${open}${body}</svg>`);
  if (!r.ok) throw new Error(r.reason);
  return r;
};

describe('sanitiseSvg', () => {
  it('judges elements by namespace, not by prefix', () => {
    const r = clean(
      '<s:script xmlns:s="http://www.w3.org/2000/svg">x()</s:script><q:rect xmlns:q="http://www.w3.org/2000/svg" width="1"/>',
    );
    expect(r.text).not.toContain('script');
    expect(r.text).toContain('<rect width="1" />');
    expect(r.removed.map((x) => x.what)).toEqual(['<script>']);
  });

  it('judges URLs after entity decoding and trimming', () => {
    const r = clean(
      '<image href=" http://a/"/><image xlink:href="&#104;ttp://b/"/><use href="\t#ok"/><image href="data:image/png;base64,AAAA"/>',
    );
    expect(r.text).not.toMatch(/http:\/\/[ab]/);
    expect(r.text).toContain('<use href="#ok" />');
    expect(r.text).toContain('data:image/png;base64,AAAA');
    expect(r.removed).toHaveLength(2);
  });

  it('drops @import and remote url() from <style>, style="" and presentation attributes', () => {
    const r = clean(
      '<style>@import url(http://a); @import "http://b"; r{fill:url(http://c);stroke:red} s{fill:u\\72l(http://d)} t{fill:url(#g)}</style><rect style="fill:url(//e);stroke:blue" fill="url(http://f)" stroke="url(#g)"/>',
    );
    expect(r.text.replace(/ xmlns="[^"]*"/, '')).not.toMatch(/http|\/\/e|@import|\\/);
    expect(r.text).toContain('stroke:red');
    expect(r.text).toContain('t{fill:url(#g)}');
    expect(r.text).toContain('style="stroke:blue"');
    expect(r.text).toContain('stroke="url(#g)"');
  });

  it('drops foreignObject, animation, handlers and editor metadata', () => {
    const r = clean(
      '<foreignObject><img xmlns="http://www.w3.org/1999/xhtml" src="http://a"/></foreignObject><set attributeName="href" to="http://b"/><rect onload="x()" inkscape:label="l" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"/><metadata><x/></metadata><?xml-stylesheet href="http://c"?>',
    );
    expect(r.text).not.toMatch(/foreignObject|set|onload|inkscape|metadata|http:\/\/[abc]/);
    expect(r.removed.map((x) => x.what)).toEqual(['<foreignObject>', '<set>', 'onload="x()" on <rect>']);
  });

  it('refuses what cannot be read safely', () => {
    const refused = (text: string) => {
      const r = sanitiseSvg(text);
      return r.ok ? 'ok' : r.code;
    };
    expect(refused('<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>')).toBe('assets/unsafe-svg');
    expect(refused('<!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg"/>')).toBe(
      'assets/unsafe-svg',
    );
    expect(refused('<html xmlns="http://www.w3.org/1999/xhtml"/>')).toBe('assets/unsafe-svg');
    expect(refused(`${open}<g id="a"><use href="#a"/></g></svg>`)).toBe('assets/svg-too-complex');
    let g = '<g id="a0"><rect/></g>';
    for (let i = 1; i <= 12; i++) g += `<g id="a${i}">${`<use href="#a${i - 1}"/>`.repeat(10)}</g>`;
    expect(refused(`${open}${g}</svg>`)).toBe('assets/svg-too-complex');
    // A public DOCTYPE (Illustrator) is harmless: it is never fetched, and dropped.
    expect(
      refused(
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg xmlns="http://www.w3.org/2000/svg"/>',
      ),
    ).toBe('ok');
  });
});

describe('cleanCss', () => {
  it('keeps a value only when nothing in it reaches outside', () => {
    expect(cleanCss('url(#a)', 'value')).toBe('url(#a)');
    expect(cleanCss('url( "http://a" )', 'value')).toBeUndefined();
    expect(cleanCss('image-set("http://a" 1x)', 'value')).toBeUndefined();
  });
});
