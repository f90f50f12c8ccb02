import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FolderPackage } from '../../src/core/package/folder';
import { reviewPackage, type ReviewResult } from '../../src/core/review';
import { defaultSettings } from '../../src/core/settings';
import type { Workspace } from '../../src/core/workspace';
import { buildVariant, exampleWs, NOW } from '../helpers/example';

const settings = defaultSettings({ now: NOW, shellcheck: { enabled: false, path: 'shellcheck' } });
const SCRIPT = 'scripts/postinstall.sh';

const scriptKeys = (r: ReviewResult): string[] => r.findings.filter((f) => f.file === SCRIPT).map((f) => `${f.rule} ${f.range.start.line + 1} ${f.message}`).sort();

/** The example package unpacked into a fresh folder. */
async function unpackedExample(): Promise<string> {
  const built = await buildVariant();
  const folder = join(mkdtempSync(join(tmpdir(), 'ui-unpacked-')), 'pkg');
  execFileSync('unzip', ['-q', built.zipPath, '-d', folder]);
  return folder;
}

/** An unpacked package being edited: each review reuses the script sessions of the one before. */
describe('an unpacked package reviewed again after an edit', () => {
  let folder: string;
  let workspace: Workspace;

  before(async () => {
    folder = await unpackedExample();
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

/**
 * An unpacked package as a disk holds it: a fifo left by a tool, a link to a device, a folder whose path is
 * past what the system opens. Each is said, in the review that goes on, read with blocking calls (the command
 * line) or through Node's pool (the editor).
 */
describe('an unpacked package with files that are not regular files', () => {
  let folder: string;
  let deepest: string;

  before(async () => {
    folder = await unpackedExample();
    execFileSync('mkfifo', [join(folder, 'scripts', 'pipe.sh')]);
    symlinkSync('/dev/zero', join(folder, 'docs', 'zero.txt'));
    // Folders nested until their path is past PATH_MAX: the last can be named by its parent, not listed.
    const name = 'd'.repeat(200);
    const nest = `process.chdir(process.argv[1]); for (let i = 0; i < 21; i++) { require('fs').mkdirSync('${name}'); process.chdir('${name}'); }`;
    execFileSync(process.execPath, ['-e', nest, join(folder, 'docs')]);
    deepest = ['docs', ...Array<string>(21).fill(name)].join('/');
  });

  for (const blocking of [false, true]) {
    it(`${blocking ? 'blocking reads' : "reads through Node's pool"}: a fifo is a finding, not a review that waits for ever; a folder that cannot be listed is a note`, async () => {
      const pkg = await FolderPackage.open(folder, 'pkg', { blocking });
      const result = await reviewPackage(pkg, { configFiles: [], notes: [] }, settings);
      const about = (path: string): string[] => result.findings.filter((f) => f.file === path && f.rule !== 'zip/unlisted-file').map((f) => `${f.rule} ${f.message}`);
      assert.deepEqual(about('scripts/pipe.sh'), ['zip/corrupt scripts/pipe.sh: not a regular file (a fifo)']);
      assert.deepEqual(about('docs/zero.txt'), []);
      const listing = result.notes.filter((n) => n.includes('could not be listed'));
      assert.equal(listing.length, 1, result.notes.join('\n'));
      assert.ok(listing[0].startsWith(`${deepest} could not be listed (ENAMETOOLONG)`), listing[0]);
      pkg.scripts.dispose();
    });
  }
});
