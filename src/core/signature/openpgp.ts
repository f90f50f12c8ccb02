import type { Finding } from '../finding';
import { openPgpLibrary } from '../lazy';
import { finding } from '../rule';
import type { ReviewSettings } from '../settings';
import { INVALID, UNTRUSTED_ROOT, type SignerSummary } from './outcome';

export function looksLikeOpenPgp(bytes: Buffer): boolean {
  // Armored, or a binary signature packet (old or new format, tag 2).
  return bytes.toString('latin1', 0, 64).includes('-----BEGIN PGP SIGNATURE-----') || bytes[0] === 0x88 || bytes[0] === 0x89 || bytes[0] === 0xc2;
}

const spaced = (hex: string): string => hex.toUpperCase().replace(/(.{4})(?=.)/g, '$1 ');

/**
 * Verifies an OpenPGP detached signature over `data` against the user's trusted keys (openpgp.js, loaded
 * only when a package carries such a signature). An unknown key is signature/untrusted-root naming the
 * key's fingerprint (or key ID) to confirm with the vendor; a known key that did not sign is signature/invalid.
 */
export async function verifyOpenPgp(signatureBytes: Buffer, data: Buffer, sigPath: string, what: string, settings: ReviewSettings, out: Finding[]): Promise<SignerSummary> {
  const openpgp = openPgpLibrary();
  const armored = signatureBytes.toString('latin1', 0, 64).includes('-----BEGIN PGP SIGNATURE-----');
  let signature;
  try {
    signature = armored ? await openpgp.readSignature({ armoredSignature: signatureBytes.toString('utf8') }) : await openpgp.readSignature({ binarySignature: new Uint8Array(signatureBytes) });
  } catch (e) {
    out.push(finding(INVALID, sigPath, `${sigPath} is not a readable OpenPGP signature: ${(e as Error).message.split('\n')[0]}`));
    return { subject: '', issuer: '', verdict: 'invalid' };
  }
  const packet = signature.packets[0];
  const issuerFingerprint = packet?.issuerFingerprint ? Buffer.from(packet.issuerFingerprint).toString('hex') : undefined;
  const keyId = packet?.issuerKeyID.toHex() ?? '';
  const keys = (
    await Promise.all(
      settings.trustedKeys.map(async (text) => {
        try {
          return await openpgp.readKeys({ armoredKeys: text });
        } catch {
          return [];
        }
      }),
    )
  ).flat();
  const key = keys.find((k) => k.getKeys().some((sub) => sub.getKeyID().toHex() === keyId));
  if (!key) {
    const name = issuerFingerprint ? `fingerprint ${spaced(issuerFingerprint)}` : `key ID ${spaced(keyId)}`;
    out.push(finding(UNTRUSTED_ROOT, sigPath, `${what} is signed with the OpenPGP key of ${name}, which is not among your trusted keys: confirm that fingerprint with the vendor out of band, then trust the key with --trusted-key or the upgradeInspector.trustedKeys setting`));
    return { subject: '', issuer: '', rootFingerprint: issuerFingerprint ?? keyId, verdict: 'untrusted' };
  }
  const user = (await key.getPrimaryUser().catch(() => undefined))?.user.userID?.userID ?? '';
  const fingerprint = spaced(key.getFingerprint());
  const message = await openpgp.createMessage({ binary: new Uint8Array(data) });
  const { signatures } = await openpgp.verify({ message, signature, verificationKeys: key, format: 'binary', date: settings.now });
  try {
    await signatures[0].verified;
  } catch (e) {
    out.push(finding(INVALID, sigPath, `the OpenPGP signature does not verify over ${what} with the key of ${user || fingerprint} (${(e as Error).message.split('\n')[0]}): the file was changed or signed by someone else`));
    return { subject: user, issuer: '', rootFingerprint: fingerprint, verdict: 'invalid' };
  }
  return { subject: user, issuer: `OpenPGP key ${fingerprint}`, rootFingerprint: fingerprint, verdict: 'trusted' };
}
