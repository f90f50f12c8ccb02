import { LineIndex, type TextEdit } from '../finding';

/** Applies non-overlapping edits to a text (last first, so earlier offsets stay valid). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const withOffsets = edits
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of withOffsets) {
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  }
  return out;
}

/** One edit turning `before` into `after`: the common prefix and suffix are left alone. */
export function minimalEdit(before: string, after: string): TextEdit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) {
    start++;
  }
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before[endB - 1] === after[endA - 1]) {
    endB--;
    endA--;
  }
  const lines = new LineIndex(before);
  return { range: { start: lines.positionAt(start), end: lines.positionAt(endB) }, newText: after.slice(start, endA) };
}

export function offsetEdit(text: string, start: number, end: number, newText: string): TextEdit {
  const lines = new LineIndex(text);
  return { range: { start: lines.positionAt(start), end: lines.positionAt(end) }, newText };
}
