import { corrupt, ZipError } from './errors';
import { decodeCp437 } from './cp437';
import { parseExtraFields, type ExtraInfo } from './extraFields';
import { cleanName, normaliseEntryName } from './names';
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


/** Reads the whole central directory with one read and decodes every record. */
export async function readCentralDirectory(source: ByteSource, options: ReadOptions = {}): Promise<CentralDirectory> {
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
  const entries: ZipEntry[] = new Array(eocd.entryCount);
  let at = 0;
  for (let index = 0; index < eocd.entryCount; index++) {
    const entry = parseRecord(cd, at, index, options);
    entries[index] = entry.entry;
    at = entry.next;
  }
  return { entries, comment: eocd.comment, offset: eocd.cdOffset, size: eocd.cdSize, zip64: eocd.zip64 };
}

function parseRecord(
  cd: Buffer,
  at: number,
  index: number,
  options: ReadOptions,
): { entry: ZipEntry; next: number } {
  if (at + 46 > cd.length) {
    throw corrupt(`central directory is truncated at entry ${index + 1}`);
  }
  const sig = cd.readUInt32LE(at);
  if (sig !== CDH_SIG) {
    throw corrupt(`invalid central directory file header signature 0x${sig.toString(16)} at entry ${index + 1}`);
  }
  const madeBy = cd.readUInt16LE(at + 4);
  const flags = cd.readUInt16LE(at + 8);
  const method = cd.readUInt16LE(at + 10);
  const time = cd.readUInt16LE(at + 12);
  const date = cd.readUInt16LE(at + 14);
  const crc32 = cd.readUInt32LE(at + 16);
  let compressedSize = cd.readUInt32LE(at + 20);
  let uncompressedSize = cd.readUInt32LE(at + 24);
  const nameLength = cd.readUInt16LE(at + 28);
  const extraLength = cd.readUInt16LE(at + 30);
  const commentLength = cd.readUInt16LE(at + 32);
  const externalAttributes = cd.readUInt32LE(at + 38);
  let localHeaderOffset = cd.readUInt32LE(at + 42);
  const nameStart = at + 46;
  const next = nameStart + nameLength + extraLength + commentLength;
  if (next > cd.length) {
    throw corrupt(`central directory record ${index + 1} runs past the end of the central directory`);
  }
  const host = madeBy >> 8;
  const utf8 = (flags & 0x800) !== 0;
  const rawNameBytes = utf8 && extraLength === 0 ? undefined : cd.subarray(nameStart, nameStart + nameLength);
  let rawName = rawNameBytes === undefined ? cd.toString('utf8', nameStart, nameStart + nameLength) : utf8 ? rawNameBytes.toString('utf8') : decodeUnflaggedName(rawNameBytes, host);
  const needs64 = uncompressedSize === 0xffffffff || compressedSize === 0xffffffff || localHeaderOffset === 0xffffffff;
  const extra =
    extraLength === 0 && !needs64
      ? NO_EXTRA
      : parseExtraFields(
          cd.subarray(nameStart + nameLength, nameStart + nameLength + extraLength),
          rawNameBytes ?? cd.subarray(nameStart, nameStart + nameLength),
          { usize: uncompressedSize === 0xffffffff, csize: compressedSize === 0xffffffff, offset: localHeaderOffset === 0xffffffff },
          rawName,
        );
  if (extra.unicodePath !== undefined) {
    rawName = extra.unicodePath;
  }
  uncompressedSize = extra.zip64?.uncompressedSize ?? uncompressedSize;
  compressedSize = extra.zip64?.compressedSize ?? compressedSize;
  localHeaderOffset = extra.zip64?.localHeaderOffset ?? localHeaderOffset;
  const unixMode = host === 3 || host === 19 ? externalAttributes >>> 16 : undefined;
  let type: EntryType = 'file';
  if (rawName.endsWith('/') || rawName.endsWith('\\') || (host === 0 && externalAttributes & 0x10)) {
    type = 'directory';
  } else if (unixMode !== undefined && (unixMode & 0o170000) === 0o120000) {
    type = 'symlink';
  } else if (unixMode !== undefined && (unixMode & 0o170000) === 0o040000) {
    type = 'directory';
  }
  // The common case (a clean relative name) allocates nothing more than the entry itself.
  let path: string | undefined;
  let unsafe: string | undefined;
  if (rawName.length > 0 && cleanName(rawName)) {
    path = rawName.charCodeAt(rawName.length - 1) === 0x2f ? rawName.slice(0, -1) : rawName;
  } else {
    ({ path, unsafe } = normaliseEntryName(rawName, options.strictNames));
  }
  const comment = commentLength === 0 ? '' : utf8 ? cd.toString('utf8', next - commentLength, next) : decodeCp437(cd.subarray(next - commentLength, next));
  const entry = new CentralEntry(index, rawName, path, unsafe, type, method, flags, crc32, compressedSize, uncompressedSize, localHeaderOffset, (date << 16) | time, extra.mtime, unixMode || undefined, madeBy, comment);
  return { entry, next };
}
