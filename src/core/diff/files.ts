import type { PackageFile } from '../package/file';
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

/**
 * What changed between two releases' files. Content is compared by SHA-256, taken from each review's one
 * pass over its package (no file is read again here); a file gone from one path and present at another with
 * the same content is moved, not removed and added.
 */
export function fileChanges(oldFiles: readonly PackageFile[], newFiles: readonly PackageFile[], oldDigests: Digests, newDigests: Digests): FileChange[] {
  const isFile = (f: PackageFile): boolean => f.type !== 'directory';
  const oldPaths = new Set(oldFiles.filter(isFile).map((f) => f.path));
  const newPaths = new Set(newFiles.filter(isFile).map((f) => f.path));
  const out: FileChange[] = [];
  const removedByDigest = new Map<string, string[]>();
  for (const path of oldPaths) {
    if (!newPaths.has(path)) {
      const digest = oldDigests.get(path);
      if (digest) {
        (removedByDigest.get(digest) ?? removedByDigest.set(digest, []).get(digest)!).push(path);
      } else {
        out.push({ path, change: 'removed' });
      }
    } else if (oldDigests.get(path) !== newDigests.get(path)) {
      out.push({ path, change: 'modified' });
    }
  }
  for (const path of newPaths) {
    if (oldPaths.has(path)) {
      continue;
    }
    const digest = newDigests.get(path);
    const from = digest ? removedByDigest.get(digest)?.shift() : undefined;
    out.push(from ? { path, change: 'moved', from } : { path, change: 'added' });
  }
  for (const paths of removedByDigest.values()) {
    append(out, paths.map((path) => ({ path, change: 'removed' as const })));
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
