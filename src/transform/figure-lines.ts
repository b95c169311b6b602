/**
 * Some books place figures with a line of their own convention rather than
 * Markdown image syntax; Pro Git writes `Insert 18333fig0101.png` with the
 * caption on the next line. book.yaml's `figure-lines` turns such paragraphs
 * into figures:
 *   figure-lines:
 *     match: '^Insert (\S+)\.png$'      # a regular expression for the line
 *     src: 'figures/$1-tn.png'          # the image, relative to the book folder
 * The rest of the paragraph becomes the caption (and the alt text). The
 * pattern is the book's own, so it runs on RE2, in time linear in the line:
 * `(a+)+$` over 41 characters took JavaScript's engine 114 s.
 */
import path from 'node:path';
import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { h } from 'hastscript';
import { RE2JS } from 're2js';
import { visit } from '../util/visit.js';

export interface FigureLines {
  match: string;
  src: string;
}

export function applyFigureLines(tree: Root, rule: FigureLines, chapterFile: string, root: string): number {
  const pattern = RE2JS.compile(rule.match);
  let count = 0;
  visit(tree, 'element', (node: Element, index, parent) => {
    if (node.tagName !== 'p' || !parent || index === undefined) return;
    const first = node.children[0];
    if (first?.type !== 'text') return;
    const [line = '', ...rest] = first.value.split('\n');
    const m = pattern.matcher(line.trim());
    if (!m.find()) return;
    const target = rule.src.replace(/\$(\d)/g, (_, n: string) =>
      Number(n) <= m.groupCount() ? (m.group(Number(n)) ?? '') : '',
    );
    const src = path.relative(path.dirname(chapterFile), path.join(root, target)).split(path.sep).join('/');
    const captionNodes: ElementContent[] = [];
    const after = rest.join('\n').trim();
    if (after) captionNodes.push({ type: 'text', value: after });
    captionNodes.push(...node.children.slice(1));
    const caption = toString(h('span', captionNodes)).trim();
    const img = h('img', { src, alt: caption || target });
    img.position = node.position;
    const figure = h('figure', [img, ...(caption ? [h('figcaption', captionNodes)] : [])]);
    figure.position = node.position;
    parent.children[index] = figure;
    count++;
  });
  return count;
}
