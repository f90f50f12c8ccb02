import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReviewSession, WorkspaceScripts } from '../../src/core/engine';
import { ZipPackage } from '../../src/core/package/source';
import { defaultSettings } from '../../src/core/settings';
import { ZipArchive } from '../../src/core/zip';
import { emptyWorkspace, type ReviewResult } from '../../src/core/review';
import { rawZip } from '../helpers/rawZip';
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

/**
 * The editor reviews an open package again at every change of the workspace: the pass that reads, checks and
 * hashes every file of a ZIP is made once per session (for the 1 GB package of the benchmark, 1.2 s each time).
 */
describe('a session reads the files of a ZIP once', () => {
  it('takes the findings, unreadable files and digests of its first whole pass, and keeps no cancelled pass', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ui-once-'));
    const path = join(dir, 'pkg.zip');
    // a.txt, listed with a wrong digest, lies about its size (a finding of the pass, and no digest to compare);
    // b.txt is read and hashed.
    const manifest = { schemaVersion: 1, name: 'x', product: 'x', version: '1.0.0', files: [{ path: 'a.txt', sha256: '0'.repeat(64) }, { path: 'b.txt', sha256: '0'.repeat(64) }] };
    writeFileSync(path, rawZip([{ name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest)) }, { name: 'a.txt', data: Buffer.alloc(1000, 1), deflate: true, declaredSize: 10 }, { name: 'b.txt', data: Buffer.from('hello') }]));
    const archive = await ZipArchive.open(path);
    try {
      const readAll = archive.readAll.bind(archive);
      let passes = 0;
      const cancel = new AbortController();
      // The first review is cancelled as its pass ends.
      archive.readAll = (async (...args: Parameters<typeof readAll>) => {
        passes++;
        await readAll(...args);
        cancel.abort();
      }) as typeof readAll;
      const session = new ReviewSession(new ZipPackage(archive, 'pkg.zip'));
      await assert.rejects(session.review(emptyWorkspace(), settings, cancel.signal), { name: 'AbortError' });
      archive.readAll = (async (...args: Parameters<typeof readAll>) => {
        passes++;
        await readAll(...args);
      }) as typeof readAll;
      // What the pass found, and what the digests it took found (a hash is compared at the manifest's line).
      const pass = (r: ReviewResult): string[] => r.findings.filter((f) => f.rule === 'zip/compression-bomb' || f.rule === 'manifest/hash-mismatch').map((f) => `${f.rule} ${f.message.split(':')[0]}`);
      const first = await session.review(emptyWorkspace(), settings);
      assert.equal(passes, 2);
      assert.deepEqual(pass(first), ['zip/compression-bomb a.txt', 'manifest/hash-mismatch b.txt']);
      const second = await session.review(emptyWorkspace(), settings);
      assert.equal(passes, 2);
      assert.deepEqual(pass(second), pass(first));
      assert.equal(second.digests?.get('b.txt'), createHash('sha256').update('hello').digest('hex'));
      // Each review has findings of its own.
      assert.notEqual(second.findings.find((f) => f.file === 'a.txt'), first.findings.find((f) => f.file === 'a.txt'));
      assert.deepEqual(second.findings.find((f) => f.file === 'a.txt'), first.findings.find((f) => f.file === 'a.txt'));
    } finally {
      await archive.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
