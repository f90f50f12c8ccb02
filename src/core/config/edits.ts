import { applyEdits, modify } from 'jsonc-parser';
import { LineIndex, type TextEdit } from '../finding';
import type { ConfigFile, ConfigKey } from './keys';
import { applyTextEdits, minimalEdit, offsetEdit } from './textEdits';
import { readConfigFile } from './read';
import { append } from '../append';

const JSON_FORMAT = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };

function detectIndent(text: string): number {
  const m = /^( +)\S/m.exec(text);
  return m ? m[1].length : 2;
}

function flatValue(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}

function yamlValue(value: unknown, old?: string): string {
  if (old && /^["']/.test(old)) {
    return old[0] + String(value) + old[0]; // keep the user's quoting
  }
  if (typeof value !== 'string') {
    return String(value);
  }
  const quote = old && /^["']/.test(old) ? old[0] : /^[\w./-]+$/.test(value) && !/^(true|false|yes|no|on|off|null|~|\d+(\.\d+)?)$/i.test(value) ? '' : '"';
  return quote + value + quote;
}

/** Replaces a key's value, keeping the format's quoting. */
export function setValueEdits(file: ConfigFile, key: ConfigKey, value: unknown): TextEdit[] {
  const lines = new LineIndex(file.text);
  const old = file.text.slice(lines.offsetAt(key.valueRange.start), lines.offsetAt(key.valueRange.end));
  const text = file.format === 'json' ? JSON.stringify(value) : file.format === 'yaml' ? yamlValue(value, old) : /^["']/.test(old) ? old[0] + flatValue(value) + old[0] : flatValue(value);
  if (key.valueRange.start.line === key.valueRange.end.line && key.valueRange.start.character === key.valueRange.end.character && file.format === 'yaml') {
    return [{ range: key.valueRange, newText: ' ' + text }];
  }
  return [{ range: key.valueRange, newText: text }];
}

/** Removes a key with its line (or, in JSON, its property and comma). */
export function removeEdits(file: ConfigFile, key: ConfigKey): TextEdit[] {
  if (file.format === 'json') {
    const path = key.nested ? key.segments : [key.key];
    const edits = modify(file.text, path, undefined, JSON_FORMAT);
    return [minimalEdit(file.text, applyEdits(file.text, edits))];
  }
  return [offsetEdit(file.text, key.entryStart, key.entryEnd, '')];
}

/** The key as the file would spell it: same nesting as the product's other keys. */
function prefersNested(file: ConfigFile, product: string): boolean {
  const mine = file.keys.filter((k) => k.key.startsWith(product + '.'));
  return mine.length > 0 && mine.filter((k) => k.nested).length >= mine.length / 2;
}

/** Adds a key next to the product's other keys, in the file's own style. */
export function addEdits(file: ConfigFile, fullKey: string, value: unknown, product: string): TextEdit[] {
  const text = file.text;
  if (file.format === 'json') {
    const path = prefersNested(file, product) ? fullKey.split('.') : [fullKey];
    return [minimalEdit(text, applyEdits(text, modify(text, path, value, { formattingOptions: { insertSpaces: true, tabSize: detectIndent(text), eol: '\n' } })))];
  }
  if (file.format === 'yaml') {
    return [yamlInsert(file, fullKey, value, product)];
  }
  const sections = file.keys.filter((k) => k.nested && fullKey.startsWith(k.segments[0] + '.'));
  if (sections.length > 0) {
    const section = sections.sort((a, b) => b.segments[0].length - a.segments[0].length)[0].segments[0];
    const last = file.keys.filter((k) => k.segments[0] === section).pop()!;
    const sep = /\s=\s/.test(text.slice(last.entryStart, last.entryEnd)) ? ' = ' : '=';
    return [insertLine(text, last.entryEnd, `${fullKey.slice(section.length + 1)}${sep}${flatValue(value)}`)];
  }
  const anyNested = file.keys.some((k) => k.nested);
  const productKeys = file.keys.filter((k) => !k.nested && k.key.startsWith(product + '.'));
  if (anyNested && productKeys.length === 0) {
    const dot = fullKey.lastIndexOf('.');
    const block = `\n[${fullKey.slice(0, dot)}]\n${fullKey.slice(dot + 1)} = ${flatValue(value)}\n`;
    return [offsetEdit(text, text.length, text.length, (text.endsWith('\n') ? '' : '\n') + block)];
  }
  const anchor = productKeys.pop();
  const sample = anchor ? text.slice(anchor.entryStart, anchor.entryEnd) : '';
  const sep = /^\s*(?:export\s+)?[\w.-]+(\s*[=:]\s*)/.exec(sample)?.[1] ?? '=';
  return [insertLine(text, anchor ? anchor.entryEnd : text.length, `${fullKey}${sep}${flatValue(value)}`)];
}

/**
 * Inserts a key into YAML as text, so nothing else is re-serialised (quotes, comments and spacing stay):
 * under the deepest map that already exists, creating the missing levels with the file's indentation.
 */
function yamlInsert(file: ConfigFile, fullKey: string, value: unknown, product: string): TextEdit {
  const text = file.text;
  const unit = detectIndent(text);
  if (!prefersNested(file, product)) {
    const anchor = file.keys.filter((k) => !k.nested && k.key.startsWith(product + '.')).pop();
    return insertLine(text, anchor ? anchor.entryEnd : text.length, `${fullKey}: ${yamlValue(value)}`);
  }
  const segments = fullKey.split('.');
  let depth = 0;
  for (let k = segments.length - 1; k >= 1; k--) {
    if (file.keys.some((key) => key.segments.length > k && segments.slice(0, k).every((s, i) => key.segments[i] === s))) {
      depth = k;
      break;
    }
  }
  const inBlock = file.keys.filter((key) => segments.slice(0, depth).every((s, i) => key.segments[i] === s));
  const at = inBlock.length ? Math.max(...inBlock.map((k) => k.entryEnd)) : text.length;
  const lines = segments.slice(depth).map((seg, i) => `${' '.repeat(unit * (depth + i))}${seg}:${depth + i === segments.length - 1 ? ` ${yamlValue(value)}` : ''}`);
  return insertLine(text, at, lines.join('\n'));
}

function insertLine(text: string, at: number, line: string): TextEdit {
  const needsBreak = at > 0 && text[at - 1] !== '\n';
  return offsetEdit(text, at, at, `${needsBreak ? '\n' : ''}${line}\n`);
}

/** Renames a key, keeping its place when only the last segment changes; otherwise remove + add. */
export function renameEdits(file: ConfigFile, key: ConfigKey, newKey: string, value: unknown, product: string): TextEdit[] {
  const oldParent = key.key.slice(0, key.key.lastIndexOf('.'));
  const newParent = newKey.slice(0, newKey.lastIndexOf('.'));
  const leaf = newKey.slice(newKey.lastIndexOf('.') + 1);
  const sameValue = value === undefined;
  let keyText: string | undefined;
  if (!key.nested) {
    keyText = newKey;
  } else if (oldParent === newParent) {
    keyText = leaf;
  }
  if (keyText !== undefined) {
    const edits: TextEdit[] = [{ range: key.keyRange, newText: file.format === 'json' ? JSON.stringify(keyText) : keyText }];
    if (!sameValue) {
      append(edits, setValueEdits(file, key, value));
    }
    return edits;
  }
  // The key moves to another parent: remove it, then add the new one to the text without it.
  const without = removeEdits(file, key);
  const rest = applyTextEdits(file.text, without);
  const after = applyTextEdits(rest, addEdits(readConfigFile(file.path, rest)!, newKey, sameValue ? key.value : value, product));
  return [minimalEdit(file.text, after)];
}
