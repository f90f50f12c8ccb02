import { parsePemChain } from './certificates';
import { certSummary } from './chain';
import type { CertSummary } from './outcome';
import { toCert } from './x509';

/** What a PEM file holds, certificate by certificate, for a dialog that asks before anything is trusted. */
export function describePem(text: string): (CertSummary & { selfIssued: boolean; issuer: string })[] {
  return parsePemChain(text).map((x) => {
    const c = toCert(x, 'trusted', 'a file you chose');
    return { ...certSummary(c), selfIssued: c.selfIssued, issuer: x.issuer.split('\n').join(', ') };
  });
}

/**
 * The question asked before a root is trusted: its subject, SHA-256 fingerprint and validity, and a warning
 * when it is not a root at all. Undefined when the file holds no certificate.
 */
export function rootQuestion(text: string): { message: string; detail: string } | undefined {
  const certs = describePem(text);
  if (certs.length === 0) {
    return undefined;
  }
  const c = certs[0];
  const notRoot = c.selfIssued ? '' : `\n\nThis is not a root certificate: it was issued by ${c.issuer}. Trust the root the vendor names instead, or add this one as the vendor's chain.`;
  const more = certs.length > 1 ? `\n\nThe file holds ${certs.length} certificates; only the first is trusted.` : '';
  return {
    message: `Trust "${c.name}" as a root for package signatures?`,
    detail: `SHA-256 fingerprint:\n${c.fingerprint}\n\nValid ${c.validFrom} to ${c.validTo}; ${c.usage}.\n\nCompare the fingerprint with the one the vendor gave you out of band (a call, a signed advisory) before you trust it.${notRoot}${more}`,
  };
}

/** The question asked before a vendor's chain is added: every certificate, and that none of them becomes trusted. */
export function chainQuestion(text: string): { message: string; detail: string } | undefined {
  const certs = describePem(text);
  if (certs.length === 0) {
    return undefined;
  }
  return {
    message: `Use ${certs.length === 1 ? 'this certificate' : `these ${certs.length} certificates`} to link package signers to a root you trust?`,
    detail: `${certs.map((c) => `${c.name}\n  issued by ${c.issuer}\n  SHA-256 ${c.fingerprint}`).join('\n\n')}\n\nNone of them becomes trusted: a signature is trusted only when the path through them ends at one of your trusted roots.`,
  };
}
