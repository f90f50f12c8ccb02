import type { Node, Tree } from 'web-tree-sitter';
import type { Finding, Position, Range } from '../finding';
import { identity, ScriptBuilder, type Ancestry, type Assignment, type Heredoc, type Redirect, type ShellCommand, type Word } from './model';

/** A syntax tree shared by the parts built from it: freed when the last of them goes. */
export class SharedTree {
  private refs = 0;
  constructor(
    readonly tree: Tree,
    /** Whether it holds the whole script (as opposed to a region of it). */
    readonly whole: boolean,
  ) {}
  retain(): void {
    this.refs++;
  }
  release(): void {
    if (--this.refs === 0) {
      this.tree.delete();
    }
  }
}

/**
 * The model of a run of whole lines holding whole top-level statements. What it means depends on its text
 * alone, so it is built once and reused, wherever the run moves, for as long as its text stays.
 */
export class Part {
  private shifted?: { rows: number; commands: ShellCommand[]; assignments: Assignment[] };
  private found?: { rules: object; env: object; path: string; findings: Finding[] };

  private constructor(
    readonly text: string,
    /** The row the run started at in the tree it was parsed from: its ranges are relative to that. */
    private readonly builtRow: number,
    private readonly commands: ShellCommand[],
    private readonly assignments: Assignment[],
    readonly tree: SharedTree,
    private readonly nestedTrees: Tree[],
    /** Holds the head or closing brace of a function cut inside: it means something only around its body. */
    readonly structural: boolean,
  ) {
    tree.retain();
  }

  static async build(text: string, row: number, statements: readonly Ancestry[], tree: SharedTree, structural: boolean): Promise<Part> {
    const builder = new ScriptBuilder();
    try {
      for (const statement of statements) {
        await builder.walk(statement.node, identity, false, statement.up);
      }
    } catch (e) {
      // Past the nesting limit: the trees of the `bash -c` strings parsed so far are freed with the part.
      builder.nestedTrees.forEach((t) => t.delete());
      throw e;
    }
    return new Part(text, row, builder.commands, builder.assignments, tree, builder.nestedTrees, structural);
  }

  /** Commands and assignments with their ranges where the run starts now. */
  at(row: number): { commands: ShellCommand[]; assignments: Assignment[] } {
    const rows = row - this.builtRow;
    if (rows === 0) {
      return { commands: this.commands, assignments: this.assignments };
    }
    if (this.shifted?.rows !== rows) {
      this.shifted = { rows, ...shiftAll(this.commands, this.assignments, rows) };
    }
    return this.shifted;
  }

  /**
   * What the rules that look at one statement at a time find in this part, placed where the part starts now.
   * Kept while the rules and the environment are the same objects: as the user types, only the edited part
   * is linted again.
   */
  findingsOf(rules: object, env: object, path: string, row: number, lint: (own: { commands: ShellCommand[]; assignments: Assignment[] }) => Finding[]): Finding[] {
    if (this.found?.env !== env || this.found.rules !== rules || this.found.path !== path) {
      this.found = { rules, env, path, findings: lint({ commands: this.commands, assignments: this.assignments }) };
    }
    const rows = row - this.builtRow;
    return rows === 0 || this.found.findings.length === 0 ? this.found.findings : this.found.findings.map((f) => shiftFinding(f, rows));
  }

  release(): void {
    this.nestedTrees.forEach((t) => t.delete());
    this.tree.release();
  }
}

function shiftPosition(p: Position, rows: number): Position {
  return { line: p.line + rows, character: p.character };
}

function shiftRange(r: Range, rows: number): Range {
  return { start: shiftPosition(r.start, rows), end: shiftPosition(r.end, rows) };
}

function shiftFinding(f: Finding, rows: number): Finding {
  const own = (file: string): boolean => file === f.file;
  return {
    ...f,
    range: shiftRange(f.range, rows),
    related: f.related?.map((r) => (own(r.file) ? { ...r, range: shiftRange(r.range, rows) } : r)),
    fixes: f.fixes?.map((x) => (own(x.file) ? { ...x, edits: x.edits.map((e) => ({ ...e, range: shiftRange(e.range, rows) })) } : x)),
  };
}

/** A word of a reused part, moved by some rows: value and text stay computed once, in the original. */
class ShiftedWord implements Word {
  constructor(
    private readonly word: Word,
    private readonly rows: number,
  ) {}
  get node(): Node {
    return this.word.node;
  }
  get value(): string | undefined {
    return this.word.value;
  }
  get text(): string {
    return this.word.text;
  }
  get range(): Range {
    return shiftRange(this.word.range, this.rows);
  }
}

/** A command of a reused part, moved by some rows; its words are wrapped only when a rule asks for them. */
class ShiftedCommand implements ShellCommand {
  private words?: Word[];
  private stages?: ShellCommand[];
  constructor(
    private readonly raw: ShellCommand,
    private readonly rows: number,
    private readonly moved: Map<ShellCommand, ShellCommand>,
  ) {}
  get name(): string {
    return this.raw.name;
  }
  get via(): string[] {
    return this.raw.via;
  }
  get nested(): boolean {
    return this.raw.nested;
  }
  get node(): Node {
    return this.raw.node;
  }
  get up(): Ancestry | undefined {
    return this.raw.up;
  }
  get pipelineIndex(): number {
    return this.raw.pipelineIndex;
  }
  get nameRange(): Range {
    return shiftRange(this.raw.nameRange, this.rows);
  }
  get range(): Range {
    return shiftRange(this.raw.range, this.rows);
  }
  get wrapperRange(): Range | undefined {
    return this.raw.wrapperRange && shiftRange(this.raw.wrapperRange, this.rows);
  }
  get args(): Word[] {
    this.words ??= this.raw.args.map((a) => new ShiftedWord(a, this.rows));
    return this.words;
  }
  get redirects(): Redirect[] {
    return this.raw.redirects.map((r) => ({ ...r, range: shiftRange(r.range, this.rows) }));
  }
  get heredoc(): Heredoc | undefined {
    const heredoc = this.raw.heredoc;
    return (
      heredoc && {
        body: heredoc.body,
        range: shiftRange(heredoc.range, this.rows),
        map: (r, c) => shiftPosition(heredoc.map(r, c), this.rows),
      }
    );
  }
  get herestring(): Word | undefined {
    return this.raw.herestring && new ShiftedWord(this.raw.herestring, this.rows);
  }
  get pipeline(): ShellCommand[] | undefined {
    this.stages ??= this.raw.pipeline?.map((c) => this.moved.get(c) ?? c);
    return this.stages;
  }
}

function shiftAll(commands: ShellCommand[], assignments: Assignment[], rows: number): { commands: ShellCommand[]; assignments: Assignment[] } {
  const moved = new Map<ShellCommand, ShellCommand>();
  for (const cmd of commands) {
    moved.set(cmd, new ShiftedCommand(cmd, rows, moved));
  }
  return {
    commands: [...moved.values()],
    assignments: assignments.map((a) => ({ ...a, range: shiftRange(a.range, rows), value: a.value && new ShiftedWord(a.value, rows) })),
  };
}
