import type { Finding } from '../../finding';
import type { ShellCommand } from '../model';
import type { WholeScriptRule } from '../scriptRule';
import { enclosingFunction, literalValues, variableName } from '../held';

const meta = { id: 'script/sudo', severity: 'warning', title: 'A command runs through sudo, su -c or doas', scope: 'script' } as const;

const ESCALATE = /^(?:\S*\/)?(sudo|doas)(?:\s|$)/;

const ALL_ARGUMENTS = /^"?\$[@*]"?$/;

/**
 * Helpers that run whatever they are given through sudo (`run_cmd() { sudo "$@"; }`): their calls are where
 * the escalation happens, and say what is escalated.
 */
function sudoHelpers(commands: readonly ShellCommand[]): Map<string, ShellCommand> {
  const helpers = new Map<string, ShellCommand>();
  for (const c of commands) {
    const name = (c.name === 'sudo' || c.name === 'doas') && c.args.length > 0 && c.args.every((a) => a.value?.startsWith('-') || ALL_ARGUMENTS.test(a.text)) ? enclosingFunction(c) : undefined;
    if (name) {
      helpers.set(name, c);
    }
  }
  return helpers;
}

/**
 * script/sudo: a command runs through sudo, `su -c` or doas: written out, held in a variable the script sets
 * (`SUDO=sudo; $SUDO systemctl …`, docker's `sh_c='sudo -E sh -c'`), or inside a helper (`sudo "$@"`).
 * The name of a variable alone never counts (`SUDO_USER`). Whole-script: a variable's value is set elsewhere,
 * in this script or in a package script it sources, as helpers may be.
 */
const run: WholeScriptRule['run'] = (script, env, report) => {
  const out: Finding[] = [];
  const helpers = sudoHelpers([...env.sourced.flatMap((s) => s.commands), ...script.commands]);
  const assignments = [...env.sourced.flatMap((s) => s.assignments), ...script.assignments];
  const called = new Set(script.commands.filter((c) => helpers.has(c.name)).map((c) => c.name));
  for (const c of script.commands) {
    const helper = helpers.get(c.name);
    if (helper) {
      const where = env.sourced.find((s) => s.commands.includes(helper))?.path;
      out.push(report(c.nameRange, `${c.args[0]?.value ?? 'a command'} runs through ${helper.name} (inside ${c.name}${where ? `, from ${where}` : ''}): the script assumes privilege escalation is available and allowed on the target`));
      continue;
    }
    if ([...called].some((h) => helpers.get(h) === c)) {
      continue; // reported at each call of the helper
    }
    if (c.name === 'su' && c.args.some((a) => a.value === '-c' || a.value === '--command' || a.value?.startsWith('--command='))) {
      out.push(report(c.nameRange, 'a command runs through su -c: the script assumes it may switch user on the target'));
      continue;
    }
    const how = c.via.find((w) => w === 'sudo' || w === 'doas');
    if (how && c.wrapperRange) {
      out.push(report(c.wrapperRange, `${c.name} runs through ${how}: the script assumes privilege escalation is available and allowed on the target${how === 'sudo' ? ' (a password prompt would hang an unattended run)' : ''}`));
      continue;
    }
    if ((c.name === 'sudo' || c.name === 'doas') && c.args.length > 0) {
      out.push(report(c.nameRange, `${c.name} runs ${c.args[0].text}: the script assumes privilege escalation is available and allowed on the target`));
      continue;
    }
    // A variable as the command (`$SUDO` alone) or as its prefix (`$SUDO systemctl …`, kept in `via`).
    const prefix = c.via.map((w) => /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(w)?.[1]).find(Boolean);
    const variable = prefix ?? variableName(c);
    const held = variable ? literalValues(variable, assignments).map((v) => ESCALATE.exec(v.trim())?.[1]).find(Boolean) : undefined;
    if (variable && held) {
      const what = prefix ? c.name : (c.args[0]?.value ?? 'a command');
      out.push(report(prefix ? (c.wrapperRange ?? c.nameRange) : c.nameRange, `${what} runs through ${held} (held in $${variable}): the script assumes privilege escalation is available and allowed on the target`));
    }
  }
  return out;
};

export const sudoRule: WholeScriptRule = { meta, run };
