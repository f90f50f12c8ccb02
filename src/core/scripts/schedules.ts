import type { Range } from '../finding';
import { operands, type ShellCommand } from './model';
import { cronTarget, parseCrontab } from './cron';
import type { ScriptEnv } from './env';
import type { ScriptModel } from './model';
import { fileWrites, stdinText } from './writes';
import { literalVariables } from './held';
import { append } from '../append';

/** A scheduled job a script installs: a cron line, a periodic cron script, or a systemd timer. */
export interface ScheduledJob {
  kind: 'cron' | 'periodic' | 'timer' | 'unread';
  expression: string;
  /** What runs (the cron command, or the script/timer path). */
  command: string;
  /** Where it is installed. */
  target: string;
  range: Range;
  /** The range of the schedule expression, for hover. */
  expressionRange: Range;
  installedBy: ShellCommand;
}

function cronJobsFromText(text: string, target: string, map: (r: number, c: number) => { line: number; character: number }, by: ShellCommand, systemWide: boolean): ScheduledJob[] {
  return parseCrontab(text, systemWide).map((e) => {
    const start = map(e.line, e.column);
    const lineEnd = map(e.line, e.column + e.expression.length + 1 + (e.user ? e.user.length + 1 : 0) + e.command.length);
    return {
      kind: 'cron' as const,
      expression: e.expression,
      command: e.command,
      target,
      range: { start, end: lineEnd },
      expressionRange: { start, end: map(e.line, e.column + e.expression.length) },
      installedBy: by,
    };
  });
}

const computed = new WeakMap<ScriptModel, { env: ScriptEnv; jobs: ScheduledJob[] }>();

/** The jobs a script installs; computed once per script and environment (two rules ask). */
export function scheduledJobs(script: ScriptModel, env: ScriptEnv): ScheduledJob[] {
  const cached = computed.get(script);
  if (cached?.env === env) {
    return cached.jobs;
  }
  const jobs = findJobs(script, env);
  computed.set(script, { env, jobs });
  return jobs;
}

/** A cron line whose schedule fields are variables (`$MIN $HOUR * * * root …`): a job, its schedule unread. */
const VARIABLE_SCHEDULE = /^\s*((?:\S+\s+){4}\S+)\s+(.+)$/m;

function findJobs(script: ScriptModel, env: ScriptEnv): ScheduledJob[] {
  const jobs: ScheduledJob[] = [];
  const resolve = literalVariables(script.assignments);
  for (const w of fileWrites(script.commands)) {
    const target = cronTarget(w.target);
    if (target?.periodic) {
      jobs.push({ kind: 'periodic', expression: `@${target.periodic}`, command: w.target, target: w.target, range: w.command.range, expressionRange: w.command.range, installedBy: w.command });
    } else if (target) {
      const found = cronJobsFromText(w.text, w.target, w.map, w.command, target.systemWide);
      // Schedule fields held in variables the script sets (`MIN=15; echo "$MIN 3 * * * …"`): read through them.
      const resolved = found.length === 0 && w.text.includes('$') ? cronJobsFromText(resolve(w.text), w.target, () => w.command.range.start, w.command, target.systemWide).map((j) => ({ ...j, range: w.command.range, expressionRange: w.command.range })) : [];
      const variable = found.length === 0 && resolved.length === 0 ? VARIABLE_SCHEDULE.exec(w.text) : null;
      append(jobs, [...found, ...resolved]);
      if (variable && variable[1].includes('$')) {
        const command = target.systemWide ? variable[2].replace(/^\S+\s+/, '') : variable[2];
        jobs.push({ kind: 'unread', expression: variable[1], command, target: w.target, range: w.command.range, expressionRange: w.command.range, installedBy: w.command });
      }
    } else if (w.target.endsWith('.timer')) {
      const m = /^\s*OnCalendar\s*=\s*(.+)$/m.exec(w.text);
      jobs.push({ kind: 'timer', expression: m ? m[1].trim() : '(no OnCalendar)', command: w.target, target: w.target, range: w.command.range, expressionRange: w.command.range, installedBy: w.command });
    }
  }
  for (const cmd of script.commands) {
    if (cmd.name === 'crontab') {
      const ops = operands(cmd, ['-u']);
      if (ops.some((o) => o.value === '-l' || o.value === '-r')) {
        continue;
      }
      const file = ops.find((o) => o.value !== '-');
      const text = file ? env.packageText.get((file.value ?? '').replace(/^\.\//, '')) : undefined;
      if (text !== undefined) {
        append(jobs, cronJobsFromText(text, 'crontab', () => cmd.range.start, cmd, false).map((j) => ({ ...j, range: cmd.range, expressionRange: cmd.range })));
      } else {
        const stdin = stdinText(cmd);
        if (stdin) {
          append(jobs, cronJobsFromText(stdin.text, 'crontab', stdin.map, cmd, false));
        }
      }
    } else if ((cmd.name === 'cp' || cmd.name === 'install') && cmd.args.some((a) => a.value?.includes('cron'))) {
      const ops = operands(cmd, ['-m', '-o', '-g', '-t']);
      const dest = ops[ops.length - 1]?.value;
      const target = dest ? cronTarget(dest.endsWith('/') ? dest + 'x' : dest) : undefined;
      if (target && !target.periodic) {
        for (const src of ops.slice(0, -1)) {
          const text = env.packageText.get((src.value ?? '').replace(/^\.\//, ''));
          if (text !== undefined) {
            append(jobs, cronJobsFromText(text, dest!, () => src.range.start, cmd, target.systemWide).map((j) => ({ ...j, range: src.range, expressionRange: src.range })));
          } else {
            // The crontab comes from outside the package (or a path we cannot follow): still a job, schedule unknown.
            jobs.push({ kind: 'unread', expression: '', command: src.text, target: dest!.endsWith('/') ? dest! + (src.text.split('/').pop() ?? '') : dest!, range: src.range, expressionRange: src.range, installedBy: cmd });
          }
        }
      }
    } else if (cmd.name === 'systemctl' || cmd.name === 'deb-systemd-helper' || cmd.name === 'deb-systemd-invoke') {
      const ops = operands(cmd);
      if (ops[0]?.value === 'enable' || ops[0]?.value === 'start') {
        for (const unit of ops.slice(1)) {
          if (unit.value?.endsWith('.timer') && !jobs.some((j) => j.kind === 'timer' && j.target.endsWith('/' + unit.value))) {
            const shipped = [...env.packageText.entries()].find(([p]) => p.endsWith('/' + unit.value) || p === unit.value)?.[1];
            const m = shipped ? /^\s*OnCalendar\s*=\s*(.+)$/m.exec(shipped) : null;
            jobs.push({ kind: 'timer', expression: m ? m[1].trim() : '(schedule not in the package)', command: unit.value, target: unit.value, range: unit.range, expressionRange: unit.range, installedBy: cmd });
          }
        }
      }
    }
  }
  return jobs;
}
