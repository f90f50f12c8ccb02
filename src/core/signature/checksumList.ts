/** The checksum lists a package may carry at its root, by the names vendors give them. */
export const CHECKSUM_LISTS = ['SHA256SUMS', 'sha256sums.txt', 'SHA256SUMS.txt', 'sha256sums'];

/** The package's checksum list: the first of CHECKSUM_LISTS it holds as a file. */
export function checksumListPath(pkg: { file(path: string): { type: string } | undefined }): string | undefined {
  return CHECKSUM_LISTS.find((p) => pkg.file(p)?.type === 'file');
}

export interface ChecksumEntry {
  path: string;
  sha256: string;
  /** 0-based line of the list. */
  line: number;
}

export interface ChecksumList {
  path: string;
  entries: ChecksumEntry[];
  /** Lines that are neither an entry nor blank: reported as notes, never guessed. */
  unread: number[];
}

// GNU `sha256sum` ("HEX  path", "HEX *path" for binary mode) and BSD `shasum --tag` ("SHA256 (path) = HEX").
const GNU = /^([0-9a-fA-F]{64}) [ *](.+)$/;
const BSD = /^SHA256 \((.+)\) = ([0-9a-fA-F]{64})$/;

/** The entries of a checksum list; a path is read as the package path it names (`./bin/x` is `bin/x`). */
export function parseChecksumList(path: string, text: string): ChecksumList {
  const entries: ChecksumEntry[] = [];
  const unread: number[] = [];
  text.split('\n').forEach((raw, line) => {
    const l = raw.replace(/\r$/, '');
    if (l.trim() === '' || l.startsWith('#')) {
      return;
    }
    const gnu = GNU.exec(l);
    const bsd = gnu ? undefined : BSD.exec(l);
    const [file, sha] = gnu ? [gnu[2], gnu[1]] : bsd ? [bsd[1], bsd[2]] : [undefined, undefined];
    if (file === undefined || sha === undefined) {
      unread.push(line);
      return;
    }
    entries.push({ path: file.replace(/^\.\//, ''), sha256: sha.toLowerCase(), line });
  });
  return { path, entries, unread };
}
