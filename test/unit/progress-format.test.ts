/** The sizes and times of the build's summary line. */
import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatDuration } from '../../src/progress/format.js';

describe('the summary’s units', () => {
  it('gives sizes in decimal units, one decimal where it tells', () => {
    expect(formatBytes(812)).toBe('812 B');
    expect(formatBytes(4_321)).toBe('4.3 kB');
    expect(formatBytes(312_400)).toBe('312 kB');
    expect(formatBytes(2_412_345)).toBe('2.4 MB');
  });

  it('gives times in ms under a second, in seconds above', () => {
    expect(formatDuration(4.4)).toBe('4 ms');
    expect(formatDuration(999.4)).toBe('999 ms');
    expect(formatDuration(13_149)).toBe('13.1 s');
  });

  it('counts n/N, or n while N is not known', () => {
    expect(formatCount(233, 665, 'pages')).toBe('pages 233/665');
    expect(formatCount(3, 0, 'chapters')).toBe('chapters 3');
  });
});
