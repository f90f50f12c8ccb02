import type { Node, TreeCursor } from 'web-tree-sitter';

/** What a visit answers to stop the search. */
export const FOUND = Symbol('found');

/**
 * Visits `root` and every node below it, in order, with one cursor (Node.parent searches down from the root:
 * see model.ts Ancestry), until a visit answers FOUND. Each visit gets the answers of the nodes above the one
 * under the cursor, nearest last. True when a visit found what it looked for.
 */
export function searchTree<T>(root: Node, visit: (cursor: TreeCursor, above: readonly T[]) => T | typeof FOUND): boolean {
  const cursor = root.walk();
  const above: T[] = [];
  try {
    for (;;) {
      const answer = visit(cursor, above);
      if (answer === FOUND) {
        return true;
      }
      if (cursor.gotoFirstChild()) {
        above.push(answer);
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (above.length === 0 || !cursor.gotoParent()) {
          return false;
        }
        above.pop();
      }
    }
  } finally {
    cursor.delete();
  }
}
