import type { Digests } from './digests';
import type { Finding } from './finding';
import type { Manifest } from './manifest/model';
import type { PackageSource } from './package/source';
import type { RuleMeta } from './rule';
import type { ReviewSettings } from './settings';
import type { Workspace } from './workspace';
import type { CompatMatrix } from './compat/matrix';
import type { Inventory } from './compat/inventory';
import type { DriftInputs } from './config/fixAll';
import type { DeprecationMatrix } from './config/matrix';
import type { SignatureOutcome } from './signature/outcome';
import type { ChecksumList } from './signature/checksumList';
import type { ShellcheckReport } from './scripts/shellcheck';
import type { ScriptRule } from './scripts/scriptRule';

/** The package's scripts, found once before any rule runs, and ShellCheck's verdict on them, under way. */
export interface PackageScripts {
  readonly texts: ReadonlyMap<string, string>;
  /** Undefined when ShellCheck is turned off or there is no script. */
  readonly shellcheck?: Promise<ShellcheckReport>;
}

/** What the review builds from the package and the workspace before any rule runs; rules only read it. */
export interface ReviewModels {
  /** The target host, parsed once from the workspace's inventory. */
  inventory?: Inventory;
  /** Installed versions against the manifest's ranges (needs an inventory and a readable manifest). */
  matrix?: CompatMatrix;
  /** The package's deprecation matrix merged with the workspace's, when either has one. */
  deprecations?: DeprecationMatrix;
  /** What config drift is judged with: the merged deprecation matrix, the target version, the product. */
  drift?: DriftInputs;
  /** The signature's verdict. */
  signature?: SignatureOutcome;
  /** A checksum list at the package root (SHA256SUMS), parsed. */
  checksums?: ChecksumList;
  /** The package's scripts, and ShellCheck's verdict on them, started as soon as they were found. */
  scripts: PackageScripts;
}

/** What every rule sees: the package, what was read from it once, the models, the workspace and the settings. */
export interface ReviewContext {
  readonly pkg: PackageSource;
  readonly settings: ReviewSettings;
  readonly manifest?: Manifest;
  /** SHA-256 (hex) of the files whose digest something lists, taken in the one pass. */
  readonly digests: Digests;
  /** Files that could not be read (already reported). */
  readonly unreadable: Set<string>;
  readonly workspace: Workspace;
  readonly models: ReviewModels;
  /** The script rules of the registry, for the script pass. */
  readonly scriptRules: readonly ScriptRule[];
  /** Things the review could not judge, said once each (no inventory, no shellcheck…). */
  readonly notes: string[];
}

export type Check = (ctx: ReviewContext) => Finding[] | Promise<Finding[]>;

/** A module of package or workspace rules: the rules it reports, and the pass that reports them. */
export interface PackageCheck {
  readonly rules: readonly RuleMeta[];
  readonly run: Check;
}

/** A package file's bytes, or undefined when it is missing or unreadable (already reported as zip/*). */
export async function readPackageBytes(
  ctx: Pick<ReviewContext, 'pkg' | 'settings' | 'unreadable'>,
  path: string,
  maxBytes = ctx.settings.limits.maxTextBytes,
): Promise<Buffer | undefined> {
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

export async function readPackageText(ctx: Pick<ReviewContext, 'pkg' | 'settings' | 'unreadable'>, path: string, maxBytes?: number): Promise<string | undefined> {
  return (await readPackageBytes(ctx, path, maxBytes))?.toString('utf8');
}
