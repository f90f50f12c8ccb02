import { scriptFinding, type ScriptRule } from '../env';

/** script/sudo: a command runs through sudo, `su -c` or doas (the name of a variable never counts). */
export const sudoRule: ScriptRule = (script) =>
  script.commands.flatMap((c) => {
    if (c.name === 'su' && c.args.some((a) => a.value === '-c' || a.value === '--command' || a.value?.startsWith('--command='))) {
      return [scriptFinding('script/sudo', script, c.nameRange, 'a command runs through su -c: the script assumes it may switch user on the target')];
    }
    const how = c.via.find((w) => w === 'sudo' || w === 'doas');
    return how && c.wrapperRange
      ? [scriptFinding('script/sudo', script, c.wrapperRange, `${c.name} runs through ${how}: the script assumes privilege escalation is available and allowed on the target${how === 'sudo' ? ' (a password prompt would hang an unattended run)' : ''}`)]
      : [];
  });
