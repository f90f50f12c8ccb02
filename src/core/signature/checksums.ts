import type { Check, PackageCheck } from '../context';
import type { Finding } from '../finding';
import { lineRange } from '../finding';
import { HASH_MISMATCH, MISSING_FILE } from '../manifest/fileRules';
import { finding } from '../rule';

/** The checksum lists a package may carry at its root, by the names vendors give them. */
export const CHECKSUM_LISTS = ['SHA256SUMS', 'sha256sums.txt', 'SHA256SUMS.txt', 'sha256sums'];

export interface ChecksumEntry {
  path: string;
  sha256: string;
  /** 0-based line of the list. */
  line: number;
}

export interface ChecksumList {
  path: string;
  entries: ChecksumEntry[];
  /** Lines that are neither an entry nor blank: reported as notes, never guessed. */
  unread: number[];
}

// GNU `sha256sum` ("HEX  path", "HEX *path" for binary mode) and BSD `shasum --tag` ("SHA256 (path) = HEX").
const GNU = /^([0-9a-fA-F]{64}) [ *](.+)$/;
const BSD = /^SHA256 \((.+)\) = ([0-9a-fA-F]{64})$/;

/** The entries of a checksum list; a path is read as the package path it names (`./bin/x` is `bin/x`). */
export function parseChecksumList(path: string, text: string): ChecksumList {
  const entries: ChecksumEntry[] = [];
  const unread: number[] = [];
  text.split('\n').forEach((raw, line) => {
    const l = raw.replace(/\r$/, '');
    if (l.trim() === '' || l.startsWith('#')) {
      return;
    }
    const gnu = GNU.exec(l);
    const bsd = gnu ? undefined : BSD.exec(l);
    const [file, sha] = gnu ? [gnu[2], gnu[1]] : bsd ? [bsd[1], bsd[2]] : [undefined, undefined];
    if (file === undefined || sha === undefined) {
      unread.push(line);
      return;
    }
    entries.push({ path: file.replace(/^\.\//, ''), sha256: sha.toLowerCase(), line });
  });
  return { path, entries, unread };
}

/**
 * A checksum list at the package root: every file it names is hashed (in the review's one pass) and compared;
 * a mismatch is manifest/hash-mismatch at the list's line, a named file that is absent manifest/missing-file.
 * Whether the list's own signature holds is the signature check's concern.
 */
const checksumRules: Check = ({ models, pkg, digests, notes }) => {
  const list = models.checksums;
  if (!list) {
    return [];
  }
  const out: Finding[] = [];
  const at = (e: ChecksumEntry): ReturnType<typeof lineRange> => lineRange(e.line, 0, 64);
  for (const e of list.entries) {
    const f = pkg.file(e.path);
    if (!f || f.type === 'directory') {
      out.push(finding(MISSING_FILE, list.path, `${list.path} lists "${e.path}", which is not in the package`, at(e)));
      continue;
    }
    const actual = digests.get(e.path);
    if (actual && actual !== e.sha256) {
      out.push(finding(HASH_MISMATCH, list.path, `${e.path}: SHA-256 is ${actual}, ${list.path} says ${e.sha256}; the file was changed after the list was made`, at(e), 'package', { related: [{ file: e.path, origin: 'package', range: lineRange(0), message: 'the file whose content differs' }] }));
    }
  }
  if (list.unread.length > 0) {
    notes.push(`${list.path}: ${list.unread.length} line${list.unread.length === 1 ? '' : 's'} (first: ${list.unread[0] + 1}) not in sha256sum or BSD form were not checked`);
  }
  return out;
};

/** Rules reported here belong to the manifest's file rules (same ids, same meaning): nothing new to register. */
export const checksums: PackageCheck = { rules: [], run: checksumRules };
