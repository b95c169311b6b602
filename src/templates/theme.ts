/**
 * A theme is a folder of HTML fragments with slots plus CSS files. Octavo
 * parses each fragment into hast once and fills the slots with hast; no output
 * is built by concatenating HTML strings.
 */
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { type DiagnosticSink, error, OctavoError } from '../diagnostics.js';
import { builtinThemes } from '../paths.js';
import { sanitiseThemeCss, sanitiseThemeFragment } from './sanitise.js';

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

async function readThemeFile(file: string, dir: string): Promise<string> {
  let text: string;
  let real: string;
  try {
    [text, real] = await Promise.all([readFile(file, 'utf8'), realpath(file)]);
  } catch {
    throw new OctavoError(
      error('theme/missing-file', `the theme has no ${path.basename(file)}.`, {
        file,
        hint: 'A theme folder needs the same files as templates/default; copy that folder and edit it.',
      }),
    );
  }
  // The theme folder is confined (config/load.ts); a file in it may not be a link out of it.
  const realDir = await realpath(dir);
  if (!real.startsWith(realDir + path.sep)) {
    throw new OctavoError(
      error('theme/outside-theme', `the theme's ${path.basename(file)} is a link to a file outside the theme.`, {
        file,
        hint: 'Copy the file into the theme folder instead of linking to it.',
      }),
    );
  }
  return text;
}

/** Loads a theme; its fragments and CSS are sanitised, and what was removed is reported to `diagnostics`. */
export async function loadTheme(dir: string, diagnostics: DiagnosticSink = []): Promise<Theme> {
  const fragments = {} as Record<FragmentName, Root>;
  const fragment = (text: string, file: string, whole: boolean) => {
    const tree = fromHtml(text, whole ? {} : { fragment: true });
    sanitiseThemeFragment(tree, file, diagnostics);
    return tree;
  };
  for (const name of FRAGMENTS) {
    const file = path.join(dir, `${name}.html`);
    fragments[name] = fragment(await readThemeFile(file, dir), file, name === 'document');
  }
  const defaults = path.join(builtinThemes, 'default');
  for (const name of OPTIONAL_FRAGMENTS) {
    const own = path.join(dir, `${name}.html`);
    const fallback = path.join(defaults, `${name}.html`);
    const exists = await readFile(own).then(
      () => true,
      () => false,
    );
    const file = exists ? own : fallback;
    fragments[name] = fragment(await readThemeFile(file, exists ? dir : defaults), file, false);
  }
  const css = {} as Record<StylesheetName, string>;
  for (const name of STYLESHEETS) {
    const file = path.join(dir, 'css', `${name}.css`);
    css[name] = sanitiseThemeCss(await readThemeFile(file, dir), file, diagnostics);
  }
  return { dir, fragments, css };
}
