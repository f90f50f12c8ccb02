import type { PackageFile } from '../package/file';
import type { PackageSource } from '../package/source';
import { hashEntries, type DigestStore } from '../digests';
import { sameStoredBytes } from '../zip/sameStored';
import { NEST } from '../nested/expand';
import { append } from '../append';
import { compareText } from '../text';

export type ChangeKind = 'added' | 'removed' | 'modified' | 'moved';

/** How one file differs between two releases; a hunk list for text that changed. */
export interface FileChange {
  path: string;
  change: ChangeKind;
  /** For a moved file: where it was in the old release. */
  from?: string;
  /** For a modified text file: its line hunks (unified diff). */
  hunks?: Hunk[];
}

export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** Lines with their marker: ' ' kept, '-' removed, '+' added. */
  lines: string[];
}

/** A release as the comparison reads it: its files in order, the file at a path, and its ZIP when it is one. */
export type Release = Pick<PackageSource, 'files' | 'file' | 'archive'>;

/** A release with what its review read: the digests it took and the files it could not read. */
export interface ReviewedRelease {
  pkg: Release;
  digests: DigestStore;
  unreadable: ReadonlySet<string>;
}

const isFile = (f: PackageFile | undefined): f is PackageFile => f !== undefined && f.type !== 'directory';

/** Entries of a release's own ZIP among `files` that have no digest yet, hashed in one ordered pass. */
async function hashMissing(release: ReviewedRelease, files: readonly PackageFile[]): Promise<void> {
  const archive = release.pkg.archive;
  const entries = files.flatMap((f) => (f.entry && !release.unreadable.has(f.path) && release.digests.of(f) === undefined ? [f.entry] : []));
  if (archive) {
    await hashEntries(archive, release.digests, entries);
  }
}

/**
 * What changed between two releases' files. A file kept at its path is modified when its size or CRC-32
 * differs; when they agree it is the same file only if its stored bytes are (compared in place, see
 * sameStoredBytes) or, failing that, its SHA-256 is: a CRC-32 is forged in four bytes, and a vendor's changed
 * file must not pass for the old one. Digests are taken where nothing cheaper decides (the review has taken
 * those of listed files and of files inside nested archives). A file gone from one path and present at another
 * with the same content is moved, not removed and added.
 */
export async function fileChanges(older: ReviewedRelease, newer: ReviewedRelease): Promise<FileChange[]> {
  const out: FileChange[] = [];
  const oldPkg = older.pkg;
  const newPkg = newer.pkg;
  // The new release's path index answers whether it has an old file's path (no set of 100,000 paths is built),
  // and what it found is marked, by entry number for a ZIP's own files, so the new files need no lookup in
  // the old release's index to be known as kept.
  const keptEntries: boolean[] = [];
  const keptPaths = new Set<string>();
  const removed: PackageFile[] = [];
  /** Kept files whose content must be compared: by stored bytes where both are entries, else by digest. */
  const byBytes: PackageFile[] = [];
  const byBytesNow: PackageFile[] = [];
  const byDigest: [PackageFile, PackageFile][] = [];
  const newFiles = newPkg.files();
  oldPkg.files().forEach((f, i) => {
    if (!isFile(f)) {
      return;
    }
    // Releases built alike list their files in the same order: the new file at the same place, when it has the
    // path, is the one a lookup would find (unless the path could be one inside a nested archive).
    const aligned = newFiles[i];
    const now = aligned !== undefined && aligned.path === f.path && !f.path.includes(NEST) ? aligned : newPkg.file(f.path);
    if (!isFile(now)) {
      removed.push(f);
      return;
    }
    if (now.entry) {
      keptEntries[now.entry.index] = true;
    } else {
      keptPaths.add(f.path);
    }
    const oldBad = older.unreadable.has(f.path);
    const newBad = newer.unreadable.has(now.path);
    if (oldBad || newBad) {
      if (oldBad !== newBad) {
        out.push({ path: f.path, change: 'modified' });
      }
    } else if (f.size !== now.size || (f.entry && now.entry && f.entry.crc32 !== now.entry.crc32)) {
      out.push({ path: f.path, change: 'modified' });
    } else if (f.entry && now.entry && oldPkg.archive && newPkg.archive) {
      byBytes.push(f);
      byBytesNow.push(now);
    } else {
      byDigest.push([f, now]);
    }
  });
  const added = newPkg.files().filter((f) => isFile(f) && !(f.entry ? keptEntries[f.entry.index] === true : keptPaths.has(f.path)));
  if (byBytes.length > 0) {
    const same = await sameStoredBytes(oldPkg.archive!, newPkg.archive!, byBytes.map((f) => f.entry!), byBytesNow.map((f) => f.entry!));
    same.forEach((yes, i) => {
      if (!yes) {
        byDigest.push([byBytes[i], byBytesNow[i]]);
      }
    });
  }
  await hashMissing(older, [...removed, ...byDigest.map(([a]) => a)]);
  await hashMissing(newer, [...added, ...byDigest.map(([, b]) => b)]);
  for (const [f, now] of byDigest) {
    if (older.digests.of(f) !== newer.digests.of(now)) {
      out.push({ path: f.path, change: 'modified' });
    }
  }
  const removedByDigest = new Map<string, string[]>();
  for (const f of removed) {
    const digest = older.digests.of(f);
    if (digest) {
      (removedByDigest.get(digest) ?? removedByDigest.set(digest, []).get(digest)!).push(f.path);
    } else {
      out.push({ path: f.path, change: 'removed' });
    }
  }
  for (const f of added) {
    const digest = newer.digests.of(f);
    const from = digest ? removedByDigest.get(digest)?.shift() : undefined;
    out.push(from ? { path: f.path, change: 'moved', from } : { path: f.path, change: 'added' });
  }
  for (const paths of removedByDigest.values()) {
    append(out, paths.map((path) => ({ path, change: 'removed' as const })));
  }
  return out.sort((a, b) => compareText(a.path, b.path));
}
