import type { Cert } from './x509';

/** Why a link of the path cannot be used: a certificate that may not issue, or a signature that fails. */
export interface PathProblem {
  kind: 'key-usage' | 'invalid';
  /** The certificate the problem is about (the issuer, or the one whose signature fails). */
  cert: Cert;
  message: string;
}

/** The path found from the signer, and whether it ends at a trusted certificate. */
export interface PathVerdict {
  /** Signer first; up to a trusted certificate when `trusted`, else as far as any path goes. */
  path: Cert[];
  trusted: boolean;
  /** What breaks the best path (empty when it is sound). */
  problems: PathProblem[];
}

const MAX_PATH = 10;

export const quote = (c: Cert): string => `"${c.name}"`;
export const describePath = (path: readonly Cert[]): string => path.map(quote).join(' → ');

/** Whether `issuer` may issue the certificate below it with `below` certificates between it and the signer. */
function issuingProblem(issuer: Cert, child: Cert, below: number): PathProblem | undefined {
  if (!issuer.ca) {
    return { kind: 'key-usage', cert: issuer, message: `${quote(issuer)} is not a CA certificate (basicConstraints CA:FALSE or absent), yet it issued ${quote(child)}: a leaf certificate may not issue others` };
  }
  if (issuer.keyUsage && !issuer.keyUsage.has('keyCertSign')) {
    return { kind: 'key-usage', cert: issuer, message: `${quote(issuer)} has a keyUsage without keyCertSign, yet it issued ${quote(child)}: it may not sign certificates` };
  }
  if (issuer.pathLen !== undefined && below > issuer.pathLen) {
    return { kind: 'key-usage', cert: issuer, message: `${quote(issuer)} allows at most ${issuer.pathLen} CA certificate${issuer.pathLen === 1 ? '' : 's'} below it (pathLenConstraint), and the path has ${below}` };
  }
  return undefined;
}

/**
 * RFC 5280 path building, simplified to what a package review needs: from the signer, through any available
 * certificate whose subject is the issuer's name and whose key verifies the signature, to a trusted
 * certificate. Issuers must be CAs allowed to sign certificates within their path length. Every path is
 * tried (a cross-signed certificate makes several); the first sound one to a trusted certificate wins, else
 * the best one that reaches trust with a problem, else the longest.
 */
export function buildPath(signer: Cert, available: readonly Cert[], trusted: readonly Cert[]): PathVerdict {
  const isTrusted = (c: Cert): boolean => trusted.some((t) => t.fingerprint === c.fingerprint);
  const pool = [...new Map([...available, ...trusted].map((c) => [c.fingerprint, c])).values()];
  let best: PathVerdict | undefined;
  // Reaching trust beats not reaching it; among paths to trust, fewer problems; among the others, the longest,
  // and one that says why it stops (a broken link) over one that just ends.
  const better = (v: PathVerdict): boolean => {
    if (!best || v.trusted !== best.trusted) {
      return !best || v.trusted;
    }
    if (v.trusted) {
      return v.problems.length < best.problems.length;
    }
    return v.path.length > best.path.length || (v.path.length === best.path.length && v.problems.length > best.problems.length);
  };
  const walk = (path: Cert[], problems: PathProblem[]): boolean => {
    const last = path[path.length - 1];
    if (isTrusted(last)) {
      const v = { path, trusted: true, problems };
      if (better(v)) {
        best = v;
      }
      return problems.length === 0;
    }
    const named = last.selfSigned ? [] : pool.filter((c) => c.x509.subject === last.x509.issuer && !path.some((p) => p.fingerprint === c.fingerprint));
    const issuers = named.filter((c) => last.x509.verify(c.x509.publicKey));
    if (issuers.length === 0 || path.length >= MAX_PATH) {
      const broken: PathProblem[] = named.length > 0 && issuers.length === 0 ? [{ kind: 'invalid', cert: last, message: `${quote(last)} names ${quote(named[0])} as its issuer, but that certificate's key did not sign it: the chain was altered or mixed up` }] : [];
      // A root that ends an untrusted path is judged by whether it is trusted (signature/untrusted-root), not
      // by its extensions: a trust anchor need not be a CA certificate (RFC 5280, 6.1), and the roots of 1996
      // are version 1 certificates, without any.
      const kept = last.selfIssued ? problems.filter((p) => !(p.kind === 'key-usage' && p.cert === last)) : problems;
      const v = { path, trusted: false, problems: [...kept, ...broken] };
      if (better(v)) {
        best = v;
      }
      return false;
    }
    for (const issuer of issuers) {
      // A trust anchor is trusted as the user chose it; every other issuer must be allowed to issue.
      const problem = isTrusted(issuer) ? undefined : issuingProblem(issuer, last, path.length - 1);
      if (walk([...path, issuer], problem ? [...problems, problem] : problems)) {
        return true;
      }
    }
    return false;
  };
  walk([signer], []);
  return best ?? { path: [signer], trusted: false, problems: [] };
}
