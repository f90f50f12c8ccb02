import type { Check, PackageCheck } from '../context';
import type { Finding } from '../finding';
import type { JSONPath } from 'jsonc-parser';
import { HOOKS, MANIFEST_PATH } from './model';
import { finding, type RuleMeta } from '../rule';
import { validate } from './manifestValidator.generated';

export const SCHEMA: RuleMeta = { id: 'manifest/schema', severity: 'error', title: 'A manifest field is missing or of the wrong type', scope: 'package' };

/** One error of the validator generated from schemas/manifest.schema.json (Ajv's error object). */
interface SchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

const validateManifest = validate as ((data: unknown) => boolean) & { errors?: SchemaError[] | null };

function kindOf(v: unknown): string {
  if (Array.isArray(v)) {
    return 'array';
  }
  if (typeof v === 'number') {
    return Number.isInteger(v) ? 'integer' : 'number';
  }
  return v === null ? 'null' : typeof v;
}

const article = (kind: string): string => (/^[aeiou]/.test(kind) ? 'an' : 'a');

/** A JSON pointer as a path into the data: array indices as numbers. */
function pathOf(pointer: string, data: unknown): JSONPath {
  const path: JSONPath = [];
  let at = data;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const step = Array.isArray(at) ? Number(key) : key;
    path.push(step);
    at = (at as Record<string | number, unknown> | undefined)?.[step];
  }
  return path;
}

/** `files[0].sha256`, `"version"`: how a message names a place in the manifest. */
function label(path: JSONPath): string {
  const text = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
  return path.length === 0 ? 'manifest.json' : path.length === 1 ? `"${text}"` : text;
}

const PATTERN_MEANS: Record<string, string> = {
  version: 'a semantic version like 5.0.1',
  releaseDate: 'an ISO date like 2026-11-01',
  sha256: '64 hexadecimal digits',
  mode: 'an octal string like "0755"',
};

/** What an error of the schema says to a person, and whether it points at the key (else the value). */
function describe(e: SchemaError, path: JSONPath, value: unknown): { message: string; atKey?: boolean } {
  const where = label(path);
  const last = path[path.length - 1];
  switch (e.keyword) {
    case 'required': {
      const missing = String(e.params.missingProperty);
      return path.length === 0 ? { message: `required field "${missing}" is missing` } : { message: `${where} needs "${missing}"` };
    }
    case 'type': {
      const wanted = String(e.params.type).split(',').join(' or ');
      return { message: `${where} must be ${article(wanted)} ${wanted}, not ${kindOf(value)}` };
    }
    case 'const':
      return { message: `${last} ${JSON.stringify(value)} is not supported (expected ${JSON.stringify(e.params.allowedValue)})` };
    case 'pattern':
      return { message: `${where} must be ${PATTERN_MEANS[String(last)] ?? `text matching ${String(e.params.pattern)}`}, not ${JSON.stringify(value)}` };
    case 'additionalProperties':
      return last === 'scripts'
        ? { message: `unknown script hook "${String(e.params.additionalProperty)}" (expected one of ${HOOKS.join(', ')})`, atKey: true }
        : { message: `${where} has an unknown field "${String(e.params.additionalProperty)}"`, atKey: true };
    default:
      return { message: `${where} ${e.message ?? 'does not match the schema'}` };
  }
}

/**
 * manifest/schema: the manifest validated against schemas/manifest.schema.json, the schema the editor uses
 * too, with each error placed at its field. The schema leaves "reboot" to manifest/ambiguous-flag.
 */
const schemaRule: Check = ({ manifest }) => {
  if (!manifest || manifest.doc.syntaxErrors.length > 0 || !manifest.doc.root) {
    return [];
  }
  const doc = manifest.doc;
  const data: unknown = manifest.data;
  const out: Finding[] = [];
  if (!validateManifest(data)) {
    for (const e of validateManifest.errors ?? []) {
      let path = pathOf(e.instancePath, data);
      if (e.keyword === 'additionalProperties') {
        path = [...path, String(e.params.additionalProperty)];
      }
      const value = path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], data);
      const { message, atKey } = describe(e, e.keyword === 'additionalProperties' ? path.slice(0, -1) : path, value);
      const range = path.length === 0 ? doc.lines.rangeOf(0, 1) : atKey ? doc.keyRange(path) : doc.valueRange(path);
      out.push(finding(SCHEMA, MANIFEST_PATH, message, range));
    }
  }
  // Beyond what a pattern can say: the date must exist (2026-02-30 does not).
  const date = (data as { releaseDate?: unknown }).releaseDate;
  if (typeof date === 'string' && /^\d{4}-\d{2}-\d{2}/.test(date) && !manifest.releaseDate) {
    out.push(finding(SCHEMA, MANIFEST_PATH, `"releaseDate" must be a real date, not "${date}"`, doc.valueRange(['releaseDate'])));
  }
  return out;
};

export const manifestSchema: PackageCheck = { rules: [SCHEMA], run: schemaRule };
