import type { Finding, Range } from '../finding';
import { lineRange } from '../finding';
import type { Manifest } from '../manifest/model';
import { MANIFEST_PATH } from '../manifest/model';
import { finding } from '../rule';
import type { ReviewSettings } from '../settings';
import { parsePemChain, pemBlockLine } from './certificates';
import { judgeChain } from './chain';
import { checksumListPath } from './checksumList';
import { looksLikeCms, verifyCms } from './cms';
import { looksLikeOpenPgp, verifyOpenPgp } from './openpgp';
import { jarSignatureAt, verifyJar } from './jar';
import { INVALID, MANIFEST_SIGNATURES, MISSING, type PackageReader, type SignatureOutcome, type SignerSummary } from './outcome';
import { decodeSignature, verifies } from './raw';

export { EXPIRED, INVALID, KEY_USAGE, MISSING, UNTRUSTED_ROOT } from './outcome';
export type { PackageReader, SignatureOutcome, SignerSummary } from './outcome';

const MAX_SIGNATURE_BYTES = 256 * 1024;
const LIST_SIGNATURES = ['.asc', '.sig', '.gpg'];

const rangeAt0: (i: number) => Range = () => lineRange(0);

/**
 * Reads a signature, certificate or checksum list; one larger than `max` is a signature/invalid finding, never a
 * silent skip (a 300 KB manifest.json.p7s used to leave the review without a word on the signature). A file
 * that cannot be read for another reason is undefined too: zip/* has said why.
 */
async function readSigned(pkg: PackageReader, path: string, out: Finding[], max: number): Promise<Buffer | undefined> {
  const bytes = await pkg.readBytes(path, max);
  const size = pkg.file(path)?.size ?? 0;
  if (bytes === undefined && size > max) {
    out.push(finding(INVALID, path, `${path} is ${size} bytes, past the ${max} bytes it may have: it was not read, so the signature was not checked`));
  }
  return bytes;
}

/** Our own format: a raw or base64 signature with the signer's PEM chain in another file. */
async function verifyRaw(manifest: Manifest, pkg: PackageReader, sigPath: string, sigBytes: Buffer, settings: ReviewSettings, out: Finding[]): Promise<SignerSummary | undefined> {
  const certPath = manifest.certificateFile;
  const certText = (await readSigned(pkg, certPath, out, settings.limits.maxTextBytes))?.toString('utf8');
  if (certText === undefined) {
    return undefined;
  }
  let chain;
  try {
    chain = parsePemChain(certText);
  } catch (e) {
    out.push(finding(INVALID, certPath, `the certificate cannot be parsed: ${(e as Error).message}`));
    return undefined;
  }
  if (chain.length === 0) {
    out.push(finding(INVALID, certPath, 'no PEM certificate found in the file'));
    return undefined;
  }
  const valid = verifies(manifest.bytes, chain[0], decodeSignature(sigBytes));
  if (!valid) {
    out.push(finding(INVALID, sigPath, `the signature does not verify over manifest.json with the key of ${chain[0].subject.split('\n').join(', ')}: the manifest was changed or signed by someone else`));
  }
  return judgeChain({ certificates: chain, path: certPath, range: (i) => lineRange(pemBlockLine(certText, i), 0, 27), valid }, manifest.releaseDate, settings, out);
}

/** A CMS / PKCS#7 detached signature, its certificates taken from inside it. */
async function verifyCmsFile(manifest: Manifest, sigPath: string, sigBytes: Buffer, settings: ReviewSettings, out: Finding[]): Promise<SignerSummary | undefined> {
  const cms = await verifyCms(sigBytes, manifest.bytes);
  if (cms.certificates.length === 0) {
    out.push(finding(INVALID, sigPath, `${sigPath} carries no certificate to verify it with${cms.reason ? ` (${cms.reason})` : ''}`));
    return { subject: '', issuer: '', verdict: 'invalid' };
  }
  if (!cms.valid) {
    out.push(finding(INVALID, sigPath, `the CMS signature in ${sigPath} does not verify over manifest.json (${cms.reason ?? 'no reason given'}): the manifest was changed or signed by someone else`));
  }
  return judgeChain({ certificates: cms.certificates, path: sigPath, range: rangeAt0, valid: cms.valid }, manifest.releaseDate, settings, out);
}

/** signature/missing at the manifest's signature object, naming what is missing. */
function notSigned(manifest: Manifest, missing: string[], out: Finding[]): SignatureOutcome {
  const where = manifest.doc.node(['signature']) ? manifest.doc.keyRange(['signature']) : lineRange(0, 0, 1);
  out.push(finding(MISSING, MANIFEST_PATH, `the package is not signed: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing, so nothing proves it comes from the vendor unchanged`, where));
  return { findings: out, signer: { subject: '', issuer: '', verdict: 'missing' } };
}

/**
 * The signature over manifest.json, in whichever form the vendor shipped it (the manifest's signature.file,
 * else found by name): CMS (.p7s), OpenPGP (.asc, .gpg, or a .sig that is an OpenPGP packet), or the raw /
 * base64 signature with a PEM chain. A signed checksum list (SHA256SUMS.asc …) is verified too.
 */
export async function verifySignature(manifest: Manifest, pkg: PackageReader, settings: ReviewSettings): Promise<SignatureOutcome> {
  const out: Finding[] = [];
  const explicit = typeof (manifest.data.signature as { file?: unknown } | undefined)?.file === 'string';
  const sigPath = (explicit ? [manifest.signatureFile] : MANIFEST_SIGNATURES).find((p) => pkg.file(p)?.type === 'file');
  const list = checksumListPath(pkg);
  const listSig = list && LIST_SIGNATURES.map((ext) => list + ext).find((p) => pkg.file(p)?.type === 'file');
  let listSummary: SignerSummary | undefined;
  if (list && listSig) {
    const [listBytes, sigBytes] = await Promise.all([readSigned(pkg, list, out, settings.limits.maxTextBytes), readSigned(pkg, listSig, out, MAX_SIGNATURE_BYTES)]);
    if (listBytes && sigBytes) {
      listSummary = await verifyOpenPgp(sigBytes, listBytes, listSig, list, settings, out);
    }
  }
  if (!sigPath) {
    if (listSummary) {
      return { findings: out, signer: listSummary }; // the signed list covers the package (manifest.json included, when listed)
    }
    // A package signed as a JAR (jarsigner) carries its signature in META-INF/.
    if (pkg.file('META-INF/MANIFEST.MF') && jarSignatureAt(pkg.paths(), '')) {
      const signer = await verifyJar({ paths: () => pkg.paths(), read: (p) => pkg.readBytes(p, settings.limits.maxEntryBytes), sha256: (p) => pkg.sha256(p) }, '', settings, manifest.releaseDate, out);
      return { findings: out, signer, jarRoot: true };
    }
    const certMissing = pkg.file(manifest.certificateFile)?.type !== 'file';
    return notSigned(manifest, [manifest.signatureFile, ...(certMissing ? [manifest.certificateFile] : [])], out);
  }
  const sigBytes = await readSigned(pkg, sigPath, out, MAX_SIGNATURE_BYTES);
  if (sigBytes === undefined) {
    // Past its size, readSigned has reported it; otherwise zip/* says why it cannot be read.
    const tooLarge = (pkg.file(sigPath)?.size ?? 0) > MAX_SIGNATURE_BYTES;
    return { findings: out, ...(tooLarge ? { signer: { subject: '', issuer: '', verdict: 'invalid' as const } } : {}) };
  }
  let signer: SignerSummary | undefined;
  if (sigPath.endsWith('.p7s') || looksLikeCms(sigBytes)) {
    signer = await verifyCmsFile(manifest, sigPath, sigBytes, settings, out);
  } else if (/\.(asc|gpg)$/.test(sigPath) || looksLikeOpenPgp(sigBytes)) {
    signer = await verifyOpenPgp(sigBytes, manifest.bytes, sigPath, MANIFEST_PATH, settings, out);
  } else if (pkg.file(manifest.certificateFile)?.type !== 'file') {
    return notSigned(manifest, [manifest.certificateFile], out);
  } else {
    signer = await verifyRaw(manifest, pkg, sigPath, sigBytes, settings, out);
  }
  return { findings: out, signer };
}
