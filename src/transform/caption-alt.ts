/**
 * Alt text that repeats its figure's caption is dropped: a screen reader
 * reads the caption once, not twice. Run on each chapter's figures (figures.ts)
 * and on the figures made from figure lines (figure-lines.ts), which take
 * their alt text from their caption.
 */
import type { Element, Root } from 'hast';
import { visit } from '../util/visit.js';
import { plainText } from './text.js';

declare module 'hast' {
  interface ElementData {
    /** An `img` whose alt text was dropped because its figure's caption says the same. */
    altInCaption?: boolean;
  }
}

/** Letters and digits only, case folded: "The valley, 1850." and "the valley 1850" say the same. */
function gist(text: string): string {
  return text
    .normalize('NFKC')
    .toLocaleLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * In each figure whose visible caption says what its one image's alt text
 * says, empties the alt text (marked `altInCaption`). A caption hidden from
 * screen readers (pandoc's, made from the alt text) leaves the alt as it is.
 */
export function dropAltRepeatingCaption(tree: Root | Element): void {
  visit(tree, 'element', (figure: Element) => {
    if (figure.tagName !== 'figure') return;
    const caption = figure.children.find((c): c is Element => c.type === 'element' && c.tagName === 'figcaption');
    if (!caption || String(caption.properties.ariaHidden) === 'true') return;
    const images: Element[] = [];
    visit(figure, 'element', (node: Element) => {
      if (node.tagName === 'img') images.push(node);
    });
    const img = images.length === 1 ? images[0]! : undefined;
    const alt = img?.properties.alt;
    if (!img || typeof alt !== 'string' || !gist(alt) || gist(alt) !== gist(plainText(caption))) return;
    img.properties.alt = '';
    // hast-util-from-parse5 declares `position` required in ElementData; it is not there on every node.
    img.data = { ...img.data, altInCaption: true } as Element['data'];
  });
}
