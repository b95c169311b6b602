/**
 * A Word manuscript (.docx) to the files of an Octavo book, in memory.
 *
 * mammoth reads the document into HTML (with a style map for titles, quotes,
 * code and Word's own contents page); that HTML is parsed into hast
 * (hast-util-from-html), split into chapters at the top heading level, turned
 * into mdast (hast-util-to-mdast, with handlers for notes, tables and images)
 * and written out as Markdown by remark-stringify with remark-gfm. No Markdown
 * or HTML is made by joining strings. What the conversion leaves out is
 * returned as warnings naming its place (paragraph number, heading above).
 *
 * Nothing here touches the file system: src/commands/import.ts writes the book.
 */
import { createHash } from 'node:crypto';
import GithubSlugger from 'github-slugger';
import type { Element, ElementContent, RootContent as HastContent, Root as HastRoot } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { defaultHandlers, type Handle, toMdast } from 'hast-util-to-mdast';
import { toString as hastText } from 'hast-util-to-string';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import type { FootnoteDefinition, Heading, RootContent as MdContent, Nodes as MdNodes, Root as MdRoot } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { type Diagnostic, error, info, OctavoError, warning } from '../diagnostics.js';
import { mdText } from '../transform/headings.js';
import { SKIP, visit } from '../util/visit.js';
import {
  type CoreProperties,
  coreProperties,
  describePlace,
  type Place,
  type Places,
  qualifiedName,
  readPart,
  readStyles,
  scanDocument,
} from './ooxml.js';

export interface ImportedChapter {
  /** File name in the book folder: `01-the-harbour.md`. */
  file: string;
  /** The chapter's heading text ('' for text before the first heading). */
  title: string;
  markdown: string;
}

export interface ImportedImage {
  /** Path in the book folder: `images/image-1.png`. */
  path: string;
  bytes: Uint8Array;
  alt: string;
}

export interface ImportedMeta {
  title: string;
  subtitle?: string;
  creator?: string;
  language?: string;
  description?: string;
  date?: string;
}

export interface ImportedBook {
  meta: ImportedMeta;
  chapters: ImportedChapter[];
  images: ImportedImage[];
  /** Footnotes and endnotes, now Markdown footnotes. */
  notes: number;
  tables: { markdown: number; html: number };
  /** Warnings (what was left out or changed, with its place) and notes (tables kept as HTML). */
  diagnostics: Diagnostic[];
}

export interface ImportOptions {
  /** The .docx as the user named it: the file of every diagnostic. */
  file: string;
  /** The title when the document has none (its file name without extension). */
  fallbackTitle: string;
}

/**
 * Word styles mammoth's default map does not know. Classes mark paragraphs
 * this module takes apart again (the title and subtitle go to book.yaml).
 */
const STYLE_MAP = [
  "p[style-name='Title'] => p.octavo-title:fresh",
  "p[style-name='Subtitle'] => p.octavo-subtitle:fresh",
  "p[style-name='Quote'] => blockquote > p:fresh",
  "p[style-name='Intense Quote'] => blockquote > p:fresh",
  "p[style-name='Block Text'] => blockquote > p:fresh",
  "p[style-name='Block Quote'] => blockquote > p:fresh",
  "p[style-name='Code'] => pre:separator('\\n')",
  "p[style-name='HTML Preformatted'] => pre:separator('\\n')",
  "r[style-name='HTML Code'] => code",
  "r[style-name='Code Char'] => code",
  "r[style-name='Strong'] => strong",
  "r[style-name='Emphasis'] => em",
  // Word's own contents page: Octavo makes one from the headings.
  "p[style-name='TOC Heading'] => !",
  "p[style-name^='toc '] => !",
  "p[style-name^='TOC '] => !",
  // Word's caption style: kept as a paragraph (figures and tables get their own in Markdown).
  "p[style-name='Caption'] => p:fresh",
];

/** Images every edition can show (EPUB 3 core media types). */
const IMAGE_TYPES: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/svg+xml': 'svg',
  'image/webp': 'webp',
};
const DROPPED_IMAGE = 'octavo-dropped-image:';

/** What the scan of word/document.xml looks for, and what the warning says. */
const FINDINGS: Record<string, { code: string; what: string; hint: string }> = {
  'm:oMathPara': {
    code: 'import/equation',
    what: 'an equation was left out',
    hint: 'Write it in the chapter as TeX math ($…$), or insert it as a picture with alt text.',
  },
  'm:oMath': {
    code: 'import/equation',
    what: 'an equation was left out',
    hint: 'Write it in the chapter as TeX math ($…$), or insert it as a picture with alt text.',
  },
  'w:commentReference': {
    code: 'import/comment',
    what: 'a comment was left out',
    hint: 'Comments are notes to the author; move any words that belong in the book into the text.',
  },
  'w:txbxContent': {
    code: 'import/text-box',
    what: 'a text box was flattened (its text, if any, now follows its paragraph as plain text)',
    hint: 'Check where that text belongs in the chapter.',
  },
  'c:chart': {
    code: 'import/chart',
    what: 'a chart was left out',
    hint: 'Save the chart as a picture (PNG or SVG), insert that with alt text, and import again.',
  },
  'dgm:relIds': {
    code: 'import/diagram',
    what: 'a SmartArt diagram was left out',
    hint: 'Save the diagram as a picture (PNG or SVG), insert that with alt text, and import again.',
  },
  'o:OLEObject': {
    code: 'import/embedded-object',
    what: 'an embedded object was left out (only a preview picture, if it has one, is kept)',
    hint: 'Insert the object as a picture or as text instead.',
  },
  'w:ins': {
    code: 'import/tracked-change',
    what: 'a tracked insertion was accepted',
    hint: 'Review tracked changes in Word (Review › Accept/Reject) before importing, or check the text.',
  },
  'w:del': {
    code: 'import/tracked-change',
    what: 'a tracked deletion was accepted',
    hint: 'Review tracked changes in Word (Review › Accept/Reject) before importing, or check the text.',
  },
};

/** Each kind of warning lists at most this many places, then how many more. */
const MAX_PLACES = 10;

/** Problems reading the file, as the error the CLI prints. */
function unreadable(file: string, why: string, hint?: string): OctavoError {
  return new OctavoError(
    error('import/not-docx', `${file} cannot be imported: ${why}.`, {
      file,
      hint: hint ?? 'Open it in Word or LibreOffice and save it again as a Word document (.docx).',
    }),
  );
}

async function openZip(bytes: Uint8Array, file: string): Promise<JSZip> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    const old = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
    throw unreadable(
      file,
      old ? 'it is an old Word 97–2003 document (.doc), not a .docx' : 'it is not a .docx (not a zip archive)',
      old ? 'Open it in Word or LibreOffice and save it as a Word document (.docx).' : undefined,
    );
  }
  if (!zip.file('word/document.xml')) {
    throw unreadable(file, 'it is a zip archive without word/document.xml, so not a Word document');
  }
  return zip;
}

/** Plain text of a paragraph, white space collapsed. */
function textOf(node: Element | HastRoot): string {
  return hastText(node).replace(/\s+/g, ' ').trim();
}

function isElement(node: HastContent | ElementContent | undefined, tag?: string): node is Element {
  return node?.type === 'element' && (tag === undefined || node.tagName === tag);
}

function hasClass(node: Element, name: string): boolean {
  const c = node.properties.className;
  return Array.isArray(c) && c.includes(name);
}

function contains(node: Element, tag: string): boolean {
  let found = false;
  visit(node, 'element', (el) => {
    if (el.tagName === tag) found = true;
    return found ? false : undefined;
  });
  return found;
}

const RANK: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };

/** Footnotes and endnotes mammoth writes as `<ol><li id="footnote-1">…`, taken out of the tree. */
function takeNotes(root: HastRoot): Map<string, ElementContent[]> {
  const notes = new Map<string, ElementContent[]>();
  root.children = root.children.filter((node) => {
    if (!isElement(node, 'ol')) return true;
    const items = node.children.filter((c): c is Element => isElement(c));
    if (items.length === 0 || !items.every((li) => /^(footnote|endnote)-\d+$/.test(String(li.properties.id ?? ''))))
      return true;
    for (const li of items) {
      // Drop the back-link (`↑`) mammoth adds at the end of each note.
      visit(li, 'element', (el, index, parent) => {
        if (el.tagName === 'a' && /^#(footnote|endnote)-ref-\d+$/.test(String(el.properties.href ?? '')) && parent) {
          parent.children.splice(index!, 1);
          const before = parent.children[index! - 1];
          if (before?.type === 'text') before.value = before.value.replace(/\s+$/, '');
          return [SKIP, index!];
        }
      });
      notes.set(String(li.properties.id), li.children);
    }
    return false;
  });
  return notes;
}

/** The note a `<sup><a href="#footnote-1">` refers to, or undefined. */
function noteReference(node: Element): string | undefined {
  const only = node.children.filter((c) => !(c.type === 'text' && !c.value.trim()));
  if (only.length !== 1 || !isElement(only[0], 'a')) return undefined;
  const m = /^#((?:footnote|endnote)-\d+)$/.exec(String(only[0].properties.href ?? ''));
  return m?.[1];
}

/** Why a table cannot be a GFM table (merged cells, blocks in cells), or undefined when it can. */
function complexTable(table: Element): string | undefined {
  let why: string | undefined;
  visit(table, 'element', (el) => {
    if (el === table) return;
    if (el.tagName === 'table') {
      why = 'a table inside a cell';
      return SKIP;
    }
    if (el.tagName !== 'td' && el.tagName !== 'th') return;
    if (Number(el.properties.colSpan ?? 1) > 1 || Number(el.properties.rowSpan ?? 1) > 1) why ??= 'merged cells';
    const blocks = el.children.filter((c) => isElement(c));
    if (blocks.some((b) => b.tagName !== 'p') || blocks.length > 1) why ??= 'cells holding more than one paragraph';
    return SKIP;
  });
  return why;
}

/** The first row of a table without a header row becomes its header (GFM tables have one). */
function promoteHeaderRow(table: Element): void {
  let done = false;
  visit(table, 'element', (el) => {
    if (done) return SKIP;
    if (el.tagName === 'thead' || el.tagName === 'th') {
      done = true;
      return SKIP;
    }
    if (el.tagName === 'tr') {
      for (const cell of el.children) if (isElement(cell, 'td')) cell.tagName = 'th';
      done = true;
      return SKIP;
    }
  });
}

interface ChapterContext {
  /** Notes referenced in this chapter, in order: note id → label. */
  labels: Map<string, string>;
  notes: ReadonlyMap<string, ElementContent[]>;
  /** The .docx, the file of every diagnostic. */
  file: string;
  diagnostics: Diagnostic[];
  tables: { markdown: number; html: number };
  /** Where a warning from the HTML side points: the chapter file and the heading above. */
  where: () => string;
}

function handlers(ctx: ChapterContext): Record<string, Handle> {
  return {
    sup(_state, node) {
      const id = noteReference(node);
      if (id) {
        let label = ctx.labels.get(id);
        if (!label) {
          label = String(ctx.labels.size + 1);
          ctx.labels.set(id, label);
        }
        return { type: 'footnoteReference', identifier: label, label };
      }
      // Superscript has no Markdown: kept as inline HTML (x², 1st), which Octavo keeps in every edition.
      return { type: 'html', value: toHtml(node) };
    },
    sub(_state, node) {
      return { type: 'html', value: toHtml(node) };
    },
    table(state, node) {
      const why = complexTable(node);
      if (!why) {
        ctx.tables.markdown++;
        promoteHeaderRow(node);
        return defaultHandlers.table(state, node);
      }
      ctx.tables.html++;
      // A note referred to inside an HTML table cannot be a Markdown footnote: its text follows the table.
      const after: MdContent[] = [];
      visit(node, 'element', (el, i, parent) => {
        const id = el.tagName === 'sup' ? noteReference(el) : undefined;
        if (!id || !parent || i === undefined) return;
        parent.children.splice(i, 1);
        const body = toMdast({ type: 'root', children: ctx.notes.get(id) ?? [] }) as MdRoot;
        after.push(...body.children);
        ctx.diagnostics.push(
          warning('import/note-in-table', `a note in the table ${ctx.where()} became a paragraph after the table`, {
            file: ctx.file,
            hint: 'Notes cannot be referred to from inside an HTML table; move the reference out of the table.',
          }),
        );
        return [SKIP, i];
      });
      ctx.diagnostics.push(
        info(
          'import/html-table',
          `the table ${ctx.where()} has ${why}: it is kept as an HTML table, not a Markdown table`,
          {
            file: ctx.file,
            hint: 'It builds as it is; to edit it as Markdown, split the merged cells and keep one paragraph per cell.',
          },
        ),
      );
      return [{ type: 'html', value: toHtml(node) }, ...after] as MdContent[];
    },
  };
}

/** One chapter's hast nodes (and the notes they refer to) as Markdown. */
function chapterMarkdown(
  nodes: HastContent[],
  notes: ReadonlyMap<string, ElementContent[]>,
  shift: number,
  ctx: ChapterContext,
): string {
  const hast: HastRoot = { type: 'root', children: nodes };
  const options = { handlers: handlers(ctx) };
  const mdast = toMdast(hast, options) as MdRoot;
  // Headings one level up so the chapter's heading is `#`.
  visit(mdast, 'heading', (h: Heading) => {
    h.depth = Math.max(1, Math.min(6, h.depth - shift)) as Heading['depth'];
  });
  // The definitions of the notes referenced here (a note's own references to notes are not followed).
  for (const [id, label] of ctx.labels) {
    const body = notes.get(id) ?? [];
    const content = toMdast({ type: 'root', children: body }, options) as MdRoot;
    const definition: FootnoteDefinition = {
      type: 'footnoteDefinition',
      identifier: label,
      label,
      children: content.children.filter((c): c is FootnoteDefinition['children'][number] => c.type !== 'definition'),
    };
    if (definition.children.length === 0) definition.children.push({ type: 'paragraph', children: [] });
    mdast.children.push(definition as MdContent);
  }
  return unified()
    .use(remarkGfm)
    .use(remarkStringify, { bullet: '-', emphasis: '_', strong: '*', rule: '-', fences: true, listItemIndent: 'one' })
    .stringify(mdast);
}

/** Internal links (Word bookmarks) point at headings where they can; other bookmarks cannot be kept. */
function resolveBookmarks(chapters: HastContent[][], diagnostics: Diagnostic[], file: string): void {
  // Bookmark id → the slug the heading it sits in gets (as Octavo's heading ids do: GitHub's slugs, per chapter).
  const targets = new Map<string, string>();
  for (const nodes of chapters) {
    const slugger = new GithubSlugger();
    for (const node of nodes) {
      if (!isElement(node) || !(node.tagName in RANK)) continue;
      const slug = slugger.slug(mdText(toMdast(node) as MdNodes));
      visit(node, 'element', (el) => {
        if (el.tagName === 'a' && el.properties.id) targets.set(String(el.properties.id), slug);
      });
    }
  }
  const dropped: string[] = [];
  for (const nodes of chapters) {
    let heading: string | undefined;
    for (const node of nodes) {
      if (!isElement(node)) continue;
      if (node.tagName in RANK) heading = textOf(node);
      visit(node, 'element', (el, index, parent) => {
        if (el.tagName !== 'a') return;
        const href = el.properties.href === undefined ? undefined : String(el.properties.href);
        // A bookmark itself (`<a id>`), now that links are resolved: its words stay, the anchor goes.
        if (href === undefined) {
          if (parent && index !== undefined) {
            parent.children.splice(index, 1, ...el.children);
            return index;
          }
          return;
        }
        if (!href.startsWith('#') || /^#(footnote|endnote)-\d+$/.test(href)) return;
        const slug = targets.get(decodeURIComponent(href.slice(1)));
        if (slug) el.properties.href = `#${slug}`;
        else {
          // A link to a bookmark that is not a heading: the words stay, the link goes.
          dropped.push(heading ? `“${textOf(el)}” (under “${heading}”)` : `“${textOf(el)}”`);
          if (parent && index !== undefined) {
            parent.children.splice(index, 1, ...el.children);
            return index;
          }
        }
      });
    }
  }
  if (dropped.length > 0) {
    const shown = dropped.slice(0, MAX_PLACES).join(', ');
    const more = dropped.length > MAX_PLACES ? ` and ${dropped.length - MAX_PLACES} more` : '';
    diagnostics.push(
      warning(
        'import/internal-link',
        `links to bookmarks that are not headings were left out, their words kept: ${shown}${more}`,
        { file, hint: 'Link to a heading instead: [words](#heading-id), where the id is the heading’s slug.' },
      ),
    );
  }
}

/** `01-the-harbour.md`: a number wide enough for every chapter, and the heading's slug. */
function chapterFileName(index: number, count: number, title: string, used: Set<string>): string {
  const width = Math.max(2, String(count).length);
  let slug = new GithubSlugger()
    .slug(title)
    .replace(/[^\p{L}\p{N}-]+/gu, '')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60)
    .replace(/-$/, '');
  if (!slug) slug = index === 0 && !title ? 'opening' : 'chapter';
  let name = `${String(index + 1).padStart(width, '0')}-${slug}.md`;
  for (let n = 2; used.has(name); n++) name = `${String(index + 1).padStart(width, '0')}-${slug}-${n}.md`;
  used.add(name);
  return name;
}

/** Groups and words for a list of places: `paragraph 4 (under “Two”), paragraph 9 and 3 more`. */
function listPlaces(places: readonly Place[]): string {
  const shown = places.slice(0, MAX_PLACES).map(describePlace);
  const more = places.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

/** The warning for one of mammoth's messages, or undefined when another warning already says it. */
function messageDiagnostic(
  text: string,
  messages: readonly { message: string }[],
  at: (key: string) => string,
  file: string,
): Diagnostic | undefined {
  const style = /^Unrecognised (paragraph|run|table) style: '(.*)' \(Style ID: (.*)\)$/.exec(text);
  if (style) {
    const [, kind, name, id] = style;
    // A style used but not defined has no name: the "referenced but not defined" message says it.
    if (name === 'null' && messages.some((o) => o.message.includes(`with ID ${id} was referenced but not defined`)))
      return undefined;
    const key = `${kind === 'paragraph' ? 'pStyle' : kind === 'run' ? 'rStyle' : 'tblStyle'}:${id}`;
    const shown = name && name !== 'null' ? name : id;
    const kept = kind === 'run' ? 'words were kept without it' : 'text was kept as plain text';
    return warning(
      'import/unknown-style',
      `the ${kind} style “${shown}” has no Markdown equivalent: its ${kept}${at(key)}`,
      {
        file,
        hint: 'Use Word’s built-in styles (Heading 1–6, Quote, lists) for structure, or mark it up in the chapter.',
      },
    );
  }
  const undefinedStyle = /^Paragraph style with ID (.*) was referenced but not defined in the document$/.exec(text);
  if (undefinedStyle) {
    return warning(
      'import/unknown-style',
      `the paragraph style “${undefinedStyle[1]}” is used but not defined in the document${at(`pStyle:${undefinedStyle[1]}`)}`,
      { file, hint: 'Its paragraphs were kept as plain paragraphs.' },
    );
  }
  const element = /^An unrecognised element was ignored: (.*)$/.exec(text);
  if (element) {
    const key = elementKey(element[1]!);
    // The scan's own findings say it, with a better sentence.
    if (key in FINDINGS) return undefined;
    return warning('import/unsupported', `a Word element (${key}) was left out${at(key)}`, {
      file,
      hint: 'Check the text around it; anything it held is missing from the chapter.',
    });
  }
  // Reported by the image converter, with the image.
  if (/^Image of type .* is unlikely to display in web browsers$/.test(text)) return undefined;
  return warning('import/word', text.replace(/\.$/, ''), { file });
}

/** `w:foo`, or mammoth's `{uri}local`, as the scan's key. */
function elementKey(raw: string): string {
  const clark = /^\{(.*)\}(.*)$/.exec(raw);
  return clark ? qualifiedName(clark[1], clark[2]!) : raw;
}

/** Mammoth's messages and the scan's findings as warnings with places. */
function wordDiagnostics(
  messages: readonly { type: string; message: string }[],
  places: Places,
  styleNames: ReadonlyMap<string, string>,
  file: string,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const at = (key: string) => {
    const list = places.get(key);
    return list?.length ? ` at ${listPlaces(list)}` : '';
  };
  // The scan's own findings, in a stable order; tracked changes are one warning.
  const byCode = new Map<string, { what: string; hint: string; places: Place[] }>();
  for (const [key, f] of Object.entries(FINDINGS)) {
    const list = places.get(key);
    if (!list?.length) continue;
    const entry = byCode.get(f.code) ?? { what: f.what, hint: f.hint, places: [] };
    if (f.code === 'import/tracked-change') entry.what = 'tracked changes were accepted';
    for (const p of list) if (!entry.places.some((q) => q.paragraph === p.paragraph)) entry.places.push(p);
    byCode.set(f.code, entry);
  }
  for (const [code, f] of byCode) {
    f.places.sort((a, b) => a.paragraph - b.paragraph);
    out.push(warning(code, `${f.what} at ${listPlaces(f.places)}`, { file, hint: f.hint }));
  }
  const tocPlaces = [...places].filter(
    ([k]) => k.startsWith('pStyle:') && /^toc /i.test(styleNames.get(k.slice(7)) ?? ''),
  );
  if (tocPlaces.length > 0) {
    const first = tocPlaces.flatMap(([, v]) => v).sort((a, b) => a.paragraph - b.paragraph);
    out.push(
      warning(
        'import/table-of-contents',
        `Word's table of contents was left out, at ${listPlaces(first.slice(0, 1))}`,
        {
          file,
          hint: 'Octavo makes the contents from the chapters’ headings in every edition.',
        },
      ),
    );
  }
  for (const m of messages) {
    const d = messageDiagnostic(m.message, messages, at, file);
    if (!d) continue;
    const key = `${d.code}\n${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}

/** The keys of the elements mammoth said it ignored, to find their places. */
function ignoredElements(messages: readonly { message: string }[]): string[] {
  const out: string[] = [];
  for (const m of messages) {
    const match = /^An unrecognised element was ignored: (.*)$/.exec(m.message);
    if (!match) continue;
    out.push(elementKey(match[1]!));
  }
  return out;
}

function validLanguage(tag: string | undefined): string | undefined {
  return tag && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag) ? tag : undefined;
}

export async function convertDocx(bytes: Uint8Array, options: ImportOptions): Promise<ImportedBook> {
  const { file } = options;
  const zip = await openZip(bytes, file);
  let core: CoreProperties;
  let styles: ReturnType<typeof readStyles>;
  let documentXml: Awaited<ReturnType<typeof readPart>>;
  try {
    core = coreProperties(await readPart(zip, 'docProps/core.xml'));
    styles = readStyles(await readPart(zip, 'word/styles.xml'));
    documentXml = await readPart(zip, 'word/document.xml');
  } catch (err) {
    throw unreadable(file, `its XML is damaged (${(err as Error).message})`);
  }

  // Images: collected in memory, the same picture once however often it appears.
  const images: ImportedImage[] = [];
  const byHash = new Map<string, ImportedImage>();
  const diagnostics: Diagnostic[] = [];
  let imageCount = 0;
  const convertImage = mammoth.images.imgElement(async (image) => {
    imageCount++;
    const ext = IMAGE_TYPES[image.contentType.toLowerCase()];
    const alt = ((image as { altText?: string }).altText ?? '').trim();
    if (!ext) return { src: `${DROPPED_IMAGE}${imageCount}:${image.contentType}` };
    const data = new Uint8Array(await image.read());
    const hash = createHash('sha256').update(data).digest('hex');
    let found = byHash.get(hash);
    if (!found) {
      found = { path: `images/image-${images.length + 1}.${ext}`, bytes: data, alt };
      images.push(found);
      byHash.set(hash, found);
    }
    return { src: found.path };
  });

  let result: Awaited<ReturnType<typeof mammoth.convertToHtml>>;
  try {
    result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes) },
      { styleMap: STYLE_MAP, convertImage, ignoreEmptyParagraphs: true, externalFileAccess: false },
    );
  } catch (err) {
    throw unreadable(file, `Word's document could not be read (${(err as Error).message})`);
  }

  const wanted = new Set([...Object.keys(FINDINGS), ...ignoredElements(result.messages)]);
  const places = documentXml ? scanDocument(documentXml, styles, wanted) : new Map();
  diagnostics.push(...wordDiagnostics(result.messages, places, styles.names, file));

  const root = fromHtml(result.value, { fragment: true });
  const notes = takeNotes(root);

  // Title and subtitle paragraphs go to book.yaml.
  let titleText: string | undefined;
  let subtitle: string | undefined;
  const blocks = root.children.filter((node) => {
    if (!isElement(node, 'p')) return node.type !== 'text' || node.value.trim() !== '';
    if (hasClass(node, 'octavo-title')) {
      titleText ??= textOf(node) || undefined;
      return false;
    }
    if (hasClass(node, 'octavo-subtitle')) {
      subtitle ??= textOf(node) || undefined;
      return false;
    }
    return true;
  });

  // Chapters start at the top heading level the document uses.
  const top = Math.min(
    7,
    ...blocks.filter((b): b is Element => isElement(b) && b.tagName in RANK).map((b) => RANK[b.tagName]!),
  );
  const groups: HastContent[][] = [[]];
  for (const node of blocks) {
    if (isElement(node) && RANK[node.tagName] === top && groups[groups.length - 1]!.length > 0) groups.push([]);
    groups[groups.length - 1]!.push(node);
  }
  // Text before the first heading: a chapter if it says more than the title.
  const first = groups[0]!;
  const startsWithHeading = isElement(first[0]) && RANK[first[0].tagName] === top;
  if (!startsWithHeading && top <= 6) {
    const text = first
      .map((n) => (isElement(n) ? textOf(n) : ''))
      .join(' ')
      .trim();
    const hasImage = first.some((n) => isElement(n) && contains(n, 'img'));
    // One paragraph: the title when it says the title, or looks like one (short, not a sentence).
    const known = core.title ?? titleText;
    const justTitle =
      first.length === 1 &&
      isElement(first[0], 'p') &&
      !hasImage &&
      (known ? text.toLowerCase() === known.toLowerCase() : text.length <= 80 && !/[.!?…:;,]$/.test(text));
    if (!text && !hasImage) groups.shift();
    else if (justTitle) {
      titleText ??= text;
      groups.shift();
    }
  }

  resolveBookmarks(groups, diagnostics, file);

  const used = new Set<string>();
  const chapters: ImportedChapter[] = [];
  const tables = { markdown: 0, html: 0 };
  let noteCount = 0;
  groups.forEach((nodes, index) => {
    const head = nodes[0];
    const title = isElement(head) && RANK[head.tagName] === top ? textOf(head) : '';
    const name = chapterFileName(index, groups.length, title, used);
    let heading = title;
    const ctx: ChapterContext = {
      labels: new Map(),
      notes,
      file,
      diagnostics,
      tables,
      where: () => (heading ? `in ${name} (under “${heading}”)` : `in ${name}`),
    };
    // Image problems and headings are met in reading order: a pass before the Markdown.
    const inChapter: HastRoot = { type: 'root', children: nodes };
    visit(inChapter, 'element', (el, i, parent) => {
      if (el.tagName in RANK) heading = textOf(el);
      if (el.tagName !== 'img') return;
      const src = String(el.properties.src ?? '');
      if (src.startsWith(DROPPED_IMAGE) && parent && i !== undefined) {
        const [, , type] = /^[^:]+:(\d+):(.*)$/.exec(src) ?? [];
        diagnostics.push(
          warning(
            'import/image-format',
            `an image (${type}) ${ctx.where()} was left out: e-readers cannot show that format`,
            {
              file,
              hint: 'Save the picture as PNG, JPEG or SVG, insert that in Word, and import again.',
            },
          ),
        );
        parent.children.splice(i, 1);
        return [SKIP, i];
      }
      if (!String(el.properties.alt ?? '').trim()) {
        diagnostics.push(
          warning('import/image-no-alt', `the image ${src} ${ctx.where()} has no alt text`, {
            file,
            hint: 'Describe it in Word (right-click › View Alt Text) and import again, or write the ![description] in the chapter.',
          }),
        );
      }
    });
    heading = title;
    const markdown = chapterMarkdown(nodes, notes, top <= 6 ? top - 1 : 0, ctx);
    noteCount += ctx.labels.size;
    chapters.push({ file: name, title, markdown });
  });

  // A document with no text at all still makes a book that builds: one empty chapter says so.
  if (chapters.length === 0) {
    diagnostics.push(warning('import/empty', 'the document has no text; the book has one empty chapter', { file }));
    chapters.push({ file: '01-chapter.md', title: '', markdown: '' });
  }

  const language = validLanguage(core.language) ?? validLanguage(styles.language);
  if (core.language && !validLanguage(core.language)) {
    diagnostics.push(
      warning('import/language', `the document's language “${core.language}” is not a language tag; it was left out`, {
        file,
        hint: 'Set `language:` in book.yaml (en, fr, pt-BR…).',
      }),
    );
  }
  const meta: ImportedMeta = {
    title: core.title ?? titleText ?? options.fallbackTitle,
    ...(subtitle ? { subtitle } : {}),
    ...(core.creator ? { creator: core.creator } : {}),
    ...(language ? { language } : {}),
    ...(core.description ? { description: core.description } : {}),
    ...(core.created ? { date: core.created } : {}),
  };
  return { meta, chapters, images, notes: noteCount, tables, diagnostics };
}
