import type { PackageFile } from '../package/file';
import type { PackageSource } from '../package/source';
import type { Digests } from '../digests';
import { append } from '../append';

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

/** A release as the comparison reads it: its files in order, and the file at a path. */
export type Release = Pick<PackageSource, 'files' | 'file'>;

const isFile = (f: PackageFile | undefined): f is PackageFile => f !== undefined && f.type !== 'directory';

/**
 * What changed between two releases' files. Content is compared by SHA-256, taken from each review's one
 * pass over its package (no file is read again here); a file gone from one path and present at another with
 * the same content is moved, not removed and added.
 */
export function fileChanges(oldPkg: Release, newPkg: Release, oldDigests: Digests, newDigests: Digests): FileChange[] {
  const out: FileChange[] = [];
  const removedByDigest = new Map<string, string[]>();
  // The new release's path index answers whether it has an old file's path (no set of 100,000 paths is built:
  // two of them were most of a 100,000-file comparison's 90 ms), and what it found is marked, by entry number
  // for a ZIP's own files, so the new files need no lookup in the old release's index to be known as kept.
  const keptEntries: boolean[] = [];
  const keptPaths = new Set<string>();
  oldPkg.files().forEach((f) => {
    if (!isFile(f)) {
      return;
    }
    const path = f.path;
    const now = newPkg.file(path);
    if (!isFile(now)) {
      const digest = oldDigests.of(f);
      if (digest) {
        (removedByDigest.get(digest) ?? removedByDigest.set(digest, []).get(digest)!).push(path);
      } else {
        out.push({ path, change: 'removed' });
      }
      return;
    }
    if (now.entry) {
      keptEntries[now.entry.index] = true;
    } else {
      keptPaths.add(path);
    }
    if (oldDigests.of(f) !== newDigests.of(now)) {
      out.push({ path, change: 'modified' });
    }
  });
  newPkg.files().forEach((f) => {
    if (!isFile(f) || (f.entry ? keptEntries[f.entry.index] === true : keptPaths.has(f.path))) {
      return;
    }
    const digest = newDigests.of(f);
    const from = digest ? removedByDigest.get(digest)?.shift() : undefined;
    out.push(from ? { path: f.path, change: 'moved', from } : { path: f.path, change: 'added' });
  });
  for (const paths of removedByDigest.values()) {
    append(out, paths.map((path) => ({ path, change: 'removed' as const })));
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
