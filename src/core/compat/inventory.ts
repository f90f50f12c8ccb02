import { JsonDocument } from '../json';
import { normaliseVersion } from './versions';

export interface InstalledPackage { name: string; version: string; semver?: string }

export interface Inventory {
  host?: string;
  product?: { name: string; version: string; semver?: string };
  packages: Map<string, InstalledPackage>;
  /** undefined when the inventory does not list units (then units are not judged). */
  systemdUnits?: Set<string>;
  retiredHosts: Set<string>;
  problems: string[];
}

/** "nginx" → "nginx.service"; other unit types keep their suffix. */
export function unitName(name: string): string {
  return /\.(service|socket|timer|target|path|mount|automount|slice|scope|device|swap)$/.test(name) ? name : `${name}.service`;
}

export function parseInventory(text: string, path = 'inventory.json'): Inventory {
  const doc = new JsonDocument(text, { comments: true });
  const problems = doc.syntaxErrors.map((e) => `${path}:${e.range.start.line + 1}: ${e.message}`);
  const data = (doc.value ?? {}) as Record<string, unknown>;
  const packages = new Map<string, InstalledPackage>();
  const rawPackages = data.packages;
  if (rawPackages && typeof rawPackages === 'object' && !Array.isArray(rawPackages)) {
    for (const [name, version] of Object.entries(rawPackages)) {
      if (typeof version === 'string') {
        packages.set(name, { name, version, semver: normaliseVersion(version) });
      } else {
        problems.push(`${path}: the version of package "${name}" must be a string`);
      }
    }
  }
  const product = data.product as { name?: unknown; version?: unknown } | undefined;
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return {
    host: typeof data.host === 'string' ? data.host : undefined,
    product:
      product && typeof product.name === 'string' && typeof product.version === 'string'
        ? { name: product.name, version: product.version, semver: normaliseVersion(product.version) }
        : undefined,
    packages,
    systemdUnits: Array.isArray(data.systemdUnits) ? new Set(strings(data.systemdUnits).map(unitName)) : undefined,
    retiredHosts: new Set(strings(data.retiredHosts).map((h) => h.toLowerCase())),
    problems,
  };
}

/**
 * Packages from `dpkg-query -W` ("name[:arch]<TAB>version") or
 * `rpm -qa --qf '%{NAME} %{VERSION}\n'` ("name version") output.
 */
export function parsePackageList(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Za-z0-9][A-Za-z0-9+._-]*)(?::[a-z0-9_-]+)?\s+(\S+)\s*$/.exec(line);
    if (m && m[2] !== '(none)') {
      out[m[1]] = m[2];
    }
  }
  return out;
}
