/**
 * The typefaces of the print edition: npm font packages, never the build
 * machine's fonts. Data only; the PDF writer loads them and its colophon
 * credits them (the OFL's notice travels with the embedded fonts; the EPUB
 * and HTML embed none and credit none).
 */
export interface FontPackage {
  /** npm package name. */
  name: string;
  family: string;
  /** Stylesheets of the package to load (weights and styles). */
  css: string[];
  /** SPDX id of the font's licence. */
  licence: string;
  /** The copyright holders, as the font's licence file names them. */
  creators: string[];
  source: string;
  /** The book needs this face when its text has these characters (absent: always). */
  script?: RegExp;
  /** The book needs this face when it has code. */
  code?: boolean;
  /** The book needs this face when it has mathematics (MathML), or text in `script`. */
  math?: boolean;
  /**
   * Use every glyph of the files, whatever the package's unicode-range says (Noto Sans Math's
   * package calls its file "latin", but it holds the whole font, MATH table and all).
   */
  wholeFont?: boolean;
}

export const PRINT_FONTS: readonly FontPackage[] = [
  {
    name: '@fontsource/literata',
    family: 'Literata',
    css: ['400.css', '400-italic.css', '700.css', '700-italic.css'],
    licence: 'OFL-1.1',
    creators: ['The Literata Project Authors'],
    source: 'https://github.com/googlefonts/literata',
  },
  {
    name: '@fontsource/noto-serif-sc',
    family: 'Noto Serif SC',
    css: ['400.css', '700.css'],
    licence: 'OFL-1.1',
    creators: ['Google Inc.'],
    source: 'https://github.com/notofonts/noto-cjk',
    script: /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\u3000-\u303f\uff00-\uffef]/u,
  },
  {
    name: '@fontsource/vazirmatn',
    family: 'Vazirmatn',
    css: ['400.css', '700.css'],
    licence: 'OFL-1.1',
    creators: ['The Vazirmatn Project Authors'],
    source: 'https://github.com/rastikerdar/vazirmatn',
    script: /\p{sc=Arabic}/u,
  },
  {
    // Monochrome: it prints in grey as well as in colour, and e-ink shows it.
    name: '@fontsource/noto-emoji',
    family: 'Noto Emoji',
    css: ['400.css'],
    licence: 'OFL-1.1',
    creators: ['Google LLC'],
    source: 'https://github.com/googlefonts/noto-emoji',
    // Pictographs, not the ©, ® and ™ that Literata sets (they are Extended_Pictographic too).
    script: /[\u{1F000}-\u{1FAFF}\u{2600}-\u{27BF}\u{2B00}-\u{2BFF}]/u,
  },
  {
    // A font with an OpenType MATH table, which Chromium's MathML needs to stack and stretch; last
    // in every stack too, for the arrows and symbols the text faces lack (else the machine's fonts).
    name: '@fontsource/noto-sans-math',
    family: 'Noto Sans Math',
    css: ['400.css'],
    licence: 'OFL-1.1',
    creators: ['Google LLC'],
    source: 'https://github.com/notofonts/math',
    math: true,
    // Arrows, mathematical operators (not the minus sign, which Literata has), technical symbols.
    script: /[\u2190-\u2211\u2213-\u23FF\u27C0-\u27EF\u2900-\u2AFF\u{1D400}-\u{1D7FF}]/u,
    wholeFont: true,
  },
  {
    name: '@fontsource/source-code-pro',
    family: 'Source Code Pro',
    css: ['400.css', '700.css'],
    licence: 'OFL-1.1',
    creators: ['Google Inc.'],
    source: 'https://github.com/adobe-fonts/source-code-pro',
    code: true,
  },
];
