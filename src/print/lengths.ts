/**
 * Print lengths and trim sizes. Book designers and print shops name sizes
 * (A5, "US Trade") or give them in mm or inches; the print code works in mm.
 */

const MM_PER_UNIT: Record<string, number> = { mm: 1, cm: 10, in: 25.4, pt: 25.4 / 72 };

/** "3mm", "0.125in", "12pt" → millimetres; a bare number is mm. Undefined when not a length. */
export function parseLength(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(mm|cm|in|pt)?\s*$/.exec(value);
  return m ? Number(m[1]) * MM_PER_UNIT[m[2] ?? 'mm']! : undefined;
}

export interface TrimSize {
  /** Millimetres. */
  width: number;
  height: number;
}

/** Named trim sizes: ISO, North American office sizes and the common trade-book sizes. */
export const TRIM_SIZES: Record<string, TrimSize> = {
  A4: { width: 210, height: 297 },
  A5: { width: 148, height: 210 },
  A6: { width: 105, height: 148 },
  B5: { width: 176, height: 250 },
  Letter: { width: 215.9, height: 279.4 },
  Legal: { width: 215.9, height: 355.6 },
  'US Trade': { width: 152.4, height: 228.6 },
  Digest: { width: 139.7, height: 215.9 },
  Novel: { width: 127, height: 203.2 },
};

/** What the trade sizes are also called: "6x9in", "6 × 9 in". */
const DIMENSIONS = /^\s*(\d+(?:\.\d+)?)\s*(mm|cm|in|pt)?\s*[x×\s]\s*(\d+(?:\.\d+)?)\s*(mm|cm|in|pt)\s*$/i;

/** A5, "us trade", "6in 9in", "6 x 9 in", "148mm 210mm" → mm; undefined when not a size. */
export function parseTrimSize(value: string): TrimSize | undefined {
  const key = value
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
  const named = Object.entries(TRIM_SIZES).find(([name]) => name.toLowerCase() === key);
  if (named) return named[1];
  const m = DIMENSIONS.exec(value);
  if (!m) return undefined;
  const width = parseLength(`${m[1]}${m[2] ?? m[4]}`);
  const height = parseLength(`${m[3]}${m[4]}`);
  return width && height ? { width, height } : undefined;
}

/** Millimetres as CSS, rounded to a hundredth (Chromium rounds page sizes to points anyway). */
export function mm(value: number): string {
  return `${Math.round(value * 100) / 100}mm`;
}

export const POINTS_PER_MM = 72 / 25.4;

export interface Margins {
  top: number;
  bottom: number;
  inner: number;
  outer: number;
}

/**
 * Default margins in proportion to the trim (A5: 17/13 mm across, 17/21 mm
 * down). The inner margin is the wider one: a glued paperback spine swallows
 * part of it, and the heads and folios sit in the top and bottom margins.
 */
export function defaultMargins(trim: TrimSize): Margins {
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    top: round(trim.height * 0.08),
    bottom: round(trim.height * 0.1),
    inner: round(trim.width * 0.115),
    outer: round(trim.width * 0.09),
  };
}
