import type { PackageFile } from '../package/file';
import { IndexedPackage, type PackageSource } from '../package/source';

/** A member of an archive read into memory (a tar or a .deb): its file, and its bytes or link target. */
export interface MemoryFile extends PackageFile {
  data?: Buffer;
  linkname?: string;
}

/** A package whose files are in memory: the members of a tarball or of a .deb. */
export class MemoryPackage extends IndexedPackage implements PackageSource {
  readonly kind = 'archive';
  protected readonly list: PackageFile[];
  protected readonly byPath: Map<string, PackageFile>;

  constructor(
    readonly name: string,
    files: readonly MemoryFile[],
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
    return f.data ?? Buffer.from(f.linkname ?? '');
  }

  async *chunks(path: string): AsyncIterable<Buffer> {
    yield await this.read(path, Number.MAX_SAFE_INTEGER);
  }

  async readLink(path: string): Promise<string> {
    return this.member(path).linkname ?? '';
  }
}
