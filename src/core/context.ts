import type { Finding } from './finding';
import type { Manifest } from './manifest/model';
import type { PackageSource } from './package/source';
import type { ReviewSettings } from './settings';
import type { Workspace } from './workspace';
import type { CompatMatrix } from './compat/matrix';
import type { DriftInputs } from './config/fixAll';
import type { SignerSummary } from './signature/signatureRules';

/** What every rule sees: the package, what was read from it once, the workspace and the settings. */
export interface ReviewContext {
  pkg: PackageSource;
  settings: ReviewSettings;
  manifest?: Manifest;
  /** SHA-256 (hex) of every payload file read in the one pass over the package. */
  digests: Map<string, string>;
  /** Files that could not be read (already reported). */
  unreadable: Set<string>;
  workspace: Workspace;
  /** Things the review could not judge, said once each (no inventory, no shellcheck…). */
  notes: string[];
  /** Filled by the config rules: what config drift was judged with, for fixes. */
  drift?: DriftInputs;
  /** Filled by the compat rules when there is an inventory. */
  matrix?: CompatMatrix;
  /** Filled by the signature rules for the report and the views. */
  signer?: SignerSummary;
}

export type Check = (ctx: ReviewContext) => Finding[] | Promise<Finding[]>;

/** A package file's bytes, or undefined when it is missing or unreadable (already reported as zip/*). */
export async function readPackageBytes(ctx: ReviewContext, path: string, maxBytes = ctx.settings.limits.maxTextBytes): Promise<Buffer | undefined> {
  if (ctx.unreadable.has(path) || ctx.pkg.file(path)?.type !== 'file') {
    return undefined;
  }
  try {
    return await ctx.pkg.read(path, maxBytes);
  } catch {
    ctx.unreadable.add(path);
    return undefined;
  }
}

export async function readPackageText(ctx: ReviewContext, path: string, maxBytes?: number): Promise<string | undefined> {
  return (await readPackageBytes(ctx, path, maxBytes))?.toString('utf8');
}
