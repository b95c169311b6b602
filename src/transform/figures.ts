/**
 * Figures and alt text.
 *
 * remark: a paragraph holding only an image with a title becomes a figure:
 * `![A map](map.png "The valley in 1850 {#map}")` →
 * `<figure id="map"><img src="map.png" alt="A map"><figcaption>The valley in 1850</figcaption></figure>`
 * (the title attribute goes; `{#id}` at the end of the caption names the figure
 * for cross-references). Done on the Markdown tree so the caption gets smart
 * typography like any text.
 *
 * rehype: every image without alt text is reported (and given `alt=""`, which
 * HTML and EPUB require); one without even an empty alt attribute (raw HTML)
 * is marked `altMissing` in its node's data, so the EPUB's accessibility
 * metadata can tell it from a decorative one (`![](…)`, `alt=""`). In a
 * figure whose caption says what the alt text says, the alt text is dropped
 * (`alt=""`, marked `altInCaption`): a screen reader reads the caption once,
 * not twice.
 */
import type { Element, Root } from 'hast';
import type { Emphasis, Image, Root as MdRoot } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from '../util/visit.js';
import { dropAltRepeatingCaption } from './caption-alt.js';
import { ID_SUFFIX } from './headings.js';
import { isRawHtml } from './raw-html.js';

declare module 'hast' {
  interface ElementData {
    /** An `img` the author gave no alt text (its `alt=""` is Octavo's, not a claim that it is decorative). */
    altMissing?: boolean;
  }
}

export function remarkFigures() {
  return (tree: MdRoot) => {
    visit(tree, 'paragraph', (node) => {
      const content = node.children.filter((c) => !(c.type === 'text' && !c.value.trim()));
      const image = content[0];
      if (content.length !== 1 || image?.type !== 'image') return;
      const title = image.title?.trim();
      if (!title) return;
      const m = ID_SUFFIX.exec(title);
      const caption = (m ? title.slice(0, m.index) : title).trim();
      const img: Image = { ...image, title: null };
      const children: (Image | Emphasis)[] = [img];
      if (caption) {
        // An emphasis node only as a carrier: mdast has no caption node, hName makes it a figcaption.
        children.push({
          type: 'emphasis',
          data: { hName: 'figcaption' },
          children: [{ type: 'text', value: caption, position: image.position }],
        });
      }
      node.children = children;
      node.data = { ...node.data, hName: 'figure', hProperties: m ? { id: m[1]! } : {} };
    });
  };
}

export function rehypeImageAlt() {
  return (tree: Root, file: VFile) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'img') return;
      const alt = node.properties.alt;
      if (typeof alt === 'string' && alt.trim()) return;
      const raw = isRawHtml(file, node);
      const msg = file.message('image without alt text: a reader who cannot see it gets nothing', {
        place: node.position,
        ruleId: 'missing-alt',
        source: 'octavo',
      });
      msg.note = raw
        ? 'Describe the image in its alt="…" attribute, or write alt="" only for decoration, where a reader loses nothing without it.'
        : 'Describe the image in the [] of ![…](…), or write ![](…) only for decoration, where a reader loses nothing without it.';
      // No alt attribute at all (raw HTML): missing. `![](…)` and `alt=""` are the author's way to say decorative.
      // (`as`: hast-util-from-parse5 declares `position` required in ElementData; not every node has it.)
      if (typeof alt !== 'string') node.data = { ...node.data, altMissing: true } as Element['data'];
      node.properties.alt = '';
    });
    dropAltRepeatingCaption(tree);
  };
}
