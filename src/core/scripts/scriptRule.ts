import type { Finding, Range } from '../finding';
import { finding, type RuleMeta } from '../rule';
import type { ScriptEnv } from './env';
import type { Assignment, ScriptModel, ShellCommand } from './model';
import { append } from '../append';

/** Makes a finding of the rule being run, at a range of the script being linted. */
export type Report = (range: Range, message: string, extra?: Partial<Finding>) => Finding;

type Found = Finding | Finding[] | undefined;

/**
 * A rule that judges one command, or one assignment, at a time. It is handed nothing else of the script, so
 * its findings for a statement depend on that statement and the environment alone: the editor keeps them
 * while the user types elsewhere, and the command line gets the same findings by construction.
 */
export interface StatementRule {
  readonly meta: RuleMeta & { readonly scope: 'statement' };
  command?(cmd: ShellCommand, env: ScriptEnv, report: Report): Found;
  assignment?(a: Assignment, env: ScriptEnv, report: Report): Found;
}

/** A rule that reads the whole script: a variable set in one place and used in another, the order of commands. */
export interface WholeScriptRule {
  readonly meta: RuleMeta & { readonly scope: 'script' };
  run(script: ScriptModel, env: ScriptEnv, report: Report): Finding[];
}

export type ScriptRule = StatementRule | WholeScriptRule;

export const isStatementRule = (r: ScriptRule): r is StatementRule => r.meta.scope === 'statement';

function reporter(meta: RuleMeta, path: string): Report {
  return (range, message, extra = {}) => finding(meta, path, message, range, 'package', extra);
}

function collect(out: Finding[], found: Found): void {
  if (Array.isArray(found)) {
    append(out, found);
  } else if (found) {
    out.push(found);
  }
}

/** What statement rules are handed: the commands and assignments of some statements, nothing around them. */
export interface Statements {
  readonly commands: readonly ShellCommand[];
  readonly assignments: readonly Assignment[];
}

/** The findings of statement rules over some statements: each command and assignment judged on its own. */
export function lintStatements(rules: readonly StatementRule[], statements: Statements, env: ScriptEnv, path: string): Finding[] {
  const out: Finding[] = [];
  for (const rule of rules) {
    const report = reporter(rule.meta, path);
    if (rule.assignment) {
      for (const a of statements.assignments) {
        collect(out, rule.assignment(a, env, report));
      }
    }
    if (rule.command) {
      for (const cmd of statements.commands) {
        collect(out, rule.command(cmd, env, report));
      }
    }
  }
  return out;
}

/** The findings of whole-script rules over a script. */
export function lintWhole(rules: readonly WholeScriptRule[], script: ScriptModel, env: ScriptEnv): Finding[] {
  return rules.flatMap((rule) => rule.run(script, env, reporter(rule.meta, script.path)));
}
