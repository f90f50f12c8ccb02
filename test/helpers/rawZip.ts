import { crc32, deflateRawSync } from 'node:zlib';

/** One entry of a hand-made archive: anything a hostile tool could write, lies included. */
export interface RawEntry {
  name: string;
  data?: Buffer;
  deflate?: boolean;
  /** Unix mode (file type + permissions), written in the external attributes. */
  mode?: number;
  flags?: number;
  /** Override the declared uncompressed size (a lie). */
  declaredSize?: number;
  /** Write this method number with the data stored as it is (bzip2, LZMA…: a method the reader lacks). */
  method?: number;
  /** Extra fields of the central record. */
  centralExtra?: Buffer;
  /** The host that made the entry (high byte of "version made by"): 0 DOS/Windows, 3 Unix. */
  host?: number;
  /** What the local header says instead, where it lies to a streaming extractor. */
  local?: { name?: string; method?: number; crc?: number };
  /** Write a data descriptor (flag bit 3) holding this CRC-32 instead of the right one. */
  descriptorCrc?: number;
}

/** The fields a local header and its central-directory record share. */
export interface HeaderFields {
  name: Buffer;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
}

/** Shared by every entry without data, extra field or descriptor (an empty Buffer.alloc costs an ArrayBuffer each). */
const EMPTY = Buffer.alloc(0);

export function localHeader(h: HeaderFields): Buffer {
  const b = Buffer.allocUnsafe(30).fill(0); // pooled: a package of 100,000 entries makes 400,000 of these
  b.writeUInt32LE(0x04034b50, 0);
  b.writeUInt16LE(20, 4);
  b.writeUInt16LE(h.flags, 6);
  b.writeUInt16LE(h.method, 8);
  b.writeUInt32LE(h.crc >>> 0, 14);
  b.writeUInt32LE(h.compressedSize, 18);
  b.writeUInt32LE(h.uncompressedSize, 22);
  b.writeUInt16LE(h.name.length, 26);
  return Buffer.concat([b, h.name]);
}

/** A central-directory record made on Unix, with the DOS date 0x5a00 and the entry's local header offset. */
export function centralRecord(h: HeaderFields & { mode: number; offset: number; extra?: Buffer; host?: number }): Buffer {
  const b = Buffer.allocUnsafe(46).fill(0);
  const extra = h.extra ?? EMPTY;
  b.writeUInt32LE(0x02014b50, 0);
  b.writeUInt16LE(((h.host ?? 3) << 8) | 20, 4);
  b.writeUInt16LE(20, 6);
  b.writeUInt16LE(h.flags, 8);
  b.writeUInt16LE(h.method, 10);
  b.writeUInt16LE(0x5a00, 14);
  b.writeUInt32LE(h.crc >>> 0, 16);
  b.writeUInt32LE(h.compressedSize, 20);
  b.writeUInt32LE(h.uncompressedSize, 24);
  b.writeUInt16LE(h.name.length, 28);
  b.writeUInt16LE(extra.length, 30);
  b.writeUInt32LE(h.host === 0 ? h.mode : (h.mode << 16) >>> 0, 38);
  b.writeUInt32LE(h.offset, 42);
  return Buffer.concat([b, h.name, extra]);
}

/** The end records after a central directory; past 65,535 entries a ZIP64 record and locator carry the count. */
export function endRecords(count: number, cdLength: number, cdOffset: number, force64 = false): Buffer {
  const zip64 = force64 || count > 0xffff;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(zip64 ? 0xffff : count, 8);
  eocd.writeUInt16LE(zip64 ? 0xffff : count, 10);
  eocd.writeUInt32LE(cdLength, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  if (!zip64) {
    return eocd;
  }
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE(45, 12);
  record.writeUInt16LE(45, 14);
  record.writeBigUInt64LE(BigInt(count), 24);
  record.writeBigUInt64LE(BigInt(count), 32);
  record.writeBigUInt64LE(BigInt(cdLength), 40);
  record.writeBigUInt64LE(BigInt(cdOffset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(cdOffset + cdLength), 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([record, locator, eocd]);
}

/**
 * Writes a ZIP byte by byte. JSZip cannot write what these tests need (duplicate names, traversal names,
 * lying sizes, encryption flags), so this does, for tests and the benchmark only.
 */
export function rawZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const data = e.data ?? EMPTY;
    const body = e.deflate ? deflateRawSync(data) : data;
    const fields: HeaderFields = {
      name: Buffer.from(e.name, 'utf8'),
      flags: (e.flags ?? 0) | 0x800 | (e.descriptorCrc === undefined ? 0 : 8),
      method: e.method ?? (e.deflate ? 8 : 0),
      crc: crc32(data),
      compressedSize: body.length,
      uncompressedSize: e.declaredSize ?? data.length,
    };
    const local = localHeader({
      ...fields,
      name: e.local?.name === undefined ? fields.name : Buffer.from(e.local.name, 'utf8'),
      method: e.local?.method ?? fields.method,
      crc: e.local?.crc ?? fields.crc,
    });
    const descriptor = e.descriptorCrc === undefined ? EMPTY : Buffer.alloc(16);
    if (e.descriptorCrc !== undefined) {
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(e.descriptorCrc >>> 0, 4);
      descriptor.writeUInt32LE(fields.compressedSize, 8);
      descriptor.writeUInt32LE(fields.uncompressedSize, 12);
    }
    locals.push(local, body, descriptor);
    centrals.push(centralRecord({ ...fields, mode: e.mode ?? (e.host === 0 ? 0x20 : 0o100644), offset, extra: e.centralExtra, host: e.host }));
    offset += local.length + body.length + descriptor.length;
  }
  const cd = Buffer.concat(centrals);
  return Buffer.concat([...locals, cd, endRecords(entries.length, cd.length, offset)]);
}

/**
 * A ZIP of many stored entries with the same content, written into one buffer: rawZip makes a few buffers
 * per entry, which for 100,000 entries takes seconds. Records as rawZip writes them (Unix, mode 0644).
 */
export function manyEntriesZip(entries: readonly { name: string; data: Buffer }[]): Buffer {
  const names = entries.map((e) => Buffer.from(e.name, 'utf8'));
  const locals = entries.reduce((n, e, i) => n + 30 + names[i].length + e.data.length, 0);
  const central = names.reduce((n, name) => n + 46 + name.length, 0);
  const end = endRecords(entries.length, central, locals);
  const out = Buffer.alloc(locals + central + end.length);
  const offsets: number[] = [];
  const crcs: number[] = [];
  let at = 0;
  entries.forEach((e, i) => {
    offsets.push(at);
    crcs.push(crc32(e.data));
    localHeader({ name: names[i], flags: 0x800, method: 0, crc: crcs[i], compressedSize: e.data.length, uncompressedSize: e.data.length }).copy(out, at);
    at += 30 + names[i].length;
    at += e.data.copy(out, at);
  });
  entries.forEach((e, i) => {
    at += centralRecord({ name: names[i], flags: 0x800, method: 0, crc: crcs[i], compressedSize: e.data.length, uncompressedSize: e.data.length, mode: 0o100644, offset: offsets[i] }).copy(out, at);
  });
  end.copy(out, at);
  return out;
}
