const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\x1b': '\\e' };

/**
 * Text from a package made safe for a terminal: control characters (C0, DEL, C1) and the bidirectional
 * overrides that reorder what a reader sees are shown as escapes, so a name cannot clear the screen, rewrite
 * the line a reviewer reads, or break one finding over two lines. JSON output keeps the real text.
 */
export function escapeControls(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => SHORT[c] ?? `\\u{${c.charCodeAt(0).toString(16)}}`);
}
