import * as assert from 'node:assert/strict';
import { CertLab } from '../../examples/certs';
import type { ReviewResult } from '../../src/core/review';
import { buildVariant, review } from '../helpers/example';
import { chainQuestion, rootQuestion } from '../../src/core/signature/describe';

const O = '/O=Lab Vendor';

/**
 * Path validation with certificates made for each case: the package ships a signer and what the vendor put
 * beside it; the reviewer trusts some roots and may add the chain the vendor sent.
 */
describe('signature paths: built through every certificate, checked as RFC 5280 does', () => {
  const lab = new CertLab();

  async function reviewSigned(signer: string, shipped: string[], trusted: string[], chain: string[] = []): Promise<ReviewResult> {
    const built = await buildVariant({ signWith: { key: lab.key(signer), certificates: shipped.join('') } });
    return review(built.zipPath, undefined, { trustedRoots: trusted, extraCertificates: chain });
  }
  const signatureFindings = (r: ReviewResult): string[] => r.findings.filter((f) => f.rule.startsWith('signature/')).map((f) => `${f.rule}: ${f.message}`);

  it('confirms a CA rotation: the old root trusted, the new root cross-signed by it added as the vendor chain', async () => {
    const r1 = await lab.make('r1', `/CN=Lab Root R1${O}`, 'root');
    await lab.make('r2', `/CN=Lab Root R2${O}`, 'root');
    const ca = await lab.make('ca', `/CN=Lab Signing CA${O}`, 'intermediate', 'r2');
    const signer = await lab.make('signer', `/CN=lab release${O}`, 'signer', 'ca', true);
    const cross = await lab.crossSign('r2', 'r1');
    const without = await reviewSigned('signer', [signer, ca], [r1]);
    assert.equal(without.signer?.verdict, 'untrusted');
    assert.match(signatureFindings(without).join('\n'), /signature\/untrusted-root: not a trusted root: the path "CN=lab release, O=Lab Vendor" → "CN=Lab Signing CA, O=Lab Vendor" stops at issuer "CN=Lab Root R2, O=Lab Vendor"/);
    const withChain = await reviewSigned('signer', [signer, ca], [r1], [cross]);
    assert.deepEqual(signatureFindings(withChain), []);
    assert.equal(withChain.signer?.verdict, 'trusted');
    assert.deepEqual(withChain.signer?.path?.map((c) => `${c.name} (${c.source})`), ['CN=lab release, O=Lab Vendor (shipped)', 'CN=Lab Signing CA, O=Lab Vendor (shipped)', 'CN=Lab Root R2, O=Lab Vendor (chain)', 'CN=Lab Root R1, O=Lab Vendor (trusted)']);
  });

  it('names the root to confirm, by its fingerprint, when the package ships a root nobody trusts', async () => {
    const root = await lab.make('shipped-root', `/CN=Shipped Root${O}`, 'root');
    const ca = await lab.make('shipped-ca', `/CN=Shipped CA${O}`, 'intermediate', 'shipped-root');
    const signer = await lab.make('shipped-signer', `/CN=shipped release${O}`, 'signer', 'shipped-ca', true);
    const r = await reviewSigned('shipped-signer', [signer, ca, root], []);
    const { X509Certificate } = await import('node:crypto');
    assert.match(signatureFindings(r).join('\n'), new RegExp(`ends at a root you do not trust \\(SHA-256 fingerprint of the root: ${new X509Certificate(root).fingerprint256}\\)`));
  });

  it('judges a version 1 root (no extensions) by whether it is trusted, as old signed JARs have them', async () => {
    const root = await lab.make('v1-root', `/CN=Old Primary Root${O}`, 'v1Root');
    const ca = await lab.make('v1-ca', `/CN=Old Code Signing CA${O}`, 'intermediate', 'v1-root');
    const signer = await lab.make('v1-signer', `/CN=old release${O}`, 'signer', 'v1-ca', true);
    const untrusted = signatureFindings(await reviewSigned('v1-signer', [signer, ca, root], []));
    assert.deepEqual(untrusted.map((f) => f.split(':')[0]), ['signature/untrusted-root'], untrusted.join('\n'));
    assert.match(untrusted[0], /→ "CN=Old Primary Root, O=Lab Vendor" ends at a root you do not trust/);
    assert.deepEqual(signatureFindings(await reviewSigned('v1-signer', [signer, ca, root], [root])), []);
  });

  it('takes a root whose own signature cannot be checked (MD2 in 1996) for the root it names itself', async () => {
    // Two keys under one name: the "root" is issued by that name, but signed by the other key, so its
    // self-signature does not verify, as an MD2 signature does not with OpenSSL 3.
    await lab.make('md2-root', `/CN=Primary Root 1996${O}`, 'root');
    await lab.make('md2-other', `/CN=Primary Root 1996${O}`, 'root');
    const root = await lab.crossSign('md2-root', 'md2-other', 'root');
    const ca = await lab.make('md2-ca', `/CN=Signing CA 2004${O}`, 'intermediate', 'md2-root');
    const signer = await lab.make('md2-signer', `/CN=release 2009${O}`, 'signer', 'md2-ca', true);
    const found = signatureFindings(await reviewSigned('md2-signer', [signer, ca, root], []));
    assert.deepEqual(found.map((f) => f.split(':')[0]), ['signature/untrusted-root'], found.join('\n'));
    assert.match(found[0], /"CN=Primary Root 1996, O=Lab Vendor" ends at a root you do not trust/);
    assert.doesNotMatch(rootQuestion(root)!.detail, /not a root certificate/);
    assert.deepEqual(signatureFindings(await reviewSigned('md2-signer', [signer, ca, root], [root])), []);
  });

  it('refuses a leaf certificate used as an issuer', async () => {
    const root = await lab.make('leaf-root', `/CN=Leaf Root${O}`, 'root');
    const leaf = await lab.make('leaf-ca', `/CN=Not A CA${O}`, 'notCa', 'leaf-root');
    const signer = await lab.make('leaf-signer', `/CN=signed by a leaf${O}`, 'signer', 'leaf-ca', true);
    const result = await reviewSigned('leaf-signer', [signer, leaf], [root]);
    const found = signatureFindings(result);
    assert.ok(found.some((f) => /^signature\/key-usage: "CN=Not A CA, O=Lab Vendor" is not a CA certificate/.test(f)), found.join('\n'));
    // The Signature view marks the certificate at fault, not the others on the path.
    assert.deepEqual(result.signer?.path?.map((c) => `${c.name}: ${(c.problems ?? []).map((p) => p.severity).join(',')}`), ['CN=signed by a leaf, O=Lab Vendor: ', 'CN=Not A CA, O=Lab Vendor: error', 'CN=Leaf Root, O=Lab Vendor: ']);
  });

  it('refuses an issuer whose keyUsage lacks keyCertSign', async () => {
    const root = await lab.make('ku-root', `/CN=KU Root${O}`, 'root');
    const ca = await lab.make('ku-ca', `/CN=No CertSign CA${O}`, 'caNoCertSign', 'ku-root');
    const signer = await lab.make('ku-signer', `/CN=ku release${O}`, 'signer', 'ku-ca', true);
    const found = signatureFindings(await reviewSigned('ku-signer', [signer, ca], [root]));
    assert.ok(found.some((f) => /^signature\/key-usage: "CN=No CertSign CA, O=Lab Vendor" has a keyUsage without keyCertSign/.test(f)), found.join('\n'));
  });

  it('refuses a path longer than an issuer allows', async () => {
    const root = await lab.make('pl-root', `/CN=PL Root${O}`, 'root');
    const limited = await lab.make('pl-ca0', `/CN=Pathlen 0 CA${O}`, 'intermediate', 'pl-root');
    const below = await lab.make('pl-ca1', `/CN=One Too Many${O}`, 'subCa', 'pl-ca0');
    const signer = await lab.make('pl-signer', `/CN=pl release${O}`, 'signer', 'pl-ca1', true);
    const found = signatureFindings(await reviewSigned('pl-signer', [signer, below, limited], [root]));
    assert.ok(found.some((f) => /^signature\/key-usage: "CN=Pathlen 0 CA, O=Lab Vendor" allows at most 0 CA certificates below it \(pathLenConstraint\), and the path has 1/.test(f)), found.join('\n'));
  });

  it('refuses a signer certified for server authentication only', async () => {
    const root = await lab.make('eku-root', `/CN=EKU Root${O}`, 'root');
    const ca = await lab.make('eku-ca', `/CN=EKU CA${O}`, 'intermediate', 'eku-root');
    const signer = await lab.make('eku-signer', `/CN=www.lab.example${O}`, 'serverSigner', 'eku-ca', true);
    const found = signatureFindings(await reviewSigned('eku-signer', [signer, ca], [root]));
    assert.ok(found.some((f) => /^signature\/key-usage: the signer CN=www\.lab\.example, O=Lab Vendor has an extended key usage without code signing \(serverAuth\)/.test(f)), found.join('\n'));
  });

  it('asks before trusting: the root by subject and fingerprint, a non-root called so, a chain never trusted', async () => {
    const root = await lab.make('q-root', `/CN=Question Root${O}`, 'root');
    const ca = await lab.make('q-ca', `/CN=Question CA${O}`, 'intermediate', 'q-root');
    const { X509Certificate } = await import('node:crypto');
    const asked = rootQuestion(root)!;
    assert.equal(asked.message, 'Trust "CN=Question Root, O=Lab Vendor" as a root for package signatures?');
    assert.ok(asked.detail.startsWith(`SHA-256 fingerprint:\n${new X509Certificate(root).fingerprint256}\n`), asked.detail);
    assert.doesNotMatch(asked.detail, /not a root certificate/);
    assert.match(rootQuestion(ca)!.detail, /This is not a root certificate: it was issued by CN=Question Root, O=Lab Vendor/);
    const chain = chainQuestion(ca + root)!;
    assert.equal(chain.message, 'Use these 2 certificates to link package signers to a root you trust?');
    assert.match(chain.detail, /None of them becomes trusted/);
    assert.equal(rootQuestion('no certificate here'), undefined);
  });

  it('calls a link whose issuer did not sign it invalid', async () => {
    const root = await lab.make('bl-root', `/CN=BL Root${O}`, 'root');
    await lab.make('bl-ca', `/CN=BL CA${O}`, 'intermediate', 'bl-root');
    const signer = await lab.make('bl-signer', `/CN=bl release${O}`, 'signer', 'bl-ca', true);
    // Another certificate with the CA's name but a key of its own.
    const impostor = await lab.make('bl-impostor', `/CN=BL CA${O}`, 'intermediate', 'bl-root');
    const found = signatureFindings(await reviewSigned('bl-signer', [signer, impostor], [root]));
    assert.ok(found.some((f) => /^signature\/invalid: "CN=bl release, O=Lab Vendor" names "CN=BL CA, O=Lab Vendor" as its issuer, but that certificate's key did not sign it/.test(f)), found.join('\n'));
  });
});
