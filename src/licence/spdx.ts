/**
 * Which licence a text names: any id, name or address of the SPDX licence
 * list (spdx-license-list), Octavo's own entries and spellings, or an SPDX
 * expression of them (`MIT OR Apache-2.0`, `CC-BY-4.0 AND OFL-1.1`,
 * `GPL-2.0-only WITH Classpath-exception-2.0`), read by spdx-expression-parse.
 */
import parseExpression from 'spdx-expression-parse';
import spdxList from 'spdx-license-list';
import { didYouMean } from '../util/did-you-mean.js';
import { combine, type Licence, withException } from './licence.js';
import { ALIASES, adaptationsOf, CURATED, ccDeed, ccShort, conditionsOf } from './octavo-data.js';

const SPDX_IDS = Object.keys(spdxList);
const IDS = new Set(SPDX_IDS);

/** The ids SPDX deprecated for a clearer one: `GPL-3.0` → `GPL-3.0-only`, `GPL-2.0+` → `GPL-2.0-or-later`. */
function successor(id: string): string | undefined {
  if (id.endsWith('+') && IDS.has(`${id.slice(0, -1)}-or-later`)) return `${id.slice(0, -1)}-or-later`;
  if (IDS.has(`${id}-only`)) return `${id}-only`;
  return undefined;
}

function fromSpdx(id: string): Licence {
  const entry = spdxList[id]!;
  const adaptations = adaptationsOf(id, SPDX_IDS);
  return {
    spdx: id,
    name: entry.name,
    short: ccShort(id) ?? id,
    url: ccDeed(id) ?? entry.url,
    legalCode: entry.url,
    conditions: conditionsOf(id),
    ...(adaptations ? { adaptations } : {}),
  };
}

/** A licence address without scheme, `www.`, trailing slash, `legalcode` or a language deed (`deed.fr`). */
export function urlKey(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/(legalcode|deed)(\.[a-z-]+)?$/, '/')
    .replace(/\/+$/, '');
}

const BY_ID = new Map<string, Licence>();
const BY_KEY = new Map<string, Licence>();
/** Addresses several SPDX licences share (the GPL's "only" and "or later"): they name none of them. */
const SHARED_URLS = new Set<string>();
const CURATED_KEYS = new Set<string>();

function index(l: Licence, urls: string[], curated: boolean): void {
  const set = (key: string) => {
    if (curated) CURATED_KEYS.add(key);
    if (!BY_KEY.has(key)) BY_KEY.set(key, l);
  };
  set(l.spdx.toLowerCase());
  set(l.name.toLowerCase());
  for (const url of new Set(urls.filter(Boolean).map(urlKey))) {
    const known = BY_KEY.get(url);
    if (!curated && !CURATED_KEYS.has(url) && known && known !== l) SHARED_URLS.add(url);
    set(url);
  }
}

// Octavo's entries first: their names and deeds win over SPDX's for the same id.
for (const l of CURATED) {
  const adaptations = adaptationsOf(l.spdx, SPDX_IDS);
  const entry: Licence = adaptations ? { ...l, adaptations } : l;
  BY_ID.set(l.spdx.toLowerCase(), entry);
  index(entry, [l.url, l.legalCode, spdxList[l.spdx]?.url ?? ''], true);
}
// Deprecated ids are not indexed by name or address: those mean the current id.
for (const id of SPDX_IDS) {
  if (BY_ID.has(id.toLowerCase()) || successor(id)) continue;
  const l = fromSpdx(id);
  BY_ID.set(id.toLowerCase(), l);
  index(l, [l.url, l.legalCode], false);
}
for (const id of SPDX_IDS) {
  const next = successor(id);
  if (next && !BY_ID.has(id.toLowerCase())) BY_ID.set(id.toLowerCase(), BY_ID.get(next.toLowerCase())!);
}
for (const [alias, id] of Object.entries(ALIASES)) {
  BY_ID.set(alias, BY_ID.get(id.toLowerCase())!);
  BY_KEY.set(alias, BY_ID.get(id.toLowerCase())!);
}

const CURATED_IDS = CURATED.map((l) => l.spdx);

/** One licence by SPDX id (any case), name (with or without "License"), or address. */
function findOne(text: string): Licence | undefined {
  const t = text.trim();
  const lower = t.toLowerCase();
  const byId = BY_ID.get(lower) ?? BY_KEY.get(lower);
  if (byId) return byId;
  const bare = lower.replace(/\s+licen[cs]e$/, '');
  if (BY_KEY.get(bare)) return BY_KEY.get(bare);
  if (!/^(https?:\/\/|www\.|[a-z0-9-]+(\.[a-z0-9-]+)+\/)/i.test(t)) return undefined;
  const key = urlKey(t);
  return SHARED_URLS.has(key) ? undefined : BY_KEY.get(key);
}

/** Did-you-mean for an unknown licence: Octavo's ids first, then the whole SPDX list. */
export function suggestLicence(text: string): string | undefined {
  return (
    didYouMean(text.trim(), CURATED_IDS) ??
    didYouMean(
      text.trim(),
      SPDX_IDS.filter((id) => !successor(id)),
    )
  );
}

export type LicenceLookup =
  | { licence: Licence }
  /** `text` is the part that names no licence (the whole text, or one operand of an expression). */
  | { unknown: string; suggestion?: string; reason?: string };

const OPERATOR = /\s+(AND|OR|WITH)\s+|([()])/;

/**
 * The licence a text names: one licence, or an SPDX expression whose
 * operands may each be an id, a name or an address. Operators are the SPDX
 * upper-case ones; lower-case ones are read when the text has none.
 */
export function lookupLicence(text: string): LicenceLookup {
  const whole = findOne(text);
  if (whole) return { licence: whole };
  const upper = OPERATOR;
  const any = new RegExp(OPERATOR.source, 'i');
  const splitter = upper.test(text) ? new RegExp(upper.source, 'g') : new RegExp(any.source, 'gi');
  const pieces = text.split(splitter).filter((p) => p !== undefined && p.trim() !== '');
  if (pieces.length < 2) {
    const plus = /^(.+)\+$/.exec(text.trim());
    const base = plus ? findOne(plus[1]!) : undefined;
    const later = base && findOne(`${base.spdx.replace(/-only$/, '')}-or-later`);
    if (later) return { licence: later };
    return { unknown: text.trim(), suggestion: suggestLicence(text) };
  }
  // Each operand to its SPDX id, then the expression to spdx-expression-parse.
  const canonical: string[] = [];
  let afterWith = false;
  const leaves = new Map<string, Licence>();
  for (const raw of pieces) {
    const piece = raw.trim();
    const op = piece.toUpperCase();
    if (op === 'AND' || op === 'OR' || op === 'WITH' || piece === '(' || piece === ')') {
      canonical.push(op);
      afterWith = op === 'WITH';
      continue;
    }
    if (afterWith) {
      canonical.push(piece);
      afterWith = false;
      continue;
    }
    const found = findOne(piece) ?? (/\+$/.test(piece) ? lookupPlus(piece) : undefined);
    if (!found || found.expression) return { unknown: piece, suggestion: suggestLicence(piece) };
    leaves.set(found.spdx, found);
    canonical.push(found.spdx);
  }
  const source = canonical.join(' ').replace(/\( /g, '(').replace(/ \)/g, ')');
  let tree: parseExpression.Info;
  try {
    tree = parseExpression(source);
  } catch (err) {
    const exception = /WITH ([^\s()]+)/.exec(source);
    const reason = (err as Error).message;
    return exception && /Unexpected|Expected/.test(reason)
      ? { unknown: exception[1]!, reason: `\`${exception[1]}\` is not an exception of the SPDX list` }
      : { unknown: text.trim(), reason: `not an SPDX expression (${reason})` };
  }
  return { licence: build(tree, leaves) };
}

function lookupPlus(piece: string): Licence | undefined {
  const r = lookupLicence(piece);
  return 'licence' in r ? r.licence : undefined;
}

function build(node: parseExpression.Info, leaves: ReadonlyMap<string, Licence>): Licence {
  if ('conjunction' in node) {
    return combine(node.conjunction === 'or' ? 'OR' : 'AND', [build(node.left, leaves), build(node.right, leaves)]);
  }
  const base = leaves.get(node.license) ?? findOne(node.license)!;
  return node.exception ? withException(base, node.exception) : base;
}

/**
 * The licence an id, name, address or SPDX expression stands for: `CC-BY-4.0`,
 * "Creative Commons Attribution 4.0 International" and
 * https://creativecommons.org/licenses/by/4.0/ all give CC BY 4.0.
 */
export function findLicence(text: string): Licence | undefined {
  const r = lookupLicence(text);
  return 'licence' in r ? r.licence : undefined;
}

/** Octavo's own entries (with their ShareAlike data), as the JSON schema and the docs list them. */
export const LICENCES: readonly Licence[] = CURATED.map((l) => BY_ID.get(l.spdx.toLowerCase())!);
