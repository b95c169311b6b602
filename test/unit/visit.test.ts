/**
 * Octavo's own tree walk (src/util/visit.ts) against unist-util-visit, which
 * it replaced for speed: on random trees, with visitors that skip, stop,
 * remove, insert and jump, both see the same nodes in the same order with
 * the same index and parent, and leave the same tree.
 */
import type { Node, Parent } from 'unist';
import { EXIT as LIB_EXIT, SKIP as LIB_SKIP, visit as libVisit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { EXIT, SKIP, visit } from '../../src/util/visit.js';

interface TestNode extends Node {
  id: number;
  children?: TestNode[];
}

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TYPES = ['element', 'text', 'paragraph', 'root'];

function randomTree(random: () => number): TestNode {
  let id = 0;
  const make = (depth: number): TestNode => {
    const node: TestNode = { type: TYPES[Math.floor(random() * TYPES.length)]!, id: id++ };
    if (depth < 5 && random() < 0.6) {
      node.children = Array.from({ length: Math.floor(random() * 5) }, () => make(depth + 1));
    }
    return node;
  };
  return make(0);
}

type Visit = (tree: Node, ...rest: unknown[]) => undefined;

/** A visitor that acts on some nodes by their id: the same actions whichever walk calls it. */
function behaviour(seed: number, skip: unknown, exit: unknown) {
  const log: string[] = [];
  let created = 10_000;
  const visitor = (node: TestNode, index: number | undefined, parent: Parent | undefined) => {
    log.push(`${node.id}@${index}<${(parent as TestNode | undefined)?.id}`);
    const roll = (node.id * 7919 + seed) % 23;
    if (roll === 0) return skip;
    if (roll === 1 && node.id > 40) return exit;
    if (parent && index !== undefined) {
      if (roll === 2) {
        // Remove this node; go on with the one now at its place.
        parent.children.splice(index, 1);
        return index;
      }
      if (roll === 3) {
        // Add a sibling after this node; it is visited next.
        parent.children.splice(index + 1, 0, { type: 'text', id: created++ } as TestNode);
      }
      if (roll === 4) return [SKIP === skip ? SKIP : LIB_SKIP, index + 2];
    }
    return undefined;
  };
  return { log, visitor };
}

function run(walk: Visit, tree: TestNode, seed: number, withTest: boolean, skip: unknown, exit: unknown) {
  const { log, visitor } = behaviour(seed, skip, exit);
  if (withTest) walk(tree, 'element', visitor);
  else walk(tree, visitor);
  return { log, tree: JSON.stringify(tree) };
}

describe('visit', () => {
  it('walks, skips, stops and jumps exactly as unist-util-visit does', () => {
    let visited = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const tree = randomTree(prng(seed));
      for (const withTest of [false, true]) {
        const ours = run(visit as Visit, structuredClone(tree), seed, withTest, SKIP, EXIT);
        const theirs = run(libVisit as Visit, structuredClone(tree), seed, withTest, LIB_SKIP, LIB_EXIT);
        expect(ours).toEqual(theirs);
        visited += ours.log.length;
      }
    }
    expect(visited).toBeGreaterThan(3000);
  });

  it('re-exports the same action values', () => {
    expect([SKIP, EXIT]).toEqual([LIB_SKIP, LIB_EXIT]);
  });
});
