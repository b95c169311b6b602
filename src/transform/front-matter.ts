/** remark plugin: parses the chapter's YAML front matter into `file.data.frontMatter`. */
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { parse } from 'yaml';
import { scrubStrings } from '../util/xml-chars.js';

export function remarkFrontMatterData() {
  return (tree: Root, file: VFile) => {
    const first = tree.children[0];
    if (first?.type !== 'yaml') return;
    try {
      // What XML cannot hold, written as a YAML escape (`title: "\uFFFE"`), becomes U+FFFD like
      // anywhere else; chapterFrontMatter has warned of it, so no sink here.
      const data: unknown = scrubStrings(parse(first.value), file.path, [], () => ({ line: 1, column: 1 }));
      if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
        file.data.frontMatter = data as Record<string, unknown>;
      } else if (data !== null) {
        file.message('front matter must be a map of keys such as `title:`', {
          place: first.position,
          ruleId: 'front-matter',
          source: 'octavo',
        });
      }
    } catch (err) {
      // yaml's line numbers count from the line after the opening `---`.
      const pos = (err as { linePos?: { line: number; col: number }[] }).linePos?.[0];
      const start = first.position?.start;
      const place = pos && start ? { line: start.line + pos.line, column: pos.col } : start;
      const reason = String((err as Error).message)
        .split('\n')[0]!
        .replace(/ at line \d+, column \d+:?$/, '');
      const msg = file.message(`YAML syntax error in front matter: ${reason}.`, {
        place,
        ruleId: 'front-matter',
        source: 'octavo',
      });
      msg.fatal = true;
    }
    tree.children.shift();
  };
}
