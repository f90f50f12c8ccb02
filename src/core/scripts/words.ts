import type { Node } from 'web-tree-sitter';

/** The literal value of a shell word, or undefined when it depends on an expansion. */
export function literal(node: Node): string | undefined {
  switch (node.type) {
    case 'word':
    case 'number':
      return node.text.replace(/\\(.)/g, '$1');
    case 'raw_string':
      return node.text.slice(1, -1);
    case 'ansi_c_string':
      return node.text.slice(2, -1);
    case 'string': {
      let out = '';
      for (const child of node.namedChildren) {
        if (!child) {
          continue;
        }
        if (child.type !== 'string_content') {
          return undefined;
        }
        out += child.text.replace(/\\([$`"\\\n])/g, '$1');
      }
      return out;
    }
    case 'concatenation': {
      let out = '';
      for (const child of node.namedChildren) {
        const part = child ? literal(child) : undefined;
        if (part === undefined) {
          return undefined;
        }
        out += part;
      }
      return out;
    }
    default:
      return undefined;
  }
}

/** The word as text with its quotes removed and expansions left as written: for scanning URLs and hosts. */
export function approximate(node: Node): string {
  const lit = literal(node);
  if (lit !== undefined) {
    return lit;
  }
  if (node.type === 'string') {
    return node.text.slice(1, -1);
  }
  if (node.type === 'concatenation') {
    return node.namedChildren.map((c) => (c ? approximate(c) : '')).join('');
  }
  return node.text;
}

/** Whether the word holds an expansion outside double quotes (subject to splitting and globbing). */
export function hasUnquotedExpansion(node: Node): boolean {
  if (node.type === 'simple_expansion' || node.type === 'expansion' || node.type === 'command_substitution') {
    return true;
  }
  if (node.type === 'concatenation') {
    return node.namedChildren.some((c) => c !== null && hasUnquotedExpansion(c));
  }
  return false;
}

/** Names of variables a word expands, with whether each is guarded (`${VAR:?}`) or defaulted. */
export function expandedVariables(node: Node): { name: string; guarded: boolean }[] {
  const out: { name: string; guarded: boolean }[] = [];
  const visit = (n: Node): void => {
    if (n.type === 'simple_expansion' || n.type === 'expansion') {
      const name = n.namedChildren.find((c) => c?.type === 'variable_name')?.text;
      if (name) {
        out.push({ name, guarded: n.type === 'expansion' && /:?[?=+-]/.test(n.text.slice(2 + name.length, -1).slice(0, 2)) });
      }
      return;
    }
    for (const c of n.namedChildren) {
      if (c) {
        visit(c);
      }
    }
  };
  visit(node);
  return out;
}
