/**
 * The generated cover as a web page of 1600 × 2560 CSS pixels (the size
 * Kindle and Kobo recommend), for Chromium to lay out and photograph. The
 * browser wraps the title and the names by their measured width, in any
 * script (CJK breaks between characters, Arabic is shaped); fitCover() then
 * shrinks a title that is still too tall for its box.
 */
import { h } from 'hastscript';
import type { BookConfig } from '../config/config.js';
import { PRINT_FONT_CSS } from '../fonts/install.js';
import { joinNames, stringsFor } from '../i18n/strings.js';
import { typesetText } from '../transform/typography.js';
import { serialiseHtml } from '../writers/serialise.js';

export const COVER_WIDTH = 1600;
export const COVER_HEIGHT = 2560;
/** The names' box may grow to this height before the names shrink. */
export const CREATORS_MAX = 560;

const STYLE = `
html, body { margin: 0; width: ${COVER_WIDTH}px; height: ${COVER_HEIGHT}px; overflow: hidden; }
body { background: #2b3a42; color: #f4efe4; }
.frame { position: absolute; inset: 100px; border: 6px solid #e8dcc2; box-sizing: border-box;
  display: flex; flex-direction: column; align-items: center; padding: 160px 110px; }
.title-box { flex: 1 1 auto; min-height: 0; width: 100%; display: flex; flex-direction: column; justify-content: center; }
h1, p { margin: 0; text-align: center; text-wrap: balance; overflow-wrap: anywhere; hyphens: manual; }
h1 { font-size: 150px; line-height: 1.15; font-weight: 400; }
.subtitle { font-size: 72px; line-height: 1.25; margin-top: 70px; color: #e8dcc2; font-style: italic; }
.creators { flex: 0 0 auto; margin-top: 80px; max-height: ${CREATORS_MAX}px; overflow: hidden; font-size: 84px; line-height: 1.25; color: #e8dcc2; }
`;

/** The cover page's HTML; `fontFaces`: @font-face rules for the print fonts, relative to its folder. */
export function coverHtml(config: BookConfig, fontFaces: string): string {
  const s = stringsFor(config.language);
  // Curly quotes and dashes, as the title page shows the title.
  const typeset = (text: string) => typesetText(text, config.language, config.typography);
  const tree = h(null, [
    { type: 'doctype' },
    // The direction on the frame, not the root: Chromium photographs a right-to-left root's canvas off-screen.
    h('html', { lang: config.language }, [
      h('head', [
        h('meta', { charset: 'utf-8' }),
        h('title', config.title),
        h('style', `${fontFaces}\n${PRINT_FONT_CSS}\n${STYLE}`),
      ]),
      h('body', [
        h('div', { className: ['frame'], dir: config.dir }, [
          h('div', { className: ['title-box'] }, [
            h('h1', typeset(config.title)),
            ...(config.subtitle ? [h('p', { className: ['subtitle'] }, typeset(config.subtitle))] : []),
          ]),
          ...(config.creators.length ? [h('p', { className: ['creators'] }, joinNames(config.creators, s))] : []),
        ]),
      ]),
    ]),
  ]);
  return serialiseHtml(tree);
}

/**
 * Runs in the page (so it uses nothing from this module; `creatorsMax` is
 * CREATORS_MAX): shrinks the title (and subtitle, and names) until each
 * fits its box, so a very long title stays on the canvas at a smaller size.
 */
export function fitCover(creatorsMax: number): void {
  const shrink = (els: (HTMLElement | null)[], fits: () => boolean, min: number) => {
    const present = els.filter((el): el is HTMLElement => el !== null);
    const sizes = present.map((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    // Title and subtitle shrink together, keeping their proportion.
    for (let scale = 1; !fits() && Math.min(...sizes) * scale > min; scale *= 0.92)
      present.forEach((el, i) => {
        el.style.fontSize = `${sizes[i]! * scale * 0.92}px`;
      });
  };
  const titleBox = document.querySelector<HTMLElement>('.title-box')!;
  // A pixel of slack: line boxes round up.
  shrink(
    [document.querySelector('h1'), document.querySelector<HTMLElement>('.subtitle')],
    () => titleBox.scrollHeight <= titleBox.clientHeight + 1,
    32,
  );
  // The names' box grows with them up to its max-height (glyphs may overhang their lines: not scrollHeight).
  const creators = document.querySelector<HTMLElement>('.creators');
  shrink([creators], () => !creators || creators.getBoundingClientRect().height < creatorsMax - 1, 32);
}
