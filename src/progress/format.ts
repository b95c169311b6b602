/** Sizes and durations as the build's summary prints them. */

/** `812 B`, `45 kB`, `2.4 MB`: decimal units, as file managers and `ls -h --si` show them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(bytes < 1e4 ? 1 : 0)} kB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e9).toFixed(1)} GB`;
}

/** `420 ms` under a second, `13.1 s` above. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** `pages 233/665`; `pages 233` while the total is not known. */
export function formatCount(done: number, total: number, unit: string): string {
  return total > 0 ? `${unit} ${done}/${total}` : `${unit} ${done}`;
}
