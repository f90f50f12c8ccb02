export type EntryType = 'file' | 'directory' | 'symlink';

/** One central-directory record, decoded. Sizes are numbers: ZIP64 sizes past 2^53 are refused. */
export interface ZipEntry {
  /** Index in central-directory order. */
  index: number;
  /** The name as stored, decoded (UTF-8 flag, Unicode Path extra field, or CP437). */
  rawName: string;
  /** Normalised path inside the package ('/'-separated, no leading '/', no trailing '/'); undefined when unsafe. */
  path: string | undefined;
  /** Why the name cannot be mapped into the package, if it cannot. */
  unsafeName?: string;
  type: EntryType;
  method: number;
  flags: number;
  encrypted: boolean;
  strongEncryption: boolean;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  mtime: Date;
  /** Unix permission bits and file type, when the archive was made on Unix. */
  mode: number | undefined;
  madeBy: number;
  comment: string;
}

export const METHOD_STORED = 0;
export const METHOD_DEFLATED = 8;

export function isDirectoryName(name: string): boolean {
  return name.endsWith('/');
}
