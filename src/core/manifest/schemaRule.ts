import * as semver from 'semver';
import type { Check, PackageCheck } from '../context';
import type { Finding } from '../finding';
import type { JSONPath } from 'jsonc-parser';
import { HOOKS, MANIFEST_PATH, type Manifest } from './model';
import { finding, type RuleMeta } from '../rule';

export const SCHEMA: RuleMeta = { id: 'manifest/schema', severity: 'error', title: 'A manifest field is missing or of the wrong type', scope: 'package' };

type Kind = 'string' | 'integer' | 'number' | 'object' | 'array';

function kindOf(v: unknown): string {
  if (Array.isArray(v)) {
    return 'array';
  }
  if (typeof v === 'number') {
    return Number.isInteger(v) ? 'integer' : 'number';
  }
  return v === null ? 'null' : typeof v;
}

function matches(v: unknown, kind: Kind): boolean {
  const k = kindOf(v);
  return k === kind || (kind === 'number' && k === 'integer');
}

const REQUIRED: [string, Kind][] = [
  ['schemaVersion', 'integer'],
  ['name', 'string'],
  ['version', 'string'],
  ['files', 'array'],
];
const OPTIONAL: [string, Kind][] = [
  ['vendor', 'string'],
  ['releaseDate', 'string'],
  ['upgradePaths', 'array'],
  ['downtimeMinutes', 'number'],
  ['dependencies', 'object'],
  ['scripts', 'object'],
  ['config', 'object'],
  ['signature', 'object'],
];

/** manifest/schema: required fields present, every known field of the right type. */
const schemaRule: Check = ({ manifest }) => {
  if (!manifest || manifest.doc.syntaxErrors.length > 0 || !manifest.doc.root) {
    return [];
  }
  const out: Finding[] = [];
  const at = (path: JSONPath, message: string, key = true): void => {
    out.push(finding(SCHEMA, MANIFEST_PATH, message, key ? manifest.doc.keyRange(path) : manifest.doc.valueRange(path)));
  };
  if (manifest.doc.root.type !== 'object') {
    at([], 'manifest.json must be an object', false);
    return out;
  }
  const data = manifest.data;
  for (const [key, kind] of REQUIRED) {
    if (!(key in data)) {
      out.push(finding(SCHEMA, MANIFEST_PATH, `required field "${key}" (${kind}) is missing`, manifest.doc.lines.rangeOf(0, 1)));
    } else if (!matches(data[key], kind)) {
      at([key], `"${key}" must be ${kind === 'integer' || kind === 'array' || kind === 'object' ? 'an' : 'a'} ${kind}, not ${kindOf(data[key])}`, false);
    }
  }
  for (const [key, kind] of OPTIONAL) {
    if (key in data && !matches(data[key], kind)) {
      at([key], `"${key}" must be ${kind === 'array' || kind === 'object' ? 'an' : 'a'} ${kind}, not ${kindOf(data[key])}`, false);
    }
  }
  if (data.schemaVersion !== undefined && matches(data.schemaVersion, 'integer') && data.schemaVersion !== 1) {
    at(['schemaVersion'], `schemaVersion ${String(data.schemaVersion)} is not supported (expected 1)`, false);
  }
  if (typeof data.version === 'string' && !semver.valid(data.version)) {
    at(['version'], `"version" must be a semantic version like 5.0.1, not "${data.version}"`, false);
  }
  if (typeof data.releaseDate === 'string' && (!/^\d{4}-\d{2}-\d{2}/.test(data.releaseDate) || !manifest.releaseDate)) {
    at(['releaseDate'], `"releaseDate" must be an ISO date like 2026-11-01, not "${data.releaseDate}"`, false);
  }
  checkFiles(manifest, at);
  checkObjects(manifest, at);
  return out;
};

function checkFiles(manifest: Manifest, at: (path: JSONPath, message: string, key?: boolean) => void): void {
  const files = manifest.data.files;
  if (!Array.isArray(files)) {
    return;
  }
  files.forEach((f, i) => {
    if (!f || typeof f !== 'object' || Array.isArray(f)) {
      at(['files', i], `files[${i}] must be an object with "path" and "sha256"`, false);
      return;
    }
    const entry = f as Record<string, unknown>;
    if (typeof entry.path !== 'string') {
      at(['files', i], `files[${i}] needs a string "path"`, false);
    }
    if (typeof entry.sha256 !== 'string') {
      at(['files', i], `files[${i}] needs a string "sha256"`, false);
    } else if (!/^[0-9a-fA-F]{64}$/.test(entry.sha256)) {
      at(['files', i, 'sha256'], `files[${i}].sha256 must be 64 hexadecimal digits`, false);
    }
    if (entry.mode !== undefined && !(typeof entry.mode === 'string' && /^0?[0-7]{3,4}$/.test(entry.mode)) && !Number.isInteger(entry.mode)) {
      at(['files', i, 'mode'], `files[${i}].mode must be an octal string like "0755"`, false);
    }
  });
}

function checkObjects(manifest: Manifest, at: (path: JSONPath, message: string, key?: boolean) => void): void {
  const data = manifest.data;
  const obj = (key: string): Record<string, unknown> | undefined =>
    data[key] && typeof data[key] === 'object' && !Array.isArray(data[key]) ? (data[key] as Record<string, unknown>) : undefined;
  for (const [name, range] of Object.entries(obj('dependencies') ?? {})) {
    if (typeof range !== 'string') {
      at(['dependencies', name], `dependency "${name}" must be a version range string`, false);
    }
  }
  for (const [hook, path] of Object.entries(obj('scripts') ?? {})) {
    if (!(HOOKS as readonly string[]).includes(hook)) {
      at(['scripts', hook], `unknown script hook "${hook}" (expected one of ${HOOKS.join(', ')})`);
    } else if (typeof path !== 'string') {
      at(['scripts', hook], `script "${hook}" must be a path string`, false);
    }
  }
  for (const [key, fields] of [['config', ['deprecations']], ['signature', ['file', 'certificate']]] as const) {
    for (const field of fields) {
      const o = obj(key);
      if (o && field in o && typeof o[field] !== 'string') {
        at([key, field], `"${key}.${field}" must be a path string`, false);
      }
    }
  }
  const paths = data.upgradePaths;
  if (Array.isArray(paths)) {
    paths.forEach((p, i) => {
      if (!p || typeof p !== 'object' || typeof (p as { from?: unknown }).from !== 'string') {
        at(['upgradePaths', i], `upgradePaths[${i}] must be an object with a string "from" range`, false);
      }
    });
  }
}

export const manifestSchema: PackageCheck = { rules: [SCHEMA], run: schemaRule };
