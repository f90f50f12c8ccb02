import { verify, type X509Certificate } from 'node:crypto';
import type { Manifest } from '../manifest/model';
import type { ReviewSettings } from '../settings';
import type { Finding, Range } from '../finding';
import { lineRange } from '../finding';
import { MANIFEST_PATH } from '../manifest/model';
import { describeName, parsePemChain, pemBlockLine } from './certificates';
import { buildPath, describePath } from './path';
import { ANY_EKU, CODE_SIGNING, toCert, type Cert, type CertSource } from './x509';
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

const quoteName = (c: Cert): string => `"${c.name}"`;

/** Certificates from PEM texts the user gave (trusted roots, the vendor's chain); one that does not parse is skipped. */
function pemCerts(pems: readonly string[], source: CertSource, from: string): Cert[] {
  return pems.flatMap((pem) => {
    try {
      return parsePemChain(pem).map((x) => toCert(x, source, from));
    } catch {
      return [];
    }
  });
}

/** What the signer's own certificate does not allow: signing as a CA, without digitalSignature, or not for code. */
function signerUsage(signer: Cert): string | undefined {
  if (signer.ca) {
    return `the signer ${signer.name} is a CA certificate; a CA should not sign packages directly`;
  }
  if (signer.keyUsage && !signer.keyUsage.has('digitalSignature')) {
    return `the signer ${signer.name} has a keyUsage without digitalSignature, so it may not sign`;
  }
  if (signer.eku && !signer.eku.includes(CODE_SIGNING) && !signer.eku.includes(ANY_EKU)) {
    return `the signer ${signer.name} has an extended key usage without code signing (${signer.eku.map(ekuName).join(', ')}): it was issued for something else`;
  }
  return undefined;
}

const EKU_NAMES: Record<string, string> = { '1.3.6.1.5.5.7.3.1': 'serverAuth', '1.3.6.1.5.5.7.3.2': 'clientAuth', '1.3.6.1.5.5.7.3.4': 'emailProtection', '1.3.6.1.5.5.7.3.8': 'timeStamping' };
const ekuName = (oid: string): string => EKU_NAMES[oid] ?? oid;

export interface SignerSummary {
  subject: string;
  issuer: string;
  rootFingerprint?: string;
  /** The certificate path found, signer first. */
  path?: { name: string; fingerprint: string; source: CertSource; validTo: string }[];
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
  const shipped = chain.map((x) => toCert(x, 'shipped', certPath));
  /** Where a finding about a certificate goes: its PEM block when shipped, else the top of the file. */
  const rangeOf = (c: Cert): Range => {
    const i = shipped.findIndex((s) => s.fingerprint === c.fingerprint);
    return i >= 0 ? certRange(i) : certRange(0);
  };
  const signer = shipped[0];
  const signature = decodeSignature(sigBytes);
  const valid = verifies(manifest.bytes, signer.x509, signature);
  if (!valid) {
    out.push(finding(INVALID, sigPath, `the signature does not verify over manifest.json with the key of ${signer.name}: the manifest was changed or signed by someone else`));
  }
  const extra = pemCerts(settings.extraCertificates, 'chain', 'a certificate you added (--chain)');
  const roots = pemCerts(settings.trustedRoots, 'trusted', 'a trusted root');
  const verdict = buildPath(signer, [...shipped.slice(1), ...extra], roots);
  for (const p of verdict.problems) {
    out.push(finding(p.kind === 'invalid' ? INVALID : KEY_USAGE, certPath, `${p.message} (path: ${describePath(verdict.path)})`, rangeOf(p.cert)));
  }
  const top = verdict.path[verdict.path.length - 1];
  if (!verdict.trusted && !verdict.problems.some((p) => p.kind === 'invalid')) {
    const where = describePath(verdict.path);
    out.push(
      finding(
        UNTRUSTED_ROOT,
        certPath,
        top.selfSigned
          ? `not a trusted root: the path ${where} ends at a root you do not trust (SHA-256 fingerprint of the root: ${top.fingerprint}). Confirm it with the vendor out of band, then trust it (--trusted-root, upgradeInspector.trustedRoots), or add the certificate the vendor sent that links it to a root you trust (--chain, upgradeInspector.extraCertificates)`
          : `not a trusted root: the path ${where} stops at issuer "${describeName(top.x509.issuer)}", which is neither in the package nor among the certificates you added (SHA-256 fingerprint of ${quoteName(top)}: ${top.fingerprint}). Ask the vendor for its chain up to a root you trust and add it with --chain (upgradeInspector.extraCertificates), or trust the root with --trusted-root`,
        rangeOf(shipped.filter((c) => verdict.path.includes(c)).pop() ?? signer),
      ),
    );
  }
  const release = manifest.releaseDate;
  for (const cert of verdict.path) {
    const from = new Date(cert.x509.validFrom);
    const to = new Date(cert.x509.validTo);
    for (const [label, when] of [['the release date', release], ['today', settings.now]] as const) {
      if (when && (when < from || when > to)) {
        out.push(finding(EXPIRED, certPath, `${cert.name}${cert.source === 'shipped' ? '' : ` (${cert.from})`} is not valid at ${label} (${when.toISOString().slice(0, 10)}): valid from ${from.toISOString().slice(0, 10)} to ${to.toISOString().slice(0, 10)}`, rangeOf(cert)));
        break;
      }
    }
  }
  const usage = signerUsage(signer);
  if (usage) {
    out.push(finding(KEY_USAGE, certPath, usage, certRange(0)));
  }
  const summary: SignerSummary = {
    subject: signer.name,
    issuer: describeName(signer.x509.issuer),
    rootFingerprint: top.fingerprint,
    path: verdict.path.map((c) => ({ name: c.name, fingerprint: c.fingerprint, source: c.source, validTo: c.x509.validTo })),
    verdict: !valid ? 'invalid' : verdict.trusted && verdict.problems.length === 0 ? 'trusted' : 'untrusted',
  };
  return { findings: out, signer: summary };
}
