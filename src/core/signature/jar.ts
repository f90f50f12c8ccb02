import { createHash } from 'node:crypto';
import type { Finding } from '../finding';
import { lineRange } from '../finding';
import { HASH_MISMATCH } from '../manifest/fileRules';
import { UNLISTED_FILE } from '../archive/payloadRules';
import { finding } from '../rule';
import type { ReviewSettings } from '../settings';
import { judgeChain } from './chain';
import { verifyCms } from './cms';
import { INVALID, type SignerSummary } from './outcome';

/** What a JAR check reads: the files under a prefix (the package root, or `plugins/p.jar!/`). */
export interface JarReader {
  paths(): string[];
  read(path: string): Promise<Buffer | undefined>;
  /** SHA-256 (hex) of a file from the review's one pass, when known. */
  sha256?(path: string): string | undefined;
}

interface Section {
  attrs: Map<string, string>;
  /** 0-based line where the section starts. */
  line: number;
}

/** The sections of a JAR manifest or signature file (72-byte lines, continuations start with a space). */
function sections(text: string): Section[] {
  const out: Section[] = [];
  let current: Section | undefined;
  let lastKey: string | undefined;
  text.split(/\r?\n/).forEach((line, i) => {
    if (line === '') {
      current = undefined;
      return;
    }
    if (line.startsWith(' ') && current && lastKey) {
      current.attrs.set(lastKey, current.attrs.get(lastKey)! + line.slice(1));
      return;
    }
    const colon = line.indexOf(': ');
    if (colon < 0) {
      return;
    }
    if (!current) {
      current = { attrs: new Map(), line: i };
      out.push(current);
    }
    lastKey = line.slice(0, colon);
    current.attrs.set(lastKey, line.slice(colon + 2));
  });
  return out;
}

const ALGORITHMS: Record<string, string> = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512', SHA1: 'sha1', 'SHA-1': 'sha1' };

/** The first digest attribute of a section, as [node algorithm, base64 value]. */
function digestOf(attrs: Map<string, string>, suffix: string): [string, string] | undefined {
  for (const [key, value] of attrs) {
    const m = new RegExp(`^(.+)-${suffix}$`).exec(key);
    if (m && ALGORITHMS[m[1]]) {
      return [ALGORITHMS[m[1]], value];
    }
  }
  return undefined;
}

const SIGNATURE_FILE = /^META-INF\/[^/]+\.(SF|RSA|DSA|EC)$/i;
/** A JAR's signature file (`.SF`), by its path inside the JAR. */
export const JAR_SIGNATURE_FILE = /^META-INF\/[^/]+\.SF$/i;

/** The signature files of a JAR at a prefix: its `.SF` and the block file beside it. */
export function jarSignatureAt(paths: readonly string[], prefix: string): { sf: string; block: string } | undefined {
  const sf = paths.find((p) => p.startsWith(prefix) && JAR_SIGNATURE_FILE.test(p.slice(prefix.length)));
  const base = sf?.slice(0, -3);
  const block = base && paths.find((p) => p.startsWith(base) && /\.(RSA|DSA|EC)$/i.test(p) && p.length === base.length + (p.endsWith('.EC') || p.endsWith('.ec') ? 3 : 4));
  return sf && block ? { sf, block } : undefined;
}

/**
 * JAR signing (jarsigner): the block file's CMS signature over the .SF, the .SF's digest of MANIFEST.MF, and
 * every entry's digest in MANIFEST.MF. A changed entry is manifest/hash-mismatch at its MANIFEST.MF line; an
 * entry the manifest does not cover is zip/unlisted-file; a signature that does not verify signature/invalid.
 */
export async function verifyJar(reader: JarReader, prefix: string, settings: ReviewSettings, release: Date | undefined, out: Finding[]): Promise<SignerSummary | undefined> {
  const paths = reader.paths();
  const found = jarSignatureAt(paths, prefix);
  const mfPath = `${prefix}META-INF/MANIFEST.MF`;
  const [sf, block, mf] = found ? await Promise.all([reader.read(found.sf), reader.read(found.block), reader.read(mfPath)]) : [];
  if (!found || !sf || !block || !mf) {
    return undefined;
  }
  const cms = await verifyCms(block, sf);
  if (!cms.valid) {
    out.push(finding(INVALID, found.block, `the JAR signature ${found.block} does not verify over ${found.sf} (${cms.reason ?? 'no reason given'}): the signature file was changed or signed by someone else`));
  }
  const summary = cms.certificates.length > 0 ? judgeChain({ certificates: cms.certificates, path: found.block, range: () => lineRange(0), valid: cms.valid }, release, settings, out) : undefined;
  const sfMain = sections(sf.toString('utf8'))[0]?.attrs ?? new Map<string, string>();
  const whole = digestOf(sfMain, 'Digest-Manifest');
  if (whole && createHash(whole[0]).update(mf).digest('base64') !== whole[1]) {
    out.push(finding(INVALID, found.sf, `${found.sf} does not match ${mfPath}: the manifest of the JAR was changed after it was signed`));
  }
  const covered = new Set<string>();
  for (const s of sections(mf.toString('utf8')).slice(1)) {
    const name = s.attrs.get('Name');
    const digest = digestOf(s.attrs, 'Digest');
    if (!name || !digest) {
      continue;
    }
    const path = prefix + name;
    covered.add(path);
    const known = digest[0] === 'sha256' ? reader.sha256?.(path) : undefined;
    const bytes = known ? undefined : await reader.read(path);
    const actual = known ? Buffer.from(known, 'hex').toString('base64') : bytes && createHash(digest[0]).update(bytes).digest('base64');
    if (actual !== undefined && actual !== digest[1]) {
      out.push(finding(HASH_MISMATCH, mfPath, `${name}: its digest differs from the one ${mfPath} signs; the entry was changed after the JAR was signed`, lineRange(s.line, 0, 6 + name.length)));
    }
  }
  for (const p of paths) {
    const inner = p.slice(prefix.length);
    if (p.startsWith(prefix) && !inner.includes('!/') && inner !== 'META-INF/MANIFEST.MF' && !SIGNATURE_FILE.test(inner) && !covered.has(p)) {
      out.push(finding(UNLISTED_FILE, p, `${p} is not covered by the JAR signature (${mfPath} does not list it): it could have been added after signing`));
    }
  }
  return summary;
}
