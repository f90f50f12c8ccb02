const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\x1b': '\\e' };
/** C0, DEL and C1: what a terminal acts on. */
const CONTROLS = '\\u0000-\\u001f\\u007f-\\u009f';
const CONTROL = new RegExp(`[${CONTROLS}]`);
/** Controls, and the bidirectional overrides that reorder what a reader sees. */
const ESCAPED = new RegExp(`[${CONTROLS}\\u202a-\\u202e\\u2066-\\u2069]`, 'g');

/** Whether text holds control characters (C0, DEL, C1). */
export function hasControls(text: string): boolean {
  return CONTROL.test(text);
}

/**
 * Text from a package made safe for a terminal: control characters and bidirectional overrides are shown as
 * escapes, so a name cannot clear the screen, rewrite the line a reviewer reads, or break one finding over two
 * lines. JSON output keeps the real text.
 */
export function escapeControls(text: string): string {
  return text.replace(ESCAPED, (c) => SHORT[c] ?? `\\u{${c.charCodeAt(0).toString(16)}}`);
}

/**
 * Text ordered by its UTF-16 code units, as `sort` under the C locale orders paths: the same on every machine
 * whatever its locale, and with no collator to build (an `Intl.Collator`, or the first `localeCompare`, costs
 * a one-shot process 6–10 ms of ICU set-up).
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
