import { describeSchedule, hostsIn } from '../cron';
import { scheduledJobs } from '../schedules';
import { scriptFinding, type ScriptRule } from '../env';

/** script/cron-job: the script installs a scheduled job; the message says when it runs and what it calls. */
export const cronJobRule: ScriptRule = (script, env) =>
  scheduledJobs(script, env).map((job) => {
    if (job.kind === 'timer') {
      return scriptFinding('script/cron-job', script, job.range, `installs the systemd timer ${job.target} (${job.expression.startsWith('(') ? job.expression.slice(1, -1) : `OnCalendar ${job.expression}`}); check what it runs and that its targets still exist`);
    }
    if (job.kind === 'unread') {
      return scriptFinding('script/cron-job', script, job.range, `installs the crontab ${job.command} as ${job.target}; its schedule is not in the package, so read it before the window`);
    }
    const { words, next } = describeSchedule(job.expression, env.now);
    const hosts = hostsIn(job.command);
    const calls = hosts.length ? `, and calls ${hosts.join(', ')}` : '';
    const when = next ? ` (next run ${next.toISOString().slice(0, 16).replace('T', ' ')} UTC)` : '';
    const what = job.kind === 'periodic' ? `installs ${job.target}, run by cron ${words.toLowerCase()}` : `installs a cron job in ${job.target} that runs ${words.charAt(0).toLowerCase() + words.slice(1)}${when}${calls}: ${job.command}`;
    return scriptFinding('script/cron-job', script, job.range, what);
  });
