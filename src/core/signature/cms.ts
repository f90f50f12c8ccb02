import { X509Certificate } from 'node:crypto';
import type * as Pkijs from 'pkijs';
import { x509Libraries } from '../lazy';

/** What a CMS / PKCS#7 detached signature says: whether it verifies, and the certificates it carries (signer first). */
export interface CmsVerdict {
  valid: boolean;
  certificates: X509Certificate[];
  /** Why it does not verify, in a few words, when it does not. */
  reason?: string;
}

/** The DER of a .p7s: as stored, or the body of a PEM block (PKCS7, CMS). */
export function cmsDer(bytes: Buffer): Buffer {
  const text = bytes.toString('latin1');
  const pem = /-----BEGIN (?:PKCS7|CMS|PKCS #7 SIGNED DATA)-----([\s\S]*?)-----END/.exec(text);
  return pem ? Buffer.from(pem[1].replace(/\s+/g, ''), 'base64') : bytes;
}

export function looksLikeCms(bytes: Buffer): boolean {
  return /-----BEGIN (PKCS7|CMS)-----/.test(bytes.toString('latin1', 0, 64)) || (bytes[0] === 0x30 && bytes.includes(Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02])));
}

const der = (c: Pkijs.Certificate): X509Certificate => new X509Certificate(Buffer.from(c.toSchema().toBER(false)));

/**
 * Verifies a CMS SignedData detached signature over `data` with pkijs (signed attributes and the message
 * digest included); the chain is judged apart, from the certificates the signature carries.
 */
export async function verifyCms(signature: Buffer, data: Buffer): Promise<CmsVerdict> {
  const { pkijs, asn1js } = x509Libraries();
  const parsed = asn1js.fromBER(new Uint8Array(cmsDer(signature)));
  if (parsed.offset === -1) {
    return { valid: false, certificates: [], reason: 'not DER' };
  }
  const info = new pkijs.ContentInfo({ schema: parsed.result });
  if (info.contentType !== pkijs.ContentInfo.SIGNED_DATA) {
    return { valid: false, certificates: [], reason: `content type ${info.contentType} is not signed data` };
  }
  const signed = new pkijs.SignedData({ schema: info.content });
  const all = (signed.certificates ?? []).filter((c): c is Pkijs.Certificate => c instanceof pkijs.Certificate);
  try {
    const result = await signed.verify({ signer: 0, data: new Uint8Array(data).buffer, extendedMode: true, checkChain: false });
    const signer = result.signerCertificate;
    const rest = all.filter((c) => c !== signer);
    return { valid: result.signatureVerified === true, certificates: signer ? [der(signer), ...rest.map(der)] : all.map(der), reason: result.signatureVerified ? undefined : 'the signature value does not match' };
  } catch (e) {
    const message = (e as { message?: string }).message ?? String((e as { code?: number }).code ?? e);
    return { valid: false, certificates: all.map(der), reason: message };
  }
}
