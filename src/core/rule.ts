import type { Finding, Origin, Range, Severity } from './finding';
import { capMessage, ZERO_RANGE } from './finding';

/**
 * What a rule sees, which decides how it runs: one statement of a script (run part by part and kept while
 * the user types), a whole script, the package, or the user's workspace files.
 */
export type Scope = 'statement' | 'script' | 'package' | 'workspace';

/** A rule's own description: its id (docs/rules/<id>.md), default severity, one-line title and scope. */
export interface RuleMeta {
  readonly id: string;
  readonly severity: Severity;
  readonly title: string;
  readonly scope: Scope;
}

/** A finding of a rule, with the rule's severity. */
export function finding(
  rule: RuleMeta,
  file: string,
  message: string,
  range: Range = ZERO_RANGE,
  origin: Origin = 'package',
  extra?: Partial<Finding>,
): Finding {
  // No spread of an empty default: a package's 100,000 unlisted files make 100,000 findings.
  const f: Finding = { rule: rule.id, severity: rule.severity, file, origin, range, message: capMessage(message) };
  return extra ? Object.assign(f, extra) : f;
}
