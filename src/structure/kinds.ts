/**
 * The kinds of division a book is made of, and what each means in every
 * output: EPUB 3 structural semantics (epub:type), DPUB-ARIA roles, and where
 * it sits (front, body or back matter). One table, read by config, composer and writers.
 */
export type Matter = 'front' | 'body' | 'back';

export interface KindInfo {
  matter: Matter;
  epubType: string;
  /** DPUB-ARIA role; absent where none exists (e.g. the title page). */
  role?: string;
}

export const KINDS = {
  halftitle: { matter: 'front', epubType: 'halftitlepage' },
  dedication: { matter: 'front', epubType: 'dedication', role: 'doc-dedication' },
  epigraph: { matter: 'front', epubType: 'epigraph', role: 'doc-epigraph' },
  foreword: { matter: 'front', epubType: 'foreword', role: 'doc-foreword' },
  preface: { matter: 'front', epubType: 'preface', role: 'doc-preface' },
  introduction: { matter: 'front', epubType: 'introduction', role: 'doc-introduction' },
  prologue: { matter: 'body', epubType: 'prologue', role: 'doc-prologue' },
  chapter: { matter: 'body', epubType: 'chapter', role: 'doc-chapter' },
  epilogue: { matter: 'body', epubType: 'epilogue', role: 'doc-epilogue' },
  afterword: { matter: 'back', epubType: 'afterword', role: 'doc-afterword' },
  appendix: { matter: 'back', epubType: 'appendix', role: 'doc-appendix' },
  glossary: { matter: 'back', epubType: 'glossary', role: 'doc-glossary' },
  bibliography: { matter: 'back', epubType: 'bibliography', role: 'doc-bibliography' },
  acknowledgements: { matter: 'back', epubType: 'acknowledgments', role: 'doc-acknowledgments' },
  colophon: { matter: 'back', epubType: 'colophon', role: 'doc-colophon' },
} as const satisfies Record<string, KindInfo>;

export type ChapterKind = keyof typeof KINDS;
export const CHAPTER_KINDS = Object.keys(KINDS) as ChapterKind[];

export const PART = { epubType: 'part', role: 'doc-part' } as const;

/** Front matter that comes before the contents page; the rest of the front matter follows it. */
export const BEFORE_CONTENTS: readonly ChapterKind[] = ['halftitle', 'dedication', 'epigraph'];
