import * as semver from 'semver';
import type { Check, PackageCheck } from '../context';
import { MANIFEST_PATH } from '../manifest/model';
import { configDrift, DEPRECATED_KEY, REMOVED_KEY, REQUIRED_KEY } from './drift';
import { finding, type RuleMeta } from '../rule';

export const NO_MATRIX: RuleMeta = { id: 'config/no-matrix', severity: 'info', title: 'No deprecation matrix: config drift not checked', scope: 'workspace' };

/** config/*: drift of the user's config files against the matrix, judged at the package's version. */
const configRules: Check = (ctx) => {
  const { manifest, models } = ctx;
  if (!manifest || !semver.valid(manifest.version ?? '')) {
    return [];
  }
  if (!models.deprecations) {
    const where = manifest.doc.node(['config']) ? manifest.doc.keyRange(['config']) : manifest.doc.lines.rangeOf(0, 1);
    return [finding(NO_MATRIX, MANIFEST_PATH, 'neither the package nor the workspace (.upgrade-inspector/deprecations.json) has a deprecation matrix, so config drift was not checked', where)];
  }
  const drift = models.drift;
  return drift ? configDrift(ctx.workspace.configFiles, drift.matrix, drift.target, drift.product) : [];
};

export const configDriftCheck: PackageCheck = { rules: [NO_MATRIX, DEPRECATED_KEY, REMOVED_KEY, REQUIRED_KEY], run: configRules };
