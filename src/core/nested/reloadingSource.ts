import type { ByteSource } from '../zip';
import { RecentReads } from './recentReads';

/** Nested ZIPs read again: the review reads 16 files at once, so a pass may be inside a few archives at a time. */
const recent = new RecentReads<Buffer>(4, 64 * 1024 * 1024);

/**
 * A nested ZIP whose bytes are not held: read again whole (from the outer archive, inflated) when a region of
 * it is asked for. The bytes it was opened from stand in as the first read.
 */
export class ReloadingSource implements ByteSource {
  constructor(
    readonly size: number,
    private readonly reload: () => Promise<Buffer>,
    opened: Buffer,
  ) {
    void recent.put(this, size, Promise.resolve(opened));
  }

  async read(offset: number, length: number): Promise<Buffer> {
    const bytes = await recent.get(this, this.size, this.reload);
    if (bytes.length !== this.size) {
      throw new Error(`the archive read again is ${bytes.length} bytes, not ${this.size}`);
    }
    const start = Math.min(bytes.length, Math.max(0, offset));
    // A copy: a view would keep the whole archive alive for as long as any part of it is kept (the archive
    // keeps its central directory's bytes: as views, 110 MB of 120 JARs stayed held after their review).
    return Buffer.from(bytes.subarray(start, Math.min(bytes.length, start + length)));
  }

  async close(): Promise<void> {
    recent.drop(this);
  }
}
