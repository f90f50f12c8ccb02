import { spawnSync } from 'node:child_process';

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median wall time of an in-process async function, after one warm-up run. */
export async function timeIt(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(times);
}

/** A whole process to time: the command, its arguments, its environment and the exit statuses that are success. */
export interface Proc {
  cmd: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  ok?: number[];
}

/**
 * Median wall times of whole processes run in turn (a, b, a, b, …), after one warm-up run of each. This VM's
 * speed drifts by 10–30% from one minute to the next, so a ratio of two medians taken minutes apart measures
 * the drift as much as the programs; taken in turn, both sides see the same machine.
 */
export function timeAlternating(runs: number, procs: Proc[]): number[] {
  const times = procs.map((): number[] => []);
  for (let i = -1; i < runs; i++) {
    procs.forEach((p, k) => {
      const t = process.hrtime.bigint();
      const r = spawnSync(p.cmd, p.args, { stdio: 'ignore', maxBuffer: 1 << 30, env: p.env ?? process.env });
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      if (!(p.ok ?? [0]).includes(r.status ?? -1)) {
        throw new Error(`${p.cmd} ${p.args.join(' ')} exited with ${r.status}`);
      }
      if (i >= 0) {
        times[k].push(ms);
      }
    });
  }
  return times.map(median);
}

/** Median wall time of a whole process (start to exit), output discarded. */
export function timeProcess(runs: number, cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env, okStatus: number[] = [0]): number {
  spawnSync(cmd, args, { stdio: 'ignore', env });
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'ignore'], maxBuffer: 1 << 30, env });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (!okStatus.includes(r.status ?? -1)) {
      throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`);
    }
  }
  return median(times);
}

/** Peak RSS (MB) of a fresh Node process running a snippet. */
export function peakRss(script: string): { ms: number; rssMb: number } {
  const r = spawnSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(r.stderr);
  }
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as { ms: number; rssMb: number };
}

/** Peak RSS (MB) of a whole process, as GNU time reports it. */
export function peakRssOf(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const r = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { encoding: 'utf8', env, maxBuffer: 1 << 30 });
  const kb = Number(r.stderr.trim().split('\n').pop());
  if (!Number.isFinite(kb)) {
    throw new Error(`cannot measure ${cmd}: ${r.stderr}`);
  }
  return kb / 1024;
}
