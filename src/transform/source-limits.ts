/**
 * Bounds on the shapes of text that make the parsers and Chromium slow or
 * deep beyond reason (issue 11 §3): micromark's containers and emphasis are
 * superlinear (800 nested list levels took 28 s to parse, 25,000 `*_` pairs
 * never finished), and the tree walkers recurse (20,000 nested `<div>`s
 * overflow the stack). The source is scanned line by line, in linear time,
 * before it is parsed (the bounds are in config/limits.ts).
 */
import type { Limits } from '../config/limits.js';
import { overLimit } from '../config/limits.js';
import type { Diagnostic } from '../diagnostics.js';

// Elements whose end tag may be left out (an unclosed <p> or <li> is closed by the next) or that have none:
// not counted, so that sloppy HTML does not look deep.
const UNCOUNTED_ELEMENTS = new Set(
  'area base br caption col colgroup dd dt embed hr html head body img input li link meta optgroup option p param rb rp rt rtc source tbody td tfoot th thead tr track wbr'.split(
    ' ',
  ),
);
const TAG = /<(\/?)([A-Za-z][A-Za-z0-9-]*)\b[^<>]*?(\/?)>/g;
const FENCE = /^(`{3,}|~{3,})/;
const LIST_MARKER = /^(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/;
// A table's delimiter row: only pipes, dashes, colons and blanks (a plain test: the row may be megabytes long).
const DELIMITER_ROW = /^[|:\- \t]+$/;

/** Width of leading whitespace in columns (a tab to the next multiple of 4), and where the text starts. */
/** A pandoc fenced div's fence: what follows the colons opens one (`{.note}`, `note`); nothing closes one. */
const DIV_FENCE = /^:{3,}(.*)$/;

function indentOf(line: string, from: number): { columns: number; end: number } {
  let columns = 0;
  let i = from;
  for (; i < line.length; i++) {
    if (line[i] === ' ') columns++;
    else if (line[i] === '\t') columns += 4 - (columns % 4);
    else break;
  }
  return { columns, end: i };
}

/**
 * How deep a line's containers go: each `>` and list marker at its start,
 * and its indentation at two columns a level (a nested list item's least).
 * An estimate from above, which is what a bound needs; `rest` is the line
 * after its markers.
 */
function containers(line: string): { depth: number; rest: string } {
  let depth = 0;
  let { columns, end: i } = indentOf(line, 0);
  // Indentation alone nests lists only in steps of two columns or more.
  const indentDepth = Math.floor(columns / 2);
  for (;;) {
    if (line[i] === '>') {
      depth++;
      i++;
    } else {
      const marker = LIST_MARKER.exec(line.slice(i, i + 11));
      if (!marker) break;
      depth++;
      i += marker[0].length;
    }
    ({ columns, end: i } = indentOf(line, i));
    if (columns >= 5) break; // indented code inside the container
  }
  return { depth: depth + indentDepth, rest: line.slice(i) };
}

const n = (value: number) => value.toLocaleString('en');

function countEmphasisRuns(text: string): number {
  let runs = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // * _ ~
    if ((c === 42 || c === 95 || c === 126) && text.charCodeAt(i - 1) !== c) runs++;
  }
  return runs;
}

/**
 * The first limit the source passes, or undefined. Linear in the source;
 * lines are 1-based and count front matter, as the parser's do.
 */
export function scanSource(source: string, file: string, limits: Limits): Diagnostic | undefined {
  let fence: string | undefined;
  let blockStart = 0;
  let blockChars = 0;
  let emphasis = 0;
  let htmlDepth = 0;
  // pandoc's fenced divs nest too (`::: note` opens, a bare `:::` closes); their parse is superlinear in depth.
  let divDepth = 0;
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const lineNo = i + 1;
    const { depth, rest } = containers(line);
    const trimmed = rest.trimEnd();
    if (!trimmed) {
      // A blank line ends a paragraph (not a fenced block: code keeps its blank lines).
      if (!fence) {
        blockChars = 0;
        emphasis = 0;
      }
      continue;
    }
    if (!fence && trimmed.includes('-') && trimmed.includes('|') && DELIMITER_ROW.test(trimmed)) {
      const columns = trimmed.replace(/^\|/, '').replace(/\|$/, '').split('|').length;
      if (columns > limits.tableColumns) {
        return overLimit(
          'tableColumns',
          limits,
          `a table of ${n(columns)} columns`,
          { file, line: Math.max(1, lineNo - 1) },
          'Split the table',
        );
      }
    }
    if (blockChars === 0) blockStart = lineNo;
    blockChars += line.length + 1;
    if (blockChars > limits.paragraphCharacters) {
      return overLimit(
        'paragraphCharacters',
        limits,
        `${fence ? 'a code block' : 'a paragraph (lines with no blank line between them)'} of ${n(blockChars)} characters`,
        { file, line: blockStart },
        fence ? 'Split the listing' : 'Break it into paragraphs with blank lines',
      );
    }
    const fenceMark = FENCE.exec(trimmed)?.[1];
    if (fence) {
      if (
        fenceMark &&
        fenceMark[0] === fence[0] &&
        fenceMark.length >= fence.length &&
        !trimmed.slice(fenceMark.length).trim()
      ) {
        fence = undefined;
        blockChars = 0;
      }
      continue;
    }
    if (fenceMark && !(fenceMark[0] === '`' && trimmed.slice(fenceMark.length).includes('`'))) {
      fence = fenceMark;
      blockStart = lineNo;
      blockChars = line.length + 1;
      emphasis = 0;
      continue;
    }
    const div = DIV_FENCE.exec(trimmed);
    if (div) divDepth = div[1]!.trim() ? divDepth + 1 : Math.max(0, divDepth - 1);
    TAG.lastIndex = 0;
    let deepest = htmlDepth;
    if (rest.includes('<')) {
      for (let m = TAG.exec(rest); m; m = TAG.exec(rest)) {
        const [, closing, name = '', selfClosing] = m;
        if (UNCOUNTED_ELEMENTS.has(name.toLowerCase()) || selfClosing) continue;
        htmlDepth = closing ? Math.max(0, htmlDepth - 1) : htmlDepth + 1;
        deepest = Math.max(deepest, htmlDepth);
      }
    }
    if (depth + deepest + divDepth > limits.nesting) {
      return overLimit(
        'nesting',
        limits,
        `lists, block quotes, fenced divs and HTML elements nest ${n(depth + deepest + divDepth)} deep here`,
        { file, line: lineNo },
        'Flatten the nesting',
      );
    }
    emphasis += countEmphasisRuns(rest);
    if (emphasis > limits.emphasisMarks) {
      return overLimit(
        'emphasisMarks',
        limits,
        `a paragraph with ${n(emphasis)} runs of \`*\`, \`_\` or \`~\``,
        { file, line: blockStart },
        'Escape the marks that are not emphasis (`\\*`), or break the paragraph up',
      );
    }
  }
  return undefined;
}
