import type { Finding, Range } from '../finding';
import type { Inventory } from '../compat/inventory';
import { finding } from '../rules';
import type { ScriptModel, ShellCommand } from './model';

/** What a script rule knows beyond the script itself. */
export interface ScriptEnv {
  inventory?: Inventory;
  /** The manifest's reboot value, as written. */
  reboot: unknown;
  /** Text of the rollback and cleanup scripts: what undoes a side effect. */
  undoText: string;
  /** Whether this script is itself the rollback or cleanup hook. */
  isUndoScript: boolean;
  /** Small text files of the package (.sql, unit files, crontabs), by path. */
  packageText: Map<string, string>;
  /** systemd units the package ships or writes itself. */
  packageUnits: Set<string>;
  now: Date;
}

export type ScriptRule = (script: ScriptModel, env: ScriptEnv) => Finding[];

export function scriptFinding(rule: string, script: ScriptModel, range: Range, message: string, extra: Partial<Finding> = {}): Finding {
  return finding(rule, script.path, message, range, 'package', extra);
}

/** The findings of a rule that judges one command at a time: `judge` says what is wrong with it, if anything. */
export function eachCommand(script: ScriptModel, judge: (cmd: ShellCommand) => Finding | undefined): Finding[] {
  const out: Finding[] = [];
  for (const cmd of script.commands) {
    const found = judge(cmd);
    if (found) {
      out.push(found);
    }
  }
  return out;
}
