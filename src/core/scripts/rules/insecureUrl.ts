import type { Finding } from '../../finding';
import type { StatementRule } from '../scriptRule';

const meta = { id: 'script/insecure-url', severity: 'warning', title: 'Something is fetched over plain http or ftp', scope: 'statement' } as const;

const FETCHERS = new Set(['curl', 'wget', 'fetch', 'aria2c', 'git', 'pip', 'pip3', 'npm', 'apt-key', 'rpm', 'yum', 'dnf', 'scp', 'lftp', 'ftp']);
const LOCAL = /^(?:https?|ftp):\/\/(?:localhost|127\.\d+\.\d+\.\d+|\[::1\])(?:[:/]|$)/i;

/** script/insecure-url: something is fetched over plain http:// or ftp://. */
export const insecureUrlRule: StatementRule = {
  meta,
  command(cmd, _env, report) {
    if (!FETCHERS.has(cmd.name)) {
      return undefined;
    }
    const out: Finding[] = [];
    for (const arg of cmd.args) {
      const m = /\b(http|ftp):\/\/[^\s"']+/i.exec(arg.text);
      if (m && !LOCAL.test(m[0])) {
        out.push(report(arg.range, `${cmd.name} fetches ${m[0]} over plain ${m[1].toLowerCase()}: anyone on the path can change what arrives; use https and check a hash`));
      }
    }
    return out;
  },
};
