/**
 * The scan that bounds a chapter's shapes before it is parsed (issue 11 §3):
 * each hostile shape at the size is refused with the file, the line
 * and the setting, quickly; the shapes real books have are not.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, type Limits, resolveLimits } from '../../src/config/limits.js';
import { scanSource } from '../../src/transform/source-limits.js';

const scan = (source: string, limits: Limits = DEFAULT_LIMITS) => scanSource(source, 'ch.md', limits);

describe('hostile shapes at the issue’s sizes', () => {
  const cases: [string, string, string, number][] = [
    [
      '800 list levels by indentation',
      Array.from({ length: 800 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n'),
      'nesting',
      101,
    ],
    ['100,000 list levels on one line', `# T\n\n${'- '.repeat(100_000)}deep`, 'nesting', 3],
    ['50,000 `>`', `${'>'.repeat(50_000)} deep`, 'nesting', 1],
    ['`> - 1.` mixed', `${'> - 1. '.repeat(40)}deep`, 'nesting', 1],
    ['20,000 nested <div>', `${'<div>'.repeat(20_000)}x${'</div>'.repeat(20_000)}`, 'nesting', 1],
    ['nested <div> over lines', Array.from({ length: 150 }, () => '<div class="x">').join('\n'), 'nesting', 101],
    ['25,000 `*_` pairs', `text\n\n${'*_'.repeat(25_000)}x${'_*'.repeat(25_000)}`, 'emphasis-marks', 3],
    ['3,000 nested fenced divs', `# T\n\n${':::: {.d}\n\n'.repeat(3_000)}x`, 'nesting', 203],
    [
      '3,000 fenced divs opened, never closed',
      Array.from({ length: 3_000 }, (_, i) => `${':'.repeat(3 + i)} d`).join('\n\n'),
      'nesting',
      201,
    ],
    ['200,000 table columns', `${'| a '.repeat(200_000)}|\n${'|---'.repeat(200_000)}|`, 'table-columns', 1],
    ['a 20 MB paragraph', `# T\n\n${'word '.repeat(4_000_000)}`, 'paragraph-characters', 3],
    ['a 2 MB code block', `\`\`\`\n${'code\n'.repeat(400_000)}\`\`\``, 'paragraph-characters', 1],
  ];
  for (const [name, source, setting, line] of cases) {
    it(`refuses ${name} at its line, naming limits.${setting}`, () => {
      const t0 = performance.now();
      const d = scan(source);
      expect(performance.now() - t0).toBeLessThan(5_000); // generous: the scan is linear
      expect(d?.code).toBe(`limits/${setting}`);
      expect(d?.severity).toBe('error');
      expect(d?.file).toBe('ch.md');
      expect(d?.line).toBe(line);
      expect(d?.message).toContain(`(limits.${setting})`);
      expect(d?.hint).toContain(`limits.${setting}`);
    });
  }
});

describe('what real books have passes', () => {
  it('ordinary nesting, tables, emphasis and long code', () => {
    const source = [
      '---',
      'title: T',
      '---',
      '# Heading',
      '',
      Array.from({ length: 12 }, (_, i) => `${'  '.repeat(i)}- level ${i} with *emphasis* and snake_case_words`).join(
        '\n',
      ),
      '',
      '> > > A quote in a quote in a quote with **strong** and ~~struck~~ text.',
      '',
      `${'| h '.repeat(60)}|\n${'|:--'.repeat(60)}|\n${'| c '.repeat(60)}|`,
      '',
      '```',
      // Deep indentation and pipes inside code are not structure.
      `${' '.repeat(400)}indented code | --- |`,
      '>'.repeat(300),
      '```',
      '',
      '<div class="box"><div><span>raw</span></div></div>',
      '',
      `<p>${'<br>'.repeat(500)}</p>`,
      '',
      `${'A sentence with a_b and *c*. '.repeat(2_000)}`,
    ].join('\n');
    expect(scan(source)).toBeUndefined();
  });

  it('a fence left open does not bring the rest into one code block', () => {
    expect(scan(`\`\`\`js\n${'x\n'.repeat(1000)}`)).toBeUndefined();
  });

  it('unclosed <p> and <li> do not count as nesting', () => {
    expect(scan(`<ul>\n${'<li><p>item\n'.repeat(500)}</ul>`)).toBeUndefined();
  });
});

describe('the limits are the book’s to raise', () => {
  it('book.yaml’s limits: replace the defaults, one by one', () => {
    const limits = resolveLimits({ nesting: 500, 'table-columns': 5000 });
    expect(limits).toEqual({ ...DEFAULT_LIMITS, nesting: 500, tableColumns: 5000 });
    expect(scan(`${'> '.repeat(300)}deep`, limits)).toBeUndefined();
    expect(scan(`${'> '.repeat(300)}deep`)?.code).toBe('limits/nesting');
  });
});
