import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { CertLab, type Profile } from '../../examples/certs';
import { toCert } from '../../src/core/signature/x509';
import { childrenOf, elementAt, integerOf, oidOf } from '../../src/core/signature/der';

const BITS = ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly'];

/** The same extensions as pkijs reads them: the reference the review's own reading is checked against. */
function byPkijs(der: Buffer): { ca: boolean; pathLen?: number; keyUsage?: string[]; eku?: string[] } {
  const cert = pkijs.Certificate.fromBER(new Uint8Array(der));
  const out: ReturnType<typeof byPkijs> = { ca: false };
  for (const ext of cert.extensions ?? []) {
    if (ext.parsedValue instanceof pkijs.BasicConstraints) {
      out.ca = ext.parsedValue.cA === true;
      const len = ext.parsedValue.pathLenConstraint;
      const pathLen = typeof len === 'number' ? len : len instanceof asn1js.Integer ? len.valueBlock.valueDec : undefined;
      if (pathLen !== undefined) {out.pathLen = pathLen;}
    } else if (ext.extnID === '2.5.29.15' && ext.parsedValue instanceof asn1js.BitString) {
      const bytes = ext.parsedValue.valueBlock.valueHexView;
      out.keyUsage = BITS.filter((_, i) => (bytes[i >> 3] ?? 0) & (0x80 >> (i & 7)));
    } else if (ext.parsedValue instanceof pkijs.ExtKeyUsage) {
      out.eku = ext.parsedValue.keyPurposes;
    }
  }
  return out;
}

function ours(pem: string): ReturnType<typeof byPkijs> {
  const c = toCert(new X509Certificate(pem), 'trusted', 'test');
  const out: ReturnType<typeof byPkijs> = { ca: c.ca };
  if (c.pathLen !== undefined) {out.pathLen = c.pathLen;}
  if (c.keyUsage) {out.keyUsage = [...c.keyUsage];}
  if (c.eku) {out.eku = c.eku;}
  return out;
}

describe('certificate extensions: basicConstraints, keyUsage and extended key usage read as pkijs reads them', () => {
  it('reads every kind of certificate the lab makes', async () => {
    const lab = new CertLab();
    await lab.make('root', '/CN=Ext Root', 'root');
    const profiles: Profile[] = ['intermediate', 'subCa', 'caNoCertSign', 'notCa', 'signer', 'serverSigner'];
    const seen = new Set<string>();
    for (const profile of profiles) {
      const pem = await lab.make(profile, `/CN=${profile}`, profile, 'root', profile === 'signer');
      const expected = byPkijs(new X509Certificate(pem).raw);
      assert.deepEqual(ours(pem), expected, profile);
      seen.add(JSON.stringify(expected));
    }
    // The profiles differ in what the reading must find: a path length, keyCertSign or not, an EKU or none.
    assert.equal(seen.size, profiles.length);
    assert.deepEqual(ours(await lab.crossSign('root', 'root', 'intermediate')), { ca: true, pathLen: 0, keyUsage: ['keyCertSign', 'cRLSign'] });
  });

  const bundle = '/etc/ssl/certs/ca-certificates.crt';
  (existsSync(bundle) ? it : it.skip)(`reads every root of this machine's CA bundle (${bundle}) as pkijs does`, () => {
    const pems = readFileSync(bundle, 'latin1').match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? [];
    assert.ok(pems.length > 50, `${pems.length} certificates`);
    for (const pem of pems) {
      const x = new X509Certificate(pem);
      assert.deepEqual(ours(pem), byPkijs(x.raw), x.subject);
    }
  });

  it('reads DER elements only within the bytes they declare, and object identifiers and integers as asn1js does', () => {
    const oids = ['2.5.29.19', '1.2.840.113549.1.1.11', '1.3.6.1.5.5.7.3.3', '2.999.1', '0.9.2342.19200300.100.1.1'];
    for (const oid of oids) {
      const der = new asn1js.ObjectIdentifier({ value: oid }).toBER();
      const bytes = new Uint8Array(der);
      assert.equal(oidOf(bytes, elementAt(bytes, 0, bytes.length)!), oid);
    }
    for (const n of [0, 1, 127, 128, 255, 256, 65535, -1, -128, -129]) {
      const bytes = new Uint8Array(new asn1js.Integer({ value: n }).toBER());
      assert.equal(integerOf(bytes, elementAt(bytes, 0, bytes.length)!), n);
    }
    // A SEQUENCE that claims 0x7f bytes of 6, a long form past the end, an indefinite length: nothing is read.
    assert.equal(elementAt(Uint8Array.of(0x30, 0x7f, 1, 2, 3, 4), 0, 6), undefined);
    assert.equal(elementAt(Uint8Array.of(0x30, 0x84, 0xff, 0xff, 0xff, 0xff), 0, 6), undefined);
    assert.equal(elementAt(Uint8Array.of(0x30, 0x80, 0, 0), 0, 4), undefined);
    // Children stop at the first that does not fit inside their parent.
    const seq = Uint8Array.of(0x30, 0x06, 0x01, 0x01, 0xff, 0x02, 0x05, 0x00);
    assert.deepEqual(childrenOf(seq, elementAt(seq, 0, seq.length)).map((e) => e.tag), [0x01]);
  });
});
