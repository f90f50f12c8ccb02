import { createReadStream } from 'node:fs';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { ScriptSessions } from '../scripts/sessions';
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

const SKIP_DIRS = new Set(['.git', 'node_modules', '.upgrade-inspector']);

/** An unpacked package: a folder whose manifest.json follows the spec. */
export class FolderPackage extends IndexedPackage implements PackageSource {
  readonly kind = 'folder';
  private constructor(
    readonly root: string,
    readonly name: string,
    protected readonly list: PackageFile[],
    protected readonly byPath: Map<string, PackageFile>,
  ) {
    super();
  }

  /** Unsaved editor texts that stand in for the files on disk (live re-lint as the user types). */
  readonly overlay = new Map<string, string>();
  readonly scripts = new ScriptSessions();

  static async open(root: string, name: string, maxFiles = 100_000): Promise<FolderPackage> {
    const list: PackageFile[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const dirent of await readdir(dir, { withFileTypes: true })) {
        if (list.length >= maxFiles) {
          return;
        }
        const full = join(dir, dirent.name);
        const path = relative(root, full).split(sep).join('/');
        if (dirent.isDirectory()) {
          if (!SKIP_DIRS.has(dirent.name)) {
            list.push({ path, size: 0, mtime: new Date(0), type: 'directory' });
            await walk(full);
          }
          continue;
        }
        const st = await lstat(full);
        list.push({
          path,
          size: st.size,
          mtime: st.mtime,
          mode: st.mode,
          type: st.isSymbolicLink() ? 'symlink' : 'file',
        });
      }
    };
    await walk(root);
    return new FolderPackage(root, name, list, new Map(list.map((f) => [f.path, f])));
  }

  async read(path: string, maxBytes: number): Promise<Buffer> {
    const live = this.overlay.get(path);
    if (live !== undefined) {
      return Buffer.from(live);
    }
    const f = this.byPath.get(path);
    if (!f || f.size > maxBytes) {
      throw new Error(`${path}: ${f ? 'too large' : 'not found'}`);
    }
    return readFile(join(this.root, path));
  }
  chunks(path: string): AsyncIterable<Buffer> {
    const live = this.overlay.get(path);
    if (live === undefined) {
      return createReadStream(join(this.root, path));
    }
    return (async function* () {
      yield Buffer.from(live);
    })();
  }
  readLink(path: string): Promise<string> {
    return readlink(join(this.root, path));
  }
}
