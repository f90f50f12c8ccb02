import type { Finding } from '../../finding';
import type { WholeScriptRule } from '../scriptRule';
import { literalValues, variableName } from '../held';

const meta = { id: 'script/sudo', severity: 'warning', title: 'A command runs through sudo, su -c or doas', scope: 'script' } as const;

const ESCALATE = /^(?:\S*\/)?(sudo|doas)(?:\s|$)/;

/**
 * script/sudo: a command runs through sudo, `su -c` or doas: written out, held in a variable the script sets
 * (`SUDO=sudo; $SUDO systemctl …`, docker's `sh_c='sudo -E sh -c'`), or inside a helper (`sudo "$@"`).
 * The name of a variable alone never counts (`SUDO_USER`). Whole-script: a variable's value is set elsewhere.
 */
const run: WholeScriptRule['run'] = (script, _env, report) => {
  const out: Finding[] = [];
  for (const c of script.commands) {
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
    const variable = variableName(c);
    const held = variable ? literalValues(variable, script.assignments).map((v) => ESCALATE.exec(v.trim())?.[1]).find(Boolean) : undefined;
    if (variable && held) {
      const what = c.args[0]?.value ?? 'a command';
      out.push(report(c.nameRange, `${what} runs through ${held} (held in $${variable}): the script assumes privilege escalation is available and allowed on the target`));
    }
  }
  return out;
};

export const sudoRule: WholeScriptRule = { meta, run };
