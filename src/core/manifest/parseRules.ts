import { finding } from '../rules';
import type { Check } from '../context';
import { MANIFEST_PATH } from './model';

/** manifest/invalid-json and manifest/duplicate-key. */
export const parseRules: Check = ({ manifest }) => {
  if (!manifest) {
    return [];
  }
  const doc = manifest.doc;
  return [
    ...doc.syntaxErrors.map((e) => finding('manifest/invalid-json', MANIFEST_PATH, `manifest.json: ${e.message}`, e.range)),
    ...doc.duplicateKeys().map((d) =>
      finding('manifest/duplicate-key', MANIFEST_PATH, `"${d.key}" appears twice in one object (first at line ${d.first.start.line + 1}); readers disagree on which value wins`, d.range),
    ),
  ];
};
