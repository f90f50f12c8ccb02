import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BuiltPackage } from '../../examples/build-package';
import { loadWorkspace } from '../../src/core/workspace';
import { buildVariant, exampleWorkspace, keys, review } from '../helpers/example';

const DRIFT = ['config/deprecated-key etc/dten/agent.properties:6', 'config/removed-key etc/dten/agent.properties:4', 'config/removed-key etc/dten/agent.properties:7'];
const drift = (all: string[]): string[] => all.filter((k) => k.startsWith('config/') && k.includes('agent.properties'));

/**
 * The user's workspace as it is on real machines: a config file kept elsewhere and linked in (dotfiles,
 * /etc), a link left dangling, a folder that cannot be listed, folders of many small files of other tools.
 */
describe('the workspace config files, as the walk finds them', () => {
  let built: BuiltPackage;
  let dir: string;
  let ws: string;
  let deepest: string;
  before(async () => {
    built = await buildVariant();
    dir = mkdtempSync(join(tmpdir(), 'ui-ws-'));
    ws = join(dir, 'ws');
    cpSync(exampleWorkspace, ws, { recursive: true });
    // agent.properties lives outside the workspace and is linked in; old.properties links to nothing.
    mkdirSync(join(dir, 'kept'));
    renameSync(join(ws, 'etc', 'dten', 'agent.properties'), join(dir, 'kept', 'agent.properties'));
    symlinkSync(join('..', '..', '..', 'kept', 'agent.properties'), join(ws, 'etc', 'dten', 'agent.properties'));
    symlinkSync(join(dir, 'gone.properties'), join(ws, 'etc', 'dten', 'old.properties'));
    // A link to a folder is not walked: it cannot make the walk loop.
    symlinkSync(ws, join(ws, 'etc', 'loop'));
    // Folders nested until their path is past PATH_MAX (as root, the one kind of folder that cannot be listed):
    // the last is named by its parent and cannot be listed.
    const name = 'd'.repeat(200);
    execFileSync(process.execPath, ['-e', `process.chdir(process.argv[1]); for (let i = 0; i < 21; i++) { require('fs').mkdirSync('${name}'); process.chdir('${name}'); }`, join(ws, 'etc')]);
    deepest = ['etc', ...Array<string>(21).fill(name)].join('/');
    // Folders of other tools' small JSON files, more than are read at once.
    for (let d = 0; d < 3; d++) {
      mkdirSync(join(ws, 'fixtures', `set-${d}`), { recursive: true });
      for (let i = 0; i < 100; i++) {
        writeFileSync(join(ws, 'fixtures', `set-${d}`, `case-${i}.json`), JSON.stringify({ case: i }));
      }
    }
  });
  // rm, not rmSync: the nested folders are past PATH_MAX.
  after(() => execFileSync('rm', ['-rf', dir]));

  for (const blocking of [false, true]) {
    const how = blocking ? 'read with blocking calls (the command line)' : "read through Node's pool (the editor)";
    it(`${how}: a linked config file is checked where it is linked; a dangling link and a folder that cannot be listed are named in notes`, async () => {
      const workspace = await loadWorkspace(ws, { blocking });
      assert.deepEqual(drift(keys(await review(built.zipPath, workspace))), DRIFT);
      assert.deepEqual(
        workspace.notes.filter((n) => n.includes('could not be read')),
        ['a config file of the workspace could not be read, so config drift was not checked in it: etc/dten/old.properties (ENOENT)'],
      );
      assert.deepEqual(
        workspace.notes.filter((n) => n.includes('could not be listed')),
        [`a folder of the workspace could not be listed, so config drift was not checked in the files it holds: ${deepest} (ENAMETOOLONG)`],
      );
      const paths = workspace.configFiles.map((f) => f.path);
      assert.equal(paths.filter((p) => p.startsWith('fixtures/')).length, 300);
      assert.ok(!paths.some((p) => p.startsWith('etc/loop/')), 'the link to a folder was walked');
      assert.deepEqual(paths, [...paths].sort(), 'the files are not in order');
    });
  }
});
