import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { hyphenateTree, hyphenatorFor } from '../../src/writers/pdf/hyphenate.js';

const SHY = '\u00AD';

describe('build-time hyphenation for print', () => {
  it("puts soft hyphens into words by each element's language", () => {
    const tree = fromHtml('<p>responsibilities</p><p lang="de">Donaudampfschifffahrt</p><p lang="fa">کتاب‌ها</p>', {
      fragment: true,
    });
    hyphenateTree(tree, 'en');
    const html = toHtml(tree);
    expect(html).toContain(`re${SHY}spon${SHY}si${SHY}bil${SHY}i${SHY}ties`);
    expect(html).toMatch(/Do\u00ADnau/);
    // No patterns for Persian: left as written.
    expect(html).toContain('کتاب‌ها');
  });

  it('leaves code, headings, URLs and short words alone', () => {
    const tree = fromHtml(
      '<h1>Internationalization</h1><p><code>internationalization</code> see https://example.org/internationalization and word</p>',
      { fragment: true },
    );
    hyphenateTree(tree, 'en');
    expect(toHtml(tree)).not.toContain(SHY);
  });

  it('knows the languages it has patterns for', () => {
    expect(hyphenatorFor('en-GB')).not.toBeNull();
    expect(hyphenatorFor('fr')).not.toBeNull();
    expect(hyphenatorFor('fa')).toBeNull();
    expect(hyphenatorFor('zh-CN')).toBeNull();
  });
});
