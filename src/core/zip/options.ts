/** How strictly the central directory is read. */
export interface ReadOptions {
  /** Refuse names with backslashes instead of reading them as separators. */
  strictNames?: boolean;
  /** Refuse a central directory larger than this many bytes. */
  maxCentralDirectoryBytes?: number;
}
