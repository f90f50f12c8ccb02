import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface StandInOptions {
  /** A bash test on `$f`: where it holds, the stand-in hangs on that file (until it is killed). */
  hangs?: string;
  /** A fifo the first run writes a line to once it starts, then hangs; later runs answer as usual. */
  firstRunStarted?: string;
}

/**
 * A stand-in for shellcheck, in a folder of its own: it notes each run in `runs` (one line each) and reports
 * one comment, SC1000 on line 1, on each file it is given.
 */
export function standInShellcheck(options: StandInOptions = {}): { program: string; bin: string; runs: string; dispose: () => void } {
  const bin = mkdtempSync(join(tmpdir(), 'ui-stand-in-shellcheck-'));
  const program = join(bin, 'shellcheck');
  const runs = join(bin, 'runs');
  const first = options.firstRunStarted;
  writeFileSync(
    program,
    [
      '#!/bin/bash',
      ...(first ? [`[ -e ${runs} ] || { echo run >> ${runs}; echo > ${first}; exec sleep 600; }`] : []),
      `echo run >> ${runs}`,
      'out=',
      'for f in "$@"; do',
      '  case "$f" in -*|json1) continue;; esac',
      ...(options.hangs ? [`  ${options.hangs} && exec sleep 600`] : []),
      '  out="$out${out:+,}{\\"file\\":\\"$f\\",\\"line\\":1,\\"endLine\\":1,\\"column\\":1,\\"endColumn\\":2,\\"level\\":\\"info\\",\\"code\\":1000,\\"message\\":\\"seen\\"}"',
      'done',
      'echo "{\\"comments\\":[$out]}"',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  return { program, bin, runs, dispose: () => rmSync(bin, { recursive: true, force: true }) };
}
