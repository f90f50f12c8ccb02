import type { Finding } from '../../finding';
import type { WholeScriptRule } from '../scriptRule';
import { operands, type ShellCommand } from '../model';
import { fileWrites } from '../writes';

const meta = { id: 'script/host-hardening', severity: 'error', title: "The script weakens the host's security", scope: 'script' } as const;

const SECURITY_SERVICES = /^(firewalld|ufw|nftables|iptables|ip6tables|netfilter-persistent|apparmor|auditd|fail2ban|selinux)(\.service)?$/;
const SYSTEM_PATHS = /^\/(etc|usr|bin|sbin|lib|lib64|boot|root|var|opt|srv)(\/|$)/;
const SSH_WEAK = /^\s*(PermitRootLogin\s+yes|PasswordAuthentication\s+yes|PermitEmptyPasswords\s+yes)\b/im;
const SELINUX_OFF = /SELINUX\s*=\s*(disabled|permissive)/i;

/** What a command does to weaken the host, in words; undefined when nothing. */
function weakens(cmd: ShellCommand): string | undefined {
  const args = cmd.args.map((a) => a.value ?? a.text);
  const ops = operands(cmd).map((w) => w.value ?? w.text);
  switch (cmd.name) {
    case 'setenforce':
      return ops[0] === '0' || /^permissive$/i.test(ops[0] ?? '') ? 'switches SELinux to permissive' : undefined;
    case 'ufw':
      return ops[0] === 'disable' ? 'turns the firewall off' : undefined;
    case 'systemctl': {
      const verb = ops[0];
      const units = ops.slice(1).filter((u) => SECURITY_SERVICES.test(u));
      return (verb === 'stop' || verb === 'disable' || verb === 'mask') && units.length > 0 ? `${verb}s ${units.join(', ')}` : undefined;
    }
    case 'iptables':
    case 'ip6tables':
      if (args.includes('-F') || args.includes('--flush')) {
        return 'flushes every firewall rule';
      }
      return args.some((a, i) => (a === '-P' || a === '--policy') && /^(INPUT|FORWARD)$/.test(args[i + 1] ?? '') && args[i + 2] === 'ACCEPT') ? 'sets the firewall to accept everything' : undefined;
    case 'chmod': {
      const mode = ops[0] ?? '';
      const worldWritable = /^[0-7]*[2367]$/.test(mode) || /(^|,)[ugo]*[ao][ugo]*[+=][rwxXst]*w/.test(mode);
      const paths = ops.slice(1).filter((p) => SYSTEM_PATHS.test(p));
      return worldWritable && paths.length > 0 ? `makes ${paths.join(', ')} writable by every user` : undefined;
    }
    case 'sed':
      if (args.includes('-i') || args.some((a) => a.startsWith('-i'))) {
        const target = ops[ops.length - 1] ?? '';
        const script = ops.slice(0, -1).join(' ');
        if (/sshd_config/.test(target) && /(PermitRootLogin|PasswordAuthentication|PermitEmptyPasswords)[^/]*\/[^/]*\b(yes)\b/.test(script)) {
          return 'allows SSH root or password logins';
        }
        if (/selinux\/config/.test(target) && SELINUX_OFF.test(script)) {
          return 'switches SELinux off at the next boot';
        }
      }
      return undefined;
    default:
      return undefined;
  }
}

/** script/host-hardening: the script weakens the host's security settings. */
const run: WholeScriptRule['run'] = (script, _env, report) => {
  const out: Finding[] = [];
  for (const cmd of script.commands) {
    const what = weakens(cmd);
    if (what) {
      out.push(report(cmd.nameRange, `${cmd.name} ${what}: the upgrade leaves the host weaker than it found it, and no rollback of the product restores it; ask the vendor why, and what to do instead`));
    }
  }
  for (const w of fileWrites(script.commands)) {
    if ((/sshd_config/.test(w.target) && SSH_WEAK.test(w.text)) || (/selinux\/config/.test(w.target) && SELINUX_OFF.test(w.text))) {
      out.push(report(w.command.nameRange, `${w.command.name} writes ${w.target} with ${(SSH_WEAK.exec(w.text) ?? SELINUX_OFF.exec(w.text))![0].trim()}: the upgrade leaves the host weaker than it found it; ask the vendor why`));
    }
  }
  return out;
};

export const hostHardeningRule: WholeScriptRule = { meta, run };
