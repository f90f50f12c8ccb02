import type { Node, Tree } from 'web-tree-sitter';
import type { Finding } from '../../finding';
import type { WholeScriptRule } from '../scriptRule';

const meta = { id: 'script/unparsed', severity: 'warning', title: 'Part of a script could not be parsed', scope: 'script' } as const;

/** A command spanning more lines than this, with few continuation lines, was glued together by the parser. */
const IMPLAUSIBLE_LINES = 25;

function lines(from: number, to: number): string {
  return `lines ${from + 1}–${to + 1}`;
}

/** The outermost ERROR and MISSING nodes of a tree. */
function errors(node: Node, out: Node[]): void {
  if (node.type === 'ERROR' || node.isMissing) {
    out.push(node);
    return;
  }
  if (!node.hasError) {
    return;
  }
  for (const c of node.children) {
    if (c) {
      errors(c, out);
    }
  }
}

/** The first place inside an ERROR node where the parser failed: a nested ERROR, a missing token, or itself. */
function firstFailure(error: Node): Node {
  for (const c of error.children) {
    if (c && (c.type === 'ERROR' || c.isMissing)) {
      return c;
    }
    if (c?.hasError) {
      const inner: Node[] = [];
      errors(c, inner);
      if (inner.length > 0) {
        return inner[0];
      }
    }
  }
  return error;
}

/**
 * script/unparsed: what the parser could not read, or read implausibly (tree-sitter-bash folds a hundred lines
 * after `crontab -l | { cat; echo …; } | crontab -` into one command, without an error), so the rules did not
 * see it: the reviewer is told which lines to read by hand. The rules still run on the rest.
 */
const run: WholeScriptRule['run'] = (script, _env, report) => {
  const out: Finding[] = [];
  const trees = new Set<Tree>(script.commands.map((c) => c.node.tree));
  const seen = new Set<number>();
  for (const tree of trees) {
    const found: Node[] = [];
    errors(tree.rootNode, found);
    for (const n of found) {
      // Error recovery may wrap a whole script in one ERROR: name where reading first failed inside it.
      const first = firstFailure(n);
      const at = first.startPosition.row;
      const to = n.endPosition.row;
      if (seen.has(at)) {
        continue;
      }
      seen.add(at);
      const range = { start: { line: at, character: first.startPosition.column }, end: { line: at, character: first.startPosition.column } };
      const rest = to > at ? `, and what follows up to line ${to + 1} may be misread` : '';
      out.push(report(range, `the shell parser could not read line ${at + 1}${first.isMissing ? ` (a ${first.type} is missing)` : ''}${rest}: the rules did not see it, so read it by hand`));
    }
  }
  const text = script.text.split('\n');
  for (const cmd of script.commands) {
    const from = cmd.range.start.line;
    const to = cmd.range.end.line;
    if (to - from < IMPLAUSIBLE_LINES || cmd.heredoc || cmd.nested || seen.has(from)) {
      continue;
    }
    const continued = text.slice(from, to).filter((l) => /\\\s*$/.test(l)).length;
    const quoted = cmd.args.some((a) => a.range.end.line - a.range.start.line >= IMPLAUSIBLE_LINES / 2);
    if (continued < (to - from) / 2 && !quoted) {
      seen.add(from);
      out.push(report(cmd.nameRange, `the shell parser read ${lines(from, to)} as one ${cmd.name} command, which its text does not explain: the rules did not see the commands in them, so read them by hand`));
    }
  }
  return out;
};

export const unparsedRule: WholeScriptRule = { meta, run };
