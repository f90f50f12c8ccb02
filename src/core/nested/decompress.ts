import { gunzipSync } from 'node:zlib';
import { archiveLibraries, xzLibrary } from '../lazy';

export type Compression = 'none' | 'gzip' | 'xz' | 'bzip2' | 'zstd';

/** A compressed stream that expands past what the review may inflate: a bomb, reported, never inflated further. */
export class ExpansionLimit extends Error {
  constructor(readonly limit: number) {
    super(`expands past ${limit} bytes, the most a nested archive may have: it is not inflated further`);
  }
}

/** Chunks gathered up to a limit: the first byte past it stops the decoder. */
class Sink {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;
  constructor(private readonly limit: number) {}
  push(chunk: Uint8Array): void {
    this.size += chunk.length;
    if (this.size > this.limit) {
      throw new ExpansionLimit(this.limit);
    }
    this.chunks.push(chunk);
  }
  /** The chunks as they came: not joined, which would hold the whole stream twice. */
  parts(): Buffer[] {
    return this.chunks.map((c) => (Buffer.isBuffer(c) ? c : Buffer.from(c.buffer, c.byteOffset, c.length)));
  }
}

async function xz(data: Buffer, limit: number): Promise<Buffer[]> {
  const reader = new (xzLibrary().XzReadableStream)(new Blob([data]).stream()).getReader();
  const sink = new Sink(limit);
  try {
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      sink.push(r.value);
    }
  } catch (e) {
    await reader.cancel().catch(() => undefined);
    throw e;
  }
  return sink.parts();
}

function zstd(data: Buffer, limit: number): Buffer[] {
  const sink = new Sink(limit);
  new (archiveLibraries().fzstd.Decompress)((chunk) => sink.push(chunk)).push(data, true);
  return sink.parts();
}

function bz2(data: Buffer, limit: number): Buffer[] {
  const sink = new Sink(limit);
  const CHUNK = 1024 * 1024;
  let chunk = Buffer.allocUnsafe(CHUNK);
  let at = 0;
  // seek-bzip writes byte by byte into whatever has writeByte: gathered in chunks, the limit checked per chunk.
  const output = {
    writeByte(b: number): void {
      chunk[at++] = b;
      if (at === CHUNK) {
        sink.push(chunk);
        chunk = Buffer.allocUnsafe(CHUNK);
        at = 0;
      }
    },
  };
  archiveLibraries().bzip2.decode(data, output);
  sink.push(chunk.subarray(0, at));
  return sink.parts();
}

/**
 * A nested archive's bytes, decompressed up to `limit` bytes (ExpansionLimit past it), in the parts the decoder
 * gave: joined, a .deb of 220 MB was held three times over while its tar was read.
 */
export async function decompress(data: Buffer, compression: Compression, limit: number): Promise<Buffer[]> {
  switch (compression) {
    case 'none':
      if (data.length > limit) {
        throw new ExpansionLimit(limit);
      }
      return [data];
    case 'gzip':
      try {
        return [gunzipSync(data, { maxOutputLength: limit })];
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
          throw new ExpansionLimit(limit);
        }
        throw e;
      }
    case 'xz':
      return xz(data, limit);
    case 'zstd':
      return zstd(data, limit);
    case 'bzip2':
      return bz2(data, limit);
  }
}
