import { LineIndex } from '../../finding';
import type { ConfigKey } from '../keys';

const SECTION = /^\s*\[([^\]]+)\]\s*(?:[#;].*)?$/;
const ENTRY = /^(\s*)(export\s+)?([A-Za-z0-9_.\-/]+)(\s*[=:]\s*|\s+)(.*?)\s*$/;

/** properties, .conf, .env and INI (`[section]` + key = section.key). Comments are never keys. */
export function readFlat(text: string, ini: boolean, properties = false): ConfigKey[] {
  const lines = new LineIndex(text);
  const keys: ConfigKey[] = [];
  const hasSections = ini || text.split('\n').some((l) => SECTION.test(l));
  let section = '';
  let offset = 0;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const start = offset;
    offset += raw.length + 1;
    const trimmed = line.trim();
    if (!trimmed || /^[#;!]/.test(trimmed)) {
      continue;
    }
    const sec = hasSections ? SECTION.exec(line) : null;
    if (sec) {
      section = sec[1].trim();
      continue;
    }
    const m = ENTRY.exec(line);
    if (!m || (m[4].trim() === '' && !hasSections && !/\s/.test(m[4]))) {
      continue;
    }
    let valueText = m[5];
    if (!properties) {
      valueText = valueText.replace(/\s+[#;].*$/, ''); // .conf/.ini/.env allow trailing comments; .properties does not
    }
    const keyStart = start + m[1].length + (m[2]?.length ?? 0);
    const valueStart = start + m[1].length + (m[2]?.length ?? 0) + m[3].length + m[4].length;
    const unquoted = /^(["']).*\1$/.test(valueText) ? valueText.slice(1, -1) : valueText;
    const full = section ? `${section}.${m[3]}` : m[3];
    keys.push({
      key: full,
      value: unquoted,
      keyRange: lines.rangeOf(keyStart, m[3].length),
      valueRange: lines.rangeOf(valueStart, valueText.length),
      entryStart: start,
      entryEnd: Math.min(offset, text.length),
      segments: section ? [section, m[3]] : [m[3]],
      nested: section !== '',
    });
  }
  return keys;
}
