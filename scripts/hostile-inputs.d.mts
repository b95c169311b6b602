/** Types for hostile-inputs.mjs, which the tests share with `npm run bench:hostile`. */
export function bigPng(width: number, height: number): Buffer;
export function hostileCases(scale?: number): Record<string, () => Record<string, string | Buffer>>;
