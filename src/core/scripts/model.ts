import type { Node, Tree } from 'web-tree-sitter';
import type { Finding, Position, Range } from '../finding';
import { parseBash } from './parser';
import { approximate, literal } from './words';
import { append } from '../append';
import { basename, unwrap } from './wrappers';

/** Maps positions of a parsed text to the script file (nested `bash -c` strings start mid-line). */
export type PositionMap = (row: number, column: number) => Position;

export const identity: PositionMap = (row, column) => ({ line: row, character: column });

export interface Word {
  node: Node;
  /** Literal value, undefined when it depends on an expansion. */
  value: string | undefined;
  /** Quotes removed, expansions left as written. */
  text: string;
  range: Range;
}

export interface Redirect { op: string; target: string; range: Range }

export interface Heredoc { body: string; range: Range; map: PositionMap }

/** A simple command as it will run, with wrappers (sudo, env, nohup…) peeled off into `via`. */
export interface ShellCommand {
  name: string;
  nameRange: Range;
  args: Word[];
  range: Range;
  /** The wrappers this command runs through, outermost first (e.g. ['sudo']). */
  via: string[];
  redirects: Redirect[];
  heredoc?: Heredoc;
  herestring?: Word;
  /** The pipeline this command stands in, and its place in it. */
  pipeline?: ShellCommand[];
  pipelineIndex: number;
  /** Whether it came from a nested script (`bash -c "…"`). */
  nested: boolean;
  /** The outermost wrapper's word (`sudo`), when there is one. */
  wrapperRange?: Range;
  node: Node;
  /** The nodes around it, nearest first (see ancestors). */
  up?: Ancestry;
}

/**
 * A node's parents, kept as the walk goes down. tree-sitter finds a node's parent by searching down from the
 * root (`Node.parent` scans the siblings on the way), so asking it for each of 100,000 statements took time
 * that grew with the square of their number.
 */
export interface Ancestry {
  readonly node: Node;
  readonly up?: Ancestry;
}

/** The nodes a command stands in, nearest first. */
export function* ancestors(cmd: ShellCommand): Generator<Node> {
  for (let a = cmd.up; a; a = a.up) {
    yield a.node;
  }
}

export interface Assignment { name: string; value: Word | undefined; range: Range }

/** A part of a session's model (see parts.ts): the findings of statement rules in it, kept while it is unchanged. */
export interface ModelPart {
  findingsOf(rules: object, env: object, path: string, row: number, lint: (own: { commands: ShellCommand[]; assignments: Assignment[] }) => Finding[]): Finding[];
}

export interface ScriptModel {
  path: string;
  text: string;
  commands: ShellCommand[];
  assignments: Assignment[];
  /** Why the script was not modelled at all (too many statements or words, nested too deep), when it was not. */
  notParsed?: string;
  /** The parts of the script and the rows they start at, when it was cut into parts (see session.ts). */
  parts?: readonly { part: ModelPart; row: number }[];
  /** Frees the syntax trees behind the model (the script's and those of nested `bash -c` strings). */
  dispose(): void;
}

/**
 * Syntax nested deeper than this (real scripts reach ~25 levels) is not modelled: in `echo "$(echo "$(…)")"`
 * each command's words hold all the commands inside it, so the rules read the script's text once per level
 * (100,000 levels, 2 KB zipped: 20 s).
 */
export const MAX_DEPTH = 1_000;

/** Thrown by the model's walk at the first node past MAX_DEPTH: the script gets a model that says why. */
export class NestedTooDeep extends Error {
  constructor(readonly line: number) {
    super(`nests more than ${MAX_DEPTH} levels deep (line ${line + 1})`);
  }
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'ksh', 'zsh', 'ash']);

function rangeOf(node: Node, map: PositionMap): Range {
  return { start: map(node.startPosition.row, node.startPosition.column), end: map(node.endPosition.row, node.endPosition.column) };
}

/**
 * A word whose value, text and range are computed on first use: most words of a long script are never
 * looked at by any rule, and each computation crosses into the parser's wasm.
 */
class LazyWord implements Word {
  private v?: { value: string | undefined };
  private t?: string;
  private r?: Range;
  constructor(
    readonly node: Node,
    private readonly map: PositionMap,
  ) {}
  get value(): string | undefined {
    this.v ??= { value: literal(this.node) };
    return this.v.value;
  }
  get text(): string {
    this.t ??= this.value ?? approximate(this.node);
    return this.t;
  }
  get range(): Range {
    this.r ??= rangeOf(this.node, this.map);
    return this.r;
  }
}

function toWord(node: Node, map: PositionMap): Word {
  return new LazyWord(node, map);
}

export class ScriptBuilder {
  readonly commands: ShellCommand[] = [];
  readonly assignments: Assignment[] = [];
  /** Trees of nested scripts: their nodes back the words, so they live as long as the model. */
  readonly nestedTrees: Tree[] = [];

  constructor(private readonly depth = 0) {}

  /** Walks `root`, whose parents are `up` (none for a tree's root). */
  async walk(root: Node, map: PositionMap, nested: boolean, up?: Ancestry): Promise<void> {
    const stack: Ancestry[] = [{ node: root, up }];
    let base = 0;
    for (let a = up; a; a = a.up) {
      base++;
    }
    const depths = [base];
    while (stack.length > 0) {
      const visit = stack.pop()!;
      const node = visit.node;
      const depth = depths.pop()!;
      if (depth > MAX_DEPTH) {
        throw new NestedTooDeep(map(node.startPosition.row, node.startPosition.column).line);
      }
      if (node.type === 'command') {
        await this.addCommand(node, visit.up, map, nested);
      } else if (node.type === 'variable_assignment' && visit.up?.node.type !== 'command') {
        const name = node.childForFieldName('name')?.text ?? node.namedChildren[0]?.text ?? '';
        const valueNode = node.childForFieldName('value');
        this.assignments.push({ name, value: valueNode ? toWord(valueNode, map) : undefined, range: rangeOf(node, map) });
      }
      for (let i = node.namedChildCount - 1; i >= 0; i--) {
        const child = node.namedChild(i);
        if (child && child.type !== 'comment') {
          stack.push({ node: child, up: visit });
          depths.push(depth + 1);
        }
      }
    }
  }

  private async addCommand(node: Node, up: Ancestry | undefined, map: PositionMap, nested: boolean): Promise<void> {
    const nameNode = node.childForFieldName('name');
    if (!nameNode) {
      return;
    }
    const nameWord = toWord(nameNode, map);
    const argNodes = node.namedChildren.filter(
      (c): c is Node => c !== null && c.id !== nameNode.id && c.type !== 'variable_assignment' && c.type !== 'file_redirect' && c.type !== 'herestring_redirect',
    );
    const args = argNodes.map((n) => toWord(n, map));
    const peeled = unwrap(basename(nameWord.value ?? nameWord.text), args);
    const cmd: ShellCommand = {
      name: peeled.name,
      nameRange: (peeled.nameWord ?? nameWord).range,
      args: peeled.args,
      range: rangeOf(node, map),
      via: peeled.via,
      redirects: [],
      pipelineIndex: 0,
      nested,
      node,
      up,
    };
    if (peeled.via.length > 0) {
      cmd.wrapperRange = nameWord.range;
    }
    this.attachRedirects(cmd, node, up, map);
    this.attachPipeline(cmd, node, up);
    this.commands.push(cmd);
    await this.followNested(cmd, map);
  }

  private attachRedirects(cmd: ShellCommand, node: Node, up: Ancestry | undefined, map: PositionMap): void {
    const holders = [node, up?.node.type === 'redirected_statement' ? up.node : null];
    for (const holder of holders) {
      // `cat <<EOF >/path`: tree-sitter-bash puts redirects written after the heredoc marker inside it.
      const children = (holder?.namedChildren ?? []).flatMap((c) => (c?.type === 'heredoc_redirect' ? [c, ...c.namedChildren.filter((n) => n?.type === 'file_redirect')] : [c]));
      for (const child of children) {
        if (!child) {
          continue;
        }
        if (child.type === 'file_redirect') {
          const op = child.children.find((c) => c && !c.isNamed)?.text ?? '>';
          const target = child.childForFieldName('destination') ?? child.namedChildren[child.namedChildren.length - 1];
          if (target) {
            cmd.redirects.push({ op, target: approximate(target), range: rangeOf(target, map) });
          }
        } else if (child.type === 'heredoc_redirect') {
          const body = child.namedChildren.find((c) => c?.type === 'heredoc_body');
          if (body) {
            cmd.heredoc = { body: body.text, range: rangeOf(body, map), map: (r, c) => map(body.startPosition.row + r, r === 0 ? body.startPosition.column + c : c) };
          }
        } else if (child.type === 'herestring_redirect') {
          const w = child.namedChildren[0];
          if (w) {
            cmd.herestring = toWord(w, map);
          }
        }
      }
    }
  }

  private attachPipeline(cmd: ShellCommand, node: Node, up: Ancestry | undefined): void {
    // The stage is the command, or what holds it (redirects, a subshell, braces); `above` is the stage's parent.
    let stage = node;
    let above = up;
    if (above?.node.type === 'redirected_statement') {
      stage = above.node;
      above = above.up;
    }
    while (above && above.node.type !== 'pipeline' && ['subshell', 'compound_statement', 'redirected_statement'].includes(above.node.type)) {
      stage = above.node;
      above = above.up;
    }
    const pipeline = above?.node.type === 'pipeline' ? above.node : undefined;
    if (!pipeline) {
      return;
    }
    // The stages are listed once per pipeline: listing them for each of its commands made a pipeline of
    // 30,000 stages (600 bytes zipped) take minutes.
    let shared = this.pipelines.get(pipeline.id);
    if (!shared) {
      const stages = new Map<number, number>();
      pipeline.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment').forEach((c, i) => stages.set(c.id, i));
      shared = { commands: [], stages };
      this.pipelines.set(pipeline.id, shared);
    }
    cmd.pipelineIndex = shared.stages.get(stage.id) ?? -1;
    shared.commands.push(cmd);
    cmd.pipeline = shared.commands;
  }

  /** Each pipeline's commands, and the index of each of its stages by node id. */
  private readonly pipelines = new Map<number, { commands: ShellCommand[]; stages: Map<number, number> }>();

  /** `bash -c "…"`, `su -c "…"`: the string is a script of its own, parsed and walked. */
  private async followNested(cmd: ShellCommand, map: PositionMap): Promise<void> {
    if (this.depth > 3) {
      return;
    }
    const isShell = SHELLS.has(cmd.name) || cmd.name === 'su';
    if (!isShell) {
      return;
    }
    const c = cmd.args.findIndex((a) => a.value === '-c' || a.value === '--command' || (a.value !== undefined && /^-[a-z]*c$/.test(a.value) && cmd.name !== 'su'));
    const script = c >= 0 ? cmd.args[c + 1] : undefined;
    if (!script) {
      return;
    }
    const text = script.text;
    const inner = script.node.type === 'string' || script.node.type === 'raw_string' ? 1 : 0;
    const start = script.node.startPosition;
    const nestedMap: PositionMap = (r, col) => map(start.row + r, r === 0 ? start.column + inner + col : col);
    const tree = await parseBash(text);
    this.nestedTrees.push(tree);
    const builder = new ScriptBuilder(this.depth + 1);
    await builder.walk(tree.rootNode, nestedMap, true);
    for (const nestedCmd of builder.commands) {
      // `sudo bash -c "x"` runs x through sudo, reported once at the outer sudo.
      nestedCmd.via = [...cmd.via, ...nestedCmd.via];
    }
    append(this.commands, builder.commands);
    append(this.assignments, builder.assignments);
    append(this.nestedTrees, builder.nestedTrees);
  }
}

/** Option values: `-c VALUE`, `-cVALUE`, `--command=VALUE`. */
export function optionValue(cmd: ShellCommand, short: string[], long: string[] = []): Word | undefined {
  for (let i = 0; i < cmd.args.length; i++) {
    const v = cmd.args[i].value ?? '';
    if (short.includes(v) || long.includes(v)) {
      return cmd.args[i + 1];
    }
    for (const l of long) {
      if (v.startsWith(l + '=')) {
        return { node: cmd.args[i].node, range: cmd.args[i].range, value: v.slice(l.length + 1), text: v.slice(l.length + 1) };
      }
    }
  }
  return undefined;
}

/** Arguments that are not options (and not option values for the given options). */
export function operands(cmd: ShellCommand, optionsWithValue: string[] = []): Word[] {
  const out: Word[] = [];
  for (let i = 0; i < cmd.args.length; i++) {
    const v = cmd.args[i].value ?? cmd.args[i].text;
    if (optionsWithValue.includes(v)) {
      i++;
    } else if (!v.startsWith('-') || v === '-') {
      out.push(cmd.args[i]);
    }
  }
  return out;
}
