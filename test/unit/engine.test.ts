import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReviewSession, WorkspaceScripts } from '../../src/core/engine';
import { ZipPackage } from '../../src/core/package/source';
import { defaultSettings } from '../../src/core/settings';
import { ZipArchive } from '../../src/core/zip';
import { buildVariant, exampleWorkspace, exampleWs, NOW } from '../helpers/example';

const settings = defaultSettings({ now: NOW, shellcheck: { enabled: false, path: 'shellcheck' } });

describe('the engine entry: one session answers reviews and unsaved edits', () => {
  let session: ReviewSession;
  let archive: ZipArchive;

  before(async () => {
    archive = await ZipArchive.open((await buildVariant()).zipPath);
    session = new ReviewSession(new ZipPackage(archive, 'pkg.zip'));
    await session.review(await exampleWs(), settings);
  });
  after(() => archive.close());

  it('stops a review the user cancels, and reviews whole the next time', async () => {
    const whole = (await session.review(await exampleWs(), settings)).findings.length;
    const controller = new AbortController();
    const cancelled = session.review(await exampleWs(), settings, controller.signal);
    controller.abort();
    await assert.rejects(cancelled, { name: 'AbortError' });
    assert.equal((await session.review(await exampleWs(), settings)).findings.length, whole);
  });

  it('judges an edited config file together with the others, and answers for every config file', () => {
    const path = 'etc/dten/agent.properties';
    const text = '# edited\n' + readFileSync(join(exampleWorkspace, path), 'utf8');
    const answer = session.updateWorkspaceFile(path, text)!;
    assert.ok(answer.has('etc/dten/routing.yaml'), [...answer.keys()].join(', '));
    const all = [...answer.values()].flat();
    // routing.yaml sets dten.hybrid.enable (to the wrong value): never "no config file sets it".
    assert.deepEqual(all.filter((f) => /no config file sets it/.test(f.message)).map((f) => f.file), []);
    assert.ok(all.some((f) => f.rule === 'config/required-key' && f.file === 'etc/dten/routing.yaml'));
    // The edit moved agent.properties' findings one line down.
    const removed = answer.get(path)!.find((f) => f.rule === 'config/removed-key')!;
    assert.equal(removed.range.start.line, 4);
  });

  it('keeps the unsaved text for the next review, and forgets it when the file is saved', async () => {
    const path = 'etc/dten/agent.properties';
    session.updateWorkspaceFile(path, '# edited\n' + readFileSync(join(exampleWorkspace, path), 'utf8'));
    const line = async (): Promise<number> => (await session.review(await exampleWs(), settings)).findings.find((f) => f.rule === 'config/removed-key' && f.file === path)!.range.start.line;
    assert.equal(await line(), 4);
    session.forgetWorkspaceFile(path);
    assert.equal(await line(), 3);
  });

  it('lints a workspace script with the workspace inventory and nothing of a package', async () => {
    const scripts = new WorkspaceScripts();
    scripts.setWorkspace(await exampleWs());
    const found = await scripts.lint('tools/restart.sh', '#!/bin/sh\nsystemctl restart dten-legacy-sync.service\n', NOW);
    assert.deepEqual(found.map((f) => `${f.rule}@${f.range.start.line + 1}:${f.origin}`).sort(), ['script/no-errexit@1:workspace', 'script/unknown-systemd-unit@2:workspace']);
    scripts.dispose();
  });
});
