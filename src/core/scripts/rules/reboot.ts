import type { ShellCommand } from '../model';
import type { WholeScriptRule } from '../scriptRule';

const meta = { id: 'script/reboot-mismatch', severity: 'warning', title: "Reboots disagree with the manifest's reboot flag", scope: 'script' } as const;

export function reboots(cmd: ShellCommand): boolean {
  const args = cmd.args.map((a) => a.value ?? '');
  return (
    cmd.name === 'reboot' ||
    (cmd.name === 'shutdown' && args.some((a) => /^-[a-zA-Z]*r/.test(a) || a === '--reboot')) ||
    (cmd.name === 'systemctl' && (args.includes('reboot') || args.includes('kexec'))) ||
    (cmd.name === 'init' && args[0] === '6')
  );
}

/** script/reboot-mismatch, on the script side: a script reboots while the manifest says reboot: false. */
const run: WholeScriptRule['run'] = (script, env, report) =>
  env.reboot !== false
    ? []
    : script.commands.filter(reboots).map((cmd) => report(cmd.nameRange, `${cmd.name} reboots the host, but the manifest says "reboot": false: the window must allow for a reboot`));

export const rebootRule: WholeScriptRule = { meta, run };
