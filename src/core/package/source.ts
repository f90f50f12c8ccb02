import { createReadStream } from 'node:fs';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { ScriptSessions } from '../scripts/sessions';
import { ZipArchive, type ZipEntry } from '../zip';

export interface PackageFile {
  path: string;
  size: number;
  mtime: Date;
  mode?: number;
  type: 'file' | 'directory' | 'symlink';
  /** Set for ZIP packages. */
  entry?: ZipEntry;
}

/** What the review reads a package through: a ZIP archive, or an unpacked folder in the workspace. */
export interface PackageSource {
  readonly kind: 'zip' | 'folder';
  /** Display name: the ZIP's file name or the folder's name. */
  readonly name: string;
  files(): PackageFile[];
  file(path: string): PackageFile | undefined;
  read(path: string, maxBytes: number): Promise<Buffer>;
  chunks(path: string): AsyncIterable<Buffer>;
  readLink(path: string): Promise<string>;
  readonly archive?: ZipArchive;
  /** Unsaved editor texts that stand in for files on disk, when the package can be edited (a folder). */
  readonly overlay?: Map<string, string>;
  /** Script sessions kept from one review to the next (a folder being edited), when the package keeps them. */
  readonly scripts?: ScriptSessions;
}

/** A ZIP entry as a package file; its date is made only when asked (most never are). */
class ZipFile implements PackageFile {
  constructor(readonly entry: ZipEntry) {}
  get path(): string {
    return this.entry.path!;
  }
  get size(): number {
    return this.entry.uncompressedSize;
  }
  get mtime(): Date {
    return this.entry.mtime;
  }
  get mode(): number | undefined {
    return this.entry.mode;
  }
  get type(): ZipEntry['type'] {
    return this.entry.type;
  }
}

export class ZipPackage implements PackageSource {
  readonly kind = 'zip';
  private readonly list: PackageFile[];
  private readonly byPath = new Map<string, PackageFile>();

  constructor(
    readonly archive: ZipArchive,
    readonly name: string,
  ) {
    this.list = [];
    for (const entry of archive.entries) {
      if (entry.path === undefined || entry.path === '' || this.byPath.has(entry.path)) {
        continue;
      }
      const file = new ZipFile(entry);
      this.list.push(file);
      this.byPath.set(entry.path, file);
    }
  }

  files(): PackageFile[] {
    return this.list;
  }
  file(path: string): PackageFile | undefined {
    return this.byPath.get(path);
  }
  read(path: string, maxBytes: number): Promise<Buffer> {
    const f = this.byPath.get(path);
    return f && f.type !== 'directory' ? this.archive.readEntry(f.entry!, { maxBytes }) : this.archive.read(path, { maxBytes });
  }
  chunks(path: string): AsyncIterable<Buffer> {
    const f = this.byPath.get(path);
    return this.archive.chunks(f!.entry!, { maxBytes: Number.MAX_SAFE_INTEGER });
  }
  async readLink(path: string): Promise<string> {
    return (await this.read(path, 4096)).toString('utf8');
  }
}

const SKIP_DIRS = new Set(['.git', 'node_modules', '.upgrade-inspector']);

/** An unpacked package: a folder whose manifest.json follows the spec. */
export class FolderPackage implements PackageSource {
  readonly kind = 'folder';
  private constructor(
    readonly root: string,
    readonly name: string,
    private readonly list: PackageFile[],
    private readonly byPath: Map<string, PackageFile>,
  ) {}

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

  files(): PackageFile[] {
    return this.list;
  }
  file(path: string): PackageFile | undefined {
    return this.byPath.get(path);
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
