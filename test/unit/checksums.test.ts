import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { buildVariant, keys, review } from '../helpers/example';
import { defaultSettings } from '../../src/core/settings';

const sha = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

describe('checksum lists (SHA256SUMS) beside or instead of the manifest files', () => {
  it('hashes every listed file: a mismatch at the list line, an absent file missing, both list styles read', async () => {
    const built = await buildVariant({
      mutate: (files) => {
        const ctl = files.get('bin/dtenctl')!.data;
        const list = [`${sha(ctl)}  bin/dtenctl`, `${'0'.repeat(64)} *bin/dten-agent`, `SHA256 (./lib/libdten.so.5) = ${sha(files.get('lib/libdten.so.5')!.data)}`, `${'1'.repeat(64)}  bin/ghost`, 'not a checksum line'];
        files.set('SHA256SUMS', { data: Buffer.from(list.join('\n') + '\n'), date: new Date('2026-10-30T09:00:00Z'), mode: 0o644 });
      },
    });
    const r = await review(built.zipPath);
    const k = keys(r);
    assert.deepEqual(k.filter((x) => x.includes('SHA256SUMS')), ['manifest/hash-mismatch SHA256SUMS:2', 'manifest/missing-file SHA256SUMS:4']);
    assert.ok(r.notes.some((n) => /SHA256SUMS: 1 line \(first: 5\) not in sha256sum or BSD form/.test(n)), r.notes.join('\n'));
  });

  it('stands in for the manifest files when the manifest lists none: what the list does not name is unlisted', async () => {
    const built = await buildVariant({
      mutate: (files) => {
        const named = ['bin/dtenctl', 'bin/dten-agent', 'lib/libdten.so.5'].map((p) => `${sha(files.get(p)!.data)}  ${p}`);
        files.set('SHA256SUMS', { data: Buffer.from(named.join('\n') + '\n'), date: new Date('2026-10-30T09:00:00Z'), mode: 0o644 });
      },
      mutateManifest: (m) => (m.files = []),
    });
    const unlisted = keys(await review(built.zipPath)).filter((x) => x.startsWith('zip/unlisted-file'));
    assert.ok(unlisted.includes('zip/unlisted-file scripts/install.sh:1'), unlisted.join('\n'));
    assert.ok(!unlisted.some((x) => /bin\/dtenctl|SHA256SUMS/.test(x)), unlisted.join('\n'));
  });

  it('says in a note when the list or the deprecation matrix is past the text limit, rather than reviewing as if absent', async () => {
    const built = await buildVariant({
      mutate: (files) => {
        files.set('SHA256SUMS', { data: Buffer.alloc(100 * 1024, 0x0a), date: new Date('2026-10-30T09:00:00Z'), mode: 0o644 });
        const matrix = files.get('config/deprecations.json')!;
        matrix.data = Buffer.concat([matrix.data, Buffer.alloc(100 * 1024, 0x20)]);
      },
    });
    const r = await review(built.zipPath, undefined, { limits: { ...defaultSettings().limits, maxTextBytes: 64 * 1024 } });
    const said = r.notes.filter((n) => n.includes('past the 65536 bytes')).map((n) => n.replace(/ is \d+ bytes/, ''));
    assert.deepEqual(said.sort(), [
      'SHA256SUMS, past the 65536 bytes a text file may have: the checksum list was not read',
      'config/deprecations.json, past the 65536 bytes a text file may have: the deprecation matrix was not read',
    ]);
  });
});
