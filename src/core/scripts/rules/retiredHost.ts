import type { Finding } from '../../finding';
import { hostsIn } from '../cron';
import { scheduledJobs } from '../schedules';
import { scriptFinding, type ScriptRule } from '../env';

const NOT_EXECUTED = new Set(['echo', 'printf', 'logger', ':', 'true']);
const REMOTE = new Set(['ssh', 'scp', 'sftp', 'rsync']);

/** script/retired-host: a URL, remote target or host name in the inventory's retiredHosts. */
export const retiredHostRule: ScriptRule = (script, env) => {
  const retired = env.inventory?.retiredHosts;
  if (!retired || retired.size === 0) {
    return [];
  }
  const out: Finding[] = [];
  const report = (host: string, range: Finding['range'], how: string): void => {
    out.push(scriptFinding('script/retired-host', script, range, `${how} ${host}, which is retired: the call will fail (or reach whoever owns the name now)`));
  };
  for (const cmd of script.commands) {
    if (NOT_EXECUTED.has(cmd.name)) {
      continue;
    }
    for (const arg of cmd.args) {
      const hosts = new Set(hostsIn(arg.text));
      const bare = arg.text.toLowerCase().replace(/^[\w.-]+@/, '');
      if (retired.has(bare)) {
        hosts.add(bare);
      }
      for (const h of hosts) {
        if (retired.has(h)) {
          report(h, arg.range, `${cmd.name} ${REMOTE.has(cmd.name) ? 'connects to' : 'calls'}`);
        }
      }
    }
  }
  for (const job of scheduledJobs(script, env)) {
    for (const h of hostsIn(job.command)) {
      if (retired.has(h)) {
        report(h, job.range, 'a scheduled job calls');
      }
    }
  }
  return out;
};
