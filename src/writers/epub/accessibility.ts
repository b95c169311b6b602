/**
 * The EPUB's accessibility metadata, from what the build found in the book
 * (the composed divisions, as the content documents are made from them):
 * its images with alt text, decorative or without a description, its
 * formulas, its heading levels. The summary is written in the book's
 * language; `alternativeText` is claimed, and text alone said to be
 * sufficient, only when every image that carries content is described; the
 * EPUB Accessibility 1.1 conformance claim is made only when every check
 * Octavo can make holds (see `checks` below).
 */
import type { Element } from 'hast';
import { toString } from 'hast-util-to-string';
import { accessibilityStringsFor, type ImageCounts } from '../../i18n/accessibility.js';
import type { ComposedBook } from '../../templates/compose.js';
import { plainText } from '../../transform/text.js';
import { visit } from '../../util/visit.js';

/** The conformance claim, as EPUB Accessibility 1.1 spells it (and Ace checks it). */
export const CONFORMS_TO = 'EPUB Accessibility 1.1 - WCAG 2.2 Level AA';

export interface AccessibilityMetadata {
  /** schema:accessMode values. */
  accessModes: string[];
  /** schema:accessModeSufficient: one comma-separated set. */
  accessModeSufficient: string;
  /** schema:accessibilityFeature values. */
  features: string[];
  /** schema:accessibilitySummary, in the book's language. */
  summary: string;
  /** dcterms:conformsTo and the evaluator (a11y:certifiedBy), only when the checks hold. */
  conformance?: { conformsTo: string; certifiedBy: string } | undefined;
  /** What was found, for the build's own report and tests. */
  images: ImageCounts;
  math: boolean;
  /** Headings that skip a level (an h2 followed by an h4), with their document's id. */
  skippedHeadings: { division: string; heading: string }[];
  /** Links with nothing to read: no text, no labelled image, no aria-label. */
  unnamedLinks: number;
}

const HEADING = /^h([1-6])$/;

function headingLevel(node: Element): number | undefined {
  const m = HEADING.exec(node.tagName);
  return m ? Number(m[1]) : undefined;
}

/** A link a screen reader can name: it has text, an image with alt text, or an aria-label. */
function named(link: Element): boolean {
  if (typeof link.properties.ariaLabel === 'string' && link.properties.ariaLabel.trim()) return true;
  if (toString(link).trim()) return true;
  let labelled = false;
  visit(link, 'element', (node: Element) => {
    if (node.tagName === 'img' && typeof node.properties.alt === 'string' && node.properties.alt.trim())
      labelled = true;
  });
  return labelled;
}

/**
 * `generator`: who made the checks, for a11y:certifiedBy ("Octavo 1.2.3");
 * `printPages`: the EPUB marks the print edition's pages (page-list.ts).
 */
export function bookAccessibility(
  composed: ComposedBook,
  generator: string,
  printPages = false,
): AccessibilityMetadata {
  const images: ImageCounts = { described: 0, decorative: 0, undescribed: 0 };
  const skippedHeadings: AccessibilityMetadata['skippedHeadings'] = [];
  let math = false;
  let unnamedLinks = 0;
  for (const division of composed.divisions) {
    // Each division is one content document: heading levels are followed within it.
    let previous: number | undefined;
    visit(division.element, 'element', (node: Element) => {
      if (node.tagName === 'math') math = true;
      if (node.tagName === 'a' && node.properties.href !== undefined && !named(node)) unnamedLinks++;
      if (node.tagName === 'img') {
        const alt = node.properties.alt;
        if (node.data?.altMissing) images.undescribed++;
        else if ((typeof alt === 'string' && alt.trim()) || node.data?.altInCaption) images.described++;
        else images.decorative++;
      }
      const level = headingLevel(node);
      if (level !== undefined) {
        if (previous !== undefined && level > previous + 1)
          skippedHeadings.push({ division: division.id, heading: plainText(node).trim() });
        previous = level;
      }
    });
  }

  const s = accessibilityStringsFor(composed.book.config.language);
  const informative = images.described + images.undescribed;
  const allDescribed = images.undescribed === 0;
  const features = ['structuralNavigation', 'tableOfContents', 'readingOrder'];
  if (math) features.push('MathML', 'describedMath');
  if (informative > 0 && allDescribed) features.push('alternativeText');
  if (printPages) features.push('printPageNumbers', 'pageNavigation');

  const summary = [
    s.structure,
    images.described + images.decorative + images.undescribed ? s.images(images) : s.noImages,
    ...(math ? [s.math] : []),
    ...(printPages ? [s.printPages] : []),
  ].join(' ');

  const checks = {
    everyImageDescribed: allDescribed,
    noHeadingSkipped: skippedHeadings.length === 0,
    languageSet: validLanguage(composed.book.config.language),
    everyLinkNamed: unnamedLinks === 0,
  };
  const conforms = Object.values(checks).every(Boolean);

  return {
    accessModes: informative > 0 ? ['textual', 'visual'] : ['textual'],
    accessModeSufficient: allDescribed ? 'textual' : 'textual,visual',
    features,
    summary,
    conformance: conforms ? { conformsTo: CONFORMS_TO, certifiedBy: `${generator} (automated checks)` } : undefined,
    images,
    math,
    skippedHeadings,
    unnamedLinks,
  };
}

function validLanguage(tag: string): boolean {
  if (!tag.trim()) return false;
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}
