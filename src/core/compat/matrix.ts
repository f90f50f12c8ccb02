import * as semver from 'semver';
import type { JSONPath } from 'jsonc-parser';
import type { Manifest } from '../manifest/model';
import { isLooseRange, isValidRange } from '../manifest/ranges';
import type { Inventory } from './inventory';

export type RowStatus = 'ok' | 'unsatisfied' | 'not-installed' | 'loose-range';

export interface DependencyRow {
  name: string;
  required: string;
  /** As the inventory wrote it (distribution version), or null. */
  installed: string | null;
  /** The installed version as comparable semver. */
  installedSemver?: string;
  status: RowStatus;
  /** Why, in words (tooltips, text output). */
  detail: string;
  /** Where the requirement stands in manifest.json. */
  path: JSONPath;
}

export interface ProductRow {
  name: string;
  installed: string | null;
  target: string;
  /** The upgradePaths.from range that admits the installed version. */
  via?: string;
  status: 'ok' | 'no-upgrade-path' | 'downgrade' | 'same-version' | 'unknown';
  detail: string;
}

export interface CompatMatrix { host?: string; product: ProductRow; rows: DependencyRow[] }

function productRow(manifest: Manifest, inventory: Inventory): ProductRow {
  const name = manifest.name ?? '?';
  const target = manifest.version ?? '?';
  const installed = inventory.product?.version ?? null;
  const from = inventory.product?.semver;
  if (!from || !semver.valid(target)) {
    return { name, installed, target, status: 'unknown', detail: installed ? `cannot compare ${installed} with ${target}` : 'the inventory does not say which version is installed' };
  }
  if (semver.lt(target, from)) {
    return { name, installed, target, status: 'downgrade', detail: `${target} is older than the installed ${installed}: this package would downgrade ${name}` };
  }
  if (semver.eq(target, from)) {
    return { name, installed, target, status: 'same-version', detail: `${target} is already installed` };
  }
  const paths = manifest.upgradePaths.filter((p) => typeof p.from === 'string' && isValidRange(p.from));
  if (paths.length === 0) {
    return { name, installed, target, status: 'unknown', detail: 'the manifest lists no upgrade paths' };
  }
  const via = paths.find((p) => semver.satisfies(from, p.from as string))?.from as string | undefined;
  return via
    ? { name, installed, target, via, status: 'ok', detail: `${installed} → ${target} through the upgrade path "${via}"` }
    : { name, installed, target, status: 'no-upgrade-path', detail: `no upgrade path admits ${installed} (paths: ${paths.map((p) => p.from).join(', ')}): upgrade to an intermediate version first` };
}

function dependencyRow(name: string, required: string, inventory: Inventory): DependencyRow {
  const pkg = inventory.packages.get(name);
  const path = ['dependencies', name];
  const loose = isValidRange(required) && isLooseRange(required);
  if (!pkg) {
    return { name, required, installed: null, status: 'not-installed', detail: `${name} is not installed on ${inventory.host ?? 'the target'}`, path };
  }
  const base = { name, required, installed: pkg.version, installedSemver: pkg.semver, path };
  if (!isValidRange(required) || !pkg.semver) {
    return { ...base, status: 'unsatisfied', detail: !pkg.semver ? `cannot read ${pkg.version} as a version` : `"${required}" is not a valid range` };
  }
  const ok = required.trim() === 'latest' || semver.satisfies(pkg.semver, required);
  if (!ok) {
    return { ...base, status: 'unsatisfied', detail: `${pkg.version} (${pkg.semver}) does not satisfy ${required}` };
  }
  return loose
    ? { ...base, status: 'loose-range', detail: `${pkg.version} satisfies ${required}, but the range has no upper bound: nobody tested every future version` }
    : { ...base, status: 'ok', detail: `${pkg.version} satisfies ${required}` };
}

/** The package's requirements against what the target has. */
export function buildMatrix(manifest: Manifest, inventory: Inventory): CompatMatrix {
  return {
    host: inventory.host,
    product: productRow(manifest, inventory),
    rows: Object.entries(manifest.dependencies)
      .filter((e): e is [string, string] => typeof e[1] === 'string')
      .map(([name, range]) => dependencyRow(name, range, inventory)),
  };
}
