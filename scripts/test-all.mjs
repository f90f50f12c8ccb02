// `npm test`: every suite that runs on this machine, then one line CI reads: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], ...opts });
let passed = 0;
let failed = 0;
let broken = false;

function step(name, cmd, args, opts) {
  process.stderr.write(`\n== ${name}\n`);
  const r = run(cmd, args, opts);
  process.stdout.write(r.stdout ?? '');
  return r;
}

const compile = step('compile (tsc)', 'npx', ['tsc', '-p', '.']);
const build = step('build (esbuild)', 'node', ['build.mjs']);
const lint = step('lint (eslint)', 'npx', ['eslint', 'src', 'test', 'bench', 'examples']);
if (lint.status !== 0) {
  failed += 1;
}
if (compile.status !== 0 || build.status !== 0) {
  broken = true;
} else {
  // The unit tests' temporary folders (built packages, workspaces, caches) go in one folder, removed after them
  // (with rm: some of them nest past PATH_MAX, which Node's rmSync cannot remove).
  // Open to other users as /tmp is: a test runs the CLI as nobody on files of its own in there.
  const scratch = mkdtempSync(join(tmpdir(), 'upgrade-inspector-tests-'));
  chmodSync(scratch, 0o755);
  const unit = step('unit tests (mocha, plain Node)', 'npx', ['mocha', '--config', '.mocharc.json', '--reporter', 'dot'], { env: { ...process.env, TMPDIR: scratch } });
  run('rm', ['-rf', scratch]);
  const p = /(\d+) passing/.exec(unit.stdout ?? '');
  const f = /(\d+) failing/.exec(unit.stdout ?? '');
  passed += p ? Number(p[1]) : 0;
  failed += f ? Number(f[1]) : unit.status === 0 ? 0 : 1;
  if (process.env.UI_SKIP_INTEGRATION) {
    process.stderr.write('\n== integration tests skipped (UI_SKIP_INTEGRATION)\n');
  } else {
    const integ = step('integration tests (real VS Code in code-server)', 'node', ['scripts/run-integration.mjs']);
    const m = /integration: (\d+) passed, (\d+) failed/.exec(integ.stdout ?? '');
    passed += m ? Number(m[1]) : 0;
    failed += m ? Number(m[2]) : 1;
  }
}
if (broken) {
  failed += 1;
}
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exitCode = failed === 0 ? 0 : 1;
