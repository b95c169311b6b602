/** Helpers the pandoc constructs share: attributes as HTML properties, escapes, places, warnings. */
import { characterEntities } from 'character-entities';
import type { Properties } from 'hast';
import type { Nodes, Text } from 'mdast';
import { find, html } from 'property-information';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import { placeOf } from '../unhandled.js';
import type { Attributes } from './attributes-parse.js';

export type Place = { line: number; column: number } | undefined;

export function warn(file: VFile, reason: string, place: Place | Nodes['position'], note: string, ruleId = 'pandoc') {
  const message = file.message(reason, { place: place ?? undefined, ruleId, source: 'octavo' });
  message.note = note;
}

/** Line and column of `offset` in a text node's value. */
export function placeIn(node: Text, offset: number): Place {
  return placeOf(node, offset);
}

const ALWAYS = new Set(['id', 'class', 'lang', 'dir', 'title']);

/**
 * Attributes as hast properties. Kept: the id, classes, `lang`, `dir`, `title`,
 * `data-*`, and `width`/`height` on images (a number is pixels; other lengths
 * become CSS in raw-html.ts). Anything else is left out with a warning naming
 * the key: `style` (a theme's CSS styles a class), event handlers, and keys
 * HTML does not know.
 */
export function toProperties(
  attrs: Attributes,
  file: VFile,
  place: Place | Nodes['position'],
  target: 'image' | 'other' = 'other',
): Properties {
  const props: Properties = {};
  const classes = [...attrs.classes];
  if (attrs.id) props.id = attrs.id;
  for (const [rawKey, value] of attrs.pairs) {
    const key = rawKey.toLowerCase();
    if (key === 'class') classes.push(...value.split(/\s+/).filter(Boolean));
    else if (ALWAYS.has(key)) props[key] = value;
    else if ((key === 'width' || key === 'height') && target === 'image') props[key] = value;
    else if (/^data-[a-z0-9_.:-]+$/.test(key) && !key.startsWith('data-footnote'))
      props[find(html, key).property] = value;
    else {
      warn(
        file,
        `attribute \`${rawKey}\` is left out`,
        place,
        key === 'style'
          ? 'Styles are not kept in a book: give the element a class (`{.name}`) and style the class in the theme.'
          : key === 'width' || key === 'height'
            ? 'Only images take a width or height.'
            : 'Attribute blocks keep `#id`, `.class`, `lang`, `dir`, `title`, `data-*`, and `width`/`height` on images.',
        'pandoc-attribute',
      );
    }
  }
  if (classes.length) props.className = [...new Set(classes)];
  return props;
}

/** Whether a value is an ASCII punctuation character (what a backslash can escape). */
function isPunct(c: string | undefined): boolean {
  return c !== undefined && /^[!-/:-@[-`{-~]$/.test(c);
}

const ENTITY = /^&(?:#[xX]([0-9a-fA-F]{1,6})|#(\d{1,7})|([a-zA-Z][a-zA-Z0-9]{0,31}));/;

function decodeEntity(m: RegExpExecArray): string | undefined {
  if (m[1]) return String.fromCodePoint(Number.parseInt(m[1], 16));
  if (m[2]) return String.fromCodePoint(Number(m[2]));
  return (characterEntities as Record<string, string>)[m[3]!];
}

/**
 * For each character of a text node's value, whether it was written as itself
 * in the source (not escaped with a backslash nor written as an entity), so
 * `\^` and `&#91;` are never syntax, and where in the source it starts.
 * Without a source position every character counts as written.
 */
const maps = new WeakMap<Text, { value: string; flags: boolean[]; at: (number | undefined)[] }>();

function sourceMap(node: Text, file: VFile): { flags: boolean[]; at: (number | undefined)[] } {
  const known = maps.get(node);
  if (known && known.value === node.value) return known;
  const made = computeSourceMap(node, file);
  maps.set(node, { value: node.value, ...made });
  return made;
}

function computeSourceMap(node: Text, file: VFile): { flags: boolean[]; at: (number | undefined)[] } {
  const flags = new Array<boolean>(node.value.length).fill(true);
  const at = new Array<number | undefined>(node.value.length).fill(undefined);
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return { flags, at };
  const src = String(file.value);
  const value = node.value;
  let i = start;
  let j = 0;
  while (j < value.length && i < end) {
    const c = src[i]!;
    if (c === '\\' && isPunct(src[i + 1]) && value[j] === src[i + 1]) {
      flags[j] = false;
      at[j] = i;
      i += 2;
      j++;
      continue;
    }
    if (c === '&') {
      const m = ENTITY.exec(src.slice(i, i + 40));
      const decoded = m ? decodeEntity(m) : undefined;
      if (m && decoded && value.startsWith(decoded, j)) {
        for (let k = 0; k < decoded.length; k++) {
          flags[j + k] = false;
          at[j + k] = i;
        }
        i += m[0].length;
        j += decoded.length;
        continue;
      }
    }
    if (c === value[j]) {
      at[j] = i;
      j++;
    }
    i++;
  }
  return { flags, at };
}

export function literalFlags(node: Text, file: VFile): boolean[] {
  return sourceMap(node, file).flags;
}

/** One line index per file: building it reads the whole file, and a chapter cuts many slices. */
const locations = new WeakMap<VFile, { length: number; index: ReturnType<typeof location> }>();

function locationOf(file: VFile): ReturnType<typeof location> {
  const length = String(file.value).length;
  const known = locations.get(file);
  if (known && known.length === length) return known.index;
  const index = location(file);
  locations.set(file, { length, index });
  return index;
}

/** A text node cut from another, with its place in the source when it can be found. */
export function textSlice(node: Text, file: VFile, from: number, to = node.value.length): Text {
  const out: Text = { type: 'text', value: node.value.slice(from, to) };
  const { at } = sourceMap(node, file);
  const startOffset = from < at.length ? at[from] : node.position?.end.offset;
  const endOffset = to < at.length ? at[to] : node.position?.end.offset;
  if (startOffset !== undefined && endOffset !== undefined) {
    const place = locationOf(file);
    const s = place.toPoint(startOffset);
    const e = place.toPoint(endOffset);
    if (s && e) {
      out.position = { start: s, end: e };
      return out;
    }
  }
  const s = placeIn(node, from);
  const e = placeIn(node, to);
  if (s && e) out.position = { start: s, end: e };
  return out;
}
