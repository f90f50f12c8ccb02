import type { Finding, Fix } from '../finding';
import type { TextFile } from '../textFile';
import { addEdits, removeEdits, renameEdits, setValueEdits } from './edits';
import { canonical, type ConfigFile, type ConfigKey } from './keys';
import { isRequired, judgeKey, type DeprecationMatrix, type KeyRule } from './matrix';
import { readConfigFile } from './read';
import { finding, type RuleMeta } from '../rule';

export const DEPRECATED_KEY: RuleMeta = { id: 'config/deprecated-key', severity: 'warning', title: 'A config key is deprecated in the target version', scope: 'workspace' };
export const REMOVED_KEY: RuleMeta = { id: 'config/removed-key', severity: 'error', title: 'A config key is removed in the target version', scope: 'workspace' };
export const REQUIRED_KEY: RuleMeta = { id: 'config/required-key', severity: 'error', title: 'A required config key is missing or wrong', scope: 'workspace' };

function mapValue(rule: KeyRule, value: unknown): unknown {
  if (!rule.valueMap) {
    return undefined;
  }
  const hit = Object.entries(rule.valueMap).find(([from]) => canonical(from) === canonical(value));
  return hit ? hit[1] : undefined;
}

function fix(title: string, file: ConfigFile, edits: Fix['edits']): Fix[] {
  return [{ title, file: file.path, edits, safe: true }];
}

const note = (rule: KeyRule): string => (rule.note ? ` (${rule.note})` : '');

/**
 * Whether a text can hold a key of the product: the product's name is written in it, or a backslash is, which
 * could spell it (JSON's `\u0064`, YAML's `\x64`, a YAML line continued with `\`). A workspace holds other
 * tools' files too, and reading one into keys is the cost: a 206 KB package-lock.json took 24 ms warm, ~60 cold,
 * in every review and on every keystroke in a config file.
 */
const mayHoldProductKey = (text: string, product: string): boolean => text.includes(product) || text.includes('\\');

/** The product's config files: those holding at least one key of the product. */
export function productConfigFiles(files: readonly TextFile[], product: string): ConfigFile[] {
  return files
    .filter((f) => mayHoldProductKey(f.text, product))
    .map((f) => readConfigFile(f.path, f.text))
    .filter((f): f is ConfigFile => f !== undefined && f.keys.some((k) => k.key.startsWith(product + '.')));
}

/** config/removed-key, deprecated-key and required-key over the product's config files, with fixes. */
export function configDrift(files: readonly TextFile[], matrix: DeprecationMatrix, target: string, product: string): Finding[] {
  const configs = productConfigFiles(files, product);
  const out: Finding[] = [];
  const at = (rule: RuleMeta, file: ConfigFile, key: ConfigKey, message: string, fixes?: Fix[]): void => {
    out.push(finding(rule, file.path, message, key.keyRange, 'workspace', fixes ? { fixes } : {}));
  };
  for (const file of configs) {
    for (const key of file.keys) {
      const rule = matrix.keys.get(key.key);
      const verdict = rule ? judgeKey(rule, target) : undefined;
      if (!rule || !verdict) {
        continue;
      }
      let mapped = mapValue(rule, key.value);
      const replacement = rule.replacedBy;
      // A replacement the target requires to hold a value gets that value: a rename that writes the mapped
      // value would trade this finding for a config/required-key error.
      const requiredRule = replacement ? matrix.keys.get(replacement) : undefined;
      const required = requiredRule?.requiredFrom !== undefined && requiredRule.value !== undefined && isRequired(requiredRule, target) ? requiredRule : undefined;
      const why = required && mapped !== undefined && canonical(mapped) !== canonical(required.value) ? ` (required from ${product} ${required.requiredFrom})` : '';
      if (required) {
        mapped = required.value;
      }
      const fixes = replacement
        ? fix(`Rename to ${replacement}${mapped !== undefined ? ` = ${String(mapped)}` : ''}${why}`, file, renameEdits(file, key, replacement, mapped, product))
        : verdict === 'removed'
          ? fix(`Remove ${key.key}`, file, removeEdits(file, key))
          : undefined;
      const instead = replacement ? `; use ${replacement}${mapped !== undefined ? ` = ${String(mapped)}` : ''} instead` : '';
      if (verdict === 'removed') {
        at(REMOVED_KEY, file, key, `${key.key} was removed in ${product} ${rule.removedIn}: ${target} ignores it${instead}${note(rule)}`, fixes);
      } else {
        at(DEPRECATED_KEY, file, key, `${key.key} is deprecated since ${product} ${rule.deprecatedIn}${rule.removedIn ? ` and goes in ${rule.removedIn}` : ''}${instead}${note(rule)}`, fixes);
      }
    }
  }
  for (const rule of matrix.keys.values()) {
    if (rule.requiredFrom === undefined || !isRequired(rule, target)) {
      continue;
    }
    const wanted = rule.value;
    const present = configs.flatMap((file) => file.keys.filter((k) => k.key === rule.key).map((key) => ({ file, key })));
    for (const { file, key } of present) {
      if (wanted !== undefined && canonical(key.value) !== canonical(wanted)) {
        at(REQUIRED_KEY, file, key, `${rule.key} must be ${String(wanted)} from ${product} ${rule.requiredFrom}, but is ${String(key.value)}${note(rule)}`, fix(`Set ${rule.key} to ${String(wanted)}`, file, setValueEdits(file, key, wanted)));
      }
    }
    if (present.length === 0 && configs.length > 0) {
      // Absent everywhere: say it where the product's keys live (a file renaming into it comes first).
      const renaming = configs.find((f) => f.keys.some((k) => matrix.keys.get(k.key)?.replacedBy === rule.key));
      const home = renaming ?? [...configs].sort((a, b) => countProduct(b, product) - countProduct(a, product))[0];
      const anchor = home.keys.find((k) => matrix.keys.get(k.key)?.replacedBy === rule.key) ?? home.keys.filter((k) => k.key.startsWith(product + '.')).pop()!;
      const value = wanted ?? '';
      at(REQUIRED_KEY, home, anchor, `${rule.key} is required from ${product} ${rule.requiredFrom}${wanted !== undefined ? ` and must be ${String(wanted)}` : ''}, but no config file sets it${note(rule)}`, renaming ? undefined : fix(`Add ${rule.key} = ${String(value)}`, home, addEdits(home, rule.key, value, product)));
    }
  }
  return out;
}

function countProduct(file: ConfigFile, product: string): number {
  return file.keys.filter((k) => k.key.startsWith(product + '.')).length;
}
