import type { Node, Point, Tree } from 'web-tree-sitter';
import type { Ancestry, ScriptModel } from './model';
import { tooDeepModel, unparsedModel } from './limit';
import { bashParser } from './parser';
import { Part, SharedTree } from './parts';
import { commonPrefix, commonSuffix } from './textEdit';
import { FOUND, searchTree } from './treeSearch';

/** A part where it sits in the current text. */
interface Placed {
  part: Part;
  start: number;
  row: number;
}

/** How the last update was done, for tests and the benchmark. */
export interface UpdateStats {
  kind: 'unchanged' | 'region' | 'whole';
  /** Parts built from syntax nodes (the rest were reused). */
  built: number;
}

/** Whole-script trees kept alive by reused parts before everything is rebuilt from one tree. */
const MAX_WHOLE_TREES = 4;

/**
 * A script as the user edits it. The script is cut into runs of whole lines that hold whole top-level
 * statements (parts); an edit re-parses only the parts it touches, as a region of the text, and the model of
 * every other part is reused. tree-sitter-bash's own incremental parse reuses little of a bash tree (its
 * nodes are mostly "fragile"), so the unit of reuse is ours. When the region does not parse cleanly on its
 * own (an unclosed quote, heredoc or `if` changes what follows), the whole script is parsed again and parts
 * are reused where their text is unchanged. While the script has a syntax error, every edit parses it whole.
 */
export class ScriptSession {
  private placed: Placed[] = [];
  /**
   * Whether every part is a run of complete statements whose meaning depends on its text alone: the script
   * parsed without a syntax error (error recovery can split a statement across parts) and holds no line of
   * assignments alone (see `ambiguousAssignments`). Only then are parts re-parsed alone or reused.
   */
  private standAlone = false;
  private current!: ScriptModel;
  stats: UpdateStats = { kind: 'whole', built: 0 };

  private constructor(
    readonly path: string,
    private text: string,
  ) {}

  static async open(path: string, text: string): Promise<ScriptSession> {
    const session = new ScriptSession(path, text);
    await session.parseWhole(text);
    return session;
  }

  get model(): ScriptModel {
    return this.current;
  }

  /** The model for the new text. Updates run one after another (a review and a keystroke may overlap). */
  update(text: string): Promise<ScriptModel> {
    // A failed update (the parser gave up) does not block the ones after it.
    const run = (): Promise<ScriptModel> => this.apply(text);
    this.queue = this.queue.then(run, run);
    return this.queue;
  }

  private queue: Promise<ScriptModel> = Promise.resolve(undefined as unknown as ScriptModel);

  private async apply(text: string): Promise<ScriptModel> {
    if (text === this.text) {
      this.stats = { kind: 'unchanged', built: 0 };
      return this.current;
    }
    const old = this.text;
    const prefix = commonPrefix(old, text);
    const suffix = commonSuffix(old, text, prefix);
    const touched = this.placed.findIndex((p, i) => this.endOf(i) >= prefix);
    let last = touched;
    while (last + 1 < this.placed.length && this.placed[last + 1].start <= old.length - suffix) {
      last++;
    }
    // One unchanged part on each side is parsed again too: where a statement ends can depend on the line
    // after it (tree-sitter-bash reads `A=x# B=y` and the next line as one command), so the region's edges
    // must lie between texts that did not change.
    const first = Math.max(0, touched - 1);
    last = Math.min(this.placed.length - 1, last + 1);
    // A function's head or closing brace is re-parsed only with the whole function: the whole script.
    const structural = this.placed.slice(first, last + 1).some((p) => p.part.structural);
    if (touched < 0 || !this.standAlone || structural || !(await this.parseRegion(text, first, last))) {
      await this.parseWhole(text);
    }
    return this.current;
  }

  dispose(): void {
    this.placed.forEach((p) => p.part.release());
    this.placed = [];
  }

  private endOf(i: number): number {
    return i + 1 < this.placed.length ? this.placed[i + 1].start : this.text.length;
  }

  /** Re-parses parts first..last as a region of the new text; false when the region is not self-contained. */
  private async parseRegion(text: string, first: number, last: number): Promise<boolean> {
    const start = this.placed[first].start;
    const row = this.placed[first].row;
    const oldEnd = this.endOf(last);
    const end = oldEnd + text.length - this.text.length;
    if (end < start) {
      return false;
    }
    // A string of its own: a slice would keep the whole script text of this version alive with the tree.
    const region = copyOf(text.slice(start, end));
    const oldRows = countLines(this.text, start, oldEnd);
    const rows = countLines(region, 0, region.length);
    const tree = await parseRange(region, start, row);
    if (!tree || tree.rootNode.hasError || ambiguousAssignments(tree.rootNode) || (await this.spillsOver(text, start, end, row, last))) {
      tree?.delete();
      return false;
    }
    const shared = new SharedTree(tree, false);
    shared.retain();
    let fresh: Placed[];
    try {
      fresh = await this.cut(shared, region, start, row);
    } finally {
      shared.release();
    }
    const after = this.placed.slice(last + 1).map((p) => ({ part: p.part, start: p.start + text.length - this.text.length, row: p.row + rows - oldRows }));
    this.placed.slice(first, last + 1).forEach((p) => p.part.release());
    this.placed = [...this.placed.slice(0, first), ...fresh, ...after];
    this.stats = { kind: 'region', built: fresh.length };
    this.commit(text);
    return true;
  }

  /**
   * Whether something the region opens runs on past its end when the part after it follows (a heredoc
   * without its closing line can end quietly where the text ends): parsed with that part, a statement must
   * end exactly where the region does.
   */
  private async spillsOver(text: string, start: number, end: number, row: number, last: number): Promise<boolean> {
    if (last + 1 >= this.placed.length) {
      return false; // the region ends where the script does
    }
    const next = this.endOf(last + 1) + text.length - this.text.length;
    const tree = await parseRange(text.slice(start, next), start, row);
    if (!tree) {
      return true;
    }
    let crosses = false;
    const cursor = tree.walk();
    if (cursor.gotoFirstChild()) {
      do {
        crosses = cursor.startIndex < end && cursor.endIndex > end;
      } while (!crosses && cursor.gotoNextSibling());
    }
    cursor.delete();
    tree.delete();
    return crosses;
  }

  /** Parses the whole text; parts whose text is unchanged are reused unless too many old trees would live on. */
  private async parseWhole(text: string): Promise<void> {
    const tree = (await bashParser()).parse(text);
    if (!tree) {
      throw new Error('the shell parser returned no tree');
    }
    const shared = new SharedTree(tree, true);
    shared.retain();
    const reusable = new Map<string, Part[]>();
    const wasStandAlone = this.standAlone;
    this.standAlone = !tree.rootNode.hasError && !ambiguousAssignments(tree.rootNode);
    if (wasStandAlone && this.standAlone && new Set(this.placed.map((p) => p.part.tree).filter((t) => t.whole)).size < MAX_WHOLE_TREES) {
      for (const p of this.placed) {
        const same = reusable.get(p.part.text);
        if (same) {
          same.push(p.part);
        } else {
          reusable.set(p.part.text, [p.part]);
        }
      }
    }
    let placed: Placed[];
    try {
      placed = await this.cut(shared, text, 0, 0, reusable);
    } finally {
      shared.release();
    }
    const kept = new Set(placed.map((p) => p.part));
    this.placed.filter((p) => !kept.has(p.part)).forEach((p) => p.part.release());
    this.placed = placed;
    this.stats = { kind: 'whole', built: placed.filter((p) => p.part.tree === shared).length };
    this.commit(text);
  }

  /**
   * Cuts the top-level statements of a tree into parts: a new part starts on a line after every statement
   * so far has ended. Blank lines go with the part before them. `text` is the parsed text from offset `base`.
   */
  private async cut(shared: SharedTree, text: string, base: number, baseRow: number, reusable?: Map<string, Part[]>): Promise<Placed[]> {
    const groups: { start: number; row: number; nodes: Ancestry[]; units: number; structural: boolean }[] = [{ start: base, row: baseRow, nodes: [], units: 0, structural: false }];
    let lastRow = -1;
    const add = (unit: Unit): void => {
      if (unit.startRow > lastRow && groups[groups.length - 1].units > 0) {
        groups.push({ start: base + lineStart(text, unit.startIndex - base), row: unit.startRow, nodes: [], units: 0, structural: false });
      }
      const group = groups[groups.length - 1];
      group.units++;
      if (unit.node) {
        group.nodes.push({ node: unit.node, up: unit.up });
      } else {
        group.structural = true;
      }
      lastRow = Math.max(lastRow, unit.endRow);
    };
    const cursor = shared.tree.walk();
    const top: Ancestry = { node: shared.tree.rootNode };
    if (cursor.gotoFirstChild()) {
      do {
        const whole: Unit = { startRow: cursor.startPosition.row, startIndex: cursor.startIndex, endRow: lastRowOf(cursor.endPosition), node: cursor.currentNode, up: top };
        (cursor.nodeType === 'function_definition' ? functionUnits(whole) : [whole]).forEach(add);
      } while (cursor.gotoNextSibling());
    }
    cursor.delete();
    const out: Placed[] = [];
    const built: Part[] = [];
    try {
      for (let g = 0; g < groups.length; g++) {
        const { start, row, nodes, structural } = groups[g];
        const end = g + 1 < groups.length ? groups[g + 1].start : base + text.length;
        const partText = text.slice(start - base, end - base);
        let part = reusable?.get(partText)?.pop();
        if (!part) {
          part = await Part.build(partText, row, nodes, shared, structural);
          built.push(part);
        }
        out.push({ part, start, row });
      }
    } catch (e) {
      // A part past the nesting limit: the parts built so far hold the tree, the session keeps its old ones.
      built.forEach((p) => p.release());
      throw e;
    }
    return out;
  }

  private commit(text: string): void {
    this.text = text;
    const parts = this.placed.map((p) => p.part.at(p.row));
    this.current = {
      path: this.path,
      text,
      commands: parts.flatMap((p) => p.commands),
      assignments: parts.flatMap((p) => p.assignments),
      parts: this.placed.map((p) => ({ part: p.part, row: p.row })),
      dispose: () => this.dispose(),
    };
  }
}

/**
 * tree-sitter-bash reads a line of assignments alone (`A=1 B=2`) sometimes as a statement of its own and
 * sometimes as the prefix of the command on the next line, depending on text around it: where such a line
 * is, a part's meaning is not its text alone.
 */
function ambiguousAssignments(root: Node): boolean {
  return searchTree<{ type: string; node?: Node }>(root, (cursor, above) => {
    const type = cursor.nodeType;
    if (type === 'variable_assignment') {
      const parent = above[above.length - 1];
      const name = parent?.type === 'command' ? parent.node!.childForFieldName('name') : undefined;
      if (parent?.type === 'variable_assignments' || (name && name.startPosition.row > cursor.startPosition.row)) {
        return FOUND;
      }
    }
    return { type, node: type === 'command' ? cursor.currentNode : undefined };
  });
}

/** A statement (or the head or tail of a function) as the cut sees it. */
interface Unit {
  startRow: number;
  startIndex: number;
  /** The last row it takes (see lastRowOf). */
  endRow: number;
  /** The statement to build; none for a function's head and closing brace, which hold no commands. */
  node?: Node;
  /** What the statement stands in: the tree's root, or a function's body. */
  up?: Ancestry;
}

/** The last row a node takes: one that ends at column 0 ends on the row before. */
const lastRowOf = (end: Point): number => (end.column === 0 ? end.row - 1 : end.row);

/**
 * A function whose braces stand on lines of their own (`main() {` … `}`) is cut inside: its head, each
 * statement of its body, and its closing brace. A script wrapped whole in `main` is then re-parsed statement
 * by statement too (a body statement parses alone as it does inside). Any other function is one unit.
 */
function functionUnits(fn: Unit): Unit[] {
  const body = fn.node!.childForFieldName('body');
  const statements = body?.type === 'compound_statement' ? body.namedChildren.filter((c): c is Node => c !== null) : [];
  // Only a function that parsed cleanly: in a broken one, a statement may not end where its node does.
  if (!body || fn.node!.hasError || statements.length === 0 || body.endIndex !== fn.node!.endIndex) {
    return [fn];
  }
  const open = body.startPosition.row;
  const close = body.endPosition.row;
  const inBody: Ancestry = { node: body, up: { node: fn.node!, up: fn.up } };
  if (statements[0].startPosition.row <= open || lastRowOf(statements[statements.length - 1].endPosition) >= close) {
    return [fn];
  }
  return [
    { startRow: fn.startRow, startIndex: fn.startIndex, endRow: open },
    ...statements.map((n) => ({ startRow: n.startPosition.row, startIndex: n.startIndex, endRow: lastRowOf(n.endPosition), node: n, up: inBody })),
    { startRow: close, startIndex: body.endIndex - 1, endRow: fn.endRow },
  ];
}

/** Parses `region`, which stands at offset `start`, row `row` (a line start), of the script: positions are the script's. */
async function parseRange(region: string, start: number, row: number): Promise<Tree | null> {
  const end = start + region.length;
  const lastBreak = region.lastIndexOf('\n');
  return (await bashParser()).parse((i) => (i >= start && i < end ? region.slice(i - start) : ''), null, {
    includedRanges: [{ startIndex: start, endIndex: end, startPosition: { row, column: 0 }, endPosition: { row: row + countLines(region, 0, region.length), column: region.length - lastBreak - 1 } }],
  });
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) {
    n++;
  }
  return n;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** A copy of a string, sharing nothing with the string it was cut from. */
function copyOf(s: string): string {
  return Buffer.from(s, 'utf16le').toString('utf16le');
}

/** The model of a script parsed once (a review); `dispose()` frees its trees. */
export async function buildScriptModel(path: string, text: string): Promise<ScriptModel> {
  const unparsed = unparsedModel(path, text);
  if (unparsed) {
    return unparsed;
  }
  try {
    return (await ScriptSession.open(path, text)).model;
  } catch (e) {
    return tooDeepModel(path, text, e);
  }
}
