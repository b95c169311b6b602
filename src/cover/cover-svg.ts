/** A cover generated from the title and creators, as SVG (an EPUB core media type). */

import { toXast } from 'hast-util-to-xast';
import { s } from 'hastscript';
import type { Root as XRoot } from 'xast';
import { serialiseXml } from '../writers/xml.js';

/** Greedy word wrap; SVG text does not wrap by itself. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && `${line} ${word}`.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

export function generateCoverSvg(title: string, creators: readonly string[]): string {
  const titleLines = wrap(title, 16);
  const size = titleLines.length > 4 ? 110 : 140;
  const top = 900 - ((titleLines.length - 1) * size * 1.2) / 2;
  const svg = s(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      viewBox: '0 0 1600 2560',
      width: 1600,
      height: 2560,
      role: 'img',
      ariaLabel: title,
    },
    [
      s('title', title),
      s('rect', { width: 1600, height: 2560, fill: '#2b3a42' }),
      s('rect', { x: 100, y: 100, width: 1400, height: 2360, fill: 'none', stroke: '#e8dcc2', strokeWidth: 6 }),
      s(
        'text',
        { x: 800, y: top, fill: '#f4efe4', fontFamily: 'Georgia, serif', fontSize: size, textAnchor: 'middle' },
        titleLines.map((line, i) => s('tspan', { x: 800, dy: i === 0 ? 0 : size * 1.2 }, line)),
      ),
      s(
        'text',
        { x: 800, y: 2150, fill: '#e8dcc2', fontFamily: 'Georgia, serif', fontSize: 80, textAnchor: 'middle' },
        creators.join(', '),
      ),
    ],
  );
  const xast = toXast({ type: 'root', children: [svg] }, { space: 'svg' }) as XRoot;
  xast.children.unshift({ type: 'instruction', name: 'xml', value: 'version="1.0" encoding="UTF-8"' });
  return serialiseXml(xast, { closeEmptyElements: true });
}
