import { describe, expect, it } from 'vitest';
import { Diagnostics, error, info, OctavoError, warning } from '../../src/diagnostics.js';

describe('the Diagnostics sink', () => {
  it('keeps each diagnostic once, however often it is reported', () => {
    const sink = new Diagnostics();
    const d = warning('x/y', 'twice', { file: '/book/a.md', line: 2, column: 1 });
    sink.push(d, { ...d });
    sink.push({ ...d, file: '/book/../book/a.md' });
    expect(sink.list()).toHaveLength(1);
  });

  it('lists in reading order: files as first reported, then line and column', () => {
    const sink = new Diagnostics();
    sink.push(
      warning('a', 'late', { file: 'b.md', line: 9 }),
      warning('a', 'first', { file: 'a.md', line: 5 }),
      warning('a', 'second', { file: 'b.md', line: 1 }),
    );
    sink.push(warning('a', 'early', { file: 'a.md', line: 1 }));
    expect(sink.list().map((d) => d.message)).toEqual(['second', 'late', 'early', 'first']);
  });

  it('counts by severity, info apart from warnings', () => {
    const sink = new Diagnostics();
    sink.push(info('i', 'a note'), warning('w', 'a warning'), error('e', 'an error'));
    expect([sink.count('info'), sink.count('warning'), sink.count('error')]).toEqual([1, 1, 1]);
  });

  it('throws the errors alone; the sink keeps the rest', () => {
    const sink = new Diagnostics();
    sink.push(warning('w', 'a warning'), error('e', 'an error'));
    expect(() => sink.throwIfErrors()).toThrow(OctavoError);
    try {
      sink.throwIfErrors();
    } catch (err) {
      expect((err as OctavoError).diagnostics.map((d) => d.code)).toEqual(['e']);
    }
    expect(new OctavoError([warning('w', 'x'), error('e', 'y')]).diagnostics.map((d) => d.code)).toEqual(['e']);
  });

  it('collect() keeps what a stage threw', async () => {
    const sink = new Diagnostics();
    await expect(
      sink.collect(async () => {
        throw new OctavoError(error('e', 'thrown', { file: 'a.md', line: 1 }));
      }),
    ).rejects.toThrow(OctavoError);
    expect(sink.list().map((d) => d.message)).toEqual(['thrown']);
  });
});
