import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { runShellcheck } from '../../src/core/scripts/shellcheck';
import { buildVariant, review } from '../helpers/example';

const installed = spawnSync('shellcheck', ['--version']).status === 0;

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

  it('says once that shellcheck is missing, and never fails', async () => {
    const outcome = await runShellcheck('echo hi\n', 'a.sh', 'shellcheck-that-does-not-exist');
    assert.deepEqual(outcome, { missing: 'shellcheck-that-does-not-exist is not installed' });
    const built = await buildVariant();
    const result = await review(built.zipPath, undefined, { shellcheck: { enabled: true, path: 'shellcheck-that-does-not-exist' } });
    assert.equal(result.notes.filter((n) => /ShellCheck findings skipped/.test(n)).length, 1);
  });

  it('leaves no timer behind when shellcheck is missing, so a lint process exits at once', async () => {
    const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    await new Promise(setImmediate); // mocha starts its own timeout timer once the test has returned its promise
    const before = timers();
    await runShellcheck('echo hi\n', 'a.sh', 'shellcheck-that-does-not-exist', 60_000);
    assert.equal(timers(), before);
  });
});
