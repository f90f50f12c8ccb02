import { verify, type X509Certificate } from 'node:crypto';
import type { Manifest } from '../manifest/model';
import type { ReviewSettings } from '../settings';
import type { Finding, Range } from '../finding';
import { lineRange } from '../finding';
import { MANIFEST_PATH } from '../manifest/model';
import { describeName, hasDigitalSignatureUsage, isSelfSigned, parsePemChain, pemBlockLine } from './certificates';
import { finding, type RuleMeta } from '../rule';

export const MISSING: RuleMeta = { id: 'signature/missing', severity: 'warning', title: 'No signature or certificate', scope: 'package' };
export const INVALID: RuleMeta = { id: 'signature/invalid', severity: 'error', title: 'The signature does not verify over manifest.json', scope: 'package' };
export const UNTRUSTED_ROOT: RuleMeta = { id: 'signature/untrusted-root', severity: 'error', title: 'The certificate chain does not end at a trusted root', scope: 'package' };
export const EXPIRED: RuleMeta = { id: 'signature/expired', severity: 'error', title: 'A certificate is not valid at the release date or today', scope: 'package' };
export const KEY_USAGE: RuleMeta = { id: 'signature/key-usage', severity: 'error', title: 'The signer certificate may not sign', scope: 'package' };

/** What the review reads package files through: undefined for a file missing or unreadable (reported as zip/*). */
export interface PackageReader {
  file(path: string): { type: string } | undefined;
  readBytes(path: string, maxBytes?: number): Promise<Buffer | undefined>;
}

/** The verdict on the package's signature, and what is wrong with it. */
export interface SignatureOutcome {
  findings: Finding[];
  /** Who signed, for the report and the views; absent when the signature could not be read. */
  signer?: SignerSummary;
}

export interface SignerSummary {
  subject: string;
  issuer: string;
  rootFingerprint?: string;
  verdict: 'trusted' | 'untrusted' | 'invalid' | 'missing';
}

/** Reads a detached signature stored raw or as base64 text. */
export function decodeSignature(bytes: Buffer): Buffer {
  const text = bytes.toString('latin1').trim();
  if (/^[A-Za-z0-9+/=\s]+$/.test(text) && text.replace(/\s/g, '').length % 4 === 0) {
    return Buffer.from(text, 'base64');
  }
  return bytes;
}

function verifies(data: Buffer, cert: X509Certificate, signature: Buffer): boolean {
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

/** All signature/* rules: one pass over the signature and the chain. */
export async function verifySignature(manifest: Manifest, pkg: PackageReader, settings: ReviewSettings): Promise<SignatureOutcome> {
  const out: Finding[] = [];
  const sigPath = manifest.signatureFile;
  const certPath = manifest.certificateFile;
  const missing = [sigPath, certPath].filter((p) => pkg.file(p)?.type !== 'file');
  if (missing.length > 0) {
    const where = manifest.doc.node(['signature']) ? manifest.doc.keyRange(['signature']) : lineRange(0, 0, 1);
    out.push(finding(MISSING, MANIFEST_PATH, `the package is not signed: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing, so nothing proves it comes from the vendor unchanged`, where));
    return { findings: out, signer: { subject: '', issuer: '', verdict: 'missing' } };
  }
  const certText = (await pkg.readBytes(certPath))?.toString('utf8');
  const sigBytes = await pkg.readBytes(sigPath, 64 * 1024);
  if (certText === undefined || sigBytes === undefined) {
    return { findings: out }; // unreadable: zip/corrupt says so already
  }
  let chain: X509Certificate[];
  try {
    chain = parsePemChain(certText);
  } catch (e) {
    out.push(finding(INVALID, certPath, `the certificate cannot be parsed: ${(e as Error).message}`));
    return { findings: out };
  }
  if (chain.length === 0) {
    out.push(finding(INVALID, certPath, 'no PEM certificate found in the file'));
    return { findings: out };
  }
  const certRange = (i: number): Range => lineRange(pemBlockLine(certText, i), 0, 27);
  const signer = chain[0];
  const signature = decodeSignature(sigBytes);
  const valid = verifies(manifest.bytes, signer, signature);
  if (!valid) {
    out.push(finding(INVALID, sigPath, `the signature does not verify over manifest.json with the key of ${describeName(signer.subject)}: the manifest was changed or signed by someone else`));
  }
  for (let i = 0; i + 1 < chain.length; i++) {
    if (!chain[i].checkIssued(chain[i + 1]) || !chain[i].verify(chain[i + 1].publicKey)) {
      out.push(finding(INVALID, certPath, `certificate ${i + 1} (${describeName(chain[i].subject)}) is not signed by the next one in the chain (${describeName(chain[i + 1].subject)})`, certRange(i)));
    }
  }
  const top = chain[chain.length - 1];
  const roots = settings.trustedRoots.flatMap((pem) => {
    try {
      return parsePemChain(pem);
    } catch {
      return [];
    }
  });
  const trusted =
    roots.some((r) => r.fingerprint256 === top.fingerprint256) || roots.some((r) => top.checkIssued(r) && top.verify(r.publicKey));
  const rootCert = isSelfSigned(top) ? top : undefined;
  if (!trusted) {
    const fp = top.fingerprint256;
    const what = rootCert ? 'the root' : `"${describeName(top.subject)}", the top certificate shipped`;
    out.push(
      finding(UNTRUSTED_ROOT, certPath, `not a trusted root: the chain ends at issuer "${describeName(top.issuer)}" (SHA-256 fingerprint of ${what}: ${fp}). Confirm it with the vendor out of band, then trust the root with --trusted-root or the upgradeInspector.trustedRoots setting`, certRange(chain.length - 1)),
    );
  }
  const release = manifest.releaseDate;
  chain.forEach((cert, i) => {
    const from = new Date(cert.validFrom);
    const to = new Date(cert.validTo);
    for (const [label, when] of [['the release date', release], ['today', settings.now]] as const) {
      if (when && (when < from || when > to)) {
        out.push(finding(EXPIRED, certPath, `${describeName(cert.subject)} is not valid at ${label} (${when.toISOString().slice(0, 10)}): valid from ${from.toISOString().slice(0, 10)} to ${to.toISOString().slice(0, 10)}`, certRange(i)));
        break;
      }
    }
  });
  if (signer.ca) {
    out.push(finding(KEY_USAGE, certPath, `the signer ${describeName(signer.subject)} is a CA certificate; a CA should not sign packages directly`, certRange(0)));
  } else if (hasDigitalSignatureUsage(signer) === false) {
    out.push(finding(KEY_USAGE, certPath, `the signer ${describeName(signer.subject)} has a KeyUsage without digitalSignature, so it may not sign`, certRange(0)));
  }
  const summary: SignerSummary = {
    subject: describeName(signer.subject),
    issuer: describeName(signer.issuer),
    rootFingerprint: top.fingerprint256,
    verdict: !valid ? 'invalid' : trusted ? 'trusted' : 'untrusted',
  };
  return { findings: out, signer: summary };
}
