import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type JSONPath, type Node, type ParseError } from 'jsonc-parser';
import { LineIndex, type Range } from './finding';

export interface JsonProblem { message: string; range: Range }

/** Deeper than any real manifest or config (they reach ~10), far shallower than the stack allows. */
export const MAX_JSON_DEPTH = 256;

/**
 * The offset of the first `[` or `{` past MAX_JSON_DEPTH levels, or -1. Brackets inside strings and comments
 * do not count; an unclosed string or comment ends the scan (the parser reports it).
 */
function pastDepth(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_JSON_DEPTH) {
        return i;
      }
    } else if (c === 0x5d || c === 0x7d) {
      depth = Math.max(0, depth - 1);
    } else if (c === 0x22) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) {
        if (text.charCodeAt(i) === 0x5c) {
          i++;
        }
      }
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2f) {
      i = text.indexOf('\n', i);
      if (i < 0) {
        return -1;
      }
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a) {
      i = text.indexOf('*/', i + 2);
      if (i < 0) {
        return -1;
      }
      i++;
    }
  }
  return -1;
}

/** A JSON (or JSONC) text parsed with ranges, so findings can point at the exact key or value. */
export class JsonDocument {
  readonly root: Node | undefined;
  readonly lines: LineIndex;
  readonly syntaxErrors: JsonProblem[] = [];

  constructor(readonly text: string, options: { comments?: boolean } = {}) {
    this.lines = new LineIndex(text);
    const tooDeep = pastDepth(text);
    if (tooDeep >= 0) {
      // jsonc-parser and every walk of the tree recurse once per level: 5,000 levels overflowed the stack.
      this.syntaxErrors.push({ message: `nested more than ${MAX_JSON_DEPTH} levels deep: not read`, range: this.lines.rangeOf(tooDeep, 1) });
      return;
    }
    const errors: ParseError[] = [];
    this.root = parseTree(text, errors, { disallowComments: !options.comments, allowTrailingComma: !!options.comments });
    for (const e of errors) {
      this.syntaxErrors.push({ message: describe(printParseErrorCode(e.error)), range: this.lines.rangeOf(e.offset, Math.max(1, e.length)) });
    }
  }

  get value(): unknown {
    return this.root ? getNodeValue(this.root) : undefined;
  }

  node(path: JSONPath): Node | undefined {
    return this.root ? findNodeAtLocation(this.root, path) : undefined;
  }

  rangeOfNode(node: Node): Range {
    return this.lines.rangeOf(node.offset, node.length);
  }

  /** The value at path, else its nearest existing ancestor, else the document start. */
  valueRange(path: JSONPath): Range {
    for (let i = path.length; i >= 0; i--) {
      const node = this.node(path.slice(0, i));
      if (node) {
        return i === path.length || !node.parent ? this.rangeOfNode(node) : this.keyRange(path.slice(0, i));
      }
    }
    return this.lines.rangeOf(0, 0);
  }

  /** The property key at path (for arrays, the element). */
  keyRange(path: JSONPath): Range {
    const node = this.node(path);
    if (!node) {
      return this.valueRange(path);
    }
    const prop = node.parent;
    if (prop?.type === 'property' && prop.children?.[0]) {
      return this.rangeOfNode(prop.children[0]);
    }
    return this.rangeOfNode(node);
  }

  /** Keys that appear twice in one object, each with the range of the second occurrence. */
  duplicateKeys(): { key: string; range: Range; first: Range }[] {
    const out: { key: string; range: Range; first: Range }[] = [];
    const visit = (node: Node | undefined): void => {
      if (!node) {
        return;
      }
      if (node.type === 'object') {
        const seen = new Map<string, Node>();
        for (const prop of node.children ?? []) {
          const keyNode = prop.children?.[0];
          if (keyNode) {
            const key = String(keyNode.value);
            const first = seen.get(key);
            if (first) {
              out.push({ key, range: this.rangeOfNode(keyNode), first: this.rangeOfNode(first) });
            } else {
              seen.set(key, keyNode);
            }
          }
          visit(prop.children?.[1]);
        }
      } else if (node.type === 'array') {
        node.children?.forEach(visit);
      }
    };
    visit(this.root);
    return out;
  }
}

/** "CommaExpected" → "comma expected". */
function describe(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
