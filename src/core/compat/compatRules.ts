import type { Check, PackageCheck } from '../context';
import type { Finding } from '../finding';
import { MANIFEST_PATH, type Manifest } from '../manifest/model';
import type { CompatMatrix } from './matrix';
import { finding, type RuleMeta } from '../rule';

export const UNSATISFIED: RuleMeta = { id: 'compat/unsatisfied', severity: 'error', title: 'An installed version does not satisfy the range', scope: 'package' };
export const NOT_INSTALLED: RuleMeta = { id: 'compat/not-installed', severity: 'warning', title: 'A required dependency is not installed', scope: 'package' };
export const DOWNGRADE: RuleMeta = { id: 'compat/downgrade', severity: 'error', title: 'The package would downgrade the product', scope: 'package' };
export const NO_UPGRADE_PATH: RuleMeta = { id: 'compat/no-upgrade-path', severity: 'error', title: 'No upgrade path from the installed version', scope: 'package' };

/** compat/*: the matrix's verdicts as findings at the manifest line they judge. */
const compatRules: Check = (ctx) => (ctx.manifest && ctx.models.matrix ? matrixFindings(ctx.manifest, ctx.models.matrix) : []);

/** The findings a compatibility matrix makes: the verdicts of lint and of the matrix command alike. */
export function matrixFindings(manifest: Manifest, matrix: CompatMatrix): Finding[] {
  const doc = manifest.doc;
  const out: Finding[] = [];
  for (const row of matrix.rows) {
    if (row.status === 'unsatisfied') {
      out.push(finding(UNSATISFIED, MANIFEST_PATH, `${row.name}: ${row.detail} on ${matrix.host ?? 'the target'}`, doc.valueRange(row.path)));
    } else if (row.status === 'not-installed') {
      out.push(finding(NOT_INSTALLED, MANIFEST_PATH, `${row.name} (${row.required}) is required but not installed on ${matrix.host ?? 'the target'}`, doc.keyRange(row.path)));
    }
  }
  const p = matrix.product;
  if (p.status === 'downgrade') {
    out.push(finding(DOWNGRADE, MANIFEST_PATH, p.detail, doc.valueRange(['version'])));
  } else if (p.status === 'no-upgrade-path') {
    out.push(finding(NO_UPGRADE_PATH, MANIFEST_PATH, `${p.name} ${p.installed} → ${p.target}: ${p.detail}`, doc.node(['upgradePaths']) ? doc.keyRange(['upgradePaths']) : doc.valueRange(['version'])));
  }
  return out;
}

export const compatibility: PackageCheck = { rules: [UNSATISFIED, NOT_INSTALLED, NO_UPGRADE_PATH, DOWNGRADE], run: compatRules };
