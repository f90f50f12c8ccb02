import { corrupt, ZipError } from './errors';
import { decodeCp437 } from './cp437';
import { parseExtraFields, type ExtraInfo } from './extraFields';
import { cleanNameBytes, normaliseEntryName } from './names';
import { CentralEntry, type EntryType } from './entry';
import type { ReadOptions } from './options';
import { u16, u32 } from './bytes';

const CDH_SIG = 0x02014b50;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const NO_EXTRA: ExtraInfo = {};

/**
 * A name with bytes past ASCII and without the UTF-8 flag: the standard says CP437, but Unix tools (Info-ZIP
 * among them) write the bytes of a UTF-8 locale as they are. Valid UTF-8 from a non-DOS host is read as
 * UTF-8; anything else as CP437. (ASCII names never come here: they read the same in every encoding.)
 */
function decodeUnflaggedName(bytes: Buffer, host: number): string {
  if (host !== 0) {
    try {
      return strictUtf8.decode(bytes);
    } catch {
      // not UTF-8: fall through
    }
  }
  return shiftJisWithTrailBackslash(bytes) ?? decodeCp437(bytes);
}

const shiftJis = new TextDecoder('shift_jis', { fatal: true });

/**
 * Japanese Windows writes names in Shift-JIS (cp932) without the UTF-8 flag, and 0x5C is a valid trail byte
 * there (the second byte of ソ, 表, 能…): read as CP437 it becomes a backslash and splits the name into folders.
 * Only a name that has such a pair and is valid Shift-JIS as a whole is read that way.
 */
function shiftJisWithTrailBackslash(bytes: Buffer): string | undefined {
  let pair = false;
  for (let i = 0; i + 1 < bytes.length; i++) {
    const b = bytes[i];
    if ((b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xfc)) {
      pair ||= bytes[i + 1] === 0x5c;
      i++;
    }
  }
  if (!pair) {
    return undefined;
  }
  try {
    return shiftJis.decode(bytes);
  } catch {
    return undefined;
  }
}

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

  constructor(
    readonly cd: Buffer,
    private readonly options: ReadOptions = {},
    /** Bytes in front of the archive that its stored offsets do not count. */
    private readonly base = 0,
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

  /** Reads record `index`, which starts where the one before ended. */
  read(index: number): void {
    const cd = this.cd;
    const at = index === 0 ? 0 : this.next;
    if (at + 46 > cd.length) {
      throw corrupt(`central directory is truncated at entry ${index + 1}`);
    }
    const sig = u32(cd, at);
    if (sig !== CDH_SIG) {
      throw corrupt(`invalid central directory file header signature 0x${sig.toString(16)} at entry ${index + 1}`);
    }
    this.index = index;
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
    return decodeRecord(this, this.index, this.options, this.base);
  }
}

/** Permission bits for an entry made on DOS or Windows, whose attributes say only folder and read-only. */
function dosMode(type: EntryType, externalAttributes: number): number {
  if (type === 'directory') {
    return 0o040755;
  }
  return externalAttributes & 0x01 ? 0o100444 : 0o100644;
}

function decodeRecord(r: RawRecord, index: number, options: ReadOptions, base: number): CentralEntry {
  const { cd, nameStart, nameEnd, extraLength, commentLength, flags, madeBy } = r;
  const next = r.next;
  const host = madeBy >> 8;
  const utf8 = (flags & 0x800) !== 0;
  const plainName = ascii(cd, nameStart, nameEnd);
  const rawNameBytes = plainName && extraLength === 0 ? undefined : cd.subarray(nameStart, nameEnd);
  // ASCII reads the same in UTF-8, CP437 and latin1. (One latin1 string of the whole directory, each name a
  // slice of it, costs more: Node decodes latin1 at ~250 MB/s, 27 ms for the 6.6 MB directory of 100,000
  // entries, against 9–18 ms for the names alone once this loop is optimised.)
  let rawName = plainName ? cd.toString('latin1', nameStart, nameEnd) : utf8 ? cd.toString('utf8', nameStart, nameEnd) : decodeUnflaggedName(rawNameBytes!, host);
  let { uncompressedSize, compressedSize, localHeaderOffset } = r;
  // A malformed extra field makes its entry unreadable, not the archive.
  let extra = NO_EXTRA;
  let problem: string | undefined;
  if (!r.plain) {
    try {
      extra = parseExtraFields(
        cd.subarray(nameEnd, nameEnd + extraLength),
        rawNameBytes ?? cd.subarray(nameStart, nameEnd),
        { usize: uncompressedSize === 0xffffffff, csize: compressedSize === 0xffffffff, offset: localHeaderOffset === 0xffffffff },
        rawName,
      );
    } catch (e) {
      problem = e instanceof ZipError ? e.message.replace(`${rawName}: `, '') : String(e);
    }
  }
  const renamed = extra.unicodePath !== undefined;
  if (renamed) {
    rawName = extra.unicodePath!;
  }
  uncompressedSize = extra.zip64?.uncompressedSize ?? uncompressedSize;
  compressedSize = extra.zip64?.compressedSize ?? compressedSize;
  localHeaderOffset = extra.zip64?.localHeaderOffset ?? localHeaderOffset;
  localHeaderOffset += base;
  const unixMode = r.unixMode;
  const type = renamed ? entryType(rawName.charCodeAt(rawName.length - 1), host, r.externalAttributes, unixMode) : r.type;
  const mode = unixMode || (host === 0 || host === 11 || host === 14 ? dosMode(type, r.externalAttributes) : undefined);
  // The common case (a clean relative name) allocates nothing more than the entry itself: the stored bytes
  // answer for the decoded name (see cleanNameBytes), unless an extra field renamed it.
  let path: string | undefined;
  let unsafe: string | undefined;
  if (!renamed && rawName.length > 0 && cleanNameBytes(cd, nameStart, nameEnd) >= 0) {
    path = rawName.charCodeAt(rawName.length - 1) === 0x2f ? rawName.slice(0, -1) : rawName;
  } else {
    ({ path, unsafe } = normaliseEntryName(rawName, options.strictNames));
  }
  const comment = commentLength === 0 ? '' : utf8 ? cd.toString('utf8', next - commentLength, next) : decodeCp437(cd.subarray(next - commentLength, next));
  return new CentralEntry(index, rawName, path, unsafe, type, r.method, flags, r.crc32, compressedSize, uncompressedSize, localHeaderOffset, r.dosDateTime, extra.mtime, mode, madeBy, comment, problem);
}
