/**
 * remark plugin: raw HTML is not carried into any output yet (sanitising it for
 * EPUB, PDF and HTML alike is planned); say so rather than drop it silently.
 */
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

export function remarkReportRawHtml() {
  return (tree: Root, file: VFile) => {
    visit(tree, 'html', (node) => {
      if (/^<!--[\s\S]*-->$/.test(node.value.trim())) return;
      file.message('raw HTML is left out of the outputs (not supported yet)', {
        place: node.position,
        ruleId: 'raw-html',
        source: 'octavo',
      });
    });
  };
}
