import * as semver from 'semver';
import { JsonDocument } from '../json';

export interface KeyRule {
  key: string;
  deprecatedIn?: string;
  removedIn?: string;
  replacedBy?: string;
  valueMap?: Record<string, unknown>;
  requiredFrom?: string;
  value?: unknown;
  note?: string;
  /** Where the rule came from (package path or workspace path). */
  source: string;
}

export interface DeprecationMatrix { product?: string; keys: Map<string, KeyRule>; problems: string[] }

const VERSION_FIELDS = ['deprecatedIn', 'removedIn', 'requiredFrom'] as const;
const ENTRY_FIELDS = new Set(['key', ...VERSION_FIELDS, 'replacedBy', 'valueMap', 'value', 'note']);

export function parseMatrix(text: string, source: string): DeprecationMatrix {
  const doc = new JsonDocument(text, { comments: true });
  const problems = doc.syntaxErrors.map((e) => `${source}:${e.range.start.line + 1}: ${e.message}`);
  const data = (doc.value ?? {}) as { product?: unknown; keys?: unknown };
  const keys = new Map<string, KeyRule>();
  if (!Array.isArray(data.keys)) {
    problems.push(`${source}: "keys" must be an array`);
  } else {
    data.keys.forEach((k, i) => {
      const rule = k as Partial<KeyRule>;
      if (!rule || typeof rule.key !== 'string') {
        problems.push(`${source}: keys[${i}] needs a string "key"`);
        return;
      }
      for (const f of VERSION_FIELDS) {
        if (rule[f] !== undefined && (typeof rule[f] !== 'string' || !semver.valid(semver.coerce(rule[f] as string)))) {
          problems.push(`${source}: keys[${i}].${f} is not a version`);
          return;
        }
      }
      // A misspelt field ("removedin") leaves an entry that says nothing, and a key that is never judged.
      const unknown = Object.keys(rule).filter((f) => !ENTRY_FIELDS.has(f));
      if (unknown.length > 0) {
        problems.push(`${source}: keys[${i}] (${rule.key}) has ${unknown.map((f) => `"${f}"`).join(', ')}, not a field of an entry (${[...ENTRY_FIELDS].join(', ')}): ignored`);
      }
      if (VERSION_FIELDS.every((f) => rule[f] === undefined)) {
        problems.push(`${source}: keys[${i}] (${rule.key}) has none of ${VERSION_FIELDS.join(', ')}: it says nothing about the key`);
      }
      keys.set(rule.key, { ...(rule as KeyRule), source });
    });
  }
  return { product: typeof data.product === 'string' ? data.product : undefined, keys, problems: firstProblems(problems, source) };
}

/** A package's matrix may be built to flood: its first problems are said, then how many more there are. */
const MAX_PROBLEMS = 20;
function firstProblems(problems: string[], source: string): string[] {
  return problems.length <= MAX_PROBLEMS ? problems : [...problems.slice(0, MAX_PROBLEMS), `${source}: ${problems.length - MAX_PROBLEMS} more problems like these`];
}

/** The package's matrix, with the workspace's entries added or overriding by key. */
export function mergeMatrices(pkg: DeprecationMatrix | undefined, ws: DeprecationMatrix | undefined): DeprecationMatrix | undefined {
  if (!pkg && !ws) {
    return undefined;
  }
  return {
    product: ws?.product ?? pkg?.product,
    keys: new Map([...(pkg?.keys ?? []), ...(ws?.keys ?? [])]),
    problems: [...(pkg?.problems ?? []), ...(ws?.problems ?? [])],
  };
}

function reached(version: string | undefined, target: string): boolean {
  const v = version ? semver.coerce(version) : null;
  return v !== null && semver.lte(v, target);
}

export type KeyVerdict = 'removed' | 'deprecated' | undefined;

/** Relative to the target version, per the spec: removedIn <= target, or deprecatedIn <= target < removedIn. */
export function judgeKey(rule: KeyRule, target: string): KeyVerdict {
  if (reached(rule.removedIn, target)) {
    return 'removed';
  }
  return reached(rule.deprecatedIn, target) ? 'deprecated' : undefined;
}

export function isRequired(rule: KeyRule, target: string): boolean {
  return reached(rule.requiredFrom, target);
}
