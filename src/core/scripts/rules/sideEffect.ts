import type { Finding } from '../../finding';
import type { ShellCommand } from '../model';
import { hostsIn } from '../cron';
import { scriptFinding, type ScriptRule } from '../env';

interface Effect { what: string; keys: string[] }

/** What a command changes outside the host's disk that a snapshot restore does not bring back. */
function effectOf(cmd: ShellCommand): Effect | undefined {
  const text = cmd.args.map((a) => a.text).join(' ');
  if ((cmd.name === 'curl' || cmd.name === 'wget' || cmd.name === 'http') && /webhook|\/hooks?\b/i.test(text) && /(-X\s*(POST|PUT)|--data|-d\s|--post-data|--json)/i.test(text)) {
    const url = cmd.args.map((a) => a.text).find((t) => /^https?:\/\//.test(t)) ?? '';
    return { what: `registers a webhook at ${hostsIn(url)[0] ?? url}`, keys: [url.replace(/^https?:\/\//, '').split(/[?#]/)[0], 'webhook'] };
  }
  const flag = /\b(?:flags?|features?|feature-flags?)\s+(?:set|enable|disable|on|off|toggle)\s+([\w.-]+)/i.exec(text);
  if (flag || /(^|-)(flag|feature)/.test(cmd.name)) {
    const name = flag?.[1]?.split('=')[0] ?? cmd.name;
    return { what: `changes the feature flag ${name}`, keys: [name] };
  }
  if (['useradd', 'adduser', 'htpasswd', 'createuser'].includes(cmd.name)) {
    const who = cmd.args.map((a) => a.text).filter((t) => !t.startsWith('-')).pop() ?? '';
    return { what: `creates the account ${who}`, keys: [who] };
  }
  if (/\b(create-access-key|create-service-account-key|create\s+secret|create\s+token|token\s+create|write\s+auth\/)/.test(text) || cmd.name === 'ssh-keygen') {
    return { what: 'creates a credential', keys: [cmd.name] };
  }
  return undefined;
}

/** script/external-side-effect: a webhook, flag or credential a snapshot rollback will not undo. */
export const sideEffectRule: ScriptRule = (script, env) => {
  if (env.isUndoScript) {
    return [];
  }
  const out: Finding[] = [];
  for (const cmd of script.commands) {
    const effect = effectOf(cmd);
    if (!effect) {
      continue;
    }
    const undone = effect.keys.some((k) => k.length > 2 && env.undoText.includes(k));
    if (!undone) {
      out.push(scriptFinding('script/external-side-effect', script, cmd.nameRange, `${cmd.name} ${effect.what}: a snapshot rollback will not undo it, and neither the rollback nor the cleanup script mentions it; add it to the post-upgrade cleanup plan`));
    }
  }
  return out;
};
