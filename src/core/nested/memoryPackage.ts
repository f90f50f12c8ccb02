import type { PackageFile } from '../package/file';
import { IndexedPackage, type PackageSource } from '../package/source';
import { RecentReads } from './recentReads';

/** A member of an archive read into memory (a tar or a .deb): its file, and its bytes or link target. */
export interface MemoryFile extends PackageFile {
  /** The member's bytes, or undefined when they were let go (see `reload`). */
  data?: Buffer;
  linkname?: string;
}

/** Every member's bytes by path, decoded again from the archive. */
export type Reload = () => Promise<ReadonlyMap<string, Buffer>>;

/** Archives decoded again: reads of the members of one in a row (a folder opened in the editor, `cat` of each) decode it once. */
const recent = new RecentReads<ReadonlyMap<string, Buffer>>(1, Infinity);

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
    const bytes = (await recent.get(this, 0, this.reload)).get(path);
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
