import type { ByteSource } from '../zip';

/**
 * The bytes of nested ZIPs read again, the most recent first, process-wide: a pass over the members of a few
 * archives at a time (the review reads 16 files at once) reads each once. At most SLOTS are held this way, no
 * more than CACHED_BYTES together (always the one being read), and each only until KEEP_MS pass without a read.
 */
const recent: { owner: ReloadingSource; bytes: Promise<Buffer>; timer?: NodeJS.Timeout }[] = [];
const SLOTS = 4;
const CACHED_BYTES = 64 * 1024 * 1024;
const KEEP_MS = 15_000;

function forget(entry: (typeof recent)[number]): void {
  clearTimeout(entry.timer);
  const at = recent.indexOf(entry);
  if (at >= 0) {
    recent.splice(at, 1);
  }
}

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
    this.remember(Promise.resolve(opened));
  }

  private remember(bytes: Promise<Buffer>): (typeof recent)[number] {
    const entry = { owner: this as ReloadingSource, bytes };
    recent.unshift(entry);
    let total = 0;
    const keep = recent.findIndex((e, i) => (total += e.owner.size) > CACHED_BYTES && i > 0);
    // A timer left running would keep what it was to let go alive until it fires.
    recent.splice(Math.min(SLOTS, keep < 0 ? SLOTS : keep)).forEach((e) => clearTimeout(e.timer));
    // A failed read is not kept: the next read tries again.
    bytes.catch(() => forget(entry));
    return entry;
  }

  async read(offset: number, length: number): Promise<Buffer> {
    let entry = recent.find((e) => e.owner === this);
    if (!entry) {
      entry = this.remember(this.reload());
    }
    clearTimeout(entry.timer);
    const kept = entry;
    kept.timer = setTimeout(() => forget(kept), KEEP_MS).unref();
    const bytes = await kept.bytes;
    if (bytes.length !== this.size) {
      throw new Error(`the archive read again is ${bytes.length} bytes, not ${this.size}`);
    }
    const start = Math.min(bytes.length, Math.max(0, offset));
    // A copy: a view would keep the whole archive read again alive for as long as any part of it is kept
    // (a JAR's manifest text, kept by its signature check, held all 118 MB of a package of JARs).
    return Buffer.from(bytes.subarray(start, Math.min(bytes.length, start + length)));
  }

  async close(): Promise<void> {
    const entry = recent.find((e) => e.owner === this);
    if (entry) {
      forget(entry);
    }
  }
}
