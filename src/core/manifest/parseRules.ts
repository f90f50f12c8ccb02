import type { Check, PackageCheck } from '../context';
import { MANIFEST_PATH } from './model';
import { finding, type RuleMeta } from '../rule';

export const INVALID_JSON: RuleMeta = { id: 'manifest/invalid-json', severity: 'error', title: 'manifest.json is not valid JSON', scope: 'package' };
export const MISSING: RuleMeta = { id: 'manifest/missing', severity: 'error', title: 'The package has no manifest.json', scope: 'package' };
export const DUPLICATE_KEY: RuleMeta = { id: 'manifest/duplicate-key', severity: 'error', title: 'A key appears twice in one object', scope: 'package' };

/** manifest/invalid-json and manifest/duplicate-key. */
const parseRules: Check = ({ manifest }) => {
  if (!manifest) {
    return [];
  }
  const doc = manifest.doc;
  return [
    ...doc.syntaxErrors.map((e) => finding(INVALID_JSON, MANIFEST_PATH, `manifest.json: ${e.message}`, e.range)),
    ...doc.duplicateKeys().map((d) =>
      finding(DUPLICATE_KEY, MANIFEST_PATH, `"${d.key}" appears twice in one object (first at line ${d.first.start.line + 1}); readers disagree on which value wins`, d.range),
    ),
  ];
};

export const manifestParse: PackageCheck = { rules: [MISSING, INVALID_JSON, DUPLICATE_KEY], run: parseRules };
