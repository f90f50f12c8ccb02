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
  readonly mtime: Date;
  /** DOS date << 16 | DOS time, as stored. */
  readonly dosDateTime: number;
  /** The UTC time of an extended-timestamp or NTFS extra field, when there is one. */
  readonly extraMtime: Date | undefined;
  /** Unix permission bits and file type, when the archive was made on Unix. */
  mode: number | undefined;
  madeBy: number;
  comment: string;
  /** Why the entry cannot be read although its record could (a malformed extra field). */
  problem?: string;
}

export const METHOD_STORED = 0;
export const METHOD_DEFLATED = 8;

/** The fields of a DOS date and time (date << 16 | time); month is 1-based, a zero month or day reads as 1. */
export function dosFields(dos: number): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const date = dos >>> 16;
  const time = dos & 0xffff;
  return { year: ((date >> 9) & 0x7f) + 1980, month: (date >> 5) & 0xf || 1, day: date & 0x1f || 1, hour: time >> 11, minute: (time >> 5) & 0x3f, second: (time & 0x1f) * 2 };
}

function dosToDate(dos: number): Date {
  const f = dosFields(dos);
  return new Date(Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second));
}

/** A decoded record; its Date is made on first use, so listing 100,000 entries builds no Dates. */
export class CentralEntry implements ZipEntry {
  private cachedMtime: Date | undefined;

  constructor(
    readonly index: number,
    readonly rawName: string,
    readonly path: string | undefined,
    readonly unsafeName: string | undefined,
    readonly type: EntryType,
    readonly method: number,
    readonly flags: number,
    readonly crc32: number,
    readonly compressedSize: number,
    readonly uncompressedSize: number,
    readonly localHeaderOffset: number,
    readonly dosDateTime: number,
    readonly extraMtime: Date | undefined,
    readonly mode: number | undefined,
    readonly madeBy: number,
    readonly comment: string,
    readonly problem?: string,
  ) {}

  /** What makes the entry a package's file too (a ZIP package's files are its entries): its size, and itself. */
  get size(): number {
    return this.uncompressedSize;
  }

  get entry(): ZipEntry {
    return this;
  }

  get encrypted(): boolean {
    return (this.flags & 1) !== 0;
  }

  get strongEncryption(): boolean {
    return (this.flags & 0x40) !== 0;
  }

  get mtime(): Date {
    this.cachedMtime ??= this.extraMtime ?? dosToDate(this.dosDateTime);
    return this.cachedMtime;
  }
}

const METHODS: Record<number, string> = { 1: 'Shrink', 6: 'Implode', 9: 'Deflate64', 12: 'bzip2', 14: 'LZMA', 19: 'IBM LZ77', 20: 'zstd (old id)', 93: 'zstd', 95: 'xz', 96: 'JPEG', 97: 'WavPack', 98: 'PPMd', 99: 'AES encryption' };

/** The name of a ZIP compression method, for messages. */
export function methodName(method: number): string {
  return METHODS[method] ? `${METHODS[method]} (method ${method})` : `compression method ${method}`;
}
