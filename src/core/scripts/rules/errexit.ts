import type { WholeScriptRule } from '../scriptRule';
import type { ScriptEnv } from '../env';
import type { ScriptModel, ShellCommand } from '../model';
import { enclosingFunction } from '../held';

const meta = { id: 'script/no-errexit', severity: 'warning', title: 'The script never enables set -e', scope: 'script' } as const;

/** Helpers of well-known installer frameworks that enable `set -Eeuo pipefail` for the script that calls them. */
const STRICT_HELPERS = /^(catch_errors|strict_mode|set_strict_mode|enable_strict_mode|set_errexit)$/;

const setsErrexit = (c: ShellCommand): boolean => c.name === 'set' && c.args.some((a) => (a.value !== undefined && /^-[a-zA-Z]*e/.test(a.value)) || a.value === 'errexit');

/**
 * A package script it sources turns errexit on for it: at its top level, or in a function of it the script
 * calls (`. ./lib/common.sh; strict_mode`).
 */
function enabledBySourced(script: ScriptModel, env: ScriptEnv): boolean {
  const called = new Set(script.commands.map((c) => c.name));
  return env.sourced.some((s) =>
    s.commands.some((c) => {
      if (!setsErrexit(c)) {
        return false;
      }
      const fn = enclosingFunction(c);
      return fn === undefined || called.has(fn);
    }),
  );
}

/**
 * Scripts the rule does not apply to: init.d scripts (Debian Policy 9.3.2 advises against `set -e` there: a
 * status or stop action must go on after a failed command), libraries meant to be sourced (no shebang, nothing
 * but definitions at the top level), and scripts whose sourced helper enables errexit for them (by a
 * well-known name, or seen in a package script it sources).
 */
function exempt(script: ScriptModel): boolean {
  if (/(^|\/)init\.d\//.test(script.path) || /^### BEGIN INIT INFO/m.test(script.text)) {
    return true;
  }
  if (script.commands.some((c) => STRICT_HELPERS.test(c.name))) {
    return true;
  }
  const topLevel = script.commands.filter((c) => !c.nested && c.up?.node.type === 'program');
  return !script.text.startsWith('#!') && topLevel.every((c) => c.name === 'source' || c.name === '.' || c.name === 'export' || c.name === 'readonly' || c.name === 'declare');
}

/** script/no-errexit: a script that never enables `set -e` carries on after a failed step. */
const run: WholeScriptRule['run'] = (script, env, report) => {
  const firstLine = script.text.split('\n', 1)[0];
  if (/^#!.*\s-[a-z]*e/.test(firstLine)) {
    return [];
  }
  if (script.commands.some(setsErrexit) || enabledBySourced(script, env) || exempt(script)) {
    return [];
  }
  const hasShebang = firstLine.startsWith('#!');
  const insertAt = hasShebang ? { line: 1, character: 0 } : { line: 0, character: 0 };
  return [
    report({ start: { line: 0, character: 0 }, end: { line: 0, character: hasShebang ? firstLine.length : 0 } }, 'the script never enables set -e: after a failed step it carries on and upgrades a half-installed system', {
      fixes: [{ title: 'Add "set -euo pipefail" after the shebang', file: script.path, edits: [{ range: { start: insertAt, end: insertAt }, newText: 'set -euo pipefail\n' }], safe: true }],
    }),
  ];
};

export const errexitRule: WholeScriptRule = { meta, run };
