import type { ScriptSessions } from '../scripts/sessions';
import { ZipArchive, type CentralEntry, type ZipEntry } from '../zip';
import { buildTree, findNode, type PackageNode } from './tree';
import type { PackageFile } from './file';

export type { PackageFile } from './file';

/** What the review reads a package through: a ZIP archive, or an unpacked folder in the workspace. */
export interface PackageSource {
  readonly kind: 'zip' | 'folder' | 'archive';
  /** Display name: the ZIP's file name or the folder's name. */
  readonly name: string;
  files(): PackageFile[];
  file(path: string): PackageFile | undefined;
  read(path: string, maxBytes: number): Promise<Buffer>;
  chunks(path: string): AsyncIterable<Buffer>;
  readLink(path: string): Promise<string>;
  readonly archive?: ZipArchive;
  /** The folder tree, built on first use. */
  tree(): PackageNode;
  /** The file or folder at a path ('' is the root). */
  node(path: string): PackageNode | undefined;
  /** Unsaved editor texts that stand in for files on disk, when the package can be edited (a folder). */
  readonly overlay?: Map<string, string>;
  /** Script sessions kept from one review to the next (a folder being edited), when the package keeps them. */
  readonly scripts?: ScriptSessions;
  /** What could not be read of the package itself and why (a folder inside that could not be listed). */
  readonly notes?: readonly string[];
  /**
   * Work on the package's bytes that later reviews of the same opened package reuse (ShellCheck's report), by
   * a key that names what it was done on; when the package keeps it.
   */
  readonly derived?: Map<string, unknown>;
}

/**
 * A ZIP package's files are its entries themselves (a CentralEntry has a package file's `size` and `entry`):
 * an object made for each of 100,000 files was 5 MB more for the collector to copy, ~25 ms of such a review.
 * The path index holds only entries with a path.
 */
const asFile = (entry: ZipEntry): PackageFile => entry as CentralEntry & { path: string };

/** The path index every package has: its files, one per path, and the folder tree built from them. */
export abstract class IndexedPackage {
  protected abstract readonly list: PackageFile[];
  protected abstract readonly byPath: Map<string, PackageFile>;
  private treeCache?: PackageNode;

  files(): PackageFile[] {
    return this.list;
  }
  file(path: string): PackageFile | undefined {
    return this.byPath.get(path);
  }
  tree(): PackageNode {
    this.treeCache ??= buildTree(this.list);
    return this.treeCache;
  }
  node(path: string): PackageNode | undefined {
    return findNode(this.tree(), path);
  }
}

export class ZipPackage extends IndexedPackage implements PackageSource {
  readonly kind = 'zip';
  protected readonly list: PackageFile[] = [];
  /** Unused: lookups go through the archive's own path index (one map of 100,000 paths, not two). */
  protected readonly byPath = new Map<string, PackageFile>();

  constructor(
    readonly archive: ZipArchive,
    readonly name: string,
  ) {
    super();
    // One file per path: the archive's own index says which entry a path means; it holds them in the
    // central directory's order.
    archive.pathIndex().forEach((entry) => {
      if (entry.path === '') {
        return;
      }
      this.list.push(asFile(entry));
    });
  }

  override file(path: string): PackageFile | undefined {
    const entry = this.archive.pathIndex().get(path);
    return entry && entry.path !== '' ? asFile(entry) : undefined;
  }

  read(path: string, maxBytes: number): Promise<Buffer> {
    const f = this.file(path);
    return f && f.type !== 'directory' ? this.archive.readEntry(f.entry!, { maxBytes }) : this.archive.read(path, { maxBytes });
  }
  chunks(path: string): AsyncIterable<Buffer> {
    const f = this.file(path);
    return this.archive.chunks(f!.entry!, { maxBytes: Number.MAX_SAFE_INTEGER });
  }
  async readLink(path: string): Promise<string> {
    return (await this.read(path, 4096)).toString('utf8');
  }
}
