import { bashParser } from './parser';
import { FOUND, searchTree } from './treeSearch';

/**
 * The deepest nesting of command and process substitutions ShellCheck is given. Its time doubles with each
 * level, quoted or not (`echo "$(echo "$(…)")"`: 12 levels 1.5 s, 15 levels 11 s, 16 levels 21 s, past its
 * 15 s limit); real scripts nest one or two (ucf, apt-key and git-subtree: at most two).
 */
export const SHELLCHECK_MAX_DEPTH = 11;

const SUBSTITUTIONS = new Set(['command_substitution', 'process_substitution']);
const OPENERS = /\$\(|<\(|>\(|`/g;

/** An upper bound of the depth from the text alone: every level opens with `$(`, `<(`, `>(` or a backtick. */
function openers(text: string): number {
  let n = 0;
  for (const m of text.matchAll(OPENERS)) {
    n += m[0] === '`' ? 0.5 : 1;
  }
  return Math.ceil(n);
}

/**
 * How deep backticks nest, which tree-sitter does not read: bash escapes a backtick `level` deep with
 * 2^(level-1) - 1 backslashes (`echo \`date\``), so the longest run of them before a backtick tells.
 */
function backtickDepth(text: string): number {
  let deepest = 0;
  for (let i = text.indexOf('`'); i >= 0; i = text.indexOf('`', i + 1)) {
    let slashes = 0;
    while (i - slashes > 0 && text.charCodeAt(i - slashes - 1) === 0x5c) {
      slashes++;
    }
    deepest = Math.max(deepest, Math.floor(Math.log2(slashes + 1)) + 1);
  }
  return deepest;
}

/**
 * Whether a script's substitutions nest deeper than `limit`: `$(…)`, `<(…)` and `>(…)` by tree-sitter's parse
 * (quotes, comments, here-documents and `case` patterns read as bash reads them), plus the depth of escaped
 * backticks. A script with too few openers to reach it is not parsed.
 */
export async function nestsDeeperThan(text: string, limit: number): Promise<boolean> {
  const ticks = backtickDepth(text);
  if (ticks > limit) {
    return true;
  }
  // The outermost backticks are a substitution the parse counts too.
  const beside = Math.max(0, ticks - 1);
  if (openers(text) + beside <= limit) {
    return false;
  }
  limit -= beside;
  const tree = (await bashParser()).parse(text);
  if (!tree) {
    return false;
  }
  try {
    // Each node's answer is the number of substitutions it lies in, itself included.
    return searchTree<number>(tree.rootNode, (cursor, above) => {
      const depth = (above[above.length - 1] ?? 0) + (SUBSTITUTIONS.has(cursor.nodeType) ? 1 : 0);
      return depth > limit ? FOUND : depth;
    });
  } finally {
    tree.delete();
  }
}
