/**
 * unist-util-visit's `visit`: the same signature, types, order and results
 * (SKIP, EXIT, an index to go on from), at a fraction of its cost per node.
 *
 * unist-util-visit-parents 6 makes a closure for every node it passes, names
 * it with Object.defineProperty (for readable stack traces), copies the
 * ancestor list at every level, and unist-util-visit then finds each node's
 * index with indexOf. Over the thirty-odd walks a book takes, that was 2.7 s
 * of an 8 s transform of a 150,000-word book. Libraries we call keep their
 * own `visit`; every walk of ours goes through this one.
 */
import type { Node, Parent } from 'unist';
import { convert } from 'unist-util-is';
import { type BuildVisitor, CONTINUE, EXIT, SKIP, type Test } from 'unist-util-visit';

export { CONTINUE, EXIT, SKIP };

type Result = readonly unknown[];
const EMPTY: Result = [];

/** A visitor's return value as unist-util-visit-parents reads it: [action, index to go on from]. */
function toResult(value: unknown): Result {
  if (Array.isArray(value)) return value;
  if (typeof value === 'number') return [CONTINUE, value];
  return value === null || value === undefined ? EMPTY : [value];
}

type AnyVisitor = (node: Node, index: number | undefined, parent: Parent | undefined) => unknown;

export function visit<Tree extends Node, Check extends Test>(
  tree: Tree,
  check: Check,
  visitor: BuildVisitor<Tree, Check>,
): undefined;
export function visit<Tree extends Node>(tree: Tree, visitor: BuildVisitor<Tree>): undefined;
export function visit(tree: Node, testOrVisitor: unknown, maybeVisitor?: unknown): undefined {
  const withTest = typeof maybeVisitor === 'function';
  const visitor = (withTest ? maybeVisitor : testOrVisitor) as AnyVisitor;
  const is = withTest ? convert(testOrVisitor as Test) : undefined;

  const walk = (node: Node, index: number | undefined, parent: Parent | undefined): Result => {
    let result = EMPTY;
    if (!is || is(node, index, parent)) {
      result = toResult(visitor(node, index, parent));
      if (result[0] === EXIT) return result;
    }
    if (result[0] !== SKIP && (node as Partial<Parent>).children) {
      const self = node as Parent;
      // Read afresh each time round: a visitor may add, remove or replace its parent's children.
      let offset = 0;
      while (offset > -1 && offset < self.children.length) {
        const sub = walk(self.children[offset]!, offset, self);
        if (sub[0] === EXIT) return sub;
        offset = typeof sub[1] === 'number' ? sub[1] : offset + 1;
      }
    }
    return result;
  };

  walk(tree, undefined, undefined);
  return undefined;
}
