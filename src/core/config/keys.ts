import type { Range } from '../finding';

export type ConfigFormat = 'properties' | 'ini' | 'json' | 'yaml';

/** One key of a config file, with the ranges a finding and a fix need. */
export interface ConfigKey {
  /** The full dotted key (INI section and nesting included). */
  key: string;
  /** The value as the format means it: boolean, number, string or null. */
  value: unknown;
  /** Range of the key as written (for nested keys: the last segment). */
  keyRange: Range;
  /** Range of the value text. */
  valueRange: Range;
  /** Offsets of the whole entry (for removal), and the segments of the key as written. */
  entryStart: number;
  entryEnd: number;
  segments: string[];
  nested: boolean;
}

export interface ConfigFile { path: string; text: string; format: ConfigFormat; keys: ConfigKey[] }

/** Values compared by meaning: true, "true", on, yes are one boolean where the format allows it. */
export function canonical(value: unknown): string {
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (['true', 'on', 'yes'].includes(v)) {
      return 'true';
    }
    if (['false', 'off', 'no'].includes(v)) {
      return 'false';
    }
    return /^-?\d+(\.\d+)?$/.test(v) ? String(Number(v)) : value.trim();
  }
  return String(value);
}

export function formatOf(path: string): ConfigFormat | undefined {
  const name = path.split('/').pop()!.toLowerCase();
  if (name.endsWith('.json') || name.endsWith('.jsonc')) {
    return 'json';
  }
  if (name.endsWith('.yaml') || name.endsWith('.yml')) {
    return 'yaml';
  }
  if (name.endsWith('.ini')) {
    return 'ini';
  }
  return 'properties';
}
