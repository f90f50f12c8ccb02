import { X509Certificate } from 'node:crypto';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** Every certificate of a PEM text, in order; throws on a block that does not parse. */
export function parsePemChain(text: string): X509Certificate[] {
  return (text.match(PEM_BLOCK) ?? []).map((block) => new X509Certificate(block));
}

/** The line where the n-th PEM block starts, for pointing findings at a certificate. */
export function pemBlockLine(text: string, n: number): number {
  let index = -1;
  for (let i = 0; i <= n; i++) {
    index = text.indexOf('-----BEGIN CERTIFICATE-----', index + 1);
    if (index < 0) {
      return 0;
    }
  }
  return text.slice(0, index).split('\n').length - 1;
}

export function describeName(dn: string): string {
  return dn.split('\n').filter(Boolean).join(', ');
}

export function isSelfSigned(cert: X509Certificate): boolean {
  return cert.subject === cert.issuer && cert.checkIssued(cert) && cert.verify(cert.publicKey);
}

/**
 * The KeyUsage extension's digitalSignature bit, read from the DER (node:crypto exposes only the
 * extended key usage). undefined when the certificate has no KeyUsage extension.
 */
export function hasDigitalSignatureUsage(cert: X509Certificate): boolean | undefined {
  const der = cert.raw;
  const oid = Buffer.from([0x06, 0x03, 0x55, 0x1d, 0x0f]);
  let at = der.indexOf(oid);
  if (at < 0) {
    return undefined;
  }
  at += oid.length;
  if (der[at] === 0x01) {
    at += 3; // critical BOOLEAN
  }
  if (der[at] !== 0x04) {
    return undefined;
  }
  at += 2; // OCTET STRING, short length
  if (der[at] !== 0x03) {
    return undefined;
  }
  const length = der[at + 1];
  return length >= 2 ? (der[at + 3] & 0x80) !== 0 : false;
}
