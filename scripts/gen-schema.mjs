#!/usr/bin/env node
/**
 * Writes schema/book.schema.json from the zod schema (run `npx tsc -p .` first).
 * test/unit/commands-schema.test.ts fails when the committed file is stale.
 *   node scripts/gen-schema.mjs
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { bookJsonSchemaText } = await import(
  pathToFileURL(path.join(root, 'lib', 'schema', 'book-json-schema.js')).href
);
const file = path.join(root, 'schema', 'book.schema.json');
await writeFile(file, bookJsonSchemaText());
console.log(path.relative(process.cwd(), file) || file);
