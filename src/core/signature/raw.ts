import { verify, type X509Certificate } from 'node:crypto';

/** Reads a detached signature stored raw or as base64 text. */
export function decodeSignature(bytes: Buffer): Buffer {
  const text = bytes.toString('latin1').trim();
  if (/^[A-Za-z0-9+/=\s]+$/.test(text) && text.replace(/\s/g, '').length % 4 === 0) {
    return Buffer.from(text, 'base64');
  }
  return bytes;
}

export function verifies(data: Buffer, cert: X509Certificate, signature: Buffer): boolean {
  for (const dsaEncoding of ['der', 'ieee-p1363'] as const) {
    try {
      if (verify('sha256', data, { key: cert.publicKey, dsaEncoding }, signature)) {
        return true;
      }
    } catch {
      // wrong encoding for this key type: try the next
    }
  }
  return false;
}

