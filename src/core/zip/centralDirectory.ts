import { corrupt, ZipError } from './errors';
import { decodeCp437 } from './cp437';
import { RawRecord } from './record';
import type { ByteSource } from './source';
import type { ZipEntry } from './entry';

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;

export interface CentralDirectory {
  entries: ZipEntry[];
  comment: string;
  /** Where the central directory starts; payload data must end before it. */
  offset: number;
  size: number;
  zip64: boolean;
}

export interface ReadOptions {
  /** Refuse names with backslashes instead of reading them as separators. */
  strictNames?: boolean;
  /** Refuse a central directory larger than this many bytes. */
  maxCentralDirectoryBytes?: number;
}

interface Eocd {
  offset: number;
  entryCount: number;
  cdSize: number;
  cdOffset: number;
  comment: string;
  zip64: boolean;
}

async function findEocd(source: ByteSource): Promise<Eocd> {
  if (source.size < EOCD_MIN) {
    throw corrupt('not a ZIP archive: end of central directory record not found (empty or truncated file)');
  }
  const tailLength = Math.min(source.size, EOCD_MIN + MAX_COMMENT);
  const tailStart = source.size - tailLength;
  const tail = await source.read(tailStart, tailLength);
  let badComment: string | undefined;
  for (let i = tail.length - EOCD_MIN; i >= 0; i--) {
    if (tail.readUInt32LE(i) !== EOCD_SIG) {
      continue;
    }
    const commentLength = tail.readUInt16LE(i + 20);
    const found = tail.length - i - EOCD_MIN;
    if (commentLength !== found) {
      badComment ??= `invalid end of central directory comment length: expected ${commentLength} bytes, found ${found}`;
      continue;
    }
    const disk = tail.readUInt16LE(i + 4);
    const cdDisk = tail.readUInt16LE(i + 6);
    if (disk !== 0 || cdDisk !== 0) {
      throw new ZipError('unsupported', `multi-disk ZIP archives are not supported (disk number ${disk || cdDisk})`);
    }
    const eocd: Eocd = {
      offset: tailStart + i,
      entryCount: tail.readUInt16LE(i + 10),
      cdSize: tail.readUInt32LE(i + 12),
      cdOffset: tail.readUInt32LE(i + 16),
      comment: decodeCp437(tail.subarray(i + 22, i + 22 + commentLength)),
      zip64: false,
    };
    return readZip64(source, eocd);
  }
  throw corrupt(badComment ?? 'not a ZIP archive: end of central directory record not found (or the file is truncated)');
}

async function readZip64(source: ByteSource, eocd: Eocd): Promise<Eocd> {
  if (eocd.offset < 20) {
    return eocd;
  }
  const locator = await source.read(eocd.offset - 20, 20);
  if (locator.readUInt32LE(0) !== ZIP64_LOCATOR_SIG) {
    return eocd;
  }
  const recordOffset = Number(locator.readBigUInt64LE(8));
  if (locator.readUInt32LE(16) > 1 || locator.readUInt32LE(4) !== 0) {
    throw new ZipError('unsupported', 'multi-disk ZIP archives are not supported');
  }
  if (recordOffset + 56 > eocd.offset - 20) {
    throw corrupt('ZIP64 end of central directory record lies outside the file');
  }
  const rec = await source.read(recordOffset, 56);
  if (rec.readUInt32LE(0) !== ZIP64_EOCD_SIG) {
    throw corrupt('invalid ZIP64 end of central directory record signature');
  }
  const big = (at: number): number => {
    const v = rec.readBigUInt64LE(at);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw corrupt('ZIP64 end of central directory record holds an impossible size');
    }
    return Number(v);
  };
  return { ...eocd, entryCount: big(32), cdSize: big(40), cdOffset: big(48), zip64: true };
}

/** The central directory's bytes, found from the end of the file and read with one read. */
async function loadCentralDirectory(source: ByteSource, options: ReadOptions): Promise<{ eocd: Eocd; cd: Buffer }> {
  const eocd = await findEocd(source);
  const limit = options.maxCentralDirectoryBytes ?? 512 * 1024 * 1024;
  if (eocd.cdOffset + eocd.cdSize > eocd.offset) {
    throw corrupt('central directory overlaps the end of central directory record (truncated or bad sizes)');
  }
  if (eocd.cdSize > limit) {
    throw new ZipError('too-large', `central directory of ${eocd.cdSize} bytes exceeds the limit of ${limit}`);
  }
  // Each record takes at least 46 bytes: a count beyond that is a lie, not a reason to allocate.
  if (eocd.entryCount * 46 > eocd.cdSize) {
    throw corrupt(`central directory too small for ${eocd.entryCount} entries`);
  }
  const cd = eocd.cdSize === 0 ? Buffer.alloc(0) : await source.read(eocd.cdOffset, eocd.cdSize);
  if (cd.length < eocd.cdSize) {
    throw corrupt('central directory is truncated');
  }
  return { eocd, cd };
}

/** Reads the whole central directory with one read and decodes every record. */
export async function readCentralDirectory(source: ByteSource, options: ReadOptions = {}): Promise<CentralDirectory> {
  const { eocd, cd } = await loadCentralDirectory(source, options);
  const entries: ZipEntry[] = new Array(eocd.entryCount);
  const r = new RawRecord(cd, options);
  for (let index = 0; index < eocd.entryCount; index++) {
    r.read(index);
    entries[index] = r.decode();
  }
  return { entries, comment: eocd.comment, offset: eocd.cdOffset, size: eocd.cdSize, zip64: eocd.zip64 };
}

/**
 * The central directory as a cursor, without building entries, for a listing of a huge archive: most records
 * say all a listing needs in their fixed fields and name bytes (see RawRecord.plain and cleanNameBytes);
 * `decode()` builds the full entry of any other. Records are read in order with `read(index)`.
 */
export async function openCentralDirectory(source: ByteSource, options: ReadOptions = {}): Promise<{ count: number; record: RawRecord }> {
  const { eocd, cd } = await loadCentralDirectory(source, options);
  return { count: eocd.entryCount, record: new RawRecord(cd, options) };
}
