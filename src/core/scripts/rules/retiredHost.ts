import type { Finding } from '../../finding';
import { hostsIn } from '../cron';
import { scheduledJobs } from '../schedules';
import type { WholeScriptRule } from '../scriptRule';

const meta = { id: 'script/retired-host', severity: 'error', title: 'The script calls a retired host', scope: 'script' } as const;

/** Commands whose words are messages, patterns or names, not calls: a host in them is not contacted. */
const NOT_EXECUTED = new Set(['echo', 'printf', 'logger', ':', 'true', 'whiptail', 'dialog', 'zenity', 'notify-send', 'sed', 'grep', 'egrep', 'fgrep', 'awk', 'test', '[', '[[']);
/** Message helpers of installer scripts (msg_info, log_warn, die…). */
const MESSAGE_HELPER = /^(msg|log|print|say|warn|warning|info|error|die|fatal|notice|debug|status|step)([_-]\w+)?$/i;
/** Options whose value is an identifier that looks like a URL (XML catalog ids, namespaces). */
const IDENTIFIER_OPTIONS = new Set(['--id', '--identifier', '--namespace', '--xmlns', '--public-id', '--system-id']);
const REMOTE = new Set(['ssh', 'scp', 'sftp', 'rsync']);

/** script/retired-host: a URL, remote target or host name in the inventory's retiredHosts. */
const run: WholeScriptRule['run'] = (script, env, report) => {
  const retired = env.inventory?.retiredHosts;
  if (!retired || retired.size === 0) {
    return [];
  }
  const out: Finding[] = [];
  const retiredCall = (host: string, range: Finding['range'], how: string): void => {
    out.push(report(range, `${how} ${host}, which is retired: the call will fail (or reach whoever owns the name now)`));
  };
  for (const cmd of script.commands) {
    if (NOT_EXECUTED.has(cmd.name) || MESSAGE_HELPER.test(cmd.name)) {
      continue;
    }
    for (const [i, arg] of cmd.args.entries()) {
      // A substitution's own commands are reviewed themselves (`source <(curl …)` is one call, not two).
      const substituted = arg.node.type === 'process_substitution' || arg.node.type === 'command_substitution' || arg.node.descendantsOfType(['process_substitution', 'command_substitution']).length > 0;
      if (substituted || arg.text.startsWith('#') || IDENTIFIER_OPTIONS.has(cmd.args[i - 1]?.value ?? '')) {
        continue;
      }
      const hosts = new Set(hostsIn(arg.text));
      const bare = arg.text.toLowerCase().replace(/^[\w.-]+@/, '');
      if (retired.has(bare)) {
        hosts.add(bare);
      }
      for (const h of hosts) {
        if (retired.has(h)) {
          retiredCall(h, arg.range, `${cmd.name} ${REMOTE.has(cmd.name) ? 'connects to' : 'calls'}`);
        }
      }
    }
  }
  for (const job of scheduledJobs(script, env)) {
    for (const h of hostsIn(job.command)) {
      if (retired.has(h)) {
        retiredCall(h, job.range, 'a scheduled job calls');
      }
    }
  }
  return out;
};

export const retiredHostRule: WholeScriptRule = { meta, run };
