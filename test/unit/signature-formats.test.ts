import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import * as openpgp from 'openpgp';
import { ReviewSession } from '../../src/core/engine';
import { ZipPackage } from '../../src/core/package/source';
import type { ReviewResult } from '../../src/core/review';
import { emptyWorkspace } from '../../src/core/review';
import { defaultSettings, type ReviewSettings } from '../../src/core/settings';
import { ZipArchive } from '../../src/core/zip';
import { repoRoot } from '../helpers/paths';

/** Made once by the real tools (gpg, openssl cms): see make.sh beside them. */
const FIXTURES = join(repoRoot, 'test', 'fixtures', 'signatures');
const fixture = (name: string): Buffer => readFileSync(join(FIXTURES, name));

async function reviewFiles(files: Record<string, Buffer | string>, settings: Partial<ReviewSettings> = {}): Promise<ReviewResult> {
  const z = new JSZip();
  Object.entries(files).forEach(([p, d]) => z.file(p, d));
  const archive = await ZipArchive.fromBuffer(await z.generateAsync({ type: 'nodebuffer' }));
  return new ReviewSession(new ZipPackage(archive, 'pkg.zip')).review(emptyWorkspace(), defaultSettings({ now: new Date(), shellcheck: { enabled: false, path: 'shellcheck' }, ...settings }));
}
const signature = (r: ReviewResult): string[] => r.findings.filter((f) => f.rule.startsWith('signature/')).map((f) => `${f.rule} ${f.file}: ${f.message}`);
const tampered = (): Buffer => Buffer.from(fixture('manifest.json').toString().replace('2.1.0', '2.1.1'));

describe('signatures as vendors ship them', () => {
  it('verifies an OpenPGP signature made by gpg against a trusted key, and names an unknown key by its fingerprint', async () => {
    const key = fixture('vendor-key.asc').toString();
    const trusted = await reviewFiles({ 'manifest.json': fixture('manifest.json'), 'manifest.json.asc': fixture('manifest.json.asc') }, { trustedKeys: [key] });
    assert.deepEqual(signature(trusted), []);
    assert.equal(trusted.signer?.verdict, 'trusted');
    assert.equal(trusted.signer?.subject, 'Lab Tool Releases <release@lab.example>');
    const fingerprint = (await openpgp.readKey({ armoredKey: key })).getFingerprint().toUpperCase().replace(/(.{4})(?=.)/g, '$1 ');
    const unknown = signature(await reviewFiles({ 'manifest.json': fixture('manifest.json'), 'manifest.json.asc': fixture('manifest.json.asc') }));
    assert.deepEqual(unknown, [`signature/untrusted-root manifest.json.asc: manifest.json is signed with the OpenPGP key of fingerprint ${fingerprint}, which is not among your trusted keys: confirm that fingerprint with the vendor out of band, then trust the key with --trusted-key or the upgradeInspector.trustedKeys setting`]);
    const changed = signature(await reviewFiles({ 'manifest.json': tampered(), 'manifest.json.asc': fixture('manifest.json.asc') }, { trustedKeys: [key] }));
    assert.equal(changed.length, 1);
    assert.match(changed[0], /^signature\/invalid manifest\.json\.asc: the OpenPGP signature does not verify over manifest\.json/);
  });

  it('verifies a binary OpenPGP signature made with a key generated here', async () => {
    const { privateKey, publicKey } = await openpgp.generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ name: 'Generated Vendor' }], format: 'armored' });
    const manifest = fixture('manifest.json');
    const sig = await openpgp.sign({ message: await openpgp.createMessage({ binary: new Uint8Array(manifest) }), signingKeys: await openpgp.readPrivateKey({ armoredKey: privateKey }), detached: true, format: 'binary' });
    const r = await reviewFiles({ 'manifest.json': manifest, 'manifest.json.gpg': Buffer.from(sig as Uint8Array) }, { trustedKeys: [publicKey] });
    assert.deepEqual(signature(r), []);
    assert.equal(r.signer?.subject, 'Generated Vendor');
  });

  it('verifies a CMS detached signature made by openssl cms, with the certificates it carries', async () => {
    const root = fixture('cms-root.pem').toString();
    const good = await reviewFiles({ 'manifest.json': fixture('manifest.json'), 'manifest.json.p7s': fixture('manifest.json.p7s') }, { trustedRoots: [root] });
    assert.deepEqual(signature(good), []);
    assert.equal(good.signer?.subject, 'CN=labtool release, O=Lab Tool');
    assert.deepEqual(good.signer?.path?.map((c) => c.source), ['shipped', 'trusted']);
    const untrusted = signature(await reviewFiles({ 'manifest.json': fixture('manifest.json'), 'manifest.json.p7s': fixture('manifest.json.p7s') }));
    assert.match(untrusted.join('\n'), /^signature\/untrusted-root manifest\.json\.p7s: not a trusted root: the path "CN=labtool release, O=Lab Tool" stops at issuer "CN=Lab CMS Root, O=Lab Tool"/);
    const changed = signature(await reviewFiles({ 'manifest.json': tampered(), 'manifest.json.p7s': fixture('manifest.json.p7s') }, { trustedRoots: [root] }));
    assert.ok(changed.some((f) => /^signature\/invalid manifest\.json\.p7s: the CMS signature in manifest\.json\.p7s does not verify over manifest\.json/.test(f)), changed.join('\n'));
  });

  it('takes a checksum list signed with gpg as the package signature', async () => {
    const files = { 'manifest.json': fixture('manifest.json'), SHA256SUMS: fixture('SHA256SUMS'), 'SHA256SUMS.asc': fixture('SHA256SUMS.asc') };
    const trusted = await reviewFiles(files, { trustedKeys: [fixture('vendor-key.asc').toString()] });
    assert.deepEqual(signature(trusted), []);
    assert.deepEqual(trusted.findings.filter((f) => f.rule === 'manifest/hash-mismatch'), []);
    const unknown = signature(await reviewFiles(files));
    assert.match(unknown.join('\n'), /^signature\/untrusted-root SHA256SUMS\.asc: SHA256SUMS is signed with the OpenPGP key of fingerprint/);
    const changed = await reviewFiles({ ...files, 'manifest.json': tampered() }, { trustedKeys: [fixture('vendor-key.asc').toString()] });
    assert.deepEqual(changed.findings.filter((f) => f.rule === 'manifest/hash-mismatch').map((f) => `${f.file}:${f.range.start.line + 1}`), ['SHA256SUMS:1']);
  });
});

describe('JAR signing (jarsigner), for the package and for JARs inside it', () => {
  const jar = (): Buffer => readFileSync(join(FIXTURES, 'lab-plugin.jar'));
  const signer = (): string => readFileSync(join(FIXTURES, 'jar-signer.pem'), 'utf8');
  const manifest = Buffer.from(JSON.stringify({ schemaVersion: 1, name: 'host', version: '1.0.0', files: [] }));
  const at = (r: ReviewResult, prefix: string): string[] => r.findings.filter((f) => f.file.startsWith(prefix) && /^(signature|manifest|zip)\//.test(f.rule)).map((f) => `${f.rule} ${f.file}:${f.range.start.line + 1}`);

  /** The signed JAR with one entry changed and one added, its signature files kept. */
  async function tamperedJar(): Promise<Buffer> {
    const z = await JSZip.loadAsync(jar());
    z.file('lib/plugin.txt', 'plugin for labtool 2.1.0, with a twist\n');
    z.file('lib/extra.sh', '#!/bin/sh\necho added later\n');
    return z.generateAsync({ type: 'nodebuffer' });
  }

  it('verifies a nested JAR signed by jarsigner: trusted with its signer, untrusted without', async () => {
    const trusted = await reviewFiles({ 'manifest.json': manifest, 'plugins/lab-plugin.jar': jar() }, { trustedRoots: [signer()] });
    assert.deepEqual(at(trusted, 'plugins/lab-plugin.jar!/'), []);
    const unknown = await reviewFiles({ 'manifest.json': manifest, 'plugins/lab-plugin.jar': jar() });
    assert.deepEqual(at(unknown, 'plugins/lab-plugin.jar!/'), ['signature/untrusted-root plugins/lab-plugin.jar!/META-INF/LAB.RSA:1']);
  });

  it('finds an entry changed after signing at its MANIFEST.MF line, and one added as not covered', async () => {
    const r = await reviewFiles({ 'manifest.json': manifest, 'plugins/lab-plugin.jar': await tamperedJar() }, { trustedRoots: [signer()] });
    assert.deepEqual(at(r, 'plugins/lab-plugin.jar!/').sort(), ['manifest/hash-mismatch plugins/lab-plugin.jar!/META-INF/MANIFEST.MF:7', 'zip/unlisted-file plugins/lab-plugin.jar!/lib/extra.sh:1']);
  });

  it('checks the package itself when it is a signed JAR', async () => {
    const archive = await ZipArchive.fromBuffer(await tamperedJar());
    const r = await new ReviewSession(new ZipPackage(archive, 'lab-plugin.jar')).review(emptyWorkspace(), defaultSettings({ now: new Date(), trustedRoots: [signer()], shellcheck: { enabled: false, path: 'shellcheck' } }));
    assert.deepEqual(at(r, '').filter((k) => !k.startsWith('manifest/missing')).sort(), ['manifest/hash-mismatch META-INF/MANIFEST.MF:7', 'zip/unlisted-file lib/extra.sh:1']);
  });
});
