import { spawn } from 'node:child_process';
import type { Finding, Severity } from '../finding';

interface Json1 { comments: { line: number; endLine: number; column: number; endColumn: number; level: string; code: number; message: string }[] }

const LEVELS: Record<string, Severity> = { error: 'error', warning: 'warning', info: 'info', style: 'info' };

export type ShellcheckOutcome = { findings: Finding[] } | { missing: string };

/** Runs shellcheck on one script through stdin (`-f json1`); a missing program is said, never thrown. */
export function runShellcheck(text: string, path: string, program: string, timeoutMs = 15_000): Promise<ShellcheckOutcome> {
  return new Promise((resolve) => {
    const args = ['-f', 'json1', '-x', ...(text.startsWith('#!') ? [] : ['--shell=bash']), '-'];
    let child;
    try {
      child = spawn(program, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    } catch (e) {
      resolve({ missing: (e as Error).message });
      return;
    }
    // Our own timer, cleared on every way out: spawn's `timeout` option keeps its timer alive after an
    // ENOENT error, which held every process without shellcheck open for the whole timeout.
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const out: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ missing: e.code === 'ENOENT' ? `${program} is not installed` : e.message });
    });
    child.on('close', () => {
      clearTimeout(timer);
      try {
        const parsed = JSON.parse(Buffer.concat(out).toString('utf8')) as Json1;
        resolve({
          findings: parsed.comments.map((c) => ({
            rule: `shellcheck/SC${c.code}`,
            severity: LEVELS[c.level] ?? 'info',
            file: path,
            origin: 'package',
            range: { start: { line: c.line - 1, character: c.column - 1 }, end: { line: c.endLine - 1, character: c.endColumn - 1 } },
            message: c.message,
          })),
        });
      } catch {
        resolve({ findings: [] });
      }
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(text);
  });
}
