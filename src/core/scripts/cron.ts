import { cronLibraries } from '../lazy';

const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

export interface CronEntry {
  expression: string;
  command: string;
  user?: string;
  /** 0-based line within the text, and the column where the expression starts. */
  line: number;
  column: number;
}

const FIELD = /^[\d*,/?LW#A-Za-z-]+$/;

/**
 * Scheduled lines of a crontab text. `systemWide` (/etc/crontab, /etc/cron.d) lines carry a user field.
 * Comments, blank lines and variable settings are skipped.
 */
export function parseCrontab(text: string, systemWide: boolean): CronEntry[] {
  const out: CronEntry[] = [];
  text.split('\n').forEach((raw, line) => {
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith('#') || /^[A-Za-z_][A-Za-z0-9_]*\s*=/.test(trimmed)) {
      return;
    }
    const column = raw.indexOf(trimmed);
    const parts = trimmed.split(/\s+/);
    let fields: string[];
    if (parts[0].startsWith('@')) {
      fields = [parts[0]];
    } else {
      fields = parts.slice(0, 5);
      if (fields.length < 5 || !fields.every((f) => FIELD.test(f))) {
        return;
      }
    }
    const rest = parts.slice(fields.length);
    const user = systemWide ? rest.shift() : undefined;
    if (rest.length === 0) {
      return;
    }
    out.push({ expression: fields.join(' '), command: rest.join(' '), user, line, column });
  });
  return out;
}

/** The schedule in words and its next run after `now` (UTC), or why it cannot be read. */
export function describeSchedule(expression: string, now: Date): { words: string; next?: Date } {
  if (expression === '@reboot') {
    return { words: 'At every boot' };
  }
  const expr = MACROS[expression] ?? expression;
  const { cronstrue, Cron } = cronLibraries();
  let words: string;
  try {
    words = cronstrue.toString(expr, { use24HourTimeFormat: true, verbose: false });
  } catch {
    return { words: `on the schedule "${expression}" (not a valid cron expression)` };
  }
  try {
    // Five fields as cron reads them, day of month OR day of week when both are given, in UTC (a fixed
    // offset: a zone's name would set up Intl's time zones for one date); no next run when the date never
    // comes (the 30th of February).
    const next = new Cron(expr, { mode: '5-part', utcOffset: 0, paused: true }).nextRun(now);
    return next ? { words, next } : { words };
  } catch {
    return { words };
  }
}

/** Where cron reads its tables, and whether lines there have a user field. */
export function cronTarget(path: string): { systemWide: boolean; periodic?: string } | undefined {
  if (path === '/etc/crontab' || path.startsWith('/etc/cron.d/')) {
    return { systemWide: true };
  }
  const periodic = /^\/etc\/cron\.(hourly|daily|weekly|monthly)\//.exec(path);
  if (periodic) {
    return { systemWide: true, periodic: periodic[1] };
  }
  if (path.startsWith('/var/spool/cron/')) {
    return { systemWide: false };
  }
  return undefined;
}

export function hostsIn(text: string): string[] {
  const hosts = new Set<string>();
  for (const m of text.matchAll(/\b[a-z][a-z0-9+.-]*:\/\/(?:[^@/\s"']+@)?([A-Za-z0-9.-]+)/g)) {
    hosts.add(m[1].toLowerCase());
  }
  for (const m of text.matchAll(/(?:^|\s)(?:[\w.-]+@)?([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+):(?!\/\/)/g)) {
    hosts.add(m[1].toLowerCase());
  }
  return [...hosts];
}
