/**
 * The JSON Schema of book.yaml: generated from the zod schema, committed as
 * schema/book.schema.json, and never stale; plus the scaffold's book.yaml.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { bookSchema, KEY_ALIASES, KNOWN_KEYS } from '../../src/config/schema.js';
import { findLicence } from '../../src/licence/catalogue.js';
import {
  bookJsonSchema,
  bookJsonSchemaText,
  type JsonSchemaNode,
  LICENCE_PATTERN,
  PAGE_SIZE_PATTERN,
} from '../../src/schema/book-json-schema.js';
import { repoRoot } from '../helpers/tools.js';

const COMMITTED = path.join(repoRoot, 'schema', 'book.schema.json');

describe('schema/book.schema.json', () => {
  it('is what bookJsonSchema() generates (regenerate: npx tsc -p . && node scripts/gen-schema.mjs)', async () => {
    expect(await readFile(COMMITTED, 'utf8')).toBe(bookJsonSchemaText());
  });

  it('is a draft-7 schema of a strict object that requires a title', () => {
    const schema = bookJsonSchema();
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.title).toBe('Octavo book.yaml');
    expect(schema.type).toBe('object');
    expect(schema.required).toEqual(['title']);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties?.pdf?.additionalProperties).toBe(false);
  });

  it('describes every field of the zod schema', () => {
    const props = bookJsonSchema().properties!;
    const undocumented: string[] = [];
    const walk = (node: JsonSchemaNode, at: string) => {
      if (!node.description) undocumented.push(at);
      for (const [k, child] of Object.entries(node.properties ?? {})) walk(child, `${at}.${k}`);
    };
    for (const key of KNOWN_KEYS) walk(props[key]!, key);
    // Add the missing ones to src/schema/field-docs.ts (or as `.meta({ description })` in the zod schema).
    expect(undocumented).toEqual([]);
  });

  it('allows the other spellings book.yaml accepts, marked deprecated', () => {
    const props = bookJsonSchema().properties!;
    for (const [alias, canonical] of Object.entries(KEY_ALIASES)) {
      expect(props[alias], alias).toMatchObject({
        deprecated: true,
        description: expect.stringContaining(`\`${canonical}\``),
      });
      const { description: _a, deprecated: _b, ...aliasRest } = props[alias]!;
      const { description: _c, examples: _d, ...canonicalRest } = props[canonical]!;
      expect(aliasRest).toEqual(canonicalRest);
    }
  });

  it('accepts the page sizes the zod schema accepts, and no others', () => {
    const pattern = new RegExp(PAGE_SIZE_PATTERN, 'u');
    expect(bookJsonSchema().properties?.pdf?.properties?.['page-size']?.pattern).toBe(PAGE_SIZE_PATTERN);
    for (const value of [
      'A5',
      'a4',
      'LETTER',
      'Legal',
      'B5',
      '6in 9in',
      '148mm 210mm',
      '5.5in 8.5in',
      '  A6 ',
      'A9',
      'A5 A5',
      '6 9',
      '6in',
      '6in x 9in',
      '6IN 9IN',
      'Letterx',
      '',
      'US Trade',
      'us-trade',
      'US  trade',
      'digest',
      'Novel',
      '6 x 9 in',
      '6×9in',
      '6X9IN',
      '6x9',
      'Trade',
    ]) {
      const zod = bookSchema.safeParse({ title: 'T', pdf: { 'page-size': value } }).success;
      expect(pattern.test(value), JSON.stringify(value)).toBe(zod);
    }
  });

  it('accepts the licences the catalogue knows, in any case, and no others', () => {
    const pattern = new RegExp(LICENCE_PATTERN, 'u');
    for (const value of [
      'CC-BY-4.0',
      'cc-by-sa-4.0',
      'CC-BY-NC-ND-3.0',
      'CC0-1.0',
      'LicenseRef-All-Rights-Reserved',
      'CC-BY-5.0',
      'MIT',
      'CC-BY',
      'CC-BY-4.0x',
      '',
    ]) {
      expect(pattern.test(value), value).toBe(findLicence(value) !== undefined);
    }
  });

  it('refuses blank strings where zod does', () => {
    const title = bookJsonSchema().properties!.title!;
    expect(title.minLength).toBe(1);
    expect(new RegExp(String(title.pattern), 'u').test('   ')).toBe(false);
    expect(bookSchema.safeParse({ title: '   ' }).success).toBe(false);
  });
});

describe("the scaffold's book.yaml (templates/init)", () => {
  it('explains every field of the schema, and is valid as written', async () => {
    const text = await readFile(path.join(repoRoot, 'templates', 'init', 'book.yaml'), 'utf8');
    const mentioned = KNOWN_KEYS.filter((key) => !new RegExp(`^#? ?${key}:`, 'm').test(text));
    expect(mentioned, 'fields of the schema the scaffold does not show (as a key or a commented example)').toEqual([]);
    expect(text).toMatch(/^ {2}page-size: /m);
    const parsed = bookSchema.safeParse(parse(text));
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });
});
