import * as assert from 'node:assert/strict';
import { ZipArchive } from '../../src/core/zip';
import { ZipPackage } from '../../src/core/package/source';
import { emptyWorkspace, reviewPackage } from '../../src/core/review';
import { defaultSettings } from '../../src/core/settings';
import { rawZip, type RawEntry } from '../helpers/rawZip';

async function reviewRaw(entries: RawEntry[]): Promise<{ keys: string[]; archive: ZipArchive }> {
  const archive = await ZipArchive.fromBuffer(rawZip(entries));
  const result = await reviewPackage(new ZipPackage(archive, 'hostile.zip'), emptyWorkspace(), defaultSettings({ shellcheck: { enabled: false, path: '' } }));
  return { keys: result.findings.filter((f) => f.rule.startsWith('zip/')).map((f) => `${f.rule} ${f.file}`), archive };
}

const text = (s: string): Buffer => Buffer.from(s);

describe('archive safety', () => {
  it('flags traversal, absolute and drive-letter names and keeps them out of the tree', async () => {
    const { keys, archive } = await reviewRaw([
      { name: '../../etc/cron.d/evil', data: text('x') },
      { name: '/etc/passwd', data: text('x') },
      { name: 'C:/Windows/system.ini', data: text('x') },
      { name: 'ok/../../escape', data: text('x') },
      { name: 'fine/./a/../b.txt', data: text('b') },
    ]);
    assert.deepEqual(keys.filter((k) => k.startsWith('zip/path-traversal')).length, 4);
    assert.deepEqual([...new ZipPackage(archive, 'pkg.zip').tree().children!.keys()], ['fine']);
    assert.equal((await archive.read('fine/b.txt')).toString(), 'b');
  });

  it('flags a symlink that points outside the package, not one that stays inside', async () => {
    const { keys } = await reviewRaw([
      { name: 'bin/real', data: text('x') },
      { name: 'bin/inside', data: text('real'), mode: 0o120777 },
      { name: 'bin/outside', data: text('../../../etc/shadow'), mode: 0o120777 },
      { name: 'bin/absolute', data: text('/etc/shadow'), mode: 0o120777 },
    ]);
    assert.deepEqual(keys.filter((k) => k.startsWith('zip/symlink-escape')).sort(), ['zip/symlink-escape bin/absolute', 'zip/symlink-escape bin/outside']);
  });

  it('detects a compression bomb from the headers without inflating it', async () => {
    const { keys } = await reviewRaw([{ name: 'zeros.bin', data: Buffer.alloc(50 * 1024 * 1024), deflate: true }]);
    assert.deepEqual(keys, ['zip/compression-bomb zeros.bin']);
  });

  it('detects an entry whose headers lie about its size when it inflates past them', async () => {
    const { keys } = await reviewRaw([{ name: 'liar.bin', data: Buffer.alloc(4 * 1024 * 1024), deflate: true, declaredSize: 1000 }]);
    assert.deepEqual(keys, ['zip/compression-bomb liar.bin']);
  });

  it('warns about encrypted entries and does not try to read them', async () => {
    const { keys } = await reviewRaw([{ name: 'secret.bin', data: text('xxxxxxxxxxxx'), flags: 1 }]);
    assert.deepEqual(keys, ['zip/encrypted-entry secret.bin']);
  });

  it('warns about duplicate names and names that differ only by case', async () => {
    const { keys } = await reviewRaw([
      { name: 'run.sh', data: text('echo one') },
      { name: 'run.sh', data: text('echo two') },
      { name: 'README', data: text('a') },
      { name: 'readme', data: text('b') },
    ]);
    assert.deepEqual(keys.filter((k) => k.startsWith('zip/duplicate-entry')), ['zip/duplicate-entry readme', 'zip/duplicate-entry run.sh']);
  });

  it('shows the first of the entries at one path, in the directory\'s order, and names it in the finding', async () => {
    const archive = await ZipArchive.fromBuffer(
      rawZip([
        { name: 'run.sh', data: text('echo one') },
        { name: 'README', data: text('a') },
        { name: 'run.sh', data: text('echo two') },
        { name: 'readme', data: text('b') },
      ]),
    );
    const pkg = new ZipPackage(archive, 'dup.zip');
    assert.deepEqual(pkg.files().map((f) => f.path), ['run.sh', 'README', 'readme']);
    assert.equal((await pkg.read('run.sh', 100)).toString(), 'echo one');
    const result = await reviewPackage(pkg, emptyWorkspace(), defaultSettings({ shellcheck: { enabled: false, path: '' } }));
    const messages = result.findings.filter((f) => f.rule === 'zip/duplicate-entry').map((f) => f.message);
    assert.deepEqual(messages.sort(), [
      '"readme" differs from "README" only by case; on a case-insensitive filesystem one overwrites the other',
      '"run.sh" appears again after "run.sh"; tools disagree on which one wins',
    ]);
  });

  it('names the earliest entry a name collides with, by exact name, by case or by Unicode normalisation', async () => {
    const nfc = 'caf\u00e9.txt';
    const nfd = 'cafe\u0301.txt';
    const archive = await ZipArchive.fromBuffer(
      rawZip([
        { name: 'Setup.sh', data: text('1') },
        { name: 'setup.sh', data: text('2') },
        { name: 'SETUP.sh', data: text('3') },
        { name: 'setup.sh', data: text('4') },
        { name: 'lib/a.so', data: text('5') },
        { name: 'LIB/A.so', data: text('6') },
        { name: nfd, data: text('7') },
        { name: nfc, data: text('8') },
        { name: 'Caf\u00c9.txt', data: text('9') },
        { name: 'plain.txt', data: text('10') },
      ]),
    );
    const result = await reviewPackage(new ZipPackage(archive, 'names.zip'), emptyWorkspace(), defaultSettings({ shellcheck: { enabled: false, path: '' } }));
    const names = result.findings.filter((f) => f.rule === 'zip/duplicate-entry' || f.rule === 'zip/unsafe-name').map((f) => `${f.rule} ${f.message}`);
    const byCase = (a: string, b: string): string => `zip/duplicate-entry "${a}" differs from "${b}" only by case; on a case-insensitive filesystem one overwrites the other`;
    const byForm = (a: string, b: string): string => `zip/unsafe-name "${a}" differs from "${b}" only by Unicode normalisation: they look the same, and macOS stores them as one file`;
    // Each names the first entry of its name (setup.sh, the second time, names Setup.sh, not the first setup.sh).
    assert.deepEqual(names.sort(), [byCase('LIB/A.so', 'lib/a.so'), byCase('SETUP.sh', 'Setup.sh'), byCase('setup.sh', 'Setup.sh'), byCase('setup.sh', 'Setup.sh'), byForm('Caf\u00c9.txt', nfd), byForm(nfc, nfd)]);
  });

  it('reports a CRC mismatch as zip/corrupt naming the entry, listed or not, small or large, stored or deflated', async () => {
    const large = Buffer.alloc(300 * 1024, 'x'); // past the size read in place: streamed
    const entries = [
      { name: 'a.txt', data: text('hello world') },
      { name: 'b.txt', data: text('hello world, deflated '.repeat(8)), deflate: true },
      { name: 'c.bin', data: large },
      { name: 'd.txt', data: text('listed') },
    ];
    const manifest = { name: 'manifest.json', data: text(JSON.stringify({ schemaVersion: 1, product: 'p', version: '1.0.0', files: [{ path: 'd.txt', sha256: '0'.repeat(64) }] })) };
    const bytes = rawZip([...entries, manifest]);
    // A byte of each entry's content flipped, where rawZip put it: after its 30-byte local header and its name.
    let at = 0;
    for (const e of entries) {
      bytes[at + 30 + e.name.length + 2] ^= 0xff;
      at = bytes.indexOf(Buffer.from('PK\x03\x04', 'latin1'), at + 30);
    }
    const archive = await ZipArchive.fromBuffer(bytes);
    const result = await reviewPackage(new ZipPackage(archive, 'x.zip'), emptyWorkspace(), defaultSettings({ shellcheck: { enabled: false, path: '' } }));
    const corrupt = result.findings.filter((f) => f.rule === 'zip/corrupt');
    assert.deepEqual(corrupt.map((f) => f.file), ['a.txt', 'b.txt', 'c.bin', 'd.txt']);
    corrupt.forEach((f) => assert.match(f.message, /CRC-32 mismatch|cannot be inflated/, f.message));
    // Read one at a time (a manifest, a script, a certificate), small entries in memory and large ones streamed.
    for (const e of entries) {
      await assert.rejects(archive.read(e.name), /CRC-32 mismatch|cannot be inflated/, e.name);
    }
  });
});
