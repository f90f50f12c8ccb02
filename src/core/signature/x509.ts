import { X509Certificate } from 'node:crypto';
import { BIT_STRING, BOOLEAN, childrenOf, elementAt, INTEGER, integerOf, OCTET_STRING, OID, oidOf, SEQUENCE } from './der';
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
  /**
   * Subject and issuer are the same name (RFC 5280's self-issued): a root, whether or not its own signature can
   * be checked here (the VeriSign roots of 1996, still under signed JARs, are signed with MD2, which OpenSSL 3
   * no longer verifies). A root's authority comes from being trusted, never from that signature.
   */
  selfIssued: boolean;
  /** basicConstraints: undefined when absent (not a CA). */
  ca: boolean;
  pathLen?: number;
  /** keyUsage bits; undefined when the extension is absent (any use allowed). */
  keyUsage?: Set<KeyUsage>;
  /** extendedKeyUsage purposes; undefined when absent. */
  eku?: string[];
}

/**
 * The extensions path validation reads, from the certificate's DER (RFC 5280 §4.1: TBSCertificate's
 * `[3] EXPLICIT Extensions`, each `SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }`).
 * Node's X509Certificate says whether a certificate is a CA and its extended key usages, but not its keyUsage
 * bits nor its path length.
 */
function extensionsOf(der: Buffer): Pick<Cert, 'ca' | 'pathLen' | 'keyUsage' | 'eku'> {
  const out: Pick<Cert, 'ca' | 'pathLen' | 'keyUsage' | 'eku'> = { ca: false };
  const certificate = elementAt(der, 0, der.length);
  const tbs = childrenOf(der, certificate)[0];
  const tagged = childrenOf(der, tbs).find((e) => e.tag === 0xa3);
  for (const ext of childrenOf(der, childrenOf(der, tagged)[0])) {
    const [id, ...rest] = childrenOf(der, ext);
    const value = rest.find((e) => e.tag === OCTET_STRING);
    if (id?.tag !== OID || !value) {
      continue;
    }
    const parsed = elementAt(der, value.start, value.end);
    const oid = oidOf(der, id);
    if (oid === '2.5.29.19') {
      // BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER OPTIONAL }
      for (const field of parsed?.tag === SEQUENCE ? childrenOf(der, parsed) : []) {
        if (field.tag === BOOLEAN) {
          out.ca = field.end > field.start && der[field.start] !== 0;
        } else if (field.tag === INTEGER) {
          out.pathLen = integerOf(der, field);
        }
      }
    } else if (oid === '2.5.29.15' && parsed?.tag === BIT_STRING) {
      // KeyUsage ::= BIT STRING: its first byte counts the unused bits of the last.
      const bits = der.subarray(Math.min(parsed.start + 1, parsed.end), parsed.end);
      out.keyUsage = new Set(KEY_USAGE_BITS.filter((_, i) => (bits[i >> 3] ?? 0) & (0x80 >> (i & 7))));
    } else if (oid === '2.5.29.37' && parsed?.tag === SEQUENCE) {
      out.eku = childrenOf(der, parsed)
        .filter((e) => e.tag === OID)
        .map((e) => oidOf(der, e));
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
    selfIssued: x509.subject === x509.issuer,
    ...extensionsOf(x509.raw),
  };
}
