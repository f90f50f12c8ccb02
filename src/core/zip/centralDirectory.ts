import { corrupt, ZipError } from './errors';
import { decodeCp437 } from './cp437';
import { parseExtraFields, type ExtraInfo } from './extraFields';
import { cleanName, cleanNameBytes, normaliseEntryName } from './names';
import type { ByteSource } from './source';
import { CentralEntry, type EntryType, type ZipEntry } from './entry';

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CDH_SIG = 0x02014b50;
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

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const NO_EXTRA: ExtraInfo = {};

/**
 * Without the UTF-8 flag the standard says CP437, but Unix tools (Info-ZIP among them) write the bytes of
 * a UTF-8 locale as they are. Valid UTF-8 from a non-DOS host is read as UTF-8; anything else as CP437.
 */
function decodeUnflaggedName(bytes: Buffer, host: number): string {
  let high = false;
  for (let i = 0; i < bytes.length && !high; i++) {
    high = bytes[i] >= 0x80;
  }
  if (!high) {
    return bytes.toString('latin1');
  }
  if (host !== 0) {
    try {
      return strictUtf8.decode(bytes);
    } catch {
      // not UTF-8: fall through
    }
  }
  return decodeCp437(bytes);
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

const u16 = (b: Buffer, at: number): number => b[at] | (b[at + 1] << 8);
const u32 = (b: Buffer, at: number): number => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;

/** Whether bytes [start, end) are all ASCII. */
function ascii(b: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    if (b[i] >= 0x80) {
      return false;
    }
  }
  return true;
}

/** What the external attributes and the name's last character say an entry is. */
function entryType(lastChar: number, host: number, externalAttributes: number, unixMode: number | undefined): EntryType {
  if (lastChar === 0x2f || lastChar === 0x5c || (host === 0 && externalAttributes & 0x10)) {
    return 'directory';
  }
  if (unixMode !== undefined && (unixMode & 0o170000) === 0o120000) {
    return 'symlink';
  }
  return unixMode !== undefined && (unixMode & 0o170000) === 0o040000 ? 'directory' : 'file';
}

/** The fixed fields of one central-directory record, read in place; one instance is reused record after record. */
export class RawRecord {
  index = 0;
  at = 0;
  madeBy = 0;
  flags = 0;
  method = 0;
  dosDateTime = 0;
  crc32 = 0;
  compressedSize = 0;
  uncompressedSize = 0;
  nameStart = 0;
  nameEnd = 0;
  extraLength = 0;
  commentLength = 0;
  externalAttributes = 0;
  localHeaderOffset = 0;

  /** Names are mostly ASCII: one latin1 string of the whole directory (made on first use), each name a slice. */
  private text: string | undefined;

  constructor(
    readonly cd: Buffer,
    private readonly options: ReadOptions = {},
  ) {}

  get next(): number {
    return this.nameEnd + this.extraLength + this.commentLength;
  }

  /** Unix permission bits and file type, when the archive was made on Unix. */
  get unixMode(): number | undefined {
    const host = this.madeBy >> 8;
    return host === 3 || host === 19 ? this.externalAttributes >>> 16 : undefined;
  }

  /** The entry type as the name's last byte and the attributes say (the decoded name ends the same way). */
  get type(): EntryType {
    return entryType(this.nameEnd > this.nameStart ? this.cd[this.nameEnd - 1] : 0, this.madeBy >> 8, this.externalAttributes, this.unixMode);
  }

  /** No extra fields and no ZIP64 markers: sizes, offset and time are the fixed fields' own. */
  get plain(): boolean {
    return this.extraLength === 0 && this.uncompressedSize !== 0xffffffff && this.compressedSize !== 0xffffffff && this.localHeaderOffset !== 0xffffffff;
  }

  /** Reads the record that starts where the last one ended. */
  read(index: number): void {
    this.readAt(index === 0 ? 0 : this.next, index);
  }

  /** Reads the record at an offset of the central directory (one seen before). */
  readAt(at: number, index: number): void {
    const cd = this.cd;
    if (at + 46 > cd.length) {
      throw corrupt(`central directory is truncated at entry ${index + 1}`);
    }
    const sig = u32(cd, at);
    if (sig !== CDH_SIG) {
      throw corrupt(`invalid central directory file header signature 0x${sig.toString(16)} at entry ${index + 1}`);
    }
    this.index = index;
    this.at = at;
    this.madeBy = u16(cd, at + 4);
    this.flags = u16(cd, at + 8);
    this.method = u16(cd, at + 10);
    this.dosDateTime = ((u16(cd, at + 14) << 16) | u16(cd, at + 12)) >>> 0;
    this.crc32 = u32(cd, at + 16);
    this.compressedSize = u32(cd, at + 20);
    this.uncompressedSize = u32(cd, at + 24);
    this.nameStart = at + 46;
    this.nameEnd = this.nameStart + u16(cd, at + 28);
    this.extraLength = u16(cd, at + 30);
    this.commentLength = u16(cd, at + 32);
    this.externalAttributes = u32(cd, at + 38);
    this.localHeaderOffset = u32(cd, at + 42);
    if (this.next > cd.length) {
      throw corrupt(`central directory record ${index + 1} runs past the end of the central directory`);
    }
  }

  /** The full entry of the current record. */
  decode(): CentralEntry {
    this.text ??= this.cd.toString('latin1');
    return decodeRecord(this, this.text, this.index, this.options);
  }
}

function decodeRecord(r: RawRecord, text: string, index: number, options: ReadOptions): CentralEntry {
  const { cd, nameStart, nameEnd, extraLength, commentLength, flags, madeBy } = r;
  const next = r.next;
  const host = madeBy >> 8;
  const utf8 = (flags & 0x800) !== 0;
  const plainName = ascii(cd, nameStart, nameEnd);
  const rawNameBytes = plainName && extraLength === 0 ? undefined : cd.subarray(nameStart, nameEnd);
  // ASCII reads the same in UTF-8, CP437 and latin1.
  let rawName = plainName ? text.slice(nameStart, nameEnd) : utf8 ? cd.toString('utf8', nameStart, nameEnd) : decodeUnflaggedName(rawNameBytes!, host);
  let { uncompressedSize, compressedSize, localHeaderOffset } = r;
  const needs64 = uncompressedSize === 0xffffffff || compressedSize === 0xffffffff || localHeaderOffset === 0xffffffff;
  const extra =
    extraLength === 0 && !needs64
      ? NO_EXTRA
      : parseExtraFields(
          cd.subarray(nameEnd, nameEnd + extraLength),
          rawNameBytes ?? cd.subarray(nameStart, nameEnd),
          { usize: uncompressedSize === 0xffffffff, csize: compressedSize === 0xffffffff, offset: localHeaderOffset === 0xffffffff },
          rawName,
        );
  const renamed = extra.unicodePath !== undefined;
  if (renamed) {
    rawName = extra.unicodePath!;
  }
  uncompressedSize = extra.zip64?.uncompressedSize ?? uncompressedSize;
  compressedSize = extra.zip64?.compressedSize ?? compressedSize;
  localHeaderOffset = extra.zip64?.localHeaderOffset ?? localHeaderOffset;
  const unixMode = r.unixMode;
  const type = renamed ? entryType(rawName.charCodeAt(rawName.length - 1), host, r.externalAttributes, unixMode) : r.type;
  // The common case (a clean relative name) allocates nothing more than the entry itself.
  let path: string | undefined;
  let unsafe: string | undefined;
  // The stored bytes answer for the decoded name (see cleanNameBytes), unless an extra field renamed it.
  if (rawName.length > 0 && (renamed ? cleanName(rawName) : cleanNameBytes(cd, nameStart, nameEnd) >= 0)) {
    path = rawName.charCodeAt(rawName.length - 1) === 0x2f ? rawName.slice(0, -1) : rawName;
  } else {
    ({ path, unsafe } = normaliseEntryName(rawName, options.strictNames));
  }
  const comment = commentLength === 0 ? '' : utf8 ? cd.toString('utf8', next - commentLength, next) : decodeCp437(cd.subarray(next - commentLength, next));
  return new CentralEntry(index, rawName, path, unsafe, type, r.method, flags, r.crc32, compressedSize, uncompressedSize, localHeaderOffset, r.dosDateTime, extra.mtime, unixMode || undefined, madeBy, comment);
}
