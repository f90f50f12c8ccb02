import { readSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { OPEN_NO_WAIT } from './noWait';

/** Random access to the bytes of an archive; the archive itself is never loaded whole. */
export interface ByteSource {
  readonly size: number;
  /**
   * The bytes at [offset, offset + length), fewer at the end of the source. With `into` (at least `length`
   * long), a file is read into it: a reader that reads region after region reuses one buffer, where a new one
   * each time costs its first touch of every page (on this project's CI VM, ~4 ms per MiB).
   */
  read(offset: number, length: number, into?: Buffer): Promise<Buffer>;
  close(): Promise<void>;
}

/** The longest read a source opened with `blockingSmallReads` makes blocking. */
const BLOCKING_READ_MAX = 64 * 1024;

export interface FileSourceOptions {
  /**
   * Read regions up to 64 KiB (a local header, a manifest, a script) with a blocking positioned read, for a
   * one-shot process (the CLI): an asynchronous read is a round trip through Node's thread pool, and while
   * ShellCheck keeps the other core busy the pool's thread waits for a core as the main thread idles. Not for
   * the editor's host, which every extension shares.
   */
  blockingSmallReads?: boolean;
}

export class FileSource implements ByteSource {
  private constructor(
    private readonly handle: FileHandle,
    readonly size: number,
    private readonly blocking: boolean,
  ) {}

  static async open(path: string, options: FileSourceOptions = {}): Promise<FileSource> {
    const handle = await open(path, OPEN_NO_WAIT);
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) {
        // `lint <(curl …)` gives a pipe: a ZIP is read from its end, which a pipe cannot give.
        const what = stat.isFIFO() ? 'a pipe, and a ZIP is read from its end: save it to a file first' : stat.isDirectory() ? 'a folder' : 'not a regular file';
        throw Object.assign(new Error(`${path} is ${what}`), { code: 'EISDIR' });
      }
      return new FileSource(handle, stat.size, options.blockingSmallReads === true);
    } catch (e) {
      await handle.close();
      throw e;
    }
  }

  async read(offset: number, length: number, into?: Buffer): Promise<Buffer> {
    const buf = into && into.length >= length ? into : Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const bytesRead =
        this.blocking && length - done <= BLOCKING_READ_MAX
          ? readSync(this.handle.fd, buf, done, length - done, offset + done)
          : (await this.handle.read(buf, done, length - done, offset + done)).bytesRead;
      if (bytesRead === 0) {
        break;
      }
      done += bytesRead;
    }
    return done === buf.length ? buf : buf.subarray(0, done);
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

export class BufferSource implements ByteSource {
  constructor(private readonly buf: Uint8Array) {}
  get size(): number {
    return this.buf.length;
  }
  async read(offset: number, length: number): Promise<Buffer> {
    const start = Math.min(this.buf.length, Math.max(0, offset));
    const end = Math.min(this.buf.length, start + length);
    return Buffer.from(this.buf.buffer, this.buf.byteOffset + start, end - start);
  }
  async close(): Promise<void> {}
}

/** A range of another source: a ZIP stored inside a ZIP, read in place. Closing it leaves the parent open. */
export class SliceSource implements ByteSource {
  constructor(
    private readonly parent: ByteSource,
    private readonly start: number,
    readonly size: number,
  ) {}
  read(offset: number, length: number): Promise<Buffer> {
    const from = Math.min(this.size, Math.max(0, offset));
    return this.parent.read(this.start + from, Math.min(length, this.size - from));
  }
  async close(): Promise<void> {}
}
