import type { PackageFile } from '../package/file';
import { IndexedPackage, type PackageSource } from '../package/source';

/** A member of an archive read into memory (a tar or a .deb): its file, and its bytes or link target. */
export interface MemoryFile extends PackageFile {
  /** The member's bytes, or undefined when they were let go (see `reload`). */
  data?: Buffer;
  linkname?: string;
}

/** Every member's bytes by path, decoded again from the archive. */
export type Reload = () => Promise<ReadonlyMap<string, Buffer>>;

/**
 * The one archive decoded again most recently, process-wide: reads of the members of one archive in a row (a
 * folder opened in the editor, `cat` of each) decode it once, and no more than one archive's members are ever
 * held this way, and only until KEEP_RELOADED_MS pass without a read of them.
 */
let lastReload: { owner: MemoryPackage; members: Promise<ReadonlyMap<string, Buffer>>; timer?: NodeJS.Timeout } | undefined;
const KEEP_RELOADED_MS = 15_000;

function forget(entry: NonNullable<typeof lastReload>): void {
  clearTimeout(entry.timer);
  if (lastReload === entry) {
    lastReload = undefined;
  }
}

/**
 * A package whose files are in memory: the members of a tarball or of a .deb. A member whose bytes were let go
 * (the review holds a bounded amount of what nested archives expand to) is read by decoding its archive again.
 */
export class MemoryPackage extends IndexedPackage implements PackageSource {
  readonly kind = 'archive';
  protected readonly list: PackageFile[];
  protected readonly byPath: Map<string, PackageFile>;

  constructor(
    readonly name: string,
    files: readonly MemoryFile[],
    private readonly reload?: Reload,
  ) {
    super();
    this.byPath = new Map();
    for (const f of files) {
      if (!this.byPath.has(f.path)) {
        this.byPath.set(f.path, f);
      }
    }
    this.list = [...this.byPath.values()];
  }

  private member(path: string): MemoryFile {
    const f = this.byPath.get(path) as MemoryFile | undefined;
    if (!f) {
      throw new Error(`${path}: not found`);
    }
    return f;
  }

  async read(path: string, maxBytes: number): Promise<Buffer> {
    const f = this.member(path);
    if (f.size > maxBytes) {
      throw new Error(`${path}: too large`);
    }
    if (f.data || f.type !== 'file') {
      return f.data ?? Buffer.from(f.linkname ?? '');
    }
    if (!this.reload) {
      throw new Error(`${path}: its bytes are not held`);
    }
    if (lastReload?.owner !== this) {
      // The archive read before is let go now: its timer would keep it alive until it fires.
      clearTimeout(lastReload?.timer);
      const entry = { owner: this, members: this.reload() };
      lastReload = entry;
      // A failed decode is not kept: the next read tries again.
      entry.members.catch(() => forget(entry));
    }
    const entry: NonNullable<typeof lastReload> = lastReload;
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => forget(entry), KEEP_RELOADED_MS).unref();
    const bytes = (await entry.members).get(path);
    if (!bytes) {
      throw new Error(`${path}: no longer in its archive`);
    }
    return bytes;
  }

  async *chunks(path: string): AsyncIterable<Buffer> {
    yield await this.read(path, Number.MAX_SAFE_INTEGER);
  }

  async readLink(path: string): Promise<string> {
    return this.member(path).linkname ?? '';
  }
}
