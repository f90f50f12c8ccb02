import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FolderPackage } from '../../src/core/package/source';
import { reviewPackage, type ReviewResult } from '../../src/core/review';
import { defaultSettings } from '../../src/core/settings';
import type { Workspace } from '../../src/core/workspace';
import { buildVariant, exampleWs, NOW } from '../helpers/example';

const settings = defaultSettings({ now: NOW, shellcheck: { enabled: false, path: 'shellcheck' } });
const SCRIPT = 'scripts/postinstall.sh';

const scriptKeys = (r: ReviewResult): string[] => r.findings.filter((f) => f.file === SCRIPT).map((f) => `${f.rule} ${f.range.start.line + 1} ${f.message}`).sort();

/** An unpacked package being edited: each review reuses the script sessions of the one before. */
describe('an unpacked package reviewed again after an edit', () => {
  let folder: string;
  let workspace: Workspace;

  before(async () => {
    const built = await buildVariant();
    folder = join(mkdtempSync(join(tmpdir(), 'ui-unpacked-')), 'pkg');
    execFileSync('unzip', ['-q', built.zipPath, '-d', folder]);
    workspace = await exampleWs();
  });

  it('finds what a first review of the edited text finds, with the findings below the edit moved', async () => {
    const pkg = await FolderPackage.open(folder, 'pkg');
    const first = await reviewPackage(pkg, workspace, settings);
    const text = (await pkg.read(SCRIPT, 1 << 20)).toString('utf8');
    const lines = text.split('\n');
    pkg.overlay.set(SCRIPT, [lines[0], 'echo "starting post-install"', 'echo "step 1 of 3"', ...lines.slice(1)].join('\n'));
    const second = await reviewPackage(pkg, workspace, settings);

    const fresh = await FolderPackage.open(folder, 'pkg');
    fresh.overlay.set(SCRIPT, pkg.overlay.get(SCRIPT)!);
    assert.deepEqual(scriptKeys(second), scriptKeys(await reviewPackage(fresh, workspace, settings)));
    const moved = scriptKeys(first).map((k) => k.replace(/^(\S+) (\d+)/, (_, rule: string, line: string) => `${rule} ${Number(line) + 2}`)).sort();
    assert.deepEqual(scriptKeys(second), moved);
    assert.ok(moved.length >= 3, moved.join('\n'));
    pkg.scripts.dispose();
    fresh.scripts.dispose();
  });
});
