/**
 * Finds every image the chapters use, checks it, and gives it one place in
 * the outputs. The build is hermetic: an image must be a file inside the book
 * folder, named by a relative path; remote images are never fetched.
 */

import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { imageSize } from 'image-size';
import type { Asset, Chapter } from '../book.js';
import type { BookConfig } from '../config/config.js';
import { overLimit } from '../config/limits.js';
import { insideFolder } from '../config/reading-order.js';
import { type Diagnostic, type DiagnosticSink, error, warning } from '../diagnostics.js';
import { SKIP, visit } from '../util/visit.js';
import { readSidecar, toImageCredit } from './credit.js';
import { EPUB_CORE_IMAGE_TYPES, EXTENSION, sniffImageType } from './media-type.js';
import { sanitiseSvg, trimUrl } from './svg.js';

interface Where {
  file: string;
  line?: number;
  column?: number;
}

export class AssetRegistry {
  readonly assets: Asset[] = [];
  private byPath = new Map<string, Asset>();
  private names = new Set<string>();
  private omittedRemote: { src: string; where: Where }[] = [];
  private remoteReported = false;

  constructor(
    private readonly config: BookConfig,
    private readonly diagnostics: DiagnosticSink,
  ) {}

  /**
   * Resolves `src` as written in `fromFile` and returns the asset, or
   * undefined after reporting why it cannot be used.
   */
  async add(src: string, fromFile: string, where: Where, label = ''): Promise<Asset | undefined> {
    const report = (d: Diagnostic) => {
      this.diagnostics.push(d);
      return undefined;
    };
    if (/^(https?:)?\/\//i.test(trimUrl(src))) {
      const hint = 'Download the file into the book folder and link it by a relative path, e.g. ![…](images/name.png).';
      if (this.config.remoteImages === 'omit') {
        // One warning for them all (a README's badges), given by reportOmittedRemote().
        this.omittedRemote.push({ src, where });
        if (this.remoteReported) this.reportOmittedRemote();
        return undefined;
      }
      return report(
        error('assets/remote', `remote image \`${src}\` is not fetched at build time.`, {
          ...where,
          hint: `${hint} Or set \`remote-images: omit\` in book.yaml (or \`--remote-images omit\`) to leave remote images out.`,
        }),
      );
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(src) || path.isAbsolute(src)) {
      return report(
        error('assets/not-relative', `image \`${src.slice(0, 80)}\` is not a relative path inside the book.`, {
          ...where,
          hint: 'Put the image in the book folder and link it by a path relative to the Markdown file.',
        }),
      );
    }
    let decoded = src.replace(/[?#].*$/, '');
    try {
      decoded = decodeURI(decoded);
    } catch {
      // Not percent-encoded after all: use it as written.
    }
    const abs = path.resolve(path.dirname(fromFile), decoded);
    if (!(await insideFolder(this.config.root, abs))) {
      return report(
        error('assets/outside-book', `image \`${src}\` lies outside the book folder.`, {
          ...where,
          hint: 'Copy the image into the book folder; a book may only use its own files.',
        }),
      );
    }
    const real = await realpath(abs).catch(() => undefined);
    if (!real) {
      return report(
        warning('assets/missing', `image \`${src}\` not found; it is left out.`, {
          ...where,
          hint: `Add the file at ${path.relative(this.config.root, abs)} or correct the path.`,
        }),
      );
    }
    const known = this.byPath.get(real);
    if (known) return known;
    // `![a](.)` or `![a](images/)`: a folder, which reading would fail on (EISDIR).
    if (!(await stat(real)).isFile()) {
      return report(
        error('assets/unsupported', `image \`${src}\` is a folder, not an image file.`, {
          ...where,
          hint: 'Link the image file itself, e.g. `images/figure.png`.',
        }),
      );
    }
    const original = new Uint8Array(await readFile(real));
    const mediaType = sniffImageType(original);
    if (!mediaType) {
      return report(
        error('assets/unsupported', `\`${src}\` is not an image Octavo can use (PNG, JPEG, GIF or SVG).`, {
          ...where,
          hint: 'Convert it to PNG or JPEG (photos) or SVG (drawings).',
        }),
      );
    }
    if (!EPUB_CORE_IMAGE_TYPES.has(mediaType)) {
      return report(
        error('assets/unsupported', `\`${src}\` is a WebP image, which EPUB 3.2 readers need not support.`, {
          ...where,
          hint: 'Convert it to PNG or JPEG, e.g. `dwebp in.webp -o out.png`.',
        }),
      );
    }
    let bytes = original;
    if (mediaType === 'image/svg+xml') {
      // Parsed and rebuilt from an allow-list; the outputs get the cleaned file.
      const result = sanitiseSvg(new TextDecoder().decode(original));
      if (!result.ok) {
        const tooComplex = result.code === 'assets/svg-too-complex';
        return report(
          error(result.code, `SVG \`${src}\` ${result.reason}; it is not used.`, {
            file: real,
            line: result.line,
            column: result.column,
            hint: tooComplex
              ? `Used at ${where.file}:${where.line ?? 1}. Flatten the drawing (e.g. Inkscape's "Unlink clone") so it does not repeat \`<use>\` inside \`<use>\`.`
              : `Used at ${where.file}:${where.line ?? 1}. Save it again as plain SVG (e.g. Inkscape's "Plain SVG"), without a DTD, or convert it to PNG.`,
          }),
        );
      }
      if (result.removed.length > 0) {
        const shown = result.removed.slice(0, 5).map((r) => (r.line ? `${r.what} (line ${r.line})` : r.what));
        const more = result.removed.length > shown.length ? ` and ${result.removed.length - shown.length} more` : '';
        this.diagnostics.push(
          warning('assets/svg-cleaned', `SVG \`${src}\`: removed ${shown.join(', ')}${more}.`, {
            file: real,
            line: result.removed[0]?.line,
            hint: `Used at ${where.file}:${where.line ?? 1}. A book image must be self-contained and inert: scripts, event handlers, remote or outside references and embedded HTML are taken out of the copy in the outputs.`,
          }),
        );
      }
      bytes = new TextEncoder().encode(result.text);
    }
    let width: number | undefined;
    let height: number | undefined;
    try {
      ({ width, height } = imageSize(bytes));
    } catch {
      // Size unknown (e.g. an SVG without width/height): only used for print-resolution checks.
    }
    const megapixels = mediaType !== 'image/svg+xml' && width && height ? (width * height) / 1e6 : 0;
    if (megapixels > this.config.limits.imageMegapixels) {
      return report(
        overLimit(
          'imageMegapixels',
          this.config.limits,
          `image \`${src}\` has ${Math.round(megapixels)} million pixels (${width} × ${height})`,
          where,
          'Scale it down (300 pixels an inch of the printed size is plenty: a full page is about 9 million pixels)',
        ),
      );
    }
    const href = `images/${this.uniqueName(real, mediaType)}`;
    const asset: Asset = {
      id: `img-${this.assets.length + 1}`,
      href,
      mediaType,
      bytes,
      sourceFile: real,
      width,
      height,
    };
    // The image's own credit: a sidecar next to it, or book.yaml's image-credits.
    const sidecar = await readSidecar(real, this.diagnostics);
    const listed = this.config.imageCredits[path.relative(await realpath(this.config.root), real)];
    const credit = sidecar
      ? toImageCredit(sidecar.data, label || path.basename(real), sidecar.file, this.diagnostics)
      : listed
        ? toImageCredit(listed, label || path.basename(real), this.config.configFile, this.diagnostics)
        : undefined;
    if (credit) asset.credit = credit;
    this.assets.push(asset);
    this.byPath.set(real, asset);
    return asset;
  }

  /** The one warning for the remote images left out so far (`remote-images: omit`); later ones get their own. */
  reportOmittedRemote(): void {
    this.remoteReported = true;
    const omitted = this.omittedRemote.splice(0);
    const first = omitted[0];
    if (!first) return;
    const n = omitted.length;
    const shown = omitted
      .slice(0, 3)
      .map((o) => `\`${o.src.slice(0, 80)}\``)
      .join(', ');
    this.diagnostics.push(
      warning(
        'assets/remote',
        `${n} remote image${n === 1 ? ' is' : 's are'} left out (remote-images: omit), their alt text kept: ${shown}${n > 3 ? ', …' : ''}.`,
        {
          ...first.where,
          hint: 'Download them into the book folder and link them by relative paths, or build with `--remote-images error` to list each one.',
        },
      ),
    );
  }

  private uniqueName(file: string, mediaType: keyof typeof EXTENSION): string {
    const base =
      path
        .basename(file)
        .replace(/\.[^.]*$/, '')
        .replace(/[^A-Za-z0-9_-]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'image';
    const ext = EXTENSION[mediaType];
    let name = `${base}.${ext}`;
    for (let n = 2; this.names.has(name); n++) name = `${base}-${n}.${ext}`;
    this.names.add(name);
    return name;
  }
}

/** What stands in the text for an image left out: its alt text, in brackets (nothing without one). */
function missingImage(img: Element): Element[] {
  const alt = typeof img.properties.alt === 'string' ? img.properties.alt : '';
  if (!alt) return [];
  return [
    {
      type: 'element',
      tagName: 'span',
      properties: { className: ['missing-image'] },
      children: [{ type: 'text', value: `[${alt}]` }],
    },
  ];
}

function isStandIn(node: Element): boolean {
  const cls = node.properties.className;
  return Array.isArray(cls) && cls.includes('missing-image');
}

/** Points every image of the chapters at its asset; unusable ones are replaced by their alt text. */
export async function collectAssets(chapters: Chapter[], registry: AssetRegistry): Promise<void> {
  for (const chapter of chapters) {
    const images: { node: Element; index: number; parent: Root | Element }[] = [];
    visit(chapter.tree, 'element', (node, index, parent) => {
      if (node.tagName === 'img' && parent && index !== undefined) {
        images.push({ node, index, parent });
        return SKIP;
      }
      return undefined;
    });
    // Checked in reading order (so diagnostics come in order), removed back to front (so indexes hold).
    const unusable: typeof images = [];
    for (const image of images) {
      const { node } = image;
      const src = node.properties.src;
      if (typeof src !== 'string' || !src) continue;
      const start = node.position?.start;
      // An image from an included file is relative to that file, and reported there.
      const origin = start && chapter.origins ? chapter.origins[start.line - 1] : undefined;
      const from = origin?.file ?? chapter.file;
      const alt = typeof node.properties.alt === 'string' ? node.properties.alt : '';
      const asset = await registry.add(
        src,
        from,
        { file: from, line: origin?.line ?? start?.line, column: start?.column },
        alt,
      );
      if (!asset) {
        unusable.push(image);
        continue;
      }
      node.properties.src = asset.href;
      // The image's own size, so a reader can lay out the page before it loads; but only when the author gave
      // neither: a width alone (`<img width="100">`) already keeps the image's proportions, and its real height
      // next to it would not.
      if (
        asset.width &&
        asset.height &&
        asset.mediaType !== 'image/svg+xml' &&
        node.properties.width === undefined &&
        node.properties.height === undefined &&
        !/(?:^|;)\s*(?:width|height)\s*:/.test(String(node.properties.style ?? ''))
      ) {
        node.properties.width = asset.width;
        node.properties.height = asset.height;
      }
    }
    // An image left out of a <picture> takes the whole picture with it: a picture without its img is invalid.
    const pictures = new Map<Element, { index: number; parent: Root | Element }>();
    visit(chapter.tree, 'element', (node, index, parent) => {
      if (node.tagName === 'picture' && parent && index !== undefined) pictures.set(node, { index, parent });
    });
    const gone = new Set<Element>();
    for (const image of unusable.reverse()) {
      const picture = image.parent.type === 'element' ? pictures.get(image.parent) : undefined;
      if (picture && image.parent.type === 'element' && gone.has(image.parent)) continue;
      if (picture && image.parent.type === 'element') gone.add(image.parent);
      const { index, parent } = picture ?? image;
      parent.children.splice(index, 1, ...missingImage(image.node));
    }
    // A picture whose img the raw-HTML pass removed (a remote file) keeps only its stand-in.
    visit(chapter.tree, 'element', (node, index, parent) => {
      if (node.tagName !== 'picture' || !parent || index === undefined) return undefined;
      if (node.children.some((c) => c.type === 'element' && c.tagName === 'img')) return SKIP;
      const standIns = node.children.filter(
        (c): c is Element => c.type === 'element' && c.tagName === 'span' && isStandIn(c),
      );
      parent.children.splice(index, 1, ...standIns);
      return [SKIP, index + standIns.length];
    });
  }
  registry.reportOmittedRemote();
}
