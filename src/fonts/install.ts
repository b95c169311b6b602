/**
 * The print edition's typefaces come from npm font packages (SIL OFL), not
 * from whatever the build machine has: Literata for Latin, Greek and Cyrillic,
 * Noto Serif SC for Chinese (and the kanji of Japanese), Vazirmatn for Arabic
 * script, Noto Emoji (monochrome) for emoji, Noto Sans Math for mathematics, Source Code Pro for code. Chromium loads only the unicode-range
 * subsets a book uses and embeds them, subset, in the PDF.
 */
import { mkdir, readFile, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PRINT_FONTS } from './print-fonts.js';

const require = createRequire(import.meta.url);

function packageDir(name: string): string {
  return path.dirname(require.resolve(`${name}/package.json`));
}

/**
 * Links each package's font files into the print folder (the print page may
 * load nothing from outside it) and returns the @font-face rules pointing there.
 */
export async function installPrintFonts(workDir: string): Promise<string> {
  const rules: string[] = [];
  for (const font of PRINT_FONTS) {
    const dir = packageDir(font.name);
    const local = path.join('fonts', font.name.replace(/^@fontsource\//, ''));
    await mkdir(path.join(workDir, local), { recursive: true });
    await symlink(path.join(dir, 'files'), path.join(workDir, local, 'files'));
    for (const sheet of font.css) {
      let css = await readFile(path.join(dir, sheet), 'utf8');
      if (font.wholeFont) css = css.replace(/^\s*unicode-range:[^;]*;\n/gm, '');
      // Fonts must be ready when Chromium prints: no swap period.
      rules.push(
        css.replaceAll('url(./files/', `url(${local}/files/`).replaceAll('font-display: swap;', 'font-display: block;'),
      );
    }
  }
  return rules.join('\n');
}

/**
 * The font stacks of the print edition, by script. Symbols the text face lacks (arrows,
 * operators) come from Noto Sans Math, before Noto Serif SC, which has them too, so that a
 * book without Chinese does not embed a CJK face it does not credit; in Chinese and Japanese,
 * the CJK face's own.
 */
export const PRINT_FONT_CSS = `
html { font-family: "Literata", "Noto Emoji", "Noto Sans Math", "Noto Serif SC", "Vazirmatn", serif; }
:where(:lang(zh), :lang(ja)) { font-family: "Literata", "Noto Serif SC", "Noto Emoji", "Noto Sans Math", serif; }
:where(:lang(zh), :lang(ja)) p { text-align: justify; }
:where(:lang(ar), :lang(fa), :lang(ur)) { font-family: "Vazirmatn", "Literata", "Noto Emoji", "Noto Sans Math", serif; }
code, pre, kbd, samp { font-family: "Source Code Pro", "Noto Serif SC", "Vazirmatn", "Noto Emoji", "Noto Sans Math", monospace; }
math { font-family: "Noto Sans Math", math; }
`;
