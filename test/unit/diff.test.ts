import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BuiltPackage } from '../../examples/build-package';
import { labelFindings } from '../../src/core/diff/baseline';
import { fileChanges, type Release, type ReviewedRelease } from '../../src/core/diff/files';
import { manifestChanges } from '../../src/core/diff/manifest';
import type { Finding } from '../../src/core/finding';
import type { PackageFile } from '../../src/core/package/file';
import { buildVariant, exampleWorkspace, exampleWs, NOW } from '../helpers/example';
import { compareReleases } from '../../src/core/diff/compare';
import { DigestStore } from '../../src/core/digests';
import { ZipPackage } from '../../src/core/package/source';
import { defaultSettings } from '../../src/core/settings';
import { ZipArchive } from '../../src/core/zip';
import { repoRoot } from '../helpers/paths';
import { rawZip } from '../helpers/rawZip';
import { prng } from '../helpers/random';
import { emptyWorkspace, openPackage } from '../../src/core/review';
import { crc32 } from 'node:zlib';

const CLI = join(repoRoot, 'out', 'src', 'cli', 'main.js');

interface DiffJson {
  files: { path: string; change: string; from?: string; hunks?: { lines: string[] }[] }[];
  manifest: { key: string; old?: unknown; new?: unknown }[];
  findings: { rule: string; file: string; line: number; severity: string; baseline: string }[];
  summary: { new: { error: number; warning: number; info: number }; absent: number };
  proposedDeprecations?: { key: string; removedIn: string }[];
}

const file = (path: string): PackageFile => ({ path, size: 1, mtime: new Date(0), type: 'file' });
const release = (...paths: string[]): Release => {
  const files = paths.map(file);
  return { files: () => files, file: (p) => files.find((f) => f.path === p) };
};
const at = (rule: string, path: string, line: number): Finding => ({ rule, severity: 'warning', file: path, origin: 'package', range: { start: { line, character: 0 }, end: { line, character: 1 } }, message: 'm' });

describe('diff: comparing two releases', () => {
  let previous: BuiltPackage;
  let current: BuiltPackage;
  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ui-diff-'));
    previous = await buildVariant({ previous: true, outDir: dir, fileName: 'dten-5.0.1.zip' });
    current = await buildVariant({ outDir: dir, fileName: 'dten-5.0.2.zip' });
  });

  const runs = new Map<string, { code: number; stdout: string }>();
  const diff = (format = 'json'): { code: number; stdout: string } => runs.get(format) ?? runs.set(format, runDiff(format)).get(format)!;
  const runDiff = (format: string): { code: number; stdout: string } => {
    const r = spawnSync(process.execPath, [CLI, 'diff', previous.zipPath, current.zipPath, '--workspace', exampleWorkspace, '--no-shellcheck', '--format', format], { encoding: 'utf8' });
    return { code: r.status ?? -1, stdout: r.stdout };
  };

  it('shows every kind of file change of the example releases, a moved file by its content', () => {
    const { code, stdout } = diff();
    const d = JSON.parse(stdout) as DiffJson;
    const change = (path: string): string | undefined => d.files.find((f) => f.path === path)?.change;
    assert.equal(change('sql/005_hybrid_index.sql'), 'added');
    assert.equal(change('scripts/migrate-legacy.sh'), 'removed');
    assert.equal(change('bin/dtenctl'), 'modified');
    assert.equal(change('bin/dten-agent'), undefined, 'an unchanged file is not listed');
    assert.deepEqual(d.files.find((f) => f.path === 'docs/README.txt'), { path: 'docs/README.txt', change: 'moved', from: 'README.txt' });
    const post = d.files.find((f) => f.path === 'scripts/postinstall.sh')!;
    assert.ok(post.hunks!.flatMap((h) => h.lines).includes('+/opt/dten/bin/dtenctl flags set hybrid_rollout=on'));
    assert.equal(code, 1, 'the new release brings new errors');
  });

  it('lists changed manifest values by dotted key, files by path', () => {
    const d = JSON.parse(diff().stdout) as DiffJson;
    const byKey = new Map(d.manifest.map((m) => [m.key, m]));
    assert.deepEqual(byKey.get('dependencies.openssl'), { key: 'dependencies.openssl', old: '>=1.1.1', new: '>=3.0.0' });
    assert.deepEqual(byKey.get('reboot'), { key: 'reboot', old: false, new: 'recommended' });
    assert.equal(byKey.get('files[sql/005_hybrid_index.sql]')?.old, undefined);
    assert.ok(byKey.has('files[bin/dtenctl].sha256'));
  });

  it('labels findings: unchanged when the statement moved lines, new and absent otherwise', () => {
    const d = JSON.parse(diff().stdout) as DiffJson;
    const label = (rule: string, path: string): string[] => d.findings.filter((f) => f.rule === rule && f.file === path).map((f) => `${f.baseline}@${f.line}`);
    // The sudo line moved from 8 to 11 and the cron job from 5 to 7: the same findings.
    assert.deepEqual(label('script/sudo', 'scripts/postinstall.sh'), ['unchanged@11']);
    assert.deepEqual(label('script/cron-job', 'scripts/postinstall.sh'), ['unchanged@7']);
    assert.deepEqual(label('script/external-side-effect', 'scripts/postinstall.sh'), ['new@10']);
    assert.deepEqual(label('script/unlocked-schema-change', 'scripts/migrate-legacy.sh'), ['absent@4']);
    assert.deepEqual(label('zip/stale-timestamp', 'bin/dtenctl'), ['unchanged@1'], 'a binary: the rule and the file make the statement');
    assert.equal(d.summary.absent, d.findings.filter((f) => f.baseline === 'absent').length);
    assert.equal(d.summary.new.error, d.findings.filter((f) => f.baseline === 'new' && f.severity === 'error').length);
  });

  it('proposes the config keys the new release stopped shipping as deprecation entries', () => {
    const d = JSON.parse(diff().stdout) as DiffJson;
    // dten.hybrid.legacyMode vanished too, but the matrix knows it already.
    assert.deepEqual(d.proposedDeprecations?.map((p) => `${p.key} ${p.removedIn}`), ['dten.import.source 5.0.2']);
  });

  it('carries baselineState in SARIF, and says the same in text and Markdown', () => {
    const sarif = JSON.parse(diff('sarif').stdout) as { runs: { results: { ruleId: string; baselineState: string }[] }[] };
    const states = new Set(sarif.runs[0].results.map((r) => r.baselineState));
    assert.deepEqual([...states].sort(), ['absent', 'new', 'unchanged']);
    const text = diff('text').stdout;
    assert.match(text, /^ {2}moved {4}docs\/README\.txt \(from README\.txt\)$/m);
    assert.match(text, /^ {6}\+\/opt\/dten\/bin\/dtenctl flags set hybrid_rollout=on$/m);
    assert.match(text, /^ {2}dependencies\.openssl: ">=1\.1\.1" → ">=3\.0\.0"$/m);
    assert.match(diff('markdown').stdout, /^\| moved \| `docs\/README\.txt` \(from `README\.txt`\) \|$/m);
  });

  it('keeps a finding accepted in the old release accepted when its line moved in the new one', async () => {
    const moved = await buildVariant({
      previous: true,
      mutate: (files) => {
        const pre = files.get('scripts/preinstall.sh')!;
        pre.data = Buffer.from(pre.data.toString().replace('\n', '\n# two lines more\n# before the accepted sudo\n'));
      },
    });
    const [before, after] = await Promise.all([ZipArchive.open(previous.zipPath), ZipArchive.open(moved.zipPath)]);
    try {
      const d = await compareReleases(new ZipPackage(before, 'old.zip'), new ZipPackage(after, 'new.zip'), await exampleWs(), defaultSettings({ now: NOW, shellcheck: { enabled: false, path: 'shellcheck' } }));
      // The ledger says line 7; the sudo is on line 9 now. Without the old release it would be open again.
      assert.deepEqual(d.findings.filter((f) => f.rule === 'script/sudo' && f.file === 'scripts/preinstall.sh').map((f) => f.baseline), []);
      assert.deepEqual(d.accepted.map((f) => `${f.rule}@${f.range.start.line + 1}`), ['script/sudo@9']);
      assert.match(d.accepted[0].accepted!.reason, /runbook/);
    } finally {
      await Promise.all([before.close(), after.close()]);
    }
  });

  it('compares files the manifests do not list by content too: a review alone hashes only what something lists', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ui-diff-unlisted-'));
    const unlisted = (m: Record<string, unknown>): void => void (m.files = []);
    const older = await buildVariant({ outDir: dir, fileName: 'old.zip', mutateManifest: unlisted });
    const newer = await buildVariant({
      outDir: dir,
      fileName: 'new.zip',
      mutateManifest: unlisted,
      mutate: (files) => {
        files.get('bin/dtenctl')!.data = Buffer.from('another build\n');
        files.set('docs/moved-agent', files.get('bin/dten-agent')!);
        files.delete('bin/dten-agent');
      },
    });
    const [before, after] = await Promise.all([ZipArchive.open(older.zipPath), ZipArchive.open(newer.zipPath)]);
    try {
      const d = await compareReleases(new ZipPackage(before, 'old.zip'), new ZipPackage(after, 'new.zip'), await exampleWs(), defaultSettings({ now: NOW, shellcheck: { enabled: false, path: 'shellcheck' } }));
      assert.deepEqual(d.files.filter((f) => f.path.startsWith('bin/') || f.path.startsWith('docs/moved')), [
        { path: 'bin/dtenctl', change: 'modified' },
        { path: 'docs/moved-agent', change: 'moved', from: 'bin/dten-agent' },
      ]);
    } finally {
      await Promise.all([before.close(), after.close()]);
    }
  });

  it('tells files apart by their bytes, not by size and CRC-32: a forged CRC, another method, another order', async () => {
    // Two byte strings of one length and one CRC-32, found by a birthday search over seeded random strings:
    // what a vendor could ship to pass a changed file for the old one.
    const rand = prng(7);
    const bytes = (n: number): Buffer => Buffer.from(Array.from({ length: n }, () => Math.floor(rand() * 256)));
    const seen = new Map<number, Buffer>();
    let twins: [Buffer, Buffer] | undefined;
    while (!twins) {
      const candidate = bytes(12);
      const other = seen.get(crc32(candidate));
      twins = other && !other.equals(candidate) ? [other, candidate] : undefined;
      seen.set(crc32(candidate), candidate);
    }
    const [a, b] = twins;
    // 300 incompressible files, 6 MB: more than one region to read, and in reverse order in the new release.
    const parts = Array.from({ length: 300 }, (_, i) => ({ name: `lib/part${i}.bin`, data: bytes(20_000) }));
    const text = Buffer.from('the same text, stored one way and then the other\n'.repeat(20));
    const older = rawZip([{ name: 'bin/forged', data: a }, { name: 'bin/forged.z', data: a, deflate: true }, { name: 'doc/same.txt', data: text, deflate: true }, ...parts]);
    const newer = rawZip([{ name: 'bin/forged', data: b }, { name: 'bin/forged.z', data: b, deflate: true }, { name: 'doc/same.txt', data: text }, ...[...parts].reverse()]);
    const d = await compareReleases(new ZipPackage(await ZipArchive.fromBuffer(older), 'old.zip'), new ZipPackage(await ZipArchive.fromBuffer(newer), 'new.zip'), emptyWorkspace(), defaultSettings({ now: NOW, shellcheck: { enabled: false, path: 'shellcheck' } }));
    assert.deepEqual(d.files.map((f) => `${f.change} ${f.path}`), ['modified bin/forged', 'modified bin/forged.z']);
  });

  it('takes a finding on the release itself as the same in both, though each release has a name of its own', async () => {
    // Two releases without a manifest: 'the package has no manifest' was new in dten-5.0.2.zip and absent from
    // dten-5.0.1.zip, and every diff of two such releases failed with a new error.
    const release = async (name: string, script: string): Promise<ZipPackage> => new ZipPackage(await ZipArchive.fromBuffer(rawZip([{ name: 'install.sh', data: Buffer.from(script) }])), name);
    const d = await compareReleases(await release('dten-5.0.1.zip', '#!/bin/sh\nsudo systemctl restart dten\n'), await release('dten-5.0.2.zip', '#!/bin/sh\necho 5.0.2\nsudo systemctl restart dten\n'), emptyWorkspace(), defaultSettings({ now: NOW, shellcheck: { enabled: false, path: 'shellcheck' } }));
    const missing = d.findings.filter((f) => f.rule === 'manifest/missing');
    assert.deepEqual(missing.map((f) => `${f.baseline} ${f.file}`), ['unchanged dten-5.0.2.zip']);
    assert.equal(d.summary.new.error, 0, JSON.stringify(d.findings.filter((f) => f.baseline === 'new')));
    // An unpacked release against the same release zipped: a folder's missing manifest is named manifest.json.
    const folder = mkdtempSync(join(tmpdir(), 'ui-unzipped-'));
    writeFileSync(join(folder, 'install.sh'), '#!/bin/sh\necho 5.0.2\nsudo systemctl restart dten\n');
    const unpacked = await compareReleases(await openPackage(folder, true), await release('dten-5.0.2.zip', '#!/bin/sh\necho 5.0.2\nsudo systemctl restart dten\n'), emptyWorkspace(), defaultSettings({ now: NOW, shellcheck: { enabled: false, path: 'shellcheck' } }));
    assert.deepEqual(unpacked.findings.filter((f) => f.baseline !== 'unchanged'), []);
  });

  it('exits 0 when the new release brings no new error', () => {
    const r = spawnSync(process.execPath, [CLI, 'diff', current.zipPath, current.zipPath, '--workspace', exampleWorkspace, '--no-shellcheck'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout);
    assert.match(r.stdout, /Findings: 0 new .*, 0 absent/);
  });

  it('pairs moved and duplicated content one to one, and equal statements in order', async () => {
    const reviewed = (pkg: Release, entries: [string, string][]): ReviewedRelease => {
      const digests = new DigestStore();
      entries.forEach(([path, digest]) => digests.set(path, digest));
      return { pkg, digests, unreadable: new Set() };
    };
    const changes = await fileChanges(reviewed(release('a', 'b', 'gone'), [['a', '1'], ['b', '2'], ['gone', '3']]), reviewed(release('x/a', 'b', 'y/a'), [['x/a', '1'], ['b', '2'], ['y/a', '1']]));
    assert.deepEqual(changes, [
      { path: 'gone', change: 'removed' },
      { path: 'x/a', change: 'moved', from: 'a' },
      { path: 'y/a', change: 'added' },
    ]);
    const statement = (f: Finding): string => (f.range.start.line < 5 ? 'sudo x' : 'sudo y');
    const labelled = labelFindings([at('r', 'f', 1), at('r', 'f', 2)], [at('r', 'f', 3), at('r', 'f', 7)], statement, statement);
    assert.deepEqual(labelled.map((f) => `${f.baseline}@${f.range.start.line}`), ['unchanged@3', 'new@7', 'absent@2']);
    assert.deepEqual(manifestChanges({ upgradePaths: [{ from: '~4.1' }] }, { upgradePaths: [{ from: '~4.2' }, { from: '~4.3' }] }), [
      { key: 'upgradePaths[0].from', old: '~4.1', new: '~4.2' },
      { key: 'upgradePaths[1]', new: { from: '~4.3' } },
    ]);
  });
});
