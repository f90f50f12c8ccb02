import { JsonDocument } from '../json';
import { normaliseVersion } from './versions';
import { append } from '../append';

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

const KEYS = ['host', 'product', 'packages', 'systemdUnits', 'retiredHosts'];
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** The product entry, when it has the shape the inventory gives it. */
const productOf = (v: unknown): { name: string; version: string } | undefined =>
  isObject(v) && typeof v.name === 'string' && typeof v.version === 'string' ? { name: v.name, version: v.version } : undefined;

/**
 * What in the inventory's shape keeps a part of it from being read, each said with what is then not known
 * (a part that is silently ignored would leave checks undone without a word: `"packages": [...]`, a version
 * written as a number, "retired_hosts").
 */
function shapeProblems(data: unknown, path: string): string[] {
  if (!isObject(data)) {
    return [`${path}: the inventory must be a JSON object with ${KEYS.join(', ')}: nothing in it was used`];
  }
  const out: string[] = [];
  const strings = (key: string): void => {
    const v = data[key];
    if (v !== undefined && !(Array.isArray(v) && v.every((x) => typeof x === 'string'))) {
      out.push(`${path}: "${key}" must be a list of strings: ${Array.isArray(v) ? 'the entries that are not strings were not used' : 'it was not used'}`);
    }
  };
  for (const key of Object.keys(data).filter((k) => !KEYS.includes(k))) {
    out.push(`${path}: "${key}" is not a key of the inventory (${KEYS.join(', ')}): it was not used`);
  }
  if (data.host !== undefined && typeof data.host !== 'string') {
    out.push(`${path}: "host" must be a string: it was not used`);
  }
  if (data.product !== undefined && !productOf(data.product)) {
    out.push(`${path}: "product" must be {"name": "…", "version": "…"}, both strings: the installed version of the product is not known`);
  }
  if (data.packages !== undefined && !isObject(data.packages)) {
    out.push(`${path}: "packages" must be an object of package name to installed version: no package was read`);
  }
  strings('systemdUnits');
  strings('retiredHosts');
  return out;
}

export function parseInventory(text: string, path = 'inventory.json'): Inventory {
  const doc = new JsonDocument(text, { comments: true });
  const problems = doc.syntaxErrors.map((e) => `${path}:${e.range.start.line + 1}: ${e.message}`);
  if (doc.syntaxErrors.length === 0) {
    append(problems, shapeProblems(doc.value, path));
  }
  const data = (isObject(doc.value) ? doc.value : {}) as Record<string, unknown>;
  const packages = new Map<string, InstalledPackage>();
  const rawPackages = data.packages;
  if (isObject(rawPackages)) {
    for (const [name, version] of Object.entries(rawPackages)) {
      if (typeof version === 'string') {
        packages.set(name, { name, version, semver: normaliseVersion(version) });
      } else {
        problems.push(`${path}: the version of package "${name}" must be a string`);
      }
    }
  }
  const product = productOf(data.product);
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return {
    host: typeof data.host === 'string' ? data.host : undefined,
    product: product && { ...product, semver: normaliseVersion(product.version) },
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
