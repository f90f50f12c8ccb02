import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryFileHome } from '../../src/core/scripts/memoryFiles';
import { runShellcheck, shellcheckAll } from '../../src/core/scripts/shellcheck';
import { buildVariant, NOW, review } from '../helpers/example';
import { standInShellcheck } from '../helpers/standInShellcheck';
import { ReviewSession } from '../../src/core/engine';
import { ZipPackage } from '../../src/core/package/source';
import { emptyWorkspace } from '../../src/core/review';
import { defaultSettings } from '../../src/core/settings';
import { ZipArchive } from '../../src/core/zip';

const installed = spawnSync('shellcheck', ['--version']).status === 0;
const tmpfsShm = ((): boolean => {
  try {
    return process.platform === 'linux' && statfsSync('/dev/shm').type === 0x01021994;
  } catch {
    return false;
  }
})();
const SHM = memoryFileHome.dir;
/** Runs `fn` with the scripts passed through pipes and bash, as where there is no tmpfs. */
async function throughPipes<T>(fn: () => Promise<T>): Promise<T> {
  memoryFileHome.dir = '/no-such-folder';
  try {
    return await fn();
  } finally {
    memoryFileHome.dir = SHM;
  }
}

describe('ShellCheck integration', () => {
  (installed ? it : it.skip)('adds shellcheck/SCnnnn findings at the right place when shellcheck is installed', async () => {
    const outcome = await runShellcheck('#!/bin/sh\nfoo=$1\nrm -rf $foo/*\n', 'scripts/x.sh', 'shellcheck');
    assert.ok('findings' in outcome);
    const sc2115 = outcome.findings.find((f) => f.rule === 'shellcheck/SC2115')!;
    assert.deepEqual([sc2115.range.start.line, sc2115.range.start.character, sc2115.severity, sc2115.file], [2, 7, 'warning', 'scripts/x.sh']);
  });

  (installed ? it : it.skip)('runs over the package scripts in a review', async () => {
    const built = await buildVariant({ mutate: (files) => files.set('scripts/extra.sh', { data: Buffer.from('#!/bin/bash\nset -e\necho `date`\n'), date: new Date('2026-10-30'), mode: 0o755 }) });
    const result = await review(built.zipPath, undefined, { shellcheck: { enabled: true, path: 'shellcheck' } });
    assert.ok(result.findings.some((f) => f.rule === 'shellcheck/SC2006' && f.file === 'scripts/extra.sh' && f.range.start.line === 2));
  });

  // Three scripts, two dialects: each finding lands on its own script, whichever process checked it.
  const NAMED = new Map([
    ['scripts/a.sh', '#!/bin/sh\necho `date`\n'],
    ['scripts/b', 'x=$1\nrm -rf $x/*\n'],
    ['scripts/c.sh', '#!/bin/bash\nfor f in $(ls); do echo "$f"; done\n'],
  ]);
  // And more scripts than one run takes (64), each with its finding on a line of its own.
  const STEPS = Array.from({ length: 70 }, (_, k) => [`scripts/step-${k}.sh`, `#!/bin/sh\n${'\n'.repeat(k)}echo \`date\`\n`] as [string, string]);
  const SCRIPTS = new Map([...NAMED, ...STEPS]);
  const summary = (findings: { file: string; rule: string; range: { start: { line: number } } }[]): string[] => findings.map((f) => `${f.file}:${f.range.start.line}:${f.rule}`);

  (installed ? it : it.skip)('checks many scripts in one run and puts each finding on its own script, as one run per script would', async () => {
    const batched = summary((await shellcheckAll(SCRIPTS, 'shellcheck')).findings);
    // The same through bash's pipes, where the scripts cannot be files in memory.
    assert.deepEqual(summary((await throughPipes(() => shellcheckAll(SCRIPTS, 'shellcheck'))).findings), batched);
    const single: string[] = [];
    for (const [path, text] of NAMED) {
      const outcome = await runShellcheck(text, path, 'shellcheck');
      single.push(...summary('findings' in outcome ? outcome.findings : []));
    }
    assert.ok(single.includes('scripts/b:1:shellcheck/SC2115') && single.includes('scripts/a.sh:1:shellcheck/SC2006') && single.includes('scripts/c.sh:1:shellcheck/SC2045'), single.join(' '));
    assert.deepEqual(batched.filter((f) => !f.startsWith('scripts/step-')), single);
    assert.deepEqual(
      batched.filter((f) => f.startsWith('scripts/step-') && f.endsWith('SC2006')),
      STEPS.map(([path], k) => `${path}:${k + 1}:shellcheck/SC2006`),
    );
  });

  (installed ? it : it.skip)('falls back to one run per script where bash is not on the PATH', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'ui-nobash-'));
    const path = process.env.PATH;
    try {
      symlinkSync(spawnSync('sh', ['-c', 'command -v shellcheck'], { encoding: 'utf8' }).stdout.trim(), join(bin, 'shellcheck'));
      process.env.PATH = bin;
      const outcome = await throughPipes(() => shellcheckAll(NAMED, 'shellcheck'));
      assert.ok(summary(outcome.findings).includes('scripts/b:1:shellcheck/SC2115'));
      process.env.PATH = path;
    } finally {
      process.env.PATH = path;
      rmSync(bin, { recursive: true, force: true });
    }
  });

  (tmpfsShm ? it : it.skip)('gives ShellCheck the scripts as unnamed files in memory on Linux: one run, no bash, nothing left behind', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'ui-memory-files-'));
    const log = join(bin, 'calls');
    const program = join(bin, 'shellcheck');
    // A stand-in that notes its arguments and each file's second line, and reports nothing (sh's builtins only:
    // the PATH has no bash, nor anything else).
    writeFileSync(program, `#!/bin/sh\necho "$*" >> ${log}\nfor f in "$@"; do case "$f" in /dev/fd/*) { read -r a; read -r b; } < "$f"; echo "$b" >> ${log};; esac; done\necho '{"comments":[]}'\n`, { mode: 0o755 });
    const before = readdirSync('/dev/shm');
    const path = process.env.PATH;
    try {
      process.env.PATH = '/no-such-folder';
      const outcome = await shellcheckAll(new Map([['a.sh', '#!/bin/sh\necho one\n'], ['b.sh', '#!/bin/sh\necho two\n']]), program);
      process.env.PATH = path;
      assert.deepEqual(outcome, { findings: [] });
      assert.deepEqual(readFileSync(log, 'utf8').split('\n'), ['-f json1 -x /dev/fd/3 /dev/fd/4', 'echo one', 'echo two', '']);
      assert.deepEqual(readdirSync('/dev/shm'), before);
    } finally {
      process.env.PATH = path;
      rmSync(bin, { recursive: true, force: true });
    }
  });

  it('says a missing shellcheck once for many scripts', async () => {
    assert.deepEqual(await shellcheckAll(SCRIPTS, 'shellcheck-that-does-not-exist'), { findings: [], missing: 'shellcheck-that-does-not-exist is not installed' });
  });

  it('says once that shellcheck is missing, and never fails', async () => {
    const outcome = await runShellcheck('echo hi\n', 'a.sh', 'shellcheck-that-does-not-exist');
    assert.deepEqual(outcome, { missing: 'shellcheck-that-does-not-exist is not installed' });
    const built = await buildVariant();
    const result = await review(built.zipPath, undefined, { shellcheck: { enabled: true, path: 'shellcheck-that-does-not-exist' } });
    assert.equal(result.notes.filter((n) => /ShellCheck findings skipped/.test(n)).length, 1);
  });

  it('stops at once when the review is cancelled, whatever ShellCheck is doing', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'ui-slow-shellcheck-'));
    const slow = join(bin, 'shellcheck');
    writeFileSync(slow, '#!/bin/sh\nexec sleep 600\n', { mode: 0o755 });
    try {
      const cancel = new AbortController();
      const running = shellcheckAll(NAMED, slow, 600_000, cancel.signal);
      cancel.abort();
      assert.deepEqual(await running, { findings: [] });
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });

  it('runs once for a session\'s later reviews of a ZIP, and again after a cancelled one', async () => {
    // Its first run says it started, through a fifo the test reads, and then waits until it is killed.
    const started = join(mkdtempSync(join(tmpdir(), 'ui-started-')), 'started');
    execFileSync('mkfifo', [started]);
    const { program, runs, dispose } = standInShellcheck({ firstRunStarted: started });
    const built = await buildVariant();
    const archive = await ZipArchive.open(built.zipPath);
    try {
      const session = new ReviewSession(new ZipPackage(archive, 'pkg.zip'));
      const settings = defaultSettings({ now: NOW, shellcheck: { enabled: true, path: program } });
      const count = (): number => readFileSync(runs, 'utf8').split('\n').length - 1;
      const sc = (r: { findings: { rule: string; file: string }[] }): string[] => r.findings.filter((f) => f.rule === 'shellcheck/SC1000').map((f) => f.file);
      // A first review cancelled while ShellCheck runs: its run is not kept.
      const cancel = new AbortController();
      const cancelled = session.review(emptyWorkspace(), settings, cancel.signal);
      await readFile(started);
      cancel.abort();
      await assert.rejects(cancelled);
      // The next runs ShellCheck again, and its findings are whole.
      const first = sc(await session.review(emptyWorkspace(), settings));
      assert.ok(first.includes('scripts/install.sh') && first.length >= 5, first.join(' '));
      const runsAfter = count();
      assert.ok(runsAfter >= 2, `${runsAfter} runs`);
      // The workspace changed (an inventory, an accepted finding): the same findings, no new run.
      assert.deepEqual(sc(await session.review(emptyWorkspace(), settings)), first);
      assert.equal(count(), runsAfter);
    } finally {
      await archive.close();
      dispose();
    }
  });

  it('checks a large script in a run of its own, and says when ShellCheck does not finish it in time', async () => {
    // A stand-in that hangs on any file over 64 KiB.
    const stuck = standInShellcheck({ hangs: '[ "$(wc -c < "$f")" -gt 65536 ]' });
    try {
      const scripts = new Map([
        ['small.sh', '#!/bin/sh\necho one\n'],
        ['large.sh', `#!/bin/sh\n${'# padding\n'.repeat(7000)}`],
        ['other.sh', '#!/bin/sh\necho two\n'],
      ]);
      const outcome = await shellcheckAll(scripts, stuck.program, 1000);
      assert.deepEqual({ ...outcome, findings: outcome.findings.map((f) => `${f.file} ${f.rule}`) }, { findings: ['small.sh shellcheck/SC1000', 'other.sh shellcheck/SC1000'], unfinished: ['large.sh'] });
    } finally {
      stuck.dispose();
    }
  });

  it('spares ShellCheck a script whose substitutions nest too deep for it, and keeps the findings of the scripts beside it', async () => {
    // ShellCheck's time doubles with each level of `$(…)`: 16 levels take it 21 s, past its 15 s limit, and a
    // run that does not finish loses the findings of every script in it. This stand-in hangs the same way on
    // any file nested 12 deep or more.
    const standIn = standInShellcheck({ hangs: `[[ "$(cat "$f")" == *'${'"$(echo '.repeat(12)}'* ]]` });
    try {
      const deep = `#!/bin/sh\necho ${'"$(echo '.repeat(16)}x${')"'.repeat(16)}\n`;
      const built = await buildVariant({
        mutate: (files) => {
          files.set('scripts/deep.sh', { data: Buffer.from(deep), date: new Date('2026-10-30'), mode: 0o755 });
          files.set('scripts/extra.sh', { data: Buffer.from('#!/bin/sh\necho `date`\n'), date: new Date('2026-10-30'), mode: 0o755 });
        },
      });
      const result = await review(built.zipPath, undefined, { shellcheck: { enabled: true, path: standIn.program } });
      const seen = result.findings.filter((f) => f.rule === 'shellcheck/SC1000').map((f) => f.file);
      assert.ok(seen.includes('scripts/extra.sh') && !seen.includes('scripts/deep.sh'), seen.join(', '));
      assert.ok(result.notes.some((n) => n.startsWith('ShellCheck was not run on scripts/deep.sh: its command substitutions nest more than 11 levels deep')), result.notes.join(' | '));
      assert.ok(!result.notes.some((n) => n.includes('did not finish')), result.notes.join(' | '));
    } finally {
      standIn.dispose();
    }
  });

  it('leaves no timer behind when shellcheck is missing, so a lint process exits at once', async () => {
    const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    await new Promise(setImmediate); // mocha starts its own timeout timer once the test has returned its promise
    const before = timers();
    await runShellcheck('echo hi\n', 'a.sh', 'shellcheck-that-does-not-exist', 60_000);
    assert.equal(timers(), before);
  });
});
