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
}
