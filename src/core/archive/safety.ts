import type { Finding } from '../finding';
import type { ReviewSettings } from '../settings';
import { METHOD_DEFLATED, METHOD_STORED, methodName, resolveLinkTarget, type ArchiveAnomaly, type ZipArchive, type ZipEntry } from '../zip';
import { escapeControls, hasControls } from '../text';
import { finding, type RuleMeta } from '../rule';

export const OVERLAPPING_ENTRIES: RuleMeta = { id: 'zip/overlapping-entries', severity: 'error', title: "Two entries' data overlap in the file", scope: 'package' };
export const HEADER_MISMATCH: RuleMeta = { id: 'zip/header-mismatch', severity: 'error', title: 'A local header disagrees with the central directory', scope: 'package' };
export const CORRUPT: RuleMeta = { id: 'zip/corrupt', severity: 'error', title: 'The archive or an entry cannot be read', scope: 'package' };
export const HIDDEN_CONTENT: RuleMeta = { id: 'zip/hidden-content', severity: 'error', title: 'The archive holds data a listing does not show', scope: 'package' };
export const PATH_TRAVERSAL: RuleMeta = { id: 'zip/path-traversal', severity: 'error', title: 'An entry name escapes the package root', scope: 'package' };
export const DUPLICATE_ENTRY: RuleMeta = { id: 'zip/duplicate-entry', severity: 'warning', title: 'Two entries share a name', scope: 'package' };
export const UNSAFE_NAME: RuleMeta = { id: 'zip/unsafe-name', severity: 'warning', title: 'An entry name holds control characters, a backslash, or a Unicode twin', scope: 'package' };
export const ENCRYPTED_ENTRY: RuleMeta = { id: 'zip/encrypted-entry', severity: 'warning', title: 'An entry is encrypted and cannot be reviewed', scope: 'package' };
export const UNSUPPORTED_METHOD: RuleMeta = { id: 'zip/unsupported-method', severity: 'warning', title: 'An entry is compressed with a method the review cannot read', scope: 'package' };
export const COMPRESSION_BOMB: RuleMeta = { id: 'zip/compression-bomb', severity: 'error', title: 'An entry expands beyond the limits', scope: 'package' };
export const SYMLINK_ESCAPE: RuleMeta = { id: 'zip/symlink-escape', severity: 'error', title: 'A symlink points outside the package', scope: 'package' };

/** The zip/* rules of the archive pass. */
export const ARCHIVE_RULES: readonly RuleMeta[] = [CORRUPT, PATH_TRAVERSAL, SYMLINK_ESCAPE, COMPRESSION_BOMB, ENCRYPTED_ENTRY, DUPLICATE_ENTRY, OVERLAPPING_ENTRIES, HEADER_MISMATCH, HIDDEN_CONTENT, UNSAFE_NAME, UNSUPPORTED_METHOD];

const BOMB_MIN_BYTES = 1024 * 1024;
/** Names that are plain printable ASCII need no escaping and have no Unicode twin: the common case, made cheap. */
const PLAIN = /^[\u0020-\u005b\u005d-\u007e]*$/;

export interface SafetyReview {
  findings: Finding[];
  /** Files no later pass may inflate: bombs, encrypted, unreadable, overlapping or unsupported entries. */
  skip: Set<string>;
}

/** The rule and severity each layout anomaly is reported as. */
function anomalyFinding(a: ArchiveAnomaly, packageName: string): Finding {
  const file = a.entry?.path ?? packageName;
  const message = escapeControls(a.message);
  switch (a.kind) {
    case 'overlapping-entries':
      return finding(OVERLAPPING_ENTRIES, file, message);
    case 'header-mismatch':
      return finding(HEADER_MISMATCH, file, message);
    case 'hidden-content':
      return finding(HIDDEN_CONTENT, file, message);
    case 'unreadable-header':
      return finding(CORRUPT, file, message);
    case 'trailing':
    case 'prefix':
    case 'split':
      // Readers cope with these (stubs, padding, a split claim with the directory present): worth knowing, not an error.
      return finding(HIDDEN_CONTENT, file, message, undefined, undefined, { severity: 'warning' });
  }
}

/** Archive-level hazards: the central directory, the local headers against it, and the names. */
export async function archiveSafetyFindings(archive: ZipArchive, packageName: string, limits: ReviewSettings['limits']): Promise<SafetyReview> {
  const out: Finding[] = [];
  const skip = new Set<string>();
  const layout = await archive.layout();
  for (const a of await archive.anomalies()) {
    out.push(anomalyFinding(a, packageName));
  }
  for (const index of layout.unreadable.keys()) {
    const path = archive.entries[index].path;
    if (path) {
      skip.add(path);
    }
  }
  // Entries collide when their paths fold (Unicode NFC, lower case) to one key, and the earliest of them is
  // named. Most paths are their own key (lower-case ASCII): the archive's path index finds the first entry at
  // such a path, and only the entries whose path differs from its key are kept in a map of their own (a map of
  // every path cost a 100,000-entry review ~50 ms).
  const index = archive.pathIndex();
  const foldedFirst = new Map<string, ZipEntry>();
  let total = 0;
  for (let i = 0; i < archive.entries.length; i++) {
    const entry = archive.entries[i];
    const plain = PLAIN.test(entry.rawName);
    const shown = plain ? entry.rawName : escapeControls(entry.rawName);
    const file = entry.path ?? shown;
    if (!plain) {
      nameFindings(entry, shown, out);
    }
    if (entry.unsafeName) {
      if (!hasControls(entry.rawName)) {
        out.push(finding(PATH_TRAVERSAL, shown, `entry name is unsafe (${escapeControls(entry.unsafeName)}); it is kept out of the package tree`));
      }
      continue;
    }
    if (entry.path === undefined || entry.path === '') {
      continue;
    }
    const key = (plain ? entry.path : entry.path.normalize('NFC')).toLowerCase();
    let previous = index.get(key);
    if (previous !== undefined && previous.index >= entry.index) {
      previous = undefined;
    }
    if (key !== entry.path || foldedFirst.size > 0) {
      const folded = foldedFirst.get(key);
      if (folded === undefined && key !== entry.path) {
        foldedFirst.set(key, entry);
      } else if (folded !== undefined && folded.index < entry.index && (previous === undefined || folded.index < previous.index)) {
        previous = folded;
      }
    }
    if (previous === undefined) {
      // the first of its name
    } else if (previous.path === entry.path) {
      out.push(finding(DUPLICATE_ENTRY, file, `"${shown}" appears again after "${escapeControls(previous.rawName)}"; tools disagree on which one wins`));
    } else if (previous.path!.toLowerCase() === entry.path.toLowerCase()) {
      out.push(finding(DUPLICATE_ENTRY, file, `"${shown}" differs from "${escapeControls(previous.rawName)}" only by case; on a case-insensitive filesystem one overwrites the other`));
    } else {
      out.push(finding(UNSAFE_NAME, file, `"${shown}" differs from "${escapeControls(previous.rawName)}" only by Unicode normalisation: they look the same, and macOS stores them as one file`));
    }
    if (entry.encrypted) {
      out.push(finding(ENCRYPTED_ENTRY, file, `${file} is encrypted${entry.strongEncryption ? ' (strong encryption)' : ''} and cannot be reviewed`));
      skip.add(file);
      continue;
    }
    if (entry.type !== 'directory' && entry.method !== METHOD_STORED && entry.method !== METHOD_DEFLATED) {
      out.push(finding(UNSUPPORTED_METHOD, file, `${file} is compressed with ${methodName(entry.method)}, which this review cannot read: it is listed, not reviewed`));
      skip.add(file);
      continue;
    }
    total += entry.uncompressedSize;
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (entry.uncompressedSize > limits.maxEntryBytes) {
      out.push(finding(COMPRESSION_BOMB, file, `${file} declares ${entry.uncompressedSize} bytes, past the limit of ${limits.maxEntryBytes}; it is not inflated`));
      skip.add(file);
    } else if (entry.uncompressedSize > BOMB_MIN_BYTES && ratio > limits.maxRatio) {
      out.push(finding(COMPRESSION_BOMB, file, `${file} expands ${Math.round(ratio)}× (${entry.compressedSize} → ${entry.uncompressedSize} bytes), past the limit of ${limits.maxRatio}×; it is not inflated`));
      skip.add(file);
    }
    if (entry.type === 'symlink' && !skip.has(entry.path)) {
      await checkSymlink(archive, entry.path, entry, out);
    }
  }
  if (total > limits.maxTotalBytes) {
    out.push(finding(COMPRESSION_BOMB, archive.entries[0]?.path ?? packageName, `the package expands to ${total} bytes in all, past the limit of ${limits.maxTotalBytes}`));
  }
  return { findings: out, skip };
}

/** zip/unsafe-name for what a name itself holds: terminal control characters, a backslash. */
function nameFindings(entry: ZipEntry, shown: string, out: Finding[]): void {
  const file = entry.path ?? shown;
  if (hasControls(entry.rawName)) {
    out.push(finding(UNSAFE_NAME, file, `the name "${shown}" holds control characters: printed raw, it could rewrite what a reviewer's terminal shows; it is kept out of the package tree`));
  } else if (entry.rawName.includes('\\')) {
    out.push(finding(UNSAFE_NAME, file, `the name "${shown}" holds a backslash: Windows tools read it as a folder separator, Unix tools as part of the name, so the two extract different files`));
  }
}

async function checkSymlink(archive: ZipArchive, path: string, entry: ZipEntry, out: Finding[]): Promise<void> {
  try {
    const target = (await archive.readEntry(entry, { maxBytes: 4096 })).toString('utf8');
    if (resolveLinkTarget(path, target) === undefined) {
      out.push(finding(SYMLINK_ESCAPE, path, `symlink ${path} → ${escapeControls(target)} points outside the package`));
    }
  } catch (e) {
    out.push(finding(CORRUPT, path, (e as Error).message));
  }
}
