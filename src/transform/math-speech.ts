/**
 * A formula read aloud, for MathML's `alttext`: `a^2+b^2=c^2` → "a squared +
 * b squared = c squared", `\frac{1}{2}` → "1 over 2", in the book's language
 * (the words are in src/i18n/accessibility.ts).
 *
 * This is a reading of common TeX, not a full speech engine (MathJax's
 * speech-rule-engine is not a dependency): fractions, roots, powers and
 * subscripts, sums, products, integrals and limits become words; symbols
 * become their Unicode characters (`\alpha` → α, `\le` → ≤), which screen
 * readers speak in the reader's own language; styling and spacing commands
 * are dropped; an unknown command is read by its name. The formula has been
 * parsed by temml first, so the TeX is valid.
 */
import { accessibilityStringsFor, type MathWords } from '../i18n/accessibility.js';

type Node =
  | { kind: 'atom'; text: string }
  | { kind: 'group'; body: Node[] }
  | { kind: 'frac'; num: Node; den: Node; binom: boolean }
  | { kind: 'sqrt'; index: Node | undefined; body: Node }
  | { kind: 'op'; name: 'sum' | 'product' | 'integral' | 'limit'; sub?: Node; sup?: Node }
  | { kind: 'script'; base: Node; sub?: Node; sup?: Node };

/** Deeper nesting than this is read as its TeX: no formula a person writes comes near it. */
const MAX_DEPTH = 64;

/** `a α b β` → a → α, b → β. */
function pairs(list: string): Map<string, string> {
  const words = list.trim().split(/\s+/);
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < words.length; i += 2) map.set(words[i]!, words[i + 1]!);
  return map;
}

/** Symbol commands and the characters a screen reader speaks for them: `name char` pairs. */
const SYMBOLS: ReadonlyMap<string, string> = pairs(`
alpha α beta β gamma γ delta δ epsilon ε varepsilon ε zeta ζ eta η theta θ vartheta ϑ iota ι kappa κ
lambda λ mu μ nu ν xi ξ pi π varpi ϖ rho ρ varrho ϱ sigma σ varsigma ς tau τ upsilon υ phi φ
varphi φ chi χ psi ψ omega ω Gamma Γ Delta Δ Theta Θ Lambda Λ Xi Ξ Pi Π Sigma Σ Upsilon Υ Phi Φ
Psi Ψ Omega Ω infty ∞ cdot ⋅ times × div ÷ pm ± mp ∓ ast ∗ star ⋆ circ ∘ le ≤ leq ≤ ge ≥ geq ≥ ne ≠
neq ≠ approx ≈ equiv ≡ sim ∼ simeq ≃ cong ≅ propto ∝ ll ≪ gg ≫ lt < gt > to → rightarrow →
leftarrow ← Rightarrow ⇒ Leftarrow ⇐ leftrightarrow ↔ Leftrightarrow ⇔ iff ⇔ implies ⇒ mapsto ↦
longrightarrow ⟶ in ∈ notin ∉ ni ∋ subset ⊂ subseteq ⊆ supset ⊃ supseteq ⊇ cup ∪ cap ∩ setminus ∖
emptyset ∅ varnothing ∅ forall ∀ exists ∃ neg ¬ lnot ¬ land ∧ wedge ∧ lor ∨ vee ∨ oplus ⊕ otimes ⊗
partial ∂ nabla ∇ ldots … cdots ⋯ dots … vdots ⋮ ddots ⋱ prime ′ angle ∠ degree ° perp ⊥ parallel ∥
mid ∣ langle ⟨ rangle ⟩ lfloor ⌊ rfloor ⌋ lceil ⌈ rceil ⌉ vert | Vert ‖ lvert | rvert | hbar ℏ ell ℓ
aleph ℵ Re ℜ Im ℑ therefore ∴ because ∵ cdotp ⋅ colon : { { } } % % $ $ # # & & _ _ | ‖
`);
const FUNCTIONS = new Set(
  'sin cos tan cot sec csc arcsin arccos arctan sinh cosh tanh coth log ln lg exp min max sup inf det dim gcd lcm arg deg ker hom Pr mod bmod pmod'.split(
    ' ',
  ),
);
const OPERATORS: Readonly<Record<string, 'sum' | 'product' | 'integral' | 'limit'>> = {
  sum: 'sum',
  prod: 'product',
  int: 'integral',
  iint: 'integral',
  iiint: 'integral',
  oint: 'integral',
  lim: 'limit',
  limsup: 'limit',
  liminf: 'limit',
};
const FRACTIONS = new Set(['frac', 'dfrac', 'tfrac', 'cfrac']);
const BINOMIALS = new Set(['binom', 'dbinom', 'tbinom']);
/** Commands whose argument is read as written: words, not variables side by side. */
const TEXT = new Set(['text', 'textrm', 'textit', 'textbf', 'textsf', 'texttt', 'mbox', 'hbox', 'operatorname']);
/** Dropped, with their delimiter or environment name read (or skipped) as usual. */
const IGNORED = new Set([
  ...'left right middle big Big bigg Bigg bigl bigr Bigl Bigr biggl biggr Biggl Biggr limits nolimits displaystyle textstyle scriptstyle quad qquad enspace thinspace medspace thickspace nonumber notag'.split(
    ' ',
  ),
  // Spacing: `\,` `\;` `\:` `\!` and `\ `.
  ',',
  ';',
  ':',
  '!',
  ' ',
]);

/** `\name`, `\` and one other character, `{`, `}`, `^`, `_`, a run of digits, or one character. */
function tokenize(tex: string): string[] {
  return tex.match(/\\[a-zA-Z]+|\\[^a-zA-Z]|\d+(?:\.\d+)?|\s+|./gsu)?.filter((t) => !/^\s+$/.test(t)) ?? [];
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: string[]) {}

  /** Nodes up to the closing `}` of this group (or the end). */
  sequence(depth: number, close = '}'): Node[] {
    const out: Node[] = [];
    while (this.i < this.tokens.length && this.tokens[this.i] !== close) {
      const t = this.tokens[this.i]!;
      if (t === '^' || t === '_') {
        this.i++;
        const arg = this.argument(depth);
        const last = out.pop() ?? { kind: 'atom', text: '' };
        const target = last.kind === 'script' || last.kind === 'op' ? last : { kind: 'script' as const, base: last };
        if (t === '^') target.sup = arg;
        else target.sub = arg;
        out.push(target);
        continue;
      }
      const node = this.item(depth);
      if (node) out.push(node);
    }
    if (this.tokens[this.i] === close) this.i++;
    return out;
  }

  /** One argument: a `{group}`, or the next item. */
  argument(depth: number): Node {
    return this.item(depth) ?? { kind: 'atom', text: '' };
  }

  /** The text of a `{group}` as written (for \text and the like). */
  private raw(): string {
    if (this.tokens[this.i] !== '{') return this.tokens[this.i++] ?? '';
    let level = 0;
    let text = '';
    while (this.i < this.tokens.length) {
      const t = this.tokens[this.i++]!;
      if (t === '{') level++;
      else if (t === '}') level--;
      if (level === 0) break;
      if (!(t === '{' && level === 1)) text += t.startsWith('\\') && t.length === 2 ? t[1] : t;
    }
    return text;
  }

  private item(depth: number): Node | undefined {
    const t = this.tokens[this.i++];
    if (t === undefined) return undefined;
    if (depth >= MAX_DEPTH) {
      // Read flat from here: a group as written, a command by its name (its arguments follow as items).
      if (t === '{') {
        this.i--;
        return { kind: 'atom', text: this.raw() };
      }
      return { kind: 'atom', text: t.replace(/^\\/, '') };
    }
    if (t === '{') return { kind: 'group', body: this.sequence(depth + 1) };
    if (t === '}') return undefined;
    if (t === '&') return { kind: 'atom', text: ',' };
    if (t === '~') return undefined;
    if (t === "'") return { kind: 'atom', text: '′' };
    if (!t.startsWith('\\')) return { kind: 'atom', text: t };
    const name = t.slice(1);
    if (name === '\\') return { kind: 'atom', text: ';' };
    if (IGNORED.has(name)) return undefined;
    if (name === 'begin' || name === 'end') {
      this.raw();
      return undefined;
    }
    if (FRACTIONS.has(name) || BINOMIALS.has(name)) {
      const num = this.argument(depth + 1);
      const den = this.argument(depth + 1);
      return { kind: 'frac', num, den, binom: BINOMIALS.has(name) };
    }
    if (name === 'sqrt') {
      let index: Node | undefined;
      if (this.tokens[this.i] === '[') {
        this.i++;
        index = { kind: 'group', body: this.sequence(depth + 1, ']') };
      }
      return { kind: 'sqrt', index, body: this.argument(depth + 1) };
    }
    if (TEXT.has(name)) return { kind: 'atom', text: this.raw().trim() };
    const op = OPERATORS[name];
    if (op) return { kind: 'op', name: op };
    const symbol = SYMBOLS.get(name);
    if (symbol) return { kind: 'atom', text: symbol };
    if (FUNCTIONS.has(name)) return { kind: 'atom', text: name };
    // Fonts and accents (\mathbf, \mathbb, \vec, \hat…): their argument is read as it is.
    if (
      /^(math[a-z]+|boldsymbol|bm|pmb|vec|hat|widehat|bar|overline|underline|tilde|widetilde|dot|ddot|acute|grave|check|breve)$/.test(
        name,
      )
    )
      return this.argument(depth + 1);
    return { kind: 'atom', text: name };
  }
}

/** One term, read without an end marker: a symbol, or a root, power or index of single terms. */
function simple(node: Node): boolean {
  switch (node.kind) {
    case 'atom':
      return true;
    case 'group':
      return node.body.length === 1 && simple(node.body[0]!);
    case 'sqrt':
      return !node.index && simple(node.body);
    case 'script':
      return simple(node.base) && (!node.sub || simple(node.sub)) && (!node.sup || simple(node.sup));
    default:
      return false;
  }
}

function words(node: Node, w: MathWords): string[] {
  switch (node.kind) {
    case 'atom':
      return node.text ? [node.text] : [];
    case 'group':
      return node.body.flatMap((n) => words(n, w));
    case 'frac': {
      const num = words(node.num, w);
      const den = words(node.den, w);
      if (node.binom) return [...num, w.choose, ...den];
      const [first, second] = w.denominatorFirst ? [den, num] : [num, den];
      if (simple(node.num) && simple(node.den)) return [...first, w.over, ...second];
      return [w.startFraction, ...first, w.over, ...second, w.endFraction];
    }
    case 'sqrt': {
      const body = words(node.body, w);
      const end = simple(node.body) ? [] : [w.endRoot];
      if (!node.index) return [w.squareRoot, ...body, ...end];
      return [w.rootIndex, ...words(node.index, w), w.rootOf, ...body, ...end];
    }
    case 'op': {
      const out = [w[node.name]];
      if (node.sub) out.push(...(node.name === 'limit' ? [] : [w.from]), ...words(node.sub, w));
      if (node.sup) out.push(w.to, ...words(node.sup, w));
      if (node.sub || node.sup) out.push(w.of);
      return out;
    }
    case 'script': {
      const out = words(node.base, w);
      if (node.sub) out.push(w.sub, ...words(node.sub, w));
      if (node.sup) {
        const sup = words(node.sup, w);
        if (sup.length === 1 && sup[0] === '2') out.push(w.squared);
        else if (sup.length === 1 && sup[0] === '3') out.push(w.cubed);
        else if (sup.every((s) => s === '′')) out.push(sup.join(''));
        else {
          const end = simple(node.sup) ? [] : [w.endPower];
          out.push(w.power, ...sup, ...(w.powerAfter ? [w.powerAfter] : []), ...end);
        }
      }
      return out;
    }
  }
}

/** The spoken form of a TeX formula in the language `lang` (English words for a language Octavo has none for). */
export function speakTex(tex: string, lang: string): string {
  const w = accessibilityStringsFor(lang).mathWords;
  const tree = new Parser(tokenize(tex)).sequence(0, '\u0000');
  return tree
    .flatMap((n) => words(n, w))
    .join(' ')
    .replace(/\s+/g, ' ')
    .replace(/ ([,;])/g, '$1')
    .trim();
}
