import type { ArchiveAnomaly } from './anomalies';
import { u16, u32 } from './bytes';
import { METHOD_DEFLATED, type ZipEntry } from './entry';
import { zlibModule } from './nodeLibs';
import type { ByteSource } from './source';

export const LFH_SIG = 0x04034b50;
const LFH_BYTES = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const DD_SIG = 0x08074b50;
/** Local headers are read through windows of this size: adjacent small entries share one read. */
const WINDOW = 1024 * 1024;
/** Gaps between entries are searched for hidden local headers up to this many bytes each. */
const GAP_SCAN = 16 * 1024 * 1024;

/** Where each entry's data lies, by entry index (-1: its local header could not be read). */
export interface Layout {
  dataStart: Float64Array;
  anomalies: ArchiveAnomaly[];
  /** Entries that must not be read: their header is unreadable, or their data is another entry's. */
  unreadable: Map<number, string>;
}

/** Positioned reads through a moving window, so a run of small entries costs one read. */
class Window {
  buf: Buffer = Buffer.alloc(0);
  start = 0;
  /** Two buffers read into in turn: a view taken before one refill stays good through it. */
  private readonly spares: (Buffer | undefined)[] = [undefined, undefined];
  private turn = 0;
  constructor(
    private readonly source: ByteSource,
    private readonly limit: number,
  ) {}
  /** Whether bytes [offset, offset + length) are in the buffer already: the common case, without an await. */
  holds(offset: number, length: number): boolean {
    return offset >= this.start && offset + length <= this.start + this.buf.length;
  }
  async at(offset: number, length: number): Promise<Buffer> {
    if (offset >= this.limit || length <= 0) {
      return Buffer.alloc(0);
    }
    if (offset < this.start || offset + length > this.start + this.buf.length) {
      const size = Math.max(0, Math.min(Math.max(length, WINDOW), this.limit - offset));
      let spare = this.spares[this.turn];
      if (spare === undefined || spare.length < size) {
        spare = this.spares[this.turn] = Buffer.allocUnsafe(size);
      }
      this.turn ^= 1;
      this.start = offset;
      this.buf = await this.source.read(offset, size, spare);
    }
    return this.buf.subarray(offset - this.start, Math.min(this.buf.length, offset - this.start + length));
  }
}

interface LocalHeader {
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  name: Buffer;
}

function localZip64(extra: Buffer, h: LocalHeader): void {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    if (id === 0x0001 && at + 4 + size <= extra.length) {
      let p = at + 4;
      if (h.uncompressedSize === 0xffffffff && p + 8 <= at + 4 + size) {
        h.uncompressedSize = Number(extra.readBigUInt64LE(p));
        p += 8;
      }
      if (h.compressedSize === 0xffffffff && p + 8 <= at + 4 + size) {
        h.compressedSize = Number(extra.readBigUInt64LE(p));
      }
      return;
    }
    at += 4 + size;
  }
}

/** Whether the central record's name bytes equal bytes [start, end) of `buf`. */
export type SameName = (e: ZipEntry, buf: Buffer, start: number, end: number) => boolean;

/**
 * The common case, read in place without allocating: a local header that agrees with its record in every
 * field, without a data descriptor. Returns where the data starts, or -1 for the full comparison.
 */
function fastMatch(w: Window, lho: number, e: ZipEntry, sameName: SameName): number {
  const b = w.buf;
  const i = lho - w.start;
  if (i < 0 || i + 30 > b.length || u32(b, i) !== LFH_SIG || (b[i + 6] & 8) !== 0) {
    return -1;
  }
  const nameEnd = i + 30 + u16(b, i + 26);
  const dataAt = nameEnd + u16(b, i + 28);
  if (
    nameEnd > b.length ||
    u16(b, i + 8) !== e.method ||
    u32(b, i + 14) !== e.crc32 >>> 0 ||
    u32(b, i + 18) !== e.compressedSize ||
    u32(b, i + 22) !== e.uncompressedSize ||
    (e.type === 'directory' && e.compressedSize > 0) ||
    !sameName(e, b, i + 30, nameEnd)
  ) {
    return -1;
  }
  return w.start + dataAt;
}

/** What the local header says that the central record does not, as readers would see it. */
function disagreements(e: ZipEntry, h: LocalHeader, sameName: SameName): string[] {
  const out: string[] = [];
  if (!sameName(e, h.name, 0, h.name.length)) {
    out.push(`the local header names it "${h.name.toString('utf8')}"`);
  }
  if (h.method !== e.method) {
    out.push(`compression method ${h.method} in the local header, ${e.method} in the directory`);
  }
  if ((h.flags & 8) === 0) {
    if (h.crc !== e.crc32 >>> 0) {
      out.push(`CRC-32 ${hex(h.crc)} in the local header, ${hex(e.crc32)} in the directory`);
    }
    if (h.compressedSize !== e.compressedSize || h.uncompressedSize !== e.uncompressedSize) {
      out.push(`sizes ${h.compressedSize}/${h.uncompressedSize} in the local header, ${e.compressedSize}/${e.uncompressedSize} in the directory`);
    }
  }
  return out;
}

/** Entries in order of a key; most archives are written in that order already, and then nothing is sorted. */
export function sortedBy(entries: readonly ZipEntry[], key: (e: ZipEntry) => number): readonly ZipEntry[] {
  for (let i = 1; i < entries.length; i++) {
    if (key(entries[i]) < key(entries[i - 1])) {
      return [...entries].sort((a, b) => key(a) - key(b) || a.index - b.index);
    }
  }
  return entries;
}

/** A CRC-32 or signature as 8 hex digits, for messages. */
export const hex = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');

/** The longest empty deflate stream looked at (a stored empty block is 5 bytes; with a few empty blocks, more). */
const EMPTY_DEFLATE_MAX = 64;

/**
 * Whether a folder entry's data is a deflate stream of nothing, and nothing else: Java's jar tool and Maven
 * deflate folder entries too, which then hold the 2 bytes of an empty stream (byte-buddy's 2,221 folders).
 * Bytes after the stream's end, or a stream that inflates to anything, are data a listing does not show.
 */
async function emptyDeflate(window: Window, start: number, e: ZipEntry): Promise<boolean> {
  if (e.method !== METHOD_DEFLATED || e.uncompressedSize !== 0 || e.compressedSize > EMPTY_DEFLATE_MAX) {
    return false;
  }
  try {
    const { buffer, engine } = zlibModule().inflateRawSync(await window.at(start, e.compressedSize), { info: true, maxOutputLength: 1 }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
    return buffer.length === 0 && engine.bytesWritten === e.compressedSize;
  } catch {
    return false;
  }
}

/**
 * One pass over the local headers, in file order: each is compared with its central record (what a streaming
 * extractor would see), data descriptors are checked, entries whose data overlaps another's are found (an
 * overlap bomb, or content hidden twice), and bytes in front of, between and after the entries that hold
 * local headers no listing shows are reported.
 */
export async function scanLayout(
  source: ByteSource,
  entries: readonly ZipEntry[],
  cdStart: number,
  sameName: SameName,
  /** Search the bytes between entries for hidden headers (off when only some entries are checked). */
  gaps = true,
): Promise<Layout> {
  const dataStart = new Float64Array(entries.length).fill(-1);
  const anomalies: ArchiveAnomaly[] = [];
  const unreadable = new Map<number, string>();
  const order = sortedBy(entries, (e) => e.localHeaderOffset);
  const window = new Window(source, cdStart);
  let reach = 0;
  let owner: ZipEntry | undefined;
  let overlaps = 0;
  // Indexed loops over the entries here and in the review: a first-run for…of allocates a result per step.
  for (let i = 0; i < order.length; i++) {
    const e = order[i];
    const lho = e.localHeaderOffset;
    if (lho + 30 > cdStart) {
      unreadable.set(e.index, 'local header lies outside the file data');
      anomalies.push({ kind: 'unreadable-header', entry: e, message: unreadable.get(e.index)! });
      continue;
    }
    if (!gaps) {
      // one entry checked on its own: no gaps, no overlaps with entries not looked at
    } else if (owner === undefined && lho > 0) {
      await checkGap(window, 0, lho, 'in front of the first entry', anomalies);
    } else if (owner !== undefined && lho > reach) {
      await checkGap(window, reach, lho, `between ${owner.rawName} and ${e.rawName}`, anomalies);
    }
    if (owner !== undefined && lho < reach) {
      overlaps++;
      unreadable.set(e.index, `its data overlaps ${owner.rawName}`);
      if (overlaps <= 1) {
        anomalies.push({ kind: 'overlapping-entries', entry: e, message: `${e.rawName} starts inside the data of ${owner.rawName}: the same bytes are extracted more than once (an overlap bomb expands far past the archive's size)` });
      }
      continue;
    }
    if (!window.holds(lho, 30)) {
      await window.at(lho, 30);
    }
    const quick = fastMatch(window, lho, e, sameName);
    if (quick >= 0) {
      dataStart[e.index] = quick;
      const end = quick + e.compressedSize;
      if (end > cdStart) {
        unreadable.set(e.index, `file data overflows the file bounds (${quick} + ${e.compressedSize} > ${cdStart})`);
        anomalies.push({ kind: 'unreadable-header', entry: e, message: unreadable.get(e.index)! });
        dataStart[e.index] = -1;
        continue;
      }
      if (end > reach) {
        reach = end;
        owner = e;
      }
      continue;
    }
    const fixed = await window.at(lho, 30);
    if (fixed.length < 30 || fixed.readUInt32LE(0) !== LFH_SIG) {
      unreadable.set(e.index, `invalid local file header signature 0x${fixed.length >= 4 ? fixed.readUInt32LE(0).toString(16) : '0'}`);
      anomalies.push({ kind: 'unreadable-header', entry: e, message: unreadable.get(e.index)! });
      continue;
    }
    const nameLength = fixed.readUInt16LE(26);
    const extraLength = fixed.readUInt16LE(28);
    const variable = Buffer.from(await window.at(lho + 30, nameLength + extraLength));
    const h: LocalHeader = {
      flags: fixed.readUInt16LE(6),
      method: fixed.readUInt16LE(8),
      crc: fixed.readUInt32LE(14),
      compressedSize: fixed.readUInt32LE(18),
      uncompressedSize: fixed.readUInt32LE(22),
      name: variable.subarray(0, nameLength),
    };
    localZip64(variable.subarray(nameLength), h);
    const start = lho + 30 + nameLength + extraLength;
    const dataEnd = start + e.compressedSize;
    if (dataEnd > cdStart) {
      unreadable.set(e.index, `file data overflows the file bounds (${start} + ${e.compressedSize} > ${cdStart})`);
      anomalies.push({ kind: 'unreadable-header', entry: e, message: unreadable.get(e.index)! });
      continue;
    }
    dataStart[e.index] = start;
    const differ = disagreements(e, h, sameName);
    let end = dataEnd;
    if (h.flags & 8) {
      const dd = await window.at(dataEnd, 24);
      const signed = dd.length >= 4 && dd.readUInt32LE(0) === DD_SIG;
      const crcAt = signed ? 4 : 0;
      if (dd.length >= crcAt + 4 && dd.readUInt32LE(crcAt) !== e.crc32 >>> 0 && e.type !== 'directory') {
        differ.push(`CRC-32 ${hex(dd.readUInt32LE(crcAt))} in the data descriptor, ${hex(e.crc32)} in the directory`);
      }
      end = dataEnd + crcAt + (e.compressedSize >= 0xffffffff || e.uncompressedSize >= 0xffffffff ? 20 : 12);
    }
    if (differ.length > 0) {
      anomalies.push({ kind: 'header-mismatch', entry: e, message: `${e.rawName}: ${differ.join('; ')}: two tools would extract different files` });
    }
    if (e.type === 'directory' && e.compressedSize > 0 && !(await emptyDeflate(window, start, e))) {
      anomalies.push({ kind: 'hidden-content', entry: e, message: `the folder entry ${e.rawName} holds ${e.compressedSize} bytes of data, which a listing does not show` });
    }
    if (end > reach) {
      reach = end;
      owner = e;
    }
  }
  if (overlaps > 1) {
    anomalies.push({ kind: 'overlapping-entries', message: `${overlaps} entries in all start inside another entry's data; none of them is read` });
  }
  if (gaps && owner !== undefined && reach < cdStart) {
    await checkGap(window, reach, cdStart, `between ${owner.rawName} and the central directory`, anomalies);
  }
  return { dataStart, anomalies, unreadable };
}

async function checkGap(window: Window, from: number, to: number, where: string, anomalies: ArchiveAnomaly[]): Promise<void> {
  let found = -1;
  for (let at = from; at < Math.min(to, from + GAP_SCAN) && found < 0; at += WINDOW) {
    const chunk = await window.at(at, Math.min(WINDOW + 3, to - at));
    const i = chunk.indexOf(LFH_BYTES);
    found = i < 0 ? -1 : at + i;
  }
  if (found >= 0) {
    anomalies.push({ kind: 'hidden-content', message: `${to - from} bytes ${where} hold a local file header at offset ${found} that the central directory does not list: another reader may extract it` });
  } else if (from === 0) {
    anomalies.push({ kind: 'prefix', message: `${to} bytes stand in front of the first entry (a self-extractor stub or a preamble): they are not part of any entry and are not reviewed` });
  }
}
