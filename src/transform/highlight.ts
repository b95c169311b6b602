/**
 * rehype plugin: code blocks highlighted at build time with starry-night
 * (GitHub's grammars), as `<span class="pl-…">`; no script at read time. A
 * language it does not know stays plain text. Inline code is left alone.
 */
import type { createStarryNight } from '@wooorm/starry-night';
import type { Element, ElementContent, Root } from 'hast';
import { visit } from '../util/visit.js';

type StarryNight = Awaited<ReturnType<typeof createStarryNight>>;

let starryNight: Promise<StarryNight> | undefined;

type StarryNightModule = typeof import('@wooorm/starry-night');

/**
 * starry-night's entry module imports all of its 700 grammars (0.8-0.9 s
 * here), though Octavo highlights only its `common` set. That set and the
 * highlighter are loaded from the package's own files instead (0.2-0.3 s);
 * should a later version move them, from the entry as before.
 */
async function loadStarryNight(): Promise<StarryNight> {
  try {
    const entry = import.meta.resolve('@wooorm/starry-night');
    const [core, common] = await Promise.all([
      import(new URL('./lib/index.js', entry).href) as Promise<Pick<StarryNightModule, 'createStarryNight'>>,
      import(new URL('./lib/common.js', entry).href) as Promise<{ grammars: StarryNightModule['common'] }>,
    ]);
    return await core.createStarryNight(common.grammars);
  } catch {
    const m = await import('@wooorm/starry-night');
    return m.createStarryNight(m.common);
  }
}

/** One highlighter for the process, loaded the first time a chapter has a code block with a language. */
function highlighter(): Promise<StarryNight> {
  starryNight ??= loadStarryNight();
  return starryNight;
}

/** Fence info → starry-night flag: ```` ```js ````, ```` ```language-js ````, ```` ```sh {.numbered} ````. */
function languageOf(code: Element): string | undefined {
  const cls = code.properties.className;
  if (!Array.isArray(cls)) return undefined;
  const lang = cls.map(String).find((c) => c.startsWith('language-'));
  return lang?.slice('language-'.length) || undefined;
}

const ALIASES: Record<string, string> = {
  sh: 'shell',
  bash: 'shell',
  zsh: 'shell',
  console: 'shell',
  shell: 'shell',
  yml: 'yaml',
  html: 'html',
  py: 'python',
};

function textOf(node: Element): string {
  return node.children.map((c) => (c.type === 'text' ? c.value : c.type === 'element' ? textOf(c) : '')).join('');
}

export function rehypeHighlight() {
  return async (tree: Root) => {
    const blocks: { code: Element; lang: string }[] = [];
    visit(tree, 'element', (node) => {
      if (node.tagName !== 'pre') return;
      const code = node.children.find((c): c is Element => c.type === 'element');
      const lang = code && code.tagName === 'code' ? languageOf(code) : undefined;
      if (code && lang && lang !== 'math') blocks.push({ code, lang });
    });
    if (!blocks.length) return;
    const sn = await highlighter();
    for (const { code, lang } of blocks) {
      const key = lang.toLowerCase();
      const scope = sn.flagToScope(ALIASES[key] ?? key);
      if (!scope) continue;
      const fragment = sn.highlight(textOf(code), scope);
      code.children = fragment.children as ElementContent[];
    }
  };
}
