import * as semver from 'semver';
import { readPackageText, type Check, type ReviewContext } from '../context';
import { finding } from '../rules';
import { MANIFEST_PATH } from '../manifest/model';
import { configDrift } from './drift';
import { mergeMatrices, parseMatrix, type DeprecationMatrix } from './matrix';

/** The package's matrix merged with the workspace's. */
export async function loadMatrix(ctx: ReviewContext): Promise<DeprecationMatrix | undefined> {
  const path = ctx.manifest?.deprecationsPath;
  let pkgMatrix: DeprecationMatrix | undefined;
  const text = path ? await readPackageText(ctx, path) : undefined;
  if (path && text !== undefined) {
    pkgMatrix = parseMatrix(text, path);
  }
  const ws = ctx.workspace.deprecations ? parseMatrix(ctx.workspace.deprecations.text, ctx.workspace.deprecations.path) : undefined;
  return mergeMatrices(pkgMatrix, ws);
}

/** config/*: drift of the user's config files against the matrix, judged at the package's version. */
export const configRules: Check = async (ctx) => {
  const manifest = ctx.manifest;
  const target = semver.valid(manifest?.version ?? '');
  if (!manifest || !target) {
    return [];
  }
  const matrix = await loadMatrix(ctx);
  if (!matrix) {
    const where = manifest.doc.node(['config']) ? manifest.doc.keyRange(['config']) : manifest.doc.lines.rangeOf(0, 1);
    return [finding('config/no-matrix', MANIFEST_PATH, 'neither the package nor the workspace (.upgrade-inspector/deprecations.json) has a deprecation matrix, so config drift was not checked', where)];
  }
  ctx.notes.push(...matrix.problems);
  const product = matrix.product ?? manifest.name ?? '';
  if (!product) {
    return [];
  }
  ctx.drift = { matrix, target, product };
  return configDrift(ctx.workspace.configFiles, matrix, target, product);
};
