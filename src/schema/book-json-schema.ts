/**
 * The JSON Schema of book.yaml, generated from the zod schema (the one source
 * of truth) so editors can complete and check book.yaml as it is typed.
 * `schema/book.schema.json` is this function's output; a test keeps it current.
 */
import { z } from 'zod';
import { bookSchema, KEY_ALIASES, PAGE_SIZES } from '../config/schema.js';
import { LICENCES } from '../licence/catalogue.js';
import { FIELD_DOCS } from './field-docs.js';

/** A JSON Schema node, as far as this module reads or writes it. */
export interface JsonSchemaNode {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchemaNode>;
  [keyword: string]: unknown;
}

/** Draft 7: the newest draft every common YAML editor (VS Code, JetBrains, Neovim) understands. */
const TARGET = 'draft-7';

/** `A4`, `Letter` → `[aA]4|[lL][eE]…`: JSON Schema patterns have no case-insensitive flag. */
function caseless(words: readonly string[]): string {
  const one = (w: string) =>
    [...w]
      .map((ch) =>
        /[a-z]/i.test(ch) ? `[${ch.toLowerCase()}${ch.toUpperCase()}]` : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('');
  return words.map(one).join('|');
}

/** Mirrors the refine in config/schema.ts (a unit test checks both accept the same values). */
const NUMBER = '\\d+(?:\\.\\d+)?';
const UNIT = '(?:mm|cm|in|pt)';
const NAMES = caseless(PAGE_SIZES).replace(/ /g, '[\\s_-]+');
export const PAGE_SIZE_PATTERN = `^\\s*(?:${NAMES}|${NUMBER}\\s*${UNIT}?\\s*[xX×\\s]\\s*${NUMBER}\\s*${UNIT})\\s*$`;
/** A print length: "3mm", "0.125in" (a bare number, in mm, is a JSON number). */
export const LENGTH_PATTERN = `^\\s*${NUMBER}\\s*${UNIT}?\\s*$`;
/**
 * findLicence() accepts any SPDX id of the catalogue in any case, and SPDX
 * expressions (checked by the build, not here). Other SPDX ids, names and
 * URLs are accepted by the build but left out: the pattern would list 700 ids.
 */
export const LICENCE_PATTERN = `^\\s*(?:${caseless(LICENCES.map((l) => l.spdx))})\\s*$|\\S\\s+(?:AND|OR|WITH|and|or|with)\\s+\\S`;
/** zod trims before `min(1)`: a blank string is empty. */
const NOT_BLANK = '\\S';

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Adds the hand-written docs (description, examples) where zod's `.meta()` gave none. */
function document(node: JsonSchemaNode | undefined, key: string): void {
  if (!node) return;
  const docs = FIELD_DOCS[key];
  if (docs) {
    node.description ??= docs.description;
    if (docs.examples && node.examples === undefined) node.examples = docs.examples;
    if (docs.default !== undefined && node.default === undefined) node.default = docs.default;
  }
  for (const [child, schema] of Object.entries(node.properties ?? {})) document(schema, `${key}.${child}`);
}

/** Every `nonEmpty` string (minLength 1 after trimming) also refuses a blank one. */
function refuseBlank(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) refuseBlank(item);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const n = node as JsonSchemaNode;
  if (n.type === 'string' && n.minLength === 1 && n.pattern === undefined) n.pattern = NOT_BLANK;
  for (const value of Object.values(n)) refuseBlank(value);
}

export function bookJsonSchema(): JsonSchemaNode {
  // io: 'input' describes what a user writes (before `creator: x` becomes a list).
  const generated = z.toJSONSchema(bookSchema, {
    io: 'input',
    target: TARGET,
    unrepresentable: 'any',
  }) as JsonSchemaNode;
  const properties = generated.properties ?? {};

  for (const [key, schema] of Object.entries(properties)) document(schema, key);
  refuseBlank(properties);

  // Checks zod does in code (refine, a catalogue lookup) become patterns here.
  const licence = properties.licence;
  if (licence) {
    licence.pattern = LICENCE_PATTERN;
    delete licence.minLength;
  }
  const pageSize = properties.pdf?.properties?.['page-size'];
  if (pageSize) pageSize.pattern = PAGE_SIZE_PATTERN;
  const lengths = [
    properties.print?.properties?.bleed,
    ...Object.values(properties.pdf?.properties?.margins?.properties ?? {}),
  ];
  for (const node of lengths) {
    for (const option of (node?.anyOf ?? []) as JsonSchemaNode[]) {
      if (option.type === 'string') option.pattern = LENGTH_PATTERN;
      if (option.type === 'number') option.minimum = 0;
    }
  }

  // Other spellings book.yaml accepts: allowed, so editors do not flag them, but marked deprecated.
  for (const [alias, canonical] of Object.entries(KEY_ALIASES)) {
    const target = properties[canonical];
    if (!target || properties[alias]) continue;
    const copy = clone(target);
    delete copy.examples;
    copy.description = `Another spelling of \`${canonical}\`, accepted; prefer \`${canonical}\`.`;
    copy.deprecated = true;
    properties[alias] = copy;
  }

  // Keys in a stable order: the schema's own first, then the aliases.
  const { $schema, ...rest } = generated;
  return {
    $schema,
    title: 'Octavo book.yaml',
    description:
      'The configuration of a book built by Octavo (EPUB 3, PDF and HTML from Markdown). Only `title` is required; unknown keys are errors.',
    $comment:
      'Generated from src/config/schema.ts by bookJsonSchema() in src/schema/book-json-schema.ts. Do not edit by hand.',
    ...rest,
    properties,
  };
}

/** The file's text: two-space JSON with a final newline, as committed in schema/book.schema.json. */
export function bookJsonSchemaText(): string {
  return `${JSON.stringify(bookJsonSchema(), null, 2)}\n`;
}
