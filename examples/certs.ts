/**
 * Certificates made in memory for the example package and the tests — a root, intermediates, signers, and the
 * odd ones path validation must refuse — with pkijs over Node's WebCrypto: no openssl, nothing on disk.
 */
import { createHash, KeyObject, webcrypto, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/** The kinds of certificate a lab can make. */
export type Profile = 'root' | 'v1Root' | 'intermediate' | 'subCa' | 'caNoCertSign' | 'notCa' | 'signer' | 'serverSigner';

const CERT_SIGN = 'keyCertSign';
type Usage = 'digitalSignature' | typeof CERT_SIGN | 'cRLSign';
/** keyUsage bit numbers (RFC 5280, 4.2.1.3). */
const USAGE_BIT: Record<Usage, number> = { digitalSignature: 0, keyCertSign: 5, cRLSign: 6 };
const EKU = { codeSigning: '1.3.6.1.5.5.7.3.3', serverAuth: '1.3.6.1.5.5.7.3.1' };

/** Each profile's extensions: basicConstraints, keyUsage, and an extended key usage where it has one. */
const PROFILES: Record<Profile, { ca: boolean; pathLen?: number; usage: Usage[]; eku?: keyof typeof EKU; v1?: true }> = {
  root: { ca: true, usage: [CERT_SIGN, 'cRLSign'] },
  // A version 1 certificate has no extensions at all, as the roots of the 1990s (still above old signed JARs).
  v1Root: { ca: false, usage: [], v1: true },
  intermediate: { ca: true, pathLen: 0, usage: [CERT_SIGN, 'cRLSign'] },
  subCa: { ca: true, usage: [CERT_SIGN, 'cRLSign'] },
  caNoCertSign: { ca: true, usage: ['digitalSignature'] },
  notCa: { ca: false, usage: ['digitalSignature'] },
  signer: { ca: false, usage: ['digitalSignature'], eku: 'codeSigning' },
  serverSigner: { ca: false, usage: ['digitalSignature'], eku: 'serverAuth' },
};

const NAME_TYPES: Record<string, string> = { CN: '2.5.4.3', O: '2.5.4.10', OU: '2.5.4.11', C: '2.5.4.6' };
const RSA = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
const EC = { name: 'ECDSA', namedCurve: 'P-256' };

const crypto = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'] });

/** `/CN=x/O=y` as a name, in that order, one attribute per RDN as openssl writes it (pkijs would make one RDN of all). */
function distinguishedName(subject: string): pkijs.RelativeDistinguishedNames {
  const rdns = subject
    .split('/')
    .filter(Boolean)
    .map((part) => {
      const [type, ...value] = part.split('=');
      const atv = new pkijs.AttributeTypeAndValue({ type: NAME_TYPES[type], value: new asn1js.Utf8String({ value: value.join('=') }) });
      return new asn1js.Set({ value: [atv.toSchema()] });
    });
  return pkijs.RelativeDistinguishedNames.fromBER(new asn1js.Sequence({ value: rdns }).toBER(false));
}

function keyUsage(usage: Usage[]): asn1js.BitString {
  const byte = usage.reduce((b, u) => b | (0x80 >> USAGE_BIT[u]), 0);
  const unused = Math.max(0, 7 - Math.max(...usage.map((u) => USAGE_BIT[u])));
  return new asn1js.BitString({ valueHex: new Uint8Array([byte]).buffer, unusedBits: unused });
}

const extension = (extnID: string, critical: boolean, value: { toSchema(): asn1js.AsnType } | asn1js.AsnType): pkijs.Extension =>
  new pkijs.Extension({ extnID, critical, extnValue: ('toSchema' in value ? value.toSchema() : value).toBER(false) });

interface Made { name: pkijs.RelativeDistinguishedNames; keys: webcrypto.CryptoKeyPair; keyId: ArrayBuffer; pkcs8: string }

export class CertLab {
  private readonly made = new Map<string, Made>();
  private serial = 0x1000;

  /** A new key and its certificate (self-signed without an issuer), valid 2025-06-01 to 2030-06-01. */
  async make(name: string, subject: string, profile: Profile, issuer?: string, ec = false): Promise<string> {
    const keys = (await webcrypto.subtle.generateKey(ec ? EC : RSA, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
    const spki = await webcrypto.subtle.exportKey('spki', keys.publicKey);
    const publicKey = pkijs.PublicKeyInfo.fromBER(spki).subjectPublicKey.valueBlock.valueHexView;
    const keyId = new Uint8Array(createHash('sha1').update(publicKey).digest()).buffer;
    const pkcs8 = KeyObject.from(keys.privateKey).export({ type: 'pkcs8', format: 'pem' }) as string;
    this.made.set(name, { name: distinguishedName(subject), keys, keyId, pkcs8 });
    return this.issue(name, profile, issuer ?? name);
  }

  /** Another certificate for an existing key and name, issued by someone else: a cross-signed root. */
  crossSign(name: string, issuer: string, profile: Profile = 'subCa'): Promise<string> {
    return this.issue(name, profile, issuer);
  }

  /** The private key, PKCS #8 PEM. */
  key(name: string): string {
    return this.get(name).pkcs8;
  }

  private get(name: string): Made {
    const made = this.made.get(name);
    if (!made) {
      throw new Error(`no key made for ${name}`);
    }
    return made;
  }

  private async issue(name: string, profile: Profile, issuerName: string): Promise<string> {
    const subject = this.get(name);
    const issuer = this.get(issuerName);
    const p = PROFILES[profile];
    const cert = new pkijs.Certificate();
    cert.version = p.v1 ? 0 : 2;
    cert.serialNumber = new asn1js.Integer({ value: this.serial++ });
    cert.subject = subject.name;
    cert.issuer = issuer.name;
    cert.notBefore.value = new Date('2025-06-01T00:00:00Z');
    cert.notAfter.value = new Date('2030-06-01T00:00:00Z');
    cert.extensions = p.v1 ? undefined : [
      extension('2.5.29.19', true, new pkijs.BasicConstraints({ cA: p.ca, ...(p.pathLen !== undefined ? { pathLenConstraint: p.pathLen } : {}) })),
      extension('2.5.29.15', true, keyUsage(p.usage)),
      ...(p.eku ? [extension('2.5.29.37', false, new pkijs.ExtKeyUsage({ keyPurposes: [EKU[p.eku]] }))] : []),
      extension('2.5.29.14', false, new asn1js.OctetString({ valueHex: subject.keyId })),
      ...(issuer === subject ? [] : [extension('2.5.29.35', false, new pkijs.AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: issuer.keyId }) }))]),
    ];
    await cert.subjectPublicKeyInfo.importKey(subject.keys.publicKey, crypto);
    await cert.sign(issuer.keys.privateKey, 'SHA-256', crypto);
    return new X509Certificate(Buffer.from(cert.toSchema(true).toBER(false))).toString();
  }
}
