import { createHash, hash } from 'node:crypto';
import type { ZipArchive, ZipEntry } from './zip';
import type { PackageFile } from './package/file';

/** SHA-256 of each file hashed in the review's one pass over the package. */
export interface Digests {
  /** In hex, by path. */
  get(path: string): string | undefined;
}

/**
 * The digests of one review: a ZIP's own entries kept by their index in the central directory, found by the
 * archive's path index when asked for (filling a map of 100,000 paths took ~80 ms of a 100,000-entry review);
 * any other file (a folder's, one inside a nested archive) by path. Each is kept as its 32 bytes in a latin1
 * string, half a hex string's size (a comparison keeps 200,000 of them, which the collector copies), and made
 * hex when asked for by path.
 */
export class DigestStore implements Digests {
  private readonly byEntry: (string | undefined)[];
  private readonly byPath = new Map<string, string>();

  constructor(private readonly archive?: ZipArchive) {
    this.byEntry = new Array<string | undefined>(archive?.entries.length ?? 0);
  }

  setEntry(index: number, digest: string): void {
    this.byEntry[index] = digest;
  }

  set(path: string, digest: string): void {
    this.byPath.set(path, digest);
  }

  get(path: string): string | undefined {
    const entry = this.archive?.pathIndex().get(path);
    const kept = (entry && this.byEntry[entry.index]) ?? this.byPath.get(path);
    return kept === undefined ? undefined : Buffer.from(kept, 'latin1').toString('hex');
  }

  /**
   * A file's digest as kept, to compare with another's (not hex), found by its ZIP entry when it has one (no
   * lookup of its path: a comparison asks 200,000). A file with an entry is one of this archive's own: the
   * files of a nested archive have none.
   */
  of(file: PackageFile): string | undefined {
    return (file.entry && this.byEntry[file.entry.index]) ?? this.byPath.get(file.path);
  }
}

/** SHA-256 of the chunks, as DigestStore keeps it (its 32 bytes as a latin1 string). */
export async function sha256(chunks: AsyncIterable<Buffer>): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of chunks) {
    h.update(chunk);
  }
  return h.digest('binary');
}

/** The SHA-256 of bytes in memory, as a DigestStore keeps it (its 32 bytes in a latin1 string). */
export const sha256Of = (data: Buffer): string => hash('sha256', data, 'binary');

/** A readAll visitor that keeps each entry's SHA-256 in `store`: a small entry's in one call, a large one's as it streams. */
export function keepDigests(store: DigestStore): (entry: ZipEntry, content: Buffer | AsyncIterable<Buffer>) => void | Promise<void> {
  return (entry, content) => {
    if (Buffer.isBuffer(content)) {
      store.setEntry(entry.index, sha256Of(content));
      return;
    }
    return sha256(content).then((digest) => store.setEntry(entry.index, digest));
  };
}

/**
 * Hashes entries the review's pass did not (a comparison of releases asks for some), in one ordered pass; an
 * entry that cannot be read now is left without a digest, as it was by the review, which said why.
 */
export async function hashEntries(archive: ZipArchive, store: DigestStore, entries: readonly ZipEntry[]): Promise<void> {
  if (entries.length > 0) {
    await archive.readAll(entries, { maxBytes: Number.MAX_SAFE_INTEGER }, keepDigests(store), () => undefined);
  }
}
