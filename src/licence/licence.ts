/**
 * What a licence is to Octavo: one licence (an SPDX id, maybe with an
 * exception), or an SPDX expression joining several with AND or OR. Every
 * form has the same fields, so the writers and rules need no special case;
 * an expression also keeps its operands, for the colophon and the rules.
 */

export interface LicenceConditions {
  attribution: boolean;
  shareAlike: boolean;
  noDerivatives: boolean;
  nonCommercial: boolean;
  /** The licence asks to indicate whether and how the work was changed. */
  indicateChanges: boolean;
}

export interface Licence {
  /** SPDX id, Octavo's `LicenseRef-…`, or a normalised SPDX expression. */
  spdx: string;
  name: string;
  /** Short label, e.g. "CC BY 4.0". */
  short: string;
  /** Human-readable summary (CC "deed"); the link readers follow. An expression: its first operand's. */
  url: string;
  legalCode: string;
  /** What the build enforces. An expression: see `combine`. */
  conditions: LicenceConditions;
  /**
   * ShareAlike and copyleft: the SPDX ids an adaptation that includes the
   * work may be released under (its own id among them). Absent: any.
   */
  adaptations?: readonly string[];
  /** `id WITH exception`: the exception's SPDX id and name, and the licence's own name; the conditions stay the licence's. */
  exception?: { id: string; name: string; licenceName: string };
  /** An AND or OR of licences (flattened: `A OR B OR C` has three operands). */
  expression?: { operator: 'AND' | 'OR'; operands: readonly Licence[] };
}

export const NO_CONDITIONS: LicenceConditions = {
  attribution: false,
  shareAlike: false,
  noDerivatives: false,
  nonCommercial: false,
  indicateChanges: false,
};

const KEYS = Object.keys(NO_CONDITIONS) as (keyof LicenceConditions)[];

/** How much a licence asks, for picking the least restrictive choice of an OR. */
function burden(c: LicenceConditions): number {
  return (
    (c.attribution ? 1 : 0) +
    (c.indicateChanges ? 1 : 0) +
    (c.shareAlike ? 2 : 0) +
    (c.nonCommercial ? 4 : 0) +
    (c.noDerivatives ? 4 : 0)
  );
}

/** The operand of an OR that asks least (the first of equals): the one the build holds the book to. */
export function leastRestrictive(operands: readonly Licence[]): Licence {
  return operands.reduce((best, l) => (burden(l.conditions) < burden(best.conditions) ? l : best));
}

/**
 * `A AND B`: every operand applies, so their conditions add up. `A OR B`:
 * the reader may choose, so the build enforces what the least restrictive
 * choice needs (one whole choice, not a mix of the easiest parts of each),
 * while the notice names every choice.
 */
export function combine(operator: 'AND' | 'OR', operands: readonly Licence[]): Licence {
  const flat = operands.flatMap((l) => (l.expression?.operator === operator ? l.expression.operands : [l]));
  const wrap = (l: Licence, text: string) => (l.expression ? `(${text})` : text);
  const conditions =
    operator === 'OR'
      ? { ...leastRestrictive(flat).conditions }
      : (Object.fromEntries(KEYS.map((k) => [k, flat.some((l) => l.conditions[k])])) as unknown as LicenceConditions);
  const word = operator === 'OR' ? ' or ' : ' and ';
  const first = flat.find((l) => l.url);
  return {
    spdx: flat.map((l) => wrap(l, l.spdx)).join(` ${operator} `),
    name: flat.map((l) => wrap(l, l.name)).join(word) + (operator === 'OR' ? ', at your choice' : ''),
    short: flat.map((l) => wrap(l, l.short)).join(word),
    url: first?.url ?? '',
    legalCode: first?.legalCode ?? '',
    conditions,
    expression: { operator, operands: flat },
  };
}

/** `licence WITH exception`: the text keeps the exception; the conditions are the licence's (an exception only adds permissions). */
export function withException(licence: Licence, id: string): Licence {
  const name = id.replace(/-/g, ' ');
  return {
    ...licence,
    spdx: `${licence.spdx} WITH ${id}`,
    name: `${licence.name} with ${name}`,
    short: `${licence.short} with ${name}`,
    exception: { id, name, licenceName: licence.name },
  };
}

/** The licences an expression is made of (itself when it is one licence). */
export function operandsOf(licence: Licence): Licence[] {
  return licence.expression ? licence.expression.operands.flatMap(operandsOf) : [licence];
}

/** Every licence address the notice links: one per licence of an expression. */
export function licenceUrls(licence: Licence): string[] {
  return [
    ...new Set(
      operandsOf(licence)
        .map((l) => l.url)
        .filter(Boolean),
    ),
  ];
}
