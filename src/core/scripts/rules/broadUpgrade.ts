import type { StatementRule } from '../scriptRule';
import { operands, type ShellCommand } from '../model';

const meta = { id: 'script/broad-upgrade', severity: 'warning', title: 'The script upgrades the whole host', scope: 'statement' } as const;

/** What a package-manager command upgrades when it is the whole host; undefined when it is not. */
function wholeHost(cmd: ShellCommand): string | undefined {
  const words = operands(cmd, ['-o', '-c', '-t', '--option', '--target-release', '--enablerepo', '--disablerepo']).map((w) => w.value ?? w.text);
  const [verb, ...packages] = words;
  const args = cmd.args.map((a) => a.value ?? a.text);
  switch (cmd.name) {
    case 'apt':
    case 'apt-get':
    case 'aptitude':
      if (verb === 'dist-upgrade' || verb === 'full-upgrade' || ((verb === 'upgrade' || verb === 'safe-upgrade') && packages.length === 0)) {
        return `${cmd.name} ${verb}`;
      }
      return undefined;
    case 'yum':
    case 'dnf':
    case 'microdnf':
      return (verb === 'update' || verb === 'upgrade' || verb === 'distro-sync') && packages.length === 0 ? `${cmd.name} ${verb}` : undefined;
    case 'zypper':
      return verb === 'dup' || verb === 'dist-upgrade' || ((verb === 'up' || verb === 'update') && packages.length === 0) ? `zypper ${verb}` : undefined;
    case 'pacman':
      return args.some((a) => /^-S[a-z]*u/.test(a)) ? 'pacman -Syu' : undefined;
    case 'apk':
      return verb === 'upgrade' && packages.length === 0 ? 'apk upgrade' : undefined;
    case 'pip':
    case 'pip3':
      return args.includes('--break-system-packages') ? `${cmd.name} install --break-system-packages` : undefined;
    default:
      return undefined;
  }
}

/** script/broad-upgrade: the script upgrades the whole host, far beyond the product. */
export const broadUpgradeRule: StatementRule = {
  meta,
  command(cmd, _env, report) {
    const what = wholeHost(cmd);
    const effect = what?.includes('break-system-packages') ? "overrides the distribution's own Python packages" : 'upgrades every package on the host';
    return what ? report(cmd.nameRange, `${what} ${effect}: far more changes than the product's in the window, none of them reviewed, and a rollback of the product does not undo them; upgrade only the packages the product needs`) : undefined;
  },
};
