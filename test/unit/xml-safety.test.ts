/** Issue 11 §2: the XML serialiser, the character scrub and output names, on any text. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Element as XElement } from 'xast';
import { fromXml } from 'xast-util-from-xml';
import { x } from 'xastscript';
import { Diagnostics } from '../../src/diagnostics.js';
import { slugify } from '../../src/util/identifier.js';
import { NOT_XML_CHAR, removeNonXml, scrubText } from '../../src/util/xml-chars.js';
import { serialiseXml } from '../../src/writers/xml.js';

/** Strings built from the pieces that break XML, and any other character. */
const hostile = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        ']]>',
        ']',
        '>',
        '<',
        '&',
        '"',
        "'",
        '\r',
        '\n',
        '\t',
        '\u0001',
        '\u001F',
        '\uFFFE',
        '\uD800',
        '\uDC00',
      ),
      fc.string({ unit: 'binary' }),
    ),
  )
  .map((parts) => parts.join(''));

describe('serialiseXml', () => {
  it('escapes ]]> in text', () => {
    expect(serialiseXml(x('a', 'x ]]> y'))).toBe('<a>x ]]&gt; y</a>');
  });

  it('gives well-formed XML that keeps any text and attribute, less what XML cannot hold', () => {
    fc.assert(
      fc.property(hostile, hostile, (text, attr) => {
        const tree = fromXml(serialiseXml(x('a', { title: attr }, [x('b', text)])));
        const a = tree.children[0] as XElement;
        const b = a.children[0] as XElement;
        const value = b.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
        // A parser normalises line ends in text, and all white space in attributes.
        expect(value).toBe(removeNonXml(text).replace(/\r\n?/g, '\n'));
        expect(a.attributes.title).toBe(
          removeNonXml(attr)
            .replace(/\r\n?/g, '\n')
            .replace(/[\t\n]/g, ' '),
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('scrubText', () => {
  it('replaces what XML cannot hold and warns with the line of the first one', () => {
    const sink = new Diagnostics();
    const out = scrubText('ok\nbad \u0001 \uD800 \uFFFE\n', 'ch.md', sink);
    expect(out).toBe('ok\nbad \uFFFD \uFFFD \uFFFD\n');
    expect(out.match(NOT_XML_CHAR)).toBeNull();
    const [d] = sink.list();
    expect(d).toMatchObject({ code: 'manuscript/invalid-character', file: 'ch.md', line: 2, column: 5 });
  });

  it('keeps surrogate pairs, tabs and line breaks', () => {
    const sink = new Diagnostics();
    expect(scrubText('😀\t\r\n', 'ch.md', sink)).toBe('😀\t\r\n');
    expect(sink.list()).toEqual([]);
  });
});

describe('slugify', () => {
  it('keeps names short, readable and cut at a word boundary', () => {
    expect(slugify('Long '.repeat(2000))).toBe(Array(16).fill('long').join('-'));
    expect(Buffer.byteLength(slugify('长'.repeat(84)))).toBeLessThanOrEqual(120);
    expect(slugify('https://www.example.org/a-book')).toBe('example-org-a-book');
    expect(slugify('한국어 제목')).toBe('한국어-제목');
    expect(slugify('???')).toBe('book');
  });
});
