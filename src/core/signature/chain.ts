import type { X509Certificate } from 'node:crypto';
import type { Finding, Range, Severity } from '../finding';
import { finding, type RuleMeta } from '../rule';
import type { ReviewSettings } from '../settings';
import { describeName, parsePemChain } from './certificates';
import { EXPIRED, INVALID, KEY_USAGE, UNTRUSTED_ROOT, type CertSummary, type SignerSummary } from './outcome';
import { buildPath, describePath, quote } from './path';
import { ANY_EKU, CODE_SIGNING, toCert, type Cert, type CertSource } from './x509';


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

const EKU_NAMES: Record<string, string> = { '1.3.6.1.5.5.7.3.3': 'codeSigning', '1.3.6.1.5.5.7.3.1': 'serverAuth', '1.3.6.1.5.5.7.3.2': 'clientAuth', '1.3.6.1.5.5.7.3.4': 'emailProtection', '1.3.6.1.5.5.7.3.8': 'timeStamping' };
const ekuName = (oid: string): string => EKU_NAMES[oid] ?? oid;

/** A certificate as the views and the trust dialogs describe it. */
export function certSummary(c: Cert): CertSummary {
  const usage = [c.ca ? `CA${c.pathLen !== undefined ? ` (path length ${c.pathLen})` : ''}` : undefined, ...(c.keyUsage ?? []), ...(c.eku ?? []).map(ekuName)].filter(Boolean);
  return { name: c.name, fingerprint: c.fingerprint, source: c.source, validFrom: c.x509.validFrom, validTo: c.x509.validTo, usage: usage.join(', ') || 'any use' };
}

/** Where the certificates a signature names came from, and how to point at each of them. */
export interface Shipped {
  certificates: X509Certificate[];
  /** The file findings about them go to (the PEM file, or the signature that carries them). */
  path: string;
  /** The range of the i-th certificate in that file. */
  range(i: number): Range;
  /** Whether the signature itself verified over manifest.json. */
  valid: boolean;
}

/**
 * Judges the X.509 side of a signature: the path from the signer (the first certificate) through every
 * available certificate to a trusted root, each certificate's validity at the release date and today, and
 * what the signer may do. Returns the summary the report and the views show.
 */
export function judgeChain(shippedCerts: Shipped, release: Date | undefined, settings: ReviewSettings, out: Finding[]): SignerSummary {
  const { certificates: chain, path: certPath, valid } = shippedCerts;
  const certRange = shippedCerts.range;
  const shipped = chain.map((x) => toCert(x, 'shipped', certPath));
  /** Where a finding about a certificate goes: its PEM block when shipped, else the top of the file. */
  const rangeOf = (c: Cert): Range => {
    const i = shipped.findIndex((s) => s.fingerprint === c.fingerprint);
    return i >= 0 ? certRange(i) : certRange(0);
  };
  const signer = shipped[0];
  // Each finding about a certificate, also kept by certificate for the Signature view.
  const problems = new Map<Cert, { severity: Severity; message: string }[]>();
  const report = (rule: RuleMeta, cert: Cert, message: string, range: Range = rangeOf(cert)): void => {
    out.push(finding(rule, certPath, message, range));
    problems.set(cert, [...(problems.get(cert) ?? []), { severity: rule.severity, message }]);
  };
  const extra = pemCerts(settings.extraCertificates, 'chain', 'a certificate you added (--chain)');
  const roots = pemCerts(settings.trustedRoots, 'trusted', 'a trusted root');
  const verdict = buildPath(signer, [...shipped.slice(1), ...extra], roots);
  for (const p of verdict.problems) {
    report(p.kind === 'invalid' ? INVALID : KEY_USAGE, p.cert, `${p.message} (path: ${describePath(verdict.path)})`);
  }
  const top = verdict.path[verdict.path.length - 1];
  if (!verdict.trusted && !verdict.problems.some((p) => p.kind === 'invalid')) {
    const where = describePath(verdict.path);
    report(
      UNTRUSTED_ROOT,
      top,
      top.selfIssued
          ? `not a trusted root: the path ${where} ends at a root you do not trust (SHA-256 fingerprint of the root: ${top.fingerprint}). Confirm it with the vendor out of band, then trust it (--trusted-root, upgradeInspector.trustedRoots), or add the certificate the vendor sent that links it to a root you trust (--chain, upgradeInspector.extraCertificates)`
        : `not a trusted root: the path ${where} stops at issuer "${describeName(top.x509.issuer)}", which is neither in the package nor among the certificates you added (SHA-256 fingerprint of ${quote(top)}: ${top.fingerprint}). Ask the vendor for its chain up to a root you trust and add it with --chain (upgradeInspector.extraCertificates), or trust the root with --trusted-root`,
      rangeOf(shipped.filter((c) => verdict.path.includes(c)).pop() ?? signer),
    );
  }
  for (const cert of verdict.path) {
    const from = new Date(cert.x509.validFrom);
    const to = new Date(cert.x509.validTo);
    for (const [label, when] of [['the release date', release], ['today', settings.now]] as const) {
      if (when && (when < from || when > to)) {
        report(EXPIRED, cert, `${cert.name}${cert.source === 'shipped' ? '' : ` (${cert.from})`} is not valid at ${label} (${when.toISOString().slice(0, 10)}): valid from ${from.toISOString().slice(0, 10)} to ${to.toISOString().slice(0, 10)}`);
        break;
      }
    }
  }
  const usage = signerUsage(signer);
  if (usage) {
    report(KEY_USAGE, signer, usage, certRange(0));
  }
  const summary: SignerSummary = {
    subject: signer.name,
    issuer: describeName(signer.x509.issuer),
    rootFingerprint: top.fingerprint,
    path: verdict.path.map((c) => ({ ...certSummary(c), ...(problems.has(c) ? { problems: problems.get(c) } : {}) })),
    verdict: !valid ? 'invalid' : verdict.trusted && verdict.problems.length === 0 ? 'trusted' : 'untrusted',
  };
  return summary;
}
