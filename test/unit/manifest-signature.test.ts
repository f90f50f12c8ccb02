import * as assert from 'node:assert/strict';
import { buildVariant, keys, review } from '../helpers/example';
import { defaultSettings } from '../../src/core/settings';

async function findingsOf(options: Parameters<typeof buildVariant>[0], settings = {}): Promise<string[]> {
  const built = await buildVariant(options);
  return keys(await review(built.zipPath, undefined, settings));
}

function only(list: string[], prefix: string): string[] {
  return list.filter((k) => k.startsWith(prefix));
}

describe('manifest rules', () => {
  it('manifest/missing when the package has no manifest.json', async () => {
    const list = await findingsOf({ tamper: (files) => files.delete('manifest.json') });
    assert.deepEqual(only(list, 'manifest/'), ['manifest/missing pkg.zip:1']);
  });

  it('manifest/invalid-json at the syntax error (the tolerant parse still feeds the other rules)', async () => {
    const list = await findingsOf({
      tamper: (files) => {
        const m = files.get('manifest.json')!;
        m.data = Buffer.from(m.data.toString().replace('"vendor": "Northwind Networks",', '"vendor": "Northwind Networks"'));
      },
    });
    assert.deepEqual(only(list, 'manifest/invalid-json'), ['manifest/invalid-json manifest.json:6']);
    assert.ok(list.includes('manifest/ambiguous-flag manifest.json:15'));
  });

  it('manifest/duplicate-key at the second occurrence', async () => {
    const list = await findingsOf({
      tamper: (files) => {
        const m = files.get('manifest.json')!;
        m.data = Buffer.from(m.data.toString().replace('"vendor": "Northwind Networks",', '"vendor": "Northwind Networks",\n  "vendor": "Someone Else",'));
      },
    });
    assert.ok(list.includes('manifest/duplicate-key manifest.json:6'), list.join('\n'));
  });

  it('manifest/schema for a missing required field and a wrong type', async () => {
    const list = await findingsOf({
      mutateManifest: (m) => {
        delete m.name;
        m.downtimeMinutes = 'five';
      },
    });
    assert.deepEqual(only(list, 'manifest/schema'), ['manifest/schema manifest.json:1', 'manifest/schema manifest.json:15']);
  });

  it('manifest/invalid-range and loose-range tell a broken range from an open one', async () => {
    const list = await findingsOf({ mutateManifest: (m) => (m.dependencies = { a: 'not a range', b: '>=3', c: 'latest', d: '^1.2.3', e: '1.x', f: '>=1 <2 || >=4' }) });
    assert.deepEqual(only(list, 'manifest/').filter((k) => /range/.test(k)), [
      'manifest/invalid-range manifest.json:18',
      'manifest/loose-range manifest.json:19',
      'manifest/loose-range manifest.json:20',
      'manifest/loose-range manifest.json:23',
    ]);
  });

  it('manifest/ambiguous-flag only for a non-boolean reboot', async () => {
    assert.equal(only(await findingsOf({ mutateManifest: (m) => (m.reboot = true) }), 'manifest/ambiguous-flag').length, 0);
    assert.equal(only(await findingsOf({ mutateManifest: (m) => (m.reboot = 'yes') }), 'manifest/ambiguous-flag').length, 1);
  });

  it('manifest/missing-file and zip/unlisted-file', async () => {
    const list = await findingsOf({ mutateManifest: (m) => (m.files as { path: string }[]).push({ path: 'bin/ghost', sha256: 'a'.repeat(64) } as never) });
    assert.ok(list.some((k) => k.startsWith('manifest/missing-file manifest.json:')), list.join('\n'));
    assert.ok(list.includes('zip/unlisted-file docs/RELEASE-NOTES.txt:1'));
  });

  it('manifest/hash-mismatch when a file changed after the manifest was made', async () => {
    const list = await findingsOf({ tamper: (files) => (files.get('bin/dtenctl')!.data = Buffer.from('#!/bin/sh\necho pwned\n')) });
    assert.equal(only(list, 'manifest/hash-mismatch').length, 1);
  });

  it('manifest/no-rollback when the rollback hook is absent', async () => {
    const list = await findingsOf({ mutateManifest: (m) => delete (m.scripts as Record<string, string>).rollback });
    assert.ok(list.some((k) => k.startsWith('manifest/no-rollback manifest.json:')));
  });
});

describe('signature rules', () => {
  it('signature/missing when the signature file is absent', async () => {
    const list = await findingsOf({ tamper: (files) => files.delete('manifest.json.sig') });
    assert.deepEqual(only(list, 'signature/'), ['signature/missing manifest.json:98']);
  });

  it('signature/invalid when the manifest changed after signing', async () => {
    const list = await findingsOf({
      tamper: (files) => {
        const m = files.get('manifest.json')!;
        m.data = Buffer.from(m.data.toString().replace('"downtimeMinutes": 5', '"downtimeMinutes": 4'));
      },
    });
    assert.ok(list.includes('signature/invalid manifest.json.sig:1'), list.join('\n'));
  });

  it('signature/invalid, not silence, for a signature or certificate past the size such a file may have', async () => {
    const padded = (name: string, size: number) => (files: Map<string, { data: Buffer }>) => {
      const f = files.get(name)!;
      f.data = Buffer.concat([f.data, Buffer.alloc(size, 0x0a)]);
    };
    const sig = await findingsOf({ tamper: padded('manifest.json.sig', 300 * 1024) });
    assert.deepEqual(only(sig, 'signature/'), ['signature/invalid manifest.json.sig:1']);
    const limits = { ...defaultSettings().limits, maxTextBytes: 64 * 1024 };
    const cert = await findingsOf({ tamper: padded('certs/signer.pem', 100 * 1024) }, { limits });
    assert.deepEqual(only(cert, 'signature/'), ['signature/invalid certs/signer.pem:1']);
  });

  it('signature/expired when a certificate is not valid today', async () => {
    const list = await findingsOf({}, { now: new Date('2031-01-01T00:00:00Z') });
    assert.equal(only(list, 'signature/expired').length, 2);
  });

  it('signature/key-usage when a CA certificate signs the package', async () => {
    const list = await findingsOf({ signWithCa: true });
    assert.ok(list.includes('signature/key-usage certs/signer.pem:1'), list.join('\n'));
  });
});
