import type { Check, PackageCheck } from '../context';
import type { Finding, RelatedInfo } from '../finding';
import { ZERO_RANGE } from '../finding';
import { MANIFEST_PATH } from './model';
import { finding, type RuleMeta } from '../rule';

export const MISSING_FILE: RuleMeta = { id: 'manifest/missing-file', severity: 'error', title: 'A file named in the manifest is not in the package', scope: 'package' };
export const HASH_MISMATCH: RuleMeta = { id: 'manifest/hash-mismatch', severity: 'error', title: "A file's SHA-256 differs from the manifest", scope: 'package' };
export const NO_ROLLBACK: RuleMeta = { id: 'manifest/no-rollback', severity: 'warning', title: 'There is no rollback script', scope: 'package' };

function relatedFile(path: string, message: string): RelatedInfo[] {
  return [{ file: path, origin: 'package', range: ZERO_RANGE, message }];
}

/** manifest/missing-file and manifest/hash-mismatch. */
const fileRules: Check = ({ manifest, pkg, digests }) => {
  if (!manifest) {
    return [];
  }
  const out: Finding[] = [];
  const exists = (p: string): boolean => pkg.file(p)?.type === 'file' || pkg.file(p)?.type === 'symlink';
  const missing = (path: (string | number)[], file: string, what: string): void => {
    out.push(finding(MISSING_FILE, MANIFEST_PATH, `${what} "${file}" is not in the package`, manifest.doc.valueRange(path)));
  };
  for (const f of manifest.files) {
    if (!exists(f.path)) {
      missing(['files', f.index, 'path'], f.path, 'listed file');
      continue;
    }
    const actual = digests.get(f.path);
    if (actual && typeof f.sha256 === 'string' && /^[0-9a-f]{64}$/i.test(f.sha256) && actual !== f.sha256.toLowerCase()) {
      out.push(
        finding(HASH_MISMATCH, MANIFEST_PATH, `${f.path}: SHA-256 is ${actual}, the manifest says ${f.sha256.toLowerCase()}; the file was changed after the manifest was made`, manifest.doc.valueRange(['files', f.index, 'sha256']), 'package', {
          related: relatedFile(f.path, 'the file whose content differs'),
        }),
      );
    }
  }
  for (const [hook, path] of Object.entries(manifest.scripts)) {
    if (!exists(path)) {
      missing(['scripts', hook], path, `${hook} script`);
    }
  }
  const deprecations = manifest.deprecationsPath;
  if (deprecations && !exists(deprecations)) {
    missing(['config', 'deprecations'], deprecations, 'deprecation matrix');
  }
  return out;
};

/** manifest/no-rollback: without a rollback script the only way back is a snapshot. */
const rollbackRule: Check = ({ manifest }) => {
  if (!manifest || manifest.doc.syntaxErrors.length > 0 || manifest.scripts.rollback) {
    return [];
  }
  const where = manifest.doc.node(['scripts']) ? manifest.doc.keyRange(['scripts']) : manifest.doc.lines.rangeOf(0, 1);
  return [finding(NO_ROLLBACK, MANIFEST_PATH, 'there is no rollback script: if the upgrade fails, the only way back is a snapshot restore', where)];
};

export const manifestFiles: PackageCheck = { rules: [MISSING_FILE, HASH_MISMATCH], run: fileRules };

export const manifestRollback: PackageCheck = { rules: [NO_ROLLBACK], run: rollbackRule };
