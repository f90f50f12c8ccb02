import type { ZipEntry } from '../zip';

/** A file or folder of a package, ZIP or folder alike. */
export interface PackageFile {
  path: string;
  size: number;
  mtime: Date;
  mode?: number;
  type: 'file' | 'directory' | 'symlink';
  /** Set for ZIP packages. */
  entry?: ZipEntry;
  /**
   * The SHA-256 of a file taken when it was read into memory whole (a member of a nested tarball or .deb), as
   * a DigestStore keeps it (sha256Of).
   */
  digest?: string;
}
