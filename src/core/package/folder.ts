import { closeSync, fstatSync, lstatSync, openSync, readdirSync, readSync, type Dirent, type Stats } from 'node:fs';
import { lstat, open, readdir, readlink, type FileHandle } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { ScriptSessions } from '../scripts/sessions';
import { why } from '../userFile';
import { OPEN_NO_WAIT } from '../zip/noWait';
import { inTurns } from '../inTurns';
import { IndexedPackage, type PackageFile, type PackageSource } from './source';

const SKIP_DIRS = new Set(['.git', 'node_modules', '.upgrade-inspector']);
/** Files of one folder looked at together through Node's pool: each look is a round trip (20,000 one by one took 1.1 s). */
const AT_ONCE = 64;
/**
 * A file up to this size is read whole for its digest (one open, stat, read and close; a read stream's set-up
 * cost the editor's review of 20,000 small files twice its time); a larger one is streamed.
 */
const WHOLE = 1024 * 1024;

/** Said when a path is not a regular file: a fifo that nothing writes held the review for ever, /dev/zero never ends. */
function refuseIrregular(path: string, st: Stats, maxBytes: number): void {
  if (!st.isFile()) {
    throw new Error(`${path}: not a regular file (${st.isFIFO() ? 'a fifo' : st.isSocket() ? 'a socket' : st.isDirectory() ? 'a folder' : 'a device'})`);
  }
  if (st.size > maxBytes) {
    throw new Error(`${path}: too large`);
  }
}

/** A regular file of the folder read whole with blocking calls (a link is followed). */
function readRegularSync(full: string, path: string, maxBytes: number): Buffer {
  const fd = openSync(full, OPEN_NO_WAIT);
  try {
    const st = fstatSync(fd);
    refuseIrregular(path, st, maxBytes);
    const bytes = Buffer.alloc(st.size);
    let done = 0;
    for (let n = -1; done < bytes.length && n !== 0; done += n) {
      n = readSync(fd, bytes, done, bytes.length - done, done);
    }
    return bytes.subarray(0, done);
  } finally {
    closeSync(fd);
  }
}

/** A regular file of the folder opened through Node's pool (a link is followed), and its size; the caller closes it. */
async function openRegular(full: string, path: string, maxBytes: number): Promise<{ fh: FileHandle; size: number }> {
  const fh = await open(full, OPEN_NO_WAIT);
  try {
    const st = await fh.stat();
    refuseIrregular(path, st, maxBytes);
    return { fh, size: st.size };
  } catch (e) {
    await fh.close();
    throw e;
  }
}

/** A regular file of the folder read whole through Node's pool (a link is followed). */
async function readRegular(full: string, path: string, maxBytes: number): Promise<Buffer> {
  const { fh, size } = await openRegular(full, path, maxBytes);
  try {
    const bytes = Buffer.alloc(size);
    let done = 0;
    for (let n = -1; done < size && n !== 0; done += n) {
      n = (await fh.read(bytes, done, size - done, done)).bytesRead;
    }
    return bytes.subarray(0, done);
  } finally {
    await fh.close();
  }
}

export interface FolderOptions {
  maxFiles?: number;
  /** Blocking calls, for a one-shot command: the editor's host, which every extension shares, reads through the pool. */
  blocking?: boolean;
}

/** An unpacked package: a folder whose manifest.json follows the spec. */
export class FolderPackage extends IndexedPackage implements PackageSource {
  readonly kind = 'folder';
  private constructor(
    readonly root: string,
    readonly name: string,
    protected readonly list: PackageFile[],
    protected readonly byPath: Map<string, PackageFile>,
    private readonly blocking: boolean,
    /** Folders inside that could not be listed: what they hold was not reviewed. */
    readonly notes: string[],
  ) {
    super();
  }

  /** Unsaved editor texts that stand in for the files on disk (live re-lint as the user types). */
  readonly overlay = new Map<string, string>();
  readonly scripts = new ScriptSessions();

  /**
   * Lists the folder, in the order of its directory entries. A file whose type cannot be told is listed as a
   * file (reading it says why it cannot be read); a folder inside that cannot be listed is named in `notes`.
   */
  static async open(root: string, name: string, { maxFiles = 100_000, blocking = false }: FolderOptions = {}): Promise<FolderPackage> {
    const list: PackageFile[] = [];
    const notes: string[] = [];
    const look = (full: string): Promise<Stats | undefined> => (blocking ? (async () => lstatSync(full))() : lstat(full)).catch(() => undefined);
    const walk = async (dir: string): Promise<void> => {
      let dirents: Dirent[];
      try {
        dirents = blocking ? readdirSync(dir, { withFileTypes: true }) : await readdir(dir, { withFileTypes: true });
      } catch (e) {
        if (dir === root) {
          throw e;
        }
        notes.push(`${relative(root, dir).split(sep).join('/')} could not be listed (${why(e)}): what it holds was not reviewed`);
        return;
      }
      const room = maxFiles - list.length;
      const files = dirents.filter((d) => !d.isDirectory()).slice(0, room);
      const stats = new Map<Dirent, Stats | undefined>();
      (await inTurns(files, AT_ONCE, (d) => look(join(dir, d.name)))).forEach((st, i) => stats.set(files[i], st));
      for (const dirent of dirents) {
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
        const st = stats.get(dirent);
        list.push({ path, size: st?.size ?? 0, mtime: st?.mtime ?? new Date(0), mode: st?.mode, type: st?.isSymbolicLink() ? 'symlink' : 'file' });
      }
    };
    await walk(root);
    return new FolderPackage(root, name, list, new Map(list.map((f) => [f.path, f])), blocking, notes);
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
    const full = join(this.root, path);
    return this.blocking ? readRegularSync(full, path, maxBytes) : readRegular(full, path, maxBytes);
  }

  chunks(path: string): AsyncIterable<Buffer> {
    const full = join(this.root, path);
    // An unsaved text, or a file up to WHOLE, is read whole; a larger file is streamed.
    const whole = this.overlay.has(path) || (this.byPath.get(path)?.size ?? Infinity) <= WHOLE;
    const read = (): Promise<Buffer> => this.read(path, WHOLE);
    return (async function* () {
      if (whole) {
        yield await read();
      } else {
        // The stream closes the handle when it ends or fails.
        yield* (await openRegular(full, path, Number.MAX_SAFE_INTEGER)).fh.createReadStream() as AsyncIterable<Buffer>;
      }
    })();
  }

  readLink(path: string): Promise<string> {
    return readlink(join(this.root, path));
  }
}
