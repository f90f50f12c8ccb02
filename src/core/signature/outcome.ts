import type { Finding, Severity } from '../finding';
import { type RuleMeta } from '../rule';
import type { CertSource } from './x509';

export const MISSING: RuleMeta = { id: 'signature/missing', severity: 'warning', title: 'No signature or certificate', scope: 'package' };
export const INVALID: RuleMeta = { id: 'signature/invalid', severity: 'error', title: 'The signature does not verify over manifest.json', scope: 'package' };
export const UNTRUSTED_ROOT: RuleMeta = { id: 'signature/untrusted-root', severity: 'error', title: 'The certificate chain does not end at a trusted root', scope: 'package' };
export const EXPIRED: RuleMeta = { id: 'signature/expired', severity: 'error', title: 'A certificate is not valid at the release date or today', scope: 'package' };
export const KEY_USAGE: RuleMeta = { id: 'signature/key-usage', severity: 'error', title: 'The signer certificate may not sign', scope: 'package' };

/** Signature files found by name when the manifest names none: CMS, OpenPGP, then our raw/base64 one. */
export const MANIFEST_SIGNATURES = ['manifest.json.p7s', 'manifest.json.asc', 'manifest.json.gpg', 'manifest.json.sig'];

/** What the review reads package files through: undefined for a file missing or unreadable (reported as zip/*). */
export interface PackageReader {
  file(path: string): { type: string; size: number } | undefined;
  readBytes(path: string, maxBytes?: number): Promise<Buffer | undefined>;
  /** Every file's path (not folders). */
  paths(): string[];
  /** SHA-256 (hex) of a file from the review's one pass. */
  sha256(path: string): string | undefined;
}

/** The verdict on the package's signature, and what is wrong with it. */
export interface SignatureOutcome {
  findings: Finding[];
  /** Who signed, for the report and the views; absent when the signature could not be read. */
  signer?: SignerSummary;
  /** Set when the package's own JAR signature was the package signature (judged here, not again). */
  jarRoot?: boolean;
}

/** One certificate of a path as the views show it: who, where from, valid when, allowed to do what. */
export interface CertSummary {
  name: string;
  fingerprint: string;
  source: CertSource;
  validFrom: string;
  validTo: string;
  /** "CA (path length 0), keyCertSign, cRLSign" or "digitalSignature, codeSigning". */
  usage: string;
  /** What the review found wrong with this certificate (the findings' messages), for the Signature view. */
  problems?: { severity: Severity; message: string }[];
}

/** Who signed, how: the X.509 path found, or the OpenPGP key. */
export interface SignerSummary {
  subject: string;
  issuer: string;
  rootFingerprint?: string;
  /** The certificate path found, signer first. */
  path?: CertSummary[];
  verdict: 'trusted' | 'untrusted' | 'invalid' | 'missing';
}

