import { X509Certificate } from 'node:crypto';
import { asn1Library } from '../lazy';
import { describeName } from './certificates';

/** Where a certificate came from: the package, the vendor's chain the user added, or the user's trusted roots. */
export type CertSource = 'shipped' | 'chain' | 'trusted';

const KEY_USAGE_BITS = ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly'] as const;
export type KeyUsage = (typeof KEY_USAGE_BITS)[number];

export const CODE_SIGNING = '1.3.6.1.5.5.7.3.3';
export const ANY_EKU = '2.5.29.37.0';

/** One certificate with the extensions path validation reads (RFC 5280 §4.2.1.3, .9, .12). */
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

type Asn1 = ReturnType<typeof asn1Library>['asn1js'];
type Node = InstanceType<Asn1['BaseBlock']>;

/** The children of a constructed value (a SEQUENCE, an explicit tag); none for anything else. */
function children(node: Node | undefined): Node[] {
  const value = (node?.valueBlock as { value?: unknown } | undefined)?.value;
  return Array.isArray(value) ? (value as Node[]) : [];
}

/**
 * The extensions path validation reads, from the certificate's DER (RFC 5280 §4.1: TBSCertificate's
 * `[3] EXPLICIT Extensions`), decoded with asn1js alone. Node's X509Certificate says whether a certificate is a
 * CA and its extended key usages, but not its keyUsage bits nor its path length.
 */
function extensionsOf(der: Buffer): Pick<Cert, 'ca' | 'pathLen' | 'keyUsage' | 'eku'> {
  const { asn1js } = asn1Library();
  const out: Pick<Cert, 'ca' | 'pathLen' | 'keyUsage' | 'eku'> = { ca: false };
  const tbs = children(asn1js.fromBER(new Uint8Array(der)).result)[0];
  const tagged = children(tbs).find((n) => n.idBlock.tagClass === 3 && n.idBlock.tagNumber === 3);
  for (const ext of children(children(tagged)[0])) {
    const [id, ...rest] = children(ext);
    const value = rest.find((n): n is InstanceType<Asn1['OctetString']> => n instanceof asn1js.OctetString);
    if (!(id instanceof asn1js.ObjectIdentifier) || !value) {
      continue;
    }
    const parsed = asn1js.fromBER(value.valueBlock.valueHexView).result;
    const oid = id.valueBlock.toString();
    if (oid === '2.5.29.19') {
      // BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER OPTIONAL }
      for (const field of children(parsed)) {
        if (field instanceof asn1js.Boolean) {
          out.ca = field.valueBlock.value;
        } else if (field instanceof asn1js.Integer) {
          out.pathLen = field.valueBlock.valueDec;
        }
      }
    } else if (oid === '2.5.29.15' && parsed instanceof asn1js.BitString) {
      const bytes = parsed.valueBlock.valueHexView;
      out.keyUsage = new Set(KEY_USAGE_BITS.filter((_, i) => (bytes[i >> 3] ?? 0) & (0x80 >> (i & 7))));
    } else if (oid === '2.5.29.37') {
      out.eku = children(parsed)
        .filter((n): n is InstanceType<Asn1['ObjectIdentifier']> => n instanceof asn1js.ObjectIdentifier)
        .map((n) => n.valueBlock.toString());
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
