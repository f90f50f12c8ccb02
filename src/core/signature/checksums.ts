import type { Check, PackageCheck } from '../context';
import type { Finding } from '../finding';
import { lineRange } from '../finding';
import { HASH_MISMATCH, MISSING_FILE } from '../manifest/fileRules';
import { finding } from '../rule';
import type { ChecksumEntry } from './checksumList';

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
