import { zlibModule } from './nodeLibs';
import { corrupt } from './errors';

export interface ExtraInfo {
  unicodePath?: string;
  mtime?: Date;
  zip64?: { uncompressedSize?: number; compressedSize?: number; localHeaderOffset?: number };
}

const NTFS_EPOCH_OFFSET_MS = 11644473600000;

function readU64(buf: Buffer, at: number, entry: string): number {
  const v = buf.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw corrupt('64-bit size or offset is too large', entry);
  }
  return Number(v);
}

/** Decodes the extra fields we use; `needs` says which ZIP64 values the fixed fields left at 0xFFFFFFFF. */
export function parseExtraFields(
  extra: Buffer,
  rawName: Buffer,
  needs: { usize: boolean; csize: boolean; offset: boolean },
  entry: string,
): ExtraInfo {
  const info: ExtraInfo = {};
  let at = 0;
  while (at + 4 <= extra.length) {
    const id = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    const start = at + 4;
    if (start + size > extra.length) {
      throw corrupt('extra field length exceeds the extra field buffer', entry);
    }
    const data = extra.subarray(start, start + size);
    if (id === 0x0001) {
      info.zip64 = parseZip64(data, needs, entry);
    } else if (id === 0x7075 && data.length >= 5 && data[0] === 1) {
      if (data.readUInt32LE(1) === zlibModule().crc32(rawName) >>> 0) {
        info.unicodePath = data.subarray(5).toString('utf8');
      }
    } else if (id === 0x5455 && data.length >= 5 && data[0] & 1) {
      info.mtime = new Date(data.readInt32LE(1) * 1000);
    } else if (id === 0x5855 && data.length >= 8 && info.mtime === undefined) {
      // Info-ZIP's old Unix field: access time, then modification time (UTC seconds).
      info.mtime = new Date(data.readUInt32LE(4) * 1000);
    } else if (id === 0x000a && data.length >= 32) {
      let t = 4;
      while (t + 4 <= data.length) {
        const tag = data.readUInt16LE(t);
        const tagSize = data.readUInt16LE(t + 2);
        if (tag === 1 && tagSize >= 8 && t + 12 <= data.length) {
          const ticks = data.readBigUInt64LE(t + 4);
          info.mtime = new Date(Number(ticks / 10000n) - NTFS_EPOCH_OFFSET_MS);
          break;
        }
        t += 4 + tagSize;
      }
    }
    at = start + size;
  }
  if ((needs.usize || needs.csize || needs.offset) && !info.zip64) {
    info.zip64 = parseZip64(Buffer.alloc(0), needs, entry);
  }
  return info;
}

function parseZip64(
  data: Buffer,
  needs: { usize: boolean; csize: boolean; offset: boolean },
  entry: string,
): NonNullable<ExtraInfo['zip64']> {
  const out: NonNullable<ExtraInfo['zip64']> = {};
  let at = 0;
  const take = (what: string): number => {
    if (at + 8 > data.length) {
      throw corrupt(`zip64 extended information extra field does not include the ${what}`, entry);
    }
    const v = readU64(data, at, entry);
    at += 8;
    return v;
  };
  if (needs.usize) {
    out.uncompressedSize = take('uncompressed size');
  }
  if (needs.csize) {
    out.compressedSize = take('compressed size');
  }
  if (needs.offset) {
    out.localHeaderOffset = take('relative header offset');
  }
  return out;
}
