import { corrupt, ZipError } from './errors';
import { decodeCp437 } from './cp437';
import { RawRecord } from './record';
import type { ByteSource } from './source';
import type { ZipEntry } from './entry';
import type { ArchiveAnomaly } from './anomalies';
import type { ReadOptions } from './options';
import { u16, u32 } from './bytes';

export type { ReadOptions } from './options';

const EOCD_BYTES = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const CDH_SIG = 0x02014b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;
/** Trailing bytes after the end record that are still searched (padding, junk appended by a tool). */
const TRAILING_SLACK = 4096;

export interface CentralDirectory {
  entries: ZipEntry[];
  comment: string;
  /** Where the central directory starts in the file; payload data must end before it. */
  offset: number;
  size: number;
  zip64: boolean;
  /** Bytes in front of the archive that its stored offsets do not count (added to every offset). */
  base: number;
  /** What a reader that trusts every field would get wrong, or a reviewer should know. */
  anomalies: ArchiveAnomaly[];
  /** Whether an entry's record stores the name bytes [start, end) of `buf` (compared with its local header). */
  sameName(entry: ZipEntry, buf: Buffer, start: number, end: number): boolean;
}

interface Eocd {
  offset: number;
  /** Where the records that end the archive start: the ZIP64 end record when there is one, else the EOCD. */
  endStart: number;
  entryCount: number;
  cdSize: number;
  cdOffset: number;
  comment: string;
  commentEnd: number;
  zip64: boolean;
  /** The disk number the end record claims (0 for a whole archive). */
  disk?: number;
}

interface Located {
  eocd: Eocd;
  /** Where the central directory really is. */
  cdStart: number;
}

/** The end record at `i` of `tail` (which starts at file offset `tailStart`), with its ZIP64 record resolved. */
async function readEnd(source: ByteSource, tail: Buffer, tailStart: number, i: number): Promise<Eocd> {
  const commentLength = tail.readUInt16LE(i + 20);
  let disk = tail.readUInt16LE(i + 4);
  let cdDisk = tail.readUInt16LE(i + 6);
  const eocd: Eocd = {
    offset: tailStart + i,
    endStart: tailStart + i,
    entryCount: tail.readUInt16LE(i + 10),
    cdSize: tail.readUInt32LE(i + 12),
    cdOffset: tail.readUInt32LE(i + 16),
    comment: decodeCp437(tail.subarray(i + 22, i + 22 + commentLength)),
    commentEnd: tailStart + i + 22 + commentLength,
    zip64: false,
  };
  const z = await readZip64(source, eocd.offset);
  if (z) {
    ({ disk, cdDisk } = z);
    Object.assign(eocd, { entryCount: z.entryCount, cdSize: z.cdSize, cdOffset: z.cdOffset, endStart: z.at, zip64: true });
  } else if (disk === 0xffff && cdDisk === 0xffff) {
    // Saturated disk numbers say "see the ZIP64 record"; without one, a single-disk archive is all there is.
    disk = 0;
    cdDisk = 0;
  }
  eocd.disk = disk || cdDisk;
  return eocd;
}

/**
 * The ZIP64 end record before the EOCD at `eocdAt`, when a locator says there is one and the record is really
 * there. `PK\x06\x07` can sit before an EOCD by chance (inside a name, a comment or data): a locator whose
 * record is not found is not a locator, and the archive is read from the EOCD alone, as Go and Info-ZIP do.
 */
async function readZip64(source: ByteSource, eocdAt: number): Promise<{ entryCount: number; cdSize: number; cdOffset: number; at: number; disk: number; cdDisk: number } | undefined> {
  if (eocdAt < 20 + 56) {
    return undefined;
  }
  const locator = await source.read(eocdAt - 20, 20);
  if (locator.readUInt32LE(0) !== ZIP64_LOCATOR_SIG) {
    return undefined;
  }
  const stated = Number(locator.readBigUInt64LE(8));
  // Data in front of the archive shifts the stated offset; the record normally sits right before the locator.
  for (const at of [stated, eocdAt - 20 - 56]) {
    if (at < 0 || at + 56 > eocdAt - 20) {
      continue;
    }
    const rec = await source.read(at, 56);
    if (rec.readUInt32LE(0) !== ZIP64_EOCD_SIG) {
      continue;
    }
    const big = (offset: number): number => {
      const v = rec.readBigUInt64LE(offset);
      if (v > BigInt(Number.MAX_SAFE_INTEGER)) {
        throw corrupt('ZIP64 end of central directory record holds an impossible size');
      }
      return Number(v);
    };
    return { disk: rec.readUInt32LE(16), cdDisk: rec.readUInt32LE(20), entryCount: big(32), cdSize: big(40), cdOffset: big(48), at };
  }
  return undefined;
}

/** Where the central directory of an end record really is: where it says, or moved by data in front of it. */
async function locate(source: ByteSource, eocd: Eocd): Promise<number | undefined> {
  const isDirectory = async (at: number): Promise<boolean> => {
    if (at < 0 || at + eocd.cdSize > eocd.endStart) {
      return false;
    }
    if (eocd.cdSize === 0) {
      return eocd.entryCount === 0 || at === eocd.endStart;
    }
    const sig = await source.read(at, 4);
    return sig.length === 4 && sig.readUInt32LE(0) === CDH_SIG;
  };
  if (await isDirectory(eocd.cdOffset)) {
    return eocd.cdOffset;
  }
  const moved = eocd.endStart - eocd.cdSize;
  return (await isDirectory(moved)) ? moved : undefined;
}

/**
 * Finds the end record. Every candidate signature in the last 64 KiB is weighed: an end record whose comment
 * reaches exactly to the end of the file wins, the outermost first (an archive stored in the comment of
 * another is content of that comment, not the archive); else the last one whose comment fits, with the bytes
 * after it reported. Candidates inside the chosen record's comment are reported as hidden content.
 */
async function findEnd(source: ByteSource, anomalies: ArchiveAnomaly[]): Promise<Located> {
  if (source.size < EOCD_MIN) {
    throw corrupt('not a ZIP archive: end of central directory record not found (empty or truncated file)');
  }
  const tailLength = Math.min(source.size, EOCD_MIN + MAX_COMMENT + TRAILING_SLACK);
  const tailStart = source.size - tailLength;
  const tail = await source.read(tailStart, tailLength);
  const exact: number[] = [];
  const fitting: number[] = [];
  let badComment: string | undefined;
  for (let i = tail.lastIndexOf(EOCD_BYTES, tail.length - EOCD_MIN); i >= 0; i = i === 0 ? -1 : tail.lastIndexOf(EOCD_BYTES, i - 1)) {
    const commentLength = tail.readUInt16LE(i + 20);
    const found = tail.length - i - EOCD_MIN;
    if (commentLength === found) {
      exact.push(i);
    } else if (commentLength < found) {
      fitting.push(i);
    } else {
      badComment ??= `invalid end of central directory comment length: expected ${commentLength} bytes, found ${found}`;
    }
  }
  let error: ZipError | undefined;
  const attempt = async (i: number): Promise<Located | undefined> => {
    try {
      const eocd = await readEnd(source, tail, tailStart, i);
      const cdStart = await locate(source, eocd);
      if (cdStart === undefined && eocd.disk) {
        throw new ZipError('unsupported', `multi-disk ZIP archives are not supported (disk number ${eocd.disk})`);
      }
      return cdStart === undefined ? undefined : { eocd, cdStart };
    } catch (e) {
      if (!(e instanceof ZipError)) {
        throw e;
      }
      error ??= e;
      return undefined;
    }
  };
  const split = (found: Located): Located => {
    if (found.eocd.disk) {
      // Info-ZIP and Python read such an archive as if every part had been joined; so do we, and say so.
      anomalies.push({ kind: 'split', message: `the end record calls this part ${found.eocd.disk + 1} of a split archive; it is read as if all parts were joined, and parts that are not here are not reviewed` });
    }
    return found;
  };
  for (const i of exact.reverse()) {
    const found = await attempt(i);
    if (found) {
      split(found);
      const inner = exact.filter((j) => j > i).length + fitting.filter((j) => j > i).length;
      if (inner > 0) {
        anomalies.push({ kind: 'hidden-content', message: `the archive comment holds ${inner === 1 ? 'another end-of-directory record' : `${inner} more end-of-directory records`}: a reader that searches from the end lists a different archive` });
      }
      return found;
    }
  }
  for (const i of fitting) {
    const found = await attempt(i);
    if (found) {
      split(found);
      const extra = source.size - found.eocd.commentEnd;
      const trailing = await source.read(found.eocd.commentEnd, extra);
      if (trailing.some((b) => b !== 0)) {
        anomalies.push({ kind: 'trailing', message: `${extra} bytes follow the end of the archive; no ZIP reader shows them` });
      }
      return found;
    }
  }
  if (error) {
    throw error;
  }
  if (exact.length + fitting.length > 0) {
    throw corrupt('central directory not found where the end record says, nor right before it (truncated or bad sizes)');
  }
  throw corrupt(badComment ?? 'not a ZIP archive: end of central directory record not found (or the file is truncated)');
}

/** The whole records in the central directory, walked by their lengths alone, and where they stop. */
function countRecords(cd: Buffer): { count: number; end: number } {
  let at = 0;
  let count = 0;
  while (at + 46 <= cd.length && u32(cd, at) === CDH_SIG) {
    const next = at + 46 + u16(cd, at + 28) + u16(cd, at + 30) + u16(cd, at + 32);
    if (next > cd.length) {
      break;
    }
    at = next;
    count++;
  }
  return { count, end: at };
}

interface Loaded {
  eocd: Eocd;
  cd: Buffer;
  base: number;
  cdStart: number;
  count: number;
  anomalies: ArchiveAnomaly[];
}

/** The central directory's bytes, found from the end of the file and read with one read. */
async function loadCentralDirectory(source: ByteSource, options: ReadOptions): Promise<Loaded> {
  const anomalies: ArchiveAnomaly[] = [];
  const { eocd, cdStart } = await findEnd(source, anomalies);
  const limit = options.maxCentralDirectoryBytes ?? 512 * 1024 * 1024;
  if (eocd.cdSize > limit) {
    throw new ZipError('too-large', `central directory of ${eocd.cdSize} bytes exceeds the limit of ${limit}`);
  }
  const cd = eocd.cdSize === 0 ? Buffer.alloc(0) : await source.read(cdStart, eocd.cdSize);
  if (cd.length < eocd.cdSize) {
    throw corrupt('central directory is truncated');
  }
  // The records the directory really holds, whatever the end record counts: a count that lies must not hide
  // entries. Old writers wrap the 16-bit count past 65,535 entries; that is no lie.
  const { count, end } = countRecords(cd);
  const declared = eocd.entryCount;
  if (count < declared && end < cd.length) {
    // The records stop before the directory does: a damaged record.
    throw corrupt(end + 46 > cd.length ? `central directory is truncated at entry ${count + 1}` : `invalid central directory file header signature 0x${cd.readUInt32LE(end).toString(16)} at entry ${count + 1}`);
  }
  if (count !== declared && (eocd.zip64 || count % 0x10000 !== declared)) {
    anomalies.push({ kind: 'hidden-content', message: `the end record says the archive holds ${declared} ${declared === 1 ? 'entry' : 'entries'}, but its central directory holds ${count}: readers disagree on what is in it` });
  }
  return { eocd, cd, base: cdStart - eocd.cdOffset, cdStart, count, anomalies };
}

/** Reads the whole central directory with one read and decodes every record. */
export async function readCentralDirectory(source: ByteSource, options: ReadOptions = {}): Promise<CentralDirectory> {
  const { eocd, cd, base, cdStart, count, anomalies } = await loadCentralDirectory(source, options);
  const entries: ZipEntry[] = new Array(count);
  const names = new Uint32Array(count * 2);
  const r = new RawRecord(cd, options, base);
  for (let index = 0; index < count; index++) {
    r.read(index);
    entries[index] = r.decode();
    names[index * 2] = r.nameStart;
    names[index * 2 + 1] = r.nameEnd;
  }
  const sameName = (e: ZipEntry, buf: Buffer, start: number, end: number): boolean => {
    const from = names[e.index * 2];
    const length = names[e.index * 2 + 1] - from;
    if (end - start !== length) {
      return false;
    }
    // Names are short: a loop beats Buffer#compare's argument checks and native call, once per local header.
    if (length > 64) {
      return buf.compare(cd, from, from + length, start, end) === 0;
    }
    for (let k = 0; k < length; k++) {
      if (buf[start + k] !== cd[from + k]) {
        return false;
      }
    }
    return true;
  };
  return { entries, comment: eocd.comment, offset: cdStart, size: eocd.cdSize, zip64: eocd.zip64, base, anomalies, sameName };
}

/**
 * The central directory as a cursor, without building entries, for a listing of a huge archive: most records
 * say all a listing needs in their fixed fields and name bytes (see RawRecord.plain and cleanNameBytes);
 * `decode()` builds the full entry of any other. Records are read in order with `read(index)`.
 */
export async function openCentralDirectory(source: ByteSource, options: ReadOptions = {}): Promise<{ count: number; record: RawRecord }> {
  const { cd, count, base } = await loadCentralDirectory(source, options);
  return { count, record: new RawRecord(cd, options, base) };
}
