import { describeSchedule, hostsIn } from '../cron';
import { scheduledJobs } from '../schedules';
import type { WholeScriptRule } from '../scriptRule';

const meta = { id: 'script/cron-job', severity: 'warning', title: 'The script installs a scheduled job', scope: 'script' } as const;

/** script/cron-job: the script installs a scheduled job; the message says when it runs and what it calls. */
const run: WholeScriptRule['run'] = (script, env, report) =>
  scheduledJobs(script, env).map((job) => {
    if (job.kind === 'timer') {
      return report(job.range, `installs the systemd timer ${job.target} (${job.expression.startsWith('(') ? job.expression.slice(1, -1) : `OnCalendar ${job.expression}`}); check what it runs and that its targets still exist`);
    }
    if (job.kind === 'unread') {
      return job.expression
        ? report(job.range, `installs a cron job in ${job.target} whose schedule (${job.expression}) is set by variables at run time: ${job.command}; find out when it runs before the window`)
        : report(job.range, `installs the crontab ${job.command} as ${job.target}; its schedule is not in the package, so read it before the window`);
    }
    const { words, next } = describeSchedule(job.expression, env.now);
    const hosts = hostsIn(job.command);
    const calls = hosts.length ? `, and calls ${hosts.join(', ')}` : '';
    const when = next ? ` (next run ${next.toISOString().slice(0, 16).replace('T', ' ')} UTC)` : '';
    const what = job.kind === 'periodic' ? `installs ${job.target}, run by cron ${words.toLowerCase()}` : `installs a cron job in ${job.target} that runs ${words.charAt(0).toLowerCase() + words.slice(1)}${when}${calls}: ${job.command}`;
    return report(job.range, what);
  });

export const cronJobRule: WholeScriptRule = { meta, run };
