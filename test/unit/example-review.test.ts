import * as assert from 'node:assert/strict';
import type { BuiltPackage } from '../../examples/build-package';
import { buildVariant, exampleWs, keys, review } from '../helpers/example';

/** Every hazard of the product story, at its line, and nothing else. */
const EXPECTED = [
  'compat/not-installed manifest.json:21',
  'compat/unsatisfied manifest.json:20',
  'config/deprecated-key etc/dten/agent.properties:6',
  'config/removed-key etc/dten/agent.properties:4',
  'config/removed-key etc/dten/agent.properties:7',
  'config/required-key etc/dten/routing.yaml:7',
  'manifest/ambiguous-flag manifest.json:15',
  'manifest/loose-range manifest.json:18',
  'manifest/loose-range manifest.json:21',
  'script/cron-job scripts/postinstall.sh:7',
  'script/external-side-effect scripts/install.sh:14',
  'script/external-side-effect scripts/postinstall.sh:10',
  'script/insecure-tmp scripts/install.sh:13',
  'script/insecure-url scripts/install.sh:13',
  'script/no-errexit scripts/install.sh:1',
  'script/retired-host scripts/postinstall.sh:7',
  'script/sudo scripts/postinstall.sh:11',
  'script/unknown-systemd-unit scripts/preinstall.sh:7',
  'script/unlocked-schema-change scripts/install.sh:10',
  'script/unlocked-schema-change scripts/install.sh:11',
  'signature/untrusted-root certs/signer.pem:18',
  'zip/stale-timestamp bin/dten-agent:1',
  'zip/stale-timestamp bin/dtenctl:1',
  'zip/stale-timestamp lib/libdten.so.5:1',
  'zip/unlisted-file docs/RELEASE-NOTES.txt:1',
];

describe('the example package against the example workspace', () => {
  let built: BuiltPackage;
  before(async () => {
    built = await buildVariant();
  });

  it('finds every hazard of the story at its line, with no false finding', async () => {
    const result = await review(built.zipPath, await exampleWs());
    assert.deepEqual(keys(result), EXPECTED.slice().sort());
  });

  it('sets the accepted sudo finding apart, with its reason', async () => {
    const result = await review(built.zipPath, await exampleWs());
    assert.deepEqual(keys(result, 'accepted'), ['script/sudo scripts/preinstall.sh:7']);
    assert.match(result.accepted[0].accepted!.reason, /root under our runbook/);
    assert.deepEqual(result.stale, []);
  });

  it('trusts the chain once the vendor root is trusted, and names the fingerprint until then', async () => {
    const before = await review(built.zipPath, await exampleWs());
    const untrusted = before.findings.find((f) => f.rule === 'signature/untrusted-root')!;
    assert.match(untrusted.message, /Northwind Code Signing Root CA R2/);
    assert.match(untrusted.message, /([0-9A-F]{2}:){31}[0-9A-F]{2}/);
    const after = await review(built.zipPath, await exampleWs(), { trustedRoots: [built.rootPem] });
    assert.equal(after.findings.some((f) => f.rule.startsWith('signature/')), false);
    assert.equal(after.signer?.verdict, 'trusted');
  });

  it('gives every dependency row the right status', async () => {
    const result = await review(built.zipPath, await exampleWs());
    assert.deepEqual(
      result.matrix!.rows.map((r) => `${r.name}:${r.status}`),
      ['openssl:loose-range', 'postgresql:ok', 'python3:unsatisfied', 'libdten-proto:not-installed'],
    );
    assert.equal(result.matrix!.product.status, 'ok');
    assert.equal(result.matrix!.product.via, '>=4.2.0 <4.4.0');
  });

  it('without a workspace says what it could not check instead of guessing', async () => {
    const result = await review(built.zipPath);
    assert.ok(result.notes.some((n) => /no inventory: compatibility, systemd units/.test(n)));
    assert.equal(result.findings.some((f) => f.rule === 'script/unknown-systemd-unit' || f.rule.startsWith('compat/')), false);
  });
});
