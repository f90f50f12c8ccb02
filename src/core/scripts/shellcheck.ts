import { spawn } from 'node:child_process';
import { closeSync } from 'node:fs';
import type { Finding, Severity } from '../finding';
import { append } from '../append';
import { memoryFiles } from './memoryFiles';

interface Comment { file: string; line: number; endLine: number; column: number; endColumn: number; level: string; code: number; message: string }

const LEVELS: Record<string, Severity> = { error: 'error', warning: 'warning', info: 'info', style: 'info' };

/** Findings, and the scripts ShellCheck did not finish in time (their findings are missing); or why it could not run. */
export type ShellcheckOutcome = { findings: Finding[]; unfinished?: string[] } | { missing: string };

interface Run { comments?: Comment[]; error?: NodeJS.ErrnoException; status: number | null; timedOut?: boolean }

/**
 * Runs a command that prints ShellCheck's json1, feeding `inputs` to its stdin (one input) or at fd 3, 4, …:
 * a text through a pipe, a number as the descriptor it is (closed here once the child has it); a missing
 * program is an `error`, never a throw. Our own timer, cleared on every way out: spawn's `timeout` option
 * keeps its timer alive after an ENOENT error, which held every process open for the timeout.
 */
function runJson1(command: string, args: string[], inputs: readonly (string | number)[], viaStdin: boolean, timeoutMs: number, signal?: AbortSignal): Promise<Run> {
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(command, args, { stdio: [viaStdin ? 'pipe' : 'ignore', 'pipe', 'ignore', ...inputs.map((input) => (typeof input === 'number' ? input : ('pipe' as const)))] });
    } catch (e) {
      resolve({ error: e as NodeJS.ErrnoException, status: null });
      return;
    } finally {
      inputs.forEach((input) => typeof input === 'number' && closeSync(input));
    }
    const kill = (): boolean => child.kill('SIGKILL');
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, timeoutMs);
    // A cancelled review stops ShellCheck at once rather than waiting for it.
    signal?.addEventListener('abort', kill, { once: true });
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', kill);
    };
    const out: Buffer[] = [];
    child.stdout!.on('data', (d: Buffer) => out.push(d));
    child.on('error', (e: NodeJS.ErrnoException) => {
      done();
      resolve({ error: e, status: null });
    });
    child.on('close', (status) => {
      done();
      try {
        resolve({ comments: (JSON.parse(Buffer.concat(out).toString('utf8')) as { comments: Comment[] }).comments, status, timedOut });
      } catch {
        resolve({ status, timedOut });
      }
    });
    inputs.forEach((input, i) => {
      if (typeof input === 'string') {
        const pipe = (viaStdin ? child.stdin : child.stdio[3 + i]) as NodeJS.WritableStream;
        pipe.on('error', () => undefined);
        pipe.end(input);
      }
    });
  });
}

function toFinding(c: Comment, path: string): Finding {
  return {
    rule: `shellcheck/SC${c.code}`,
    severity: LEVELS[c.level] ?? 'info',
    file: path,
    origin: 'package',
    range: { start: { line: c.line - 1, character: c.column - 1 }, end: { line: c.endLine - 1, character: c.endColumn - 1 } },
    message: c.message,
  };
}

const dialect = (text: string): string[] => (text.startsWith('#!') ? [] : ['--shell=bash']);
const notInstalled = (program: string, e: NodeJS.ErrnoException): string => (e.code === 'ENOENT' ? `${program} is not installed` : e.message);

/** Runs shellcheck on one script through stdin (`-f json1`); a missing program is said, never thrown. */
export async function runShellcheck(text: string, path: string, program: string, timeoutMs = 15_000, signal?: AbortSignal): Promise<ShellcheckOutcome> {
  const run = await runJson1(program, ['-f', 'json1', '-x', ...dialect(text), '-'], [text], true, timeoutMs, signal);
  if (run.error) {
    return { missing: notInstalled(program, run.error) };
  }
  return run.timedOut ? { findings: [], unfinished: [path] } : { findings: (run.comments ?? []).map((c) => toFinding(c, path)) };
}

const BATCH = 64;
/** Scripts longer than this (characters) get a ShellCheck run of their own. */
const ALONE = 64 * 1024;
/**
 * Where the pipes bash makes are kept: past the sockets Node passes (fd 3 … 3 + BATCH - 1), and past the
 * lowest free fds, which bash takes for a moment while it makes each pipe (at 3 + BATCH it closed the first).
 */
const FIRST_FD = 3 + 2 * BATCH;

/**
 * One ShellCheck process for many scripts of one dialect, with nothing written to disk. On Linux the scripts
 * are unnamed files in memory (memoryFiles.ts) that ShellCheck opens as /dev/fd/3, /dev/fd/4, …. Elsewhere
 * ShellCheck cannot open Node's stdio sockets by /dev/fd, so bash turns each into a pipe
 * (`exec 131< <(cat <&3)`) and execs ShellCheck on /dev/fd/131, /dev/fd/132, … (a fork of bash and one of
 * `cat` per script: ~5 ms of CPU for the example's seven, which its `lint` paid in full on this 2-core machine).
 * The command line holds fd numbers only; under bash the program is its $0. Undefined when bash is needed
 * and not there (the caller runs one process per script instead).
 */
async function runBatch(batch: readonly (readonly [string, string])[], program: string, timeoutMs: number, signal?: AbortSignal): Promise<ShellcheckOutcome | undefined> {
  const texts = batch.map(([, text]) => text);
  const options = ['-f', 'json1', '-x', ...dialect(texts[0])];
  const inMemory = memoryFiles(texts);
  let run: Run;
  let first: number;
  if (inMemory) {
    first = 3;
    run = await runJson1(program, [...options, ...texts.map((_, i) => `/dev/fd/${first + i}`)], inMemory, false, timeoutMs, signal);
    if (run.error) {
      return { missing: notInstalled(program, run.error) };
    }
  } else {
    first = FIRST_FD;
    const opens = texts.map((_, i) => `exec ${first + i}< <(exec cat <&${3 + i})`).join('; ');
    const script = `${opens}; exec "$0" ${options.join(' ')} ${texts.map((_, i) => `/dev/fd/${first + i}`).join(' ')}`;
    run = await runJson1('bash', ['-c', script, program], texts, false, timeoutMs, signal);
    if (run.error) {
      return undefined;
    }
    if (run.comments === undefined && run.status === 127) {
      return { missing: `${program} is not installed` };
    }
  }
  if (run.timedOut) {
    return { findings: [], unfinished: batch.map(([path]) => path) };
  }
  return { findings: (run.comments ?? []).map((c) => toFinding(c, batch[Number(c.file.slice('/dev/fd/'.length)) - first]?.[0] ?? c.file)) };
}

/** ShellCheck's word on a package's scripts: its findings, why it could not run, the scripts it did not finish. */
export interface ShellcheckReport {
  findings: Finding[];
  missing?: string;
  unfinished?: string[];
  /** Scripts not given to ShellCheck: their substitutions nest past what it finishes (see substitutionDepth.ts). */
  tooDeep?: string[];
}

/**
 * ShellCheck over every script: one process per dialect (scripts with a shebang, and those without, checked
 * as bash) and per 64 scripts, a script over 64 KiB in one of its own, two at a time; one process per script
 * where bash is missing. A review starts it before its own parse, so ShellCheck works on another core
 * meanwhile. Findings keep the scripts' order.
 */
export async function shellcheckAll(scripts: ReadonlyMap<string, string>, program: string, timeoutMs = 15_000, signal?: AbortSignal): Promise<ShellcheckReport> {
  const order = [...scripts.keys()];
  const batches: [string, string][][] = [];
  for (const shebang of [true, false]) {
    const group = [...scripts].filter(([, text]) => text.startsWith('#!') === shebang && text.length <= ALONE);
    for (let i = 0; i < group.length; i += BATCH) {
      batches.push(group.slice(i, i + BATCH));
    }
  }
  // A large script is checked in a run of its own, after the others: if ShellCheck cannot finish it in time,
  // the findings it misses are that script's alone.
  for (const script of scripts) {
    if (script[1].length > ALONE) {
      batches.push([script]);
    }
  }
  const perScript = async (batch: readonly [string, string][]): Promise<ShellcheckOutcome> => {
    const findings: Finding[] = [];
    const unfinished: string[] = [];
    for (const [path, text] of batch) {
      if (signal?.aborted) {
        break;
      }
      const outcome = await runShellcheck(text, path, program, timeoutMs, signal);
      if ('missing' in outcome) {
        return outcome;
      }
      append(findings, outcome.findings);
      append(unfinished, outcome.unfinished ?? []);
    }
    return { findings, unfinished };
  };
  // Two batches at a time: a package of a thousand scripts must not start a thousand processes at once.
  const outcomes: ShellcheckOutcome[] = [];
  const worker = async (): Promise<void> => {
    for (let i = outcomes.length; i < batches.length && !signal?.aborted; i = outcomes.length) {
      outcomes.push({ findings: [] });
      outcomes[i] = (process.platform !== 'win32' ? await runBatch(batches[i], program, timeoutMs, signal) : undefined) ?? (await perScript(batches[i]));
    }
  };
  await Promise.all([worker(), worker()]);
  const missing = outcomes.find((o): o is { missing: string } => 'missing' in o)?.missing;
  const findings = outcomes.flatMap((o) => ('findings' in o ? o.findings : []));
  const rank = new Map(order.map((p, i) => [p, i]));
  findings.sort((a, b) => rank.get(a.file)! - rank.get(b.file)!);
  const unfinished = outcomes.flatMap((o) => ('findings' in o ? (o.unfinished ?? []) : [])).sort((a, b) => rank.get(a)! - rank.get(b)!);
  return { findings, ...(missing !== undefined ? { missing } : {}), ...(unfinished.length > 0 ? { unfinished } : {}) };
}
