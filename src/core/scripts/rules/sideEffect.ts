import type { ShellCommand } from '../model';
import { hostsIn } from '../cron';
import { SQL_CLIENTS, sqlSources } from '../sql';
import type { StatementRule } from '../scriptRule';

const meta = { id: 'script/external-side-effect', severity: 'info', title: 'A side effect a snapshot rollback will not undo', scope: 'statement' } as const;

interface Effect { what: string; keys: string[] }

/** Chat and notification endpoints: a POST there sends a message, it registers nothing. */
const NOTIFICATION = /hooks\.slack\.com|discord(?:app)?\.com\/api\/webhooks|chat\.googleapis\.com|webhook\.office\.com|api\.telegram\.org|\/api\/chat\.postMessage|ntfy\.|pushover\.net|matrix\//i;
const WRITES = /(-X\s*(POST|PUT|PATCH)|--request\s+(POST|PUT|PATCH)|--data|-d\s|--post-data|--json)/i;

/** What a command changes outside the host's disk that a snapshot restore does not bring back. */
function effectOf(cmd: ShellCommand): Effect | undefined {
  const text = cmd.args.map((a) => a.text).join(' ');
  const url = cmd.args.map((a) => a.text).find((t) => /^https?:\/\//.test(t)) ?? '';
  const web = cmd.name === 'curl' || cmd.name === 'wget' || cmd.name === 'http';
  if (web && WRITES.test(text) && /\/(flags?|features?|feature-flags?|toggles?)\//i.test(url)) {
    const name = /\/(?:flags?|features?|feature-flags?|toggles?)\/([\w.-]+)/i.exec(url)?.[1] ?? url;
    return { what: `changes the feature flag ${name} through its API`, keys: [name] };
  }
  if (web && /webhook|\/hooks?\b/i.test(text) && WRITES.test(text) && !NOTIFICATION.test(url)) {
    const host = hostsIn(url)[0];
    return { what: host ? `registers a webhook at ${host}` : 'registers a webhook', keys: [url.replace(/^https?:\/\//, '').split(/[?#]/)[0], 'webhook'].filter(Boolean) };
  }
  const flag = /\b(?:flags?|features?|feature-flags?)\s+(?:set|enable|disable|on|off|toggle)\s+([\w.-]+)/i.exec(text);
  if (flag || /^(flagctl|featurectl)$|-(flags?|features?)$/.test(cmd.name)) {
    const name = flag?.[1]?.split('=')[0] ?? cmd.name;
    return { what: `changes the feature flag ${name}`, keys: [name] };
  }
  // Local accounts (useradd, adduser --system, htpasswd) live on the host's disk: a snapshot rollback does undo
  // them, so they are not reported. Database roles and cloud credentials live elsewhere.
  if (cmd.name === 'createuser') {
    const who = cmd.args.map((a) => a.text).filter((t) => !t.startsWith('-')).pop() ?? '';
    return { what: `creates the database role ${who}`, keys: [who] };
  }
  const sqlUser = /\bCREATE\s+(?:USER|ROLE)\s+[`'"]?([\w.@%-]+)[^;]*\b(?:PASSWORD|IDENTIFIED)\b/i.exec(SQL_CLIENTS.has(cmd.name) ? sqlText(cmd) : '');
  if (sqlUser) {
    return { what: `creates the database login ${sqlUser[1]}`, keys: [sqlUser[1]] };
  }
  if (/\b(create-access-key|create-service-account-key|create\s+secret|create\s+token|token\s+create|write\s+auth\/)/.test(text)) {
    return { what: 'creates a credential', keys: [cmd.name] };
  }
  return undefined;
}

/** The SQL a client command runs inline or from its stdin (package files are not needed here). */
function sqlText(cmd: ShellCommand): string {
  return sqlSources(cmd, () => undefined).map((s) => s.text).join('\n');
}

/** script/external-side-effect: a webhook, flag or credential a snapshot rollback will not undo. */
export const sideEffectRule: StatementRule = {
  meta,
  command(cmd, env, report) {
    const effect = env.isUndoScript ? undefined : effectOf(cmd);
    const undone = effect?.keys.some((k) => k.length > 2 && env.undoText.includes(k));
    if (effect && !undone) {
      return report(cmd.nameRange, `${cmd.name} ${effect.what}: a snapshot rollback will not undo it, and neither the rollback nor the cleanup script mentions it; add it to the post-upgrade cleanup plan`, { summary: `${cmd.name} ${effect.what}` });
    }
    return undefined;
  },
};
