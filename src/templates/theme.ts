/**
 * A theme is a folder of HTML fragments with slots plus CSS files. Octavo
 * parses each fragment into hast once and fills the slots with hast; no output
 * is built by concatenating HTML strings.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { error, OctavoError } from '../diagnostics.js';
import { builtinThemes } from '../paths.js';

export const FRAGMENTS = ['document', 'titlepage', 'contents', 'chapter', 'colophon'] as const;
/** Fragments a theme may leave out: the default theme's are used instead. */
export const OPTIONAL_FRAGMENTS = ['part', 'halftitle'] as const;
export type FragmentName = (typeof FRAGMENTS)[number] | (typeof OPTIONAL_FRAGMENTS)[number];
export const STYLESHEETS = ['base', 'screen', 'epub', 'print'] as const;
export type StylesheetName = (typeof STYLESHEETS)[number];

export interface Theme {
  dir: string;
  fragments: Record<FragmentName, Root>;
  css: Record<StylesheetName, string>;
}

async function readThemeFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    throw new OctavoError(
      error('theme/missing-file', `the theme has no ${path.basename(file)}.`, {
        file,
        hint: 'A theme folder needs the same files as templates/default; copy that folder and edit it.',
      }),
    );
  }
}

export async function loadTheme(dir: string): Promise<Theme> {
  const fragments = {} as Record<FragmentName, Root>;
  for (const name of FRAGMENTS) {
    const file = path.join(dir, `${name}.html`);
    const text = await readThemeFile(file);
    fragments[name] = fromHtml(text, name === 'document' ? {} : { fragment: true });
  }
  for (const name of OPTIONAL_FRAGMENTS) {
    const own = path.join(dir, `${name}.html`);
    const text = await readFile(own, 'utf8').catch(() =>
      readThemeFile(path.join(builtinThemes, 'default', `${name}.html`)),
    );
    fragments[name] = fromHtml(text, { fragment: true });
  }
  const css = {} as Record<StylesheetName, string>;
  for (const name of STYLESHEETS) css[name] = await readThemeFile(path.join(dir, 'css', `${name}.css`));
  return { dir, fragments, css };
}
