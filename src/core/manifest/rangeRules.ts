import type { Check, PackageCheck } from '../context';
import type { Finding } from '../finding';
import type { JSONPath } from 'jsonc-parser';
import { MANIFEST_PATH } from './model';
import { isLooseRange, isValidRange } from './ranges';
import { finding, type RuleMeta } from '../rule';

export const INVALID_RANGE: RuleMeta = { id: 'manifest/invalid-range', severity: 'error', title: 'A version range is not valid semver', scope: 'package' };
export const LOOSE_RANGE: RuleMeta = { id: 'manifest/loose-range', severity: 'warning', title: 'A version range has no upper bound', scope: 'package' };

/** manifest/invalid-range and manifest/loose-range over dependencies and upgrade paths. */
const rangeRules: Check = ({ manifest }) => {
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
      out.push(finding(INVALID_RANGE, MANIFEST_PATH, `${label}: "${range}" is not a valid semver range`, where));
    } else if (isLooseRange(range)) {
      out.push(
        finding(LOOSE_RANGE, MANIFEST_PATH, `${label}: "${range}" has no upper bound, so any future major version satisfies it; ask the vendor for a tested range`, where),
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

export const manifestRanges: PackageCheck = { rules: [INVALID_RANGE, LOOSE_RANGE], run: rangeRules };
