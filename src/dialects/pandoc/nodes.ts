/** The Markdown tree nodes pandoc's syntax adds (each becomes HTML through its `data.hName`). */
import type { BlockContent, Data, DefinitionContent, Parent, PhrasingContent } from 'mdast';
import type { Node } from 'unist';

/** `::: {.note}` … `:::`: `info` is what follows the opening colons. */
export interface FencedDiv extends Parent {
  type: 'fencedDiv';
  info: string;
  children: (BlockContent | DefinitionContent)[];
  data?: Data;
}

/** `[text]{.smallcaps}`. */
export interface PandocSpan extends Parent {
  type: 'pandocSpan';
  children: PhrasingContent[];
  data?: Data;
}

/** `^x^` and `~x~`. */
export interface PandocScript extends Parent {
  type: 'pandocScript';
  children: PhrasingContent[];
  data?: Data;
}

/** `\newpage`: a page break in print. */
export interface PandocPageBreak extends Node {
  type: 'pandocPageBreak';
  data?: Data;
}

/** `Table: caption`, held as the first child of its table until it becomes a `<caption>`. */
export interface PandocCaption extends Parent {
  type: 'pandocCaption';
  children: PhrasingContent[];
  data?: Data;
}

declare module 'mdast' {
  interface RootContentMap {
    fencedDiv: FencedDiv;
    pandocSpan: PandocSpan;
    pandocScript: PandocScript;
    pandocPageBreak: PandocPageBreak;
    pandocCaption: PandocCaption;
  }
  interface BlockContentMap {
    fencedDiv: FencedDiv;
    pandocPageBreak: PandocPageBreak;
  }
  interface PhrasingContentMap {
    pandocSpan: PandocSpan;
    pandocScript: PandocScript;
  }
}
