import { scriptFinding, type ScriptRule } from '../env';

/** script/sudo: a command runs through sudo, `su -c` or doas (the name of a variable never counts). */
export const sudoRule: ScriptRule = (script) =>
  script.commands
    .filter((c) => c.via.some((w) => w === 'sudo' || w === 'doas' || w === 'su') && c.wrapperRange)
    .map((c) => {
      const how = c.via.find((w) => w === 'sudo' || w === 'doas' || w === 'su')!;
      return scriptFinding('script/sudo', script, c.wrapperRange!, `${c.name} runs through ${how === 'su' ? 'su -c' : how}: the script assumes privilege escalation is available and allowed on the target${how === 'sudo' ? ' (a password prompt would hang an unattended run)' : ''}`);
    });
