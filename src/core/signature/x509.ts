import { X509Certificate } from 'node:crypto';
import { x509Libraries } from '../lazy';
import { describeName } from './certificates';

/** Where a certificate came from: the package, the vendor's chain the user added, or the user's trusted roots. */
export type CertSource = 'shipped' | 'chain' | 'trusted';

const KEY_USAGE_BITS = ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly'] as const;
export type KeyUsage = (typeof KEY_USAGE_BITS)[number];

export const CODE_SIGNING = '1.3.6.1.5.5.7.3.3';
export const ANY_EKU = '2.5.29.37.0';

/** One certificate with the extensions path validation reads (RFC 5280 §4.2.1.3, .9, .12), parsed by pkijs. */
export interface Cert {
  x509: X509Certificate;
  source: CertSource;
  /** Where it was found, for messages: "certs/signer.pem", "--chain vendor.pem". */
  from: string;
  name: string;
  fingerprint: string;
  selfSigned: boolean;
  /** basicConstraints: undefined when absent (not a CA). */
  ca: boolean;
  pathLen?: number;
  /** keyUsage bits; undefined when the extension is absent (any use allowed). */
  keyUsage?: Set<KeyUsage>;
  /** extendedKeyUsage purposes; undefined when absent. */
  eku?: string[];
}

function extensionsOf(der: Buffer): Pick<Cert, 'ca' | 'pathLen' | 'keyUsage' | 'eku'> {
  const { pkijs, asn1js } = x509Libraries();
  const parsed = asn1js.fromBER(new Uint8Array(der));
  const cert = new pkijs.Certificate({ schema: parsed.result });
  const out: Pick<Cert, 'ca' | 'pathLen' | 'keyUsage' | 'eku'> = { ca: false };
  for (const ext of cert.extensions ?? []) {
    if (ext.extnID === '2.5.29.19' && ext.parsedValue instanceof pkijs.BasicConstraints) {
      out.ca = ext.parsedValue.cA === true;
      const len = ext.parsedValue.pathLenConstraint;
      out.pathLen = typeof len === 'number' ? len : len instanceof asn1js.Integer ? len.valueBlock.valueDec : undefined;
    } else if (ext.extnID === '2.5.29.15' && ext.parsedValue instanceof asn1js.BitString) {
      const bytes = ext.parsedValue.valueBlock.valueHexView;
      out.keyUsage = new Set(KEY_USAGE_BITS.filter((_, i) => (bytes[i >> 3] ?? 0) & (0x80 >> (i & 7))));
    } else if (ext.extnID === '2.5.29.37' && ext.parsedValue instanceof pkijs.ExtKeyUsage) {
      out.eku = ext.parsedValue.keyPurposes;
    }
  }
  return out;
}

export function toCert(x509: X509Certificate, source: CertSource, from: string): Cert {
  return {
    x509,
    source,
    from,
    name: describeName(x509.subject),
    fingerprint: x509.fingerprint256,
    selfSigned: x509.subject === x509.issuer && x509.verify(x509.publicKey),
    ...extensionsOf(x509.raw),
  };
}
