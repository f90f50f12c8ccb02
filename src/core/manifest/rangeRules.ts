import * as semver from 'semver';
import { finding } from '../rules';
import type { Check } from '../context';
import type { Finding } from '../finding';
import type { JSONPath } from 'jsonc-parser';
import { MANIFEST_PATH } from './model';

const LOOSE_WORDS = new Set(['latest', '*', 'x', 'X', '']);

/** A range is loose when some alternative of it has no upper bound. */
export function isLooseRange(range: string): boolean {
  const trimmed = range.trim();
  if (LOOSE_WORDS.has(trimmed)) {
    return true;
  }
  const parsed = new semver.Range(trimmed);
  return parsed.set.some(
    (comparators) =>
      !comparators.some((c) => c.operator === '<' || c.operator === '<=' || (c.operator === '' && c.value !== '')),
  );
}

export function isValidRange(range: string): boolean {
  return range.trim() === 'latest' || semver.validRange(range) !== null;
}

/** manifest/invalid-range and manifest/loose-range over dependencies and upgrade paths. */
export const rangeRules: Check = ({ manifest }) => {
  if (!manifest) {
    return [];
  }
  const out: Finding[] = [];
  const check = (path: JSONPath, label: string, range: unknown): void => {
    if (typeof range !== 'string') {
      return;
    }
    const where = manifest.doc.valueRange(path);
    if (!isValidRange(range)) {
      out.push(finding('manifest/invalid-range', MANIFEST_PATH, `${label}: "${range}" is not a valid semver range`, where));
    } else if (isLooseRange(range)) {
      out.push(
        finding('manifest/loose-range', MANIFEST_PATH, `${label}: "${range}" has no upper bound, so any future major version satisfies it; ask the vendor for a tested range`, where),
      );
    }
  };
  for (const [name, range] of Object.entries(manifest.dependencies)) {
    check(['dependencies', name], `dependency "${name}"`, range);
  }
  for (const { from, index } of manifest.upgradePaths) {
    check(['upgradePaths', index, 'from'], `upgrade path ${index + 1}`, from);
  }
  return out;
};
