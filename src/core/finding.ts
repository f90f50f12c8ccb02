import { compareText } from './text';

/** Plain data the engine speaks: no vscode types here. Positions are 0-based. */
export type Severity = 'error' | 'warning' | 'info';
export type Origin = 'package' | 'workspace';

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }

export interface TextEdit { range: Range; newText: string }

export interface Fix {
  title: string;
  /** Workspace-relative path of the file the edits apply to. */
  file: string;
  edits: TextEdit[];
  /** Safe to apply without asking (used by fix-all and `lint --fix`). */
  safe: boolean;
}

export interface RelatedInfo { file: string; origin: Origin; range: Range; message: string }

export interface Finding {
  rule: string;
  severity: Severity;
  /** Path inside the package (origin package) or relative to the workspace (origin workspace). */
  file: string;
  origin: Origin;
  range: Range;
  message: string;
  /** What was found in a few words, without the why (the report's checklists list it). */
  summary?: string;
  fixes?: Fix[];
  related?: RelatedInfo[];
  /** Many findings of one rule folded into this one: how many, and every file they were about. */
  group?: { count: number; files: string[] };
  /** Set by the review when a ledger entry accepts this finding. */
  accepted?: { reason: string; by?: string; date?: string };
}

/** Longer than any message of ours; what passes it is package text (a cron field of 5,000 days, a long path). */
export const MAX_MESSAGE = 2_000;

/** A message cut at MAX_MESSAGE characters, saying how much more there was. */
export function capMessage(message: string): string {
  return message.length <= MAX_MESSAGE ? message : `${message.slice(0, MAX_MESSAGE)}… (${message.length - MAX_MESSAGE} more characters)`;
}

export const ZERO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function lineRange(line: number, startChar = 0, endChar = startChar): Range {
  return { start: { line, character: startChar }, end: { line, character: endChar } };
}

/** Maps string offsets to line/character positions. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) {
        this.starts.push(i + 1);
      }
    }
  }
  positionAt(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return { line: lo, character: offset - this.starts[lo] };
  }
  rangeOf(offset: number, length: number): Range {
    return { start: this.positionAt(offset), end: this.positionAt(offset + length) };
  }
  offsetAt(pos: Position): number {
    return (this.starts[pos.line] ?? this.text.length) + pos.character;
  }
  get lineCount(): number {
    return this.starts.length;
  }
  lineText(line: number): string {
    const start = this.starts[line];
    const end = line + 1 < this.starts.length ? this.starts[line + 1] - 1 : this.text.length;
    return this.text.slice(start, end).replace(/\r$/, '');
  }
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.origin, b.origin) ||
    compareText(a.file, b.file) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    compareText(a.rule, b.rule)
  );
}
