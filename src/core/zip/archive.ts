import type { Readable } from 'node:stream';
import { streamModule, zlibModule } from './nodeLibs';
import { corrupt, ZipError } from './errors';
import { readCentralDirectory, type CentralDirectory, type ReadOptions } from './centralDirectory';
import { BufferSource, FileSource, SliceSource, type ByteSource, type FileSourceOptions } from './source';
import { METHOD_DEFLATED, METHOD_STORED, methodName, type ZipEntry } from './entry';
import { hex, LFH_SIG, scanLayout, sortedBy, type Layout } from './layout';
import type { ArchiveAnomaly } from './anomalies';
import { crc32Range, SMALL_CRC } from './crc';

const CHUNK = 1024 * 1024;
export const DEFAULT_MAX_ENTRY_BYTES = 64 * 1024 * 1024;
/** Entries up to this size are read with their neighbours in one read and inflated in memory. */
const SMALL_STORED = 256 * 1024;
const SMALL_EXPANDED = 4 * 1024 * 1024;
const REGION = 4 * 1024 * 1024;

/** How readAll reads: EntryReadOptions, and which entries' bytes its visitor wants. */
export interface ReadAllOptions extends EntryReadOptions {
  /** Whether `visit` wants an entry's bytes (all by default); one it does not want is read and checked, not visited. */
  wanted?: (entry: ZipEntry) => boolean;
}

export interface EntryReadOptions {
  /** Refuse an entry whose content is larger than this (default 64 MiB). */
  maxBytes?: number;
  /** Read an entry whose name is kept out of the tree (`cat` of a name exactly as `ls` prints it). */
  anyName?: boolean;
}

/**
 * A ZIP archive opened for random access: the central directory is read once and indexed; entries are
 * read on demand by byte range, CRC-checked, never past their declared size.
 */
export class ZipArchive {
  readonly entries: readonly ZipEntry[];
  readonly comment: string;
  private byPath: Map<string, ZipEntry> | undefined;
  private layoutCache: Promise<Layout> | undefined;

  private constructor(
    private readonly source: ByteSource,
    private readonly cd: CentralDirectory,
  ) {
    this.entries = cd.entries;
    this.comment = cd.comment;
  }

  static async open(path: string, options?: ReadOptions & FileSourceOptions): Promise<ZipArchive> {
    const source = await FileSource.open(path, options);
    return ZipArchive.fromSource(source, options);
  }

  static async fromBuffer(bytes: Uint8Array, options?: ReadOptions): Promise<ZipArchive> {
    return ZipArchive.fromSource(new BufferSource(bytes), options);
  }

  /** An archive over any random-access source (a nested ZIP read again from its outer archive on demand). */
  static async fromSource(source: ByteSource, options?: ReadOptions): Promise<ZipArchive> {
    try {
      return new ZipArchive(source, await readCentralDirectory(source, options));
    } catch (e) {
      await source.close();
      throw e;
    }
  }

  get size(): number {
    return this.source.size;
  }

  get isZip64(): boolean {
    return this.cd.zip64;
  }

  /** The first entry at each normalised path (files and explicit folders): the one place a ZIP's duplicate names are settled. */
  pathIndex(): ReadonlyMap<string, ZipEntry> {
    if (!this.byPath) {
      // One lookup per path where no name repeats, the common case: a later entry at a path keeps the first
      // one's place in the order and only replaces its value, which the second pass puts back.
      const byPath = new Map<string, ZipEntry>();
      let unsafe = 0;
      this.entries.forEach((e) => {
        if (e.path === undefined) {
          unsafe++;
        } else {
          byPath.set(e.path, e);
        }
      });
      if (byPath.size + unsafe < this.entries.length) {
        for (let i = this.entries.length - 1; i >= 0; i--) {
          const e = this.entries[i];
          if (e.path !== undefined) {
            byPath.set(e.path, e);
          }
        }
      }
      this.byPath = byPath;
    }
    return this.byPath;
  }

  /** The first entry at a path, as a user may write it (leading or trailing slashes allowed). */
  getEntry(path: string): ZipEntry | undefined {
    return this.pathIndex().get(path.replace(/^\/+|\/+$/g, ''));
  }

  close(): Promise<void> {
    return this.source.close();
  }

  /**
   * The local headers read once, in file order, against the central directory: where each entry's data
   * starts, and what the layout hides (see scanLayout). Made on first use; reads use it from then on.
   */
  layout(): Promise<Layout> {
    this.layoutCache ??= scanLayout(this.source, this.entries, this.cd.offset, (e, buf, start, end) => this.cd.sameName(e, buf, start, end));
    return this.layoutCache;
  }

  /**
   * What one entry's local header says against its central record (a header mismatch, a bad data
   * descriptor), without reading the rest of the archive: for `cat`, which must not print what a streaming
   * extractor would not.
   */
  async entryProblems(entry: ZipEntry): Promise<string[]> {
    const layout = this.layoutCache ? await this.layoutCache : await scanLayout(this.source, [entry], this.cd.offset, (e, buf, start, end) => this.cd.sameName(e, buf, start, end), false);
    return layout.anomalies.filter((a) => a.entry === entry && (a.kind === 'header-mismatch' || a.kind === 'unreadable-header')).map((a) => a.message);
  }

  /** Everything about the archive's structure a reviewer should know (end records, then local headers). */
  async anomalies(): Promise<ArchiveAnomaly[]> {
    return [...this.cd.anomalies, ...(await this.layout()).anomalies];
  }

  /**
   * A ZIP stored (not compressed) as an entry of this one, read in place through a range of this archive's
   * source: nothing is copied into memory. Undefined for an entry that is compressed or encrypted.
   */
  async openStored(entry: ZipEntry, options?: ReadOptions): Promise<ZipArchive | undefined> {
    if (entry.method !== METHOD_STORED || entry.encrypted || entry.compressedSize !== entry.uncompressedSize) {
      return undefined;
    }
    return ZipArchive.fromSource(new SliceSource(this.source, await this.dataOffset(entry), entry.compressedSize), options);
  }

  /** Where the entry's data starts, after checking its local header. */
  private async dataOffset(entry: ZipEntry): Promise<number> {
    const name = entry.rawName;
    if (this.layoutCache) {
      return startIn(await this.layoutCache, entry);
    }
    if (entry.localHeaderOffset + 30 > this.cd.offset) {
      throw corrupt('local header lies outside the file data', name);
    }
    const header = await this.source.read(entry.localHeaderOffset, 30);
    const sig = header.readUInt32LE(0);
    if (sig !== LFH_SIG) {
      throw corrupt(`invalid local file header signature 0x${sig.toString(16)}`, name);
    }
    const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    if (start + entry.compressedSize > this.cd.offset) {
      throw corrupt(
        `file data overflows the file bounds (${start} + ${entry.compressedSize} > ${this.cd.offset})`,
        name,
      );
    }
    return start;
  }

  private checkReadable(entry: ZipEntry, maxBytes: number, anyName = false): void {
    const name = entry.rawName;
    if (entry.unsafeName && !anyName) {
      throw new ZipError('unsafe-path', `refused: ${entry.unsafeName}`, name);
    }
    if (entry.strongEncryption) {
      throw new ZipError('encrypted', 'strong encryption is not supported', name);
    }
    if (entry.encrypted) {
      throw new ZipError('encrypted', 'entry is encrypted and cannot be read', name);
    }
    if (entry.problem !== undefined) {
      throw corrupt(entry.problem, name);
    }
    if (entry.method !== METHOD_STORED && entry.method !== METHOD_DEFLATED) {
      throw new ZipError('unsupported', `compressed with ${methodName(entry.method)}, which this review cannot read`, name);
    }
    if (entry.method === METHOD_STORED && entry.compressedSize !== entry.uncompressedSize) {
      throw corrupt(
        `compressed and uncompressed sizes differ for a stored entry (${entry.compressedSize} vs ${entry.uncompressedSize})`,
        name,
      );
    }
    if (entry.uncompressedSize > maxBytes) {
      throw new ZipError('too-large', `entry of ${entry.uncompressedSize} bytes exceeds the limit of ${maxBytes}`, name);
    }
  }

  /** Bytes of the archive file itself from `start` (fewer at its end), read into `into` when it is long enough. */
  readBytes(start: number, length: number, into?: Buffer): Promise<Buffer> {
    return this.source.read(start, length, into);
  }

  /** The stored bytes of an entry, still compressed or encrypted. Bounded by maxBytes. */
  async readRaw(entry: ZipEntry, options: EntryReadOptions = {}): Promise<Buffer> {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_ENTRY_BYTES;
    if (entry.compressedSize > maxBytes) {
      throw new ZipError('too-large', `entry of ${entry.compressedSize} stored bytes exceeds the limit of ${maxBytes}`, entry.rawName);
    }
    const start = await this.dataOffset(entry);
    return this.source.read(start, entry.compressedSize);
  }

  /**
   * An entry's content, whole, checked against its declared size and CRC-32. A small one (a manifest, a
   * script, a certificate) is read at once and inflated in memory: a stream pipeline for it cost more than its
   * bytes, and a one-shot process the set-up of Node's stream machinery besides.
   */
  async readEntry(entry: ZipEntry, options: EntryReadOptions = {}): Promise<Buffer> {
    if (entry.compressedSize <= SMALL_STORED && entry.uncompressedSize <= SMALL_EXPANDED) {
      this.checkReadable(entry, options.maxBytes ?? DEFAULT_MAX_ENTRY_BYTES, options.anyName);
      return this.expand(entry, await this.source.read(await this.dataOffset(entry), entry.compressedSize));
    }
    const parts: Buffer[] = [];
    for await (const chunk of this.chunks(entry, options)) {
      parts.push(chunk);
    }
    return parts.length === 1 ? parts[0] : Buffer.concat(parts);
  }

  async read(path: string, options?: EntryReadOptions): Promise<Buffer> {
    const entry = this.getEntry(path);
    if (!entry || entry.type === 'directory') {
      throw new ZipError('not-found', 'no such file in the package', path);
    }
    return this.readEntry(entry, options);
  }

  /** An entry's content as a stream of chunks: for large entries (hashing, `cat`). */
  stream(entry: ZipEntry, options: EntryReadOptions = {}): Readable {
    return streamModule().Readable.from(this.chunks(entry, { maxBytes: options.maxBytes ?? Number.MAX_SAFE_INTEGER }));
  }

  async *chunks(entry: ZipEntry, options: EntryReadOptions = {}): AsyncGenerator<Buffer> {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_ENTRY_BYTES;
    this.checkReadable(entry, maxBytes, options.anyName);
    const start = await this.dataOffset(entry);
    const end = start + entry.compressedSize;
    const source = this.source;
    async function* raw(): AsyncGenerator<Buffer> {
      for (let at = start; at < end; at += CHUNK) {
        const chunk = await source.read(at, Math.min(CHUNK, end - at));
        if (chunk.length === 0) {
          throw corrupt('unexpected end of file', entry.rawName);
        }
        yield chunk;
      }
    }
    let crc = 0;
    let total = 0;
    const expected = entry.uncompressedSize;
    const body: AsyncIterable<Buffer> =
      entry.method === METHOD_STORED ? raw() : streamModule().pipeline(streamModule().Readable.from(raw()), zlibModule().createInflateRaw(), () => undefined);
    try {
      for await (const chunk of body) {
        total += chunk.length;
        if (total > expected) {
          throw new ZipError('too-large', `inflates past its declared size of ${expected} bytes`, entry.rawName);
        }
        crc = zlibModule().crc32(chunk, crc);
        yield chunk;
      }
    } catch (e) {
      if (e instanceof ZipError) {
        throw e;
      }
      throw corrupt(`cannot be inflated: ${(e as Error).message}`, entry.rawName);
    } finally {
      if (body instanceof streamModule().Readable) {
        body.destroy();
      }
    }
    if (total < expected) {
      throw corrupt(`content is shorter than declared: expected ${expected} bytes, got ${total}`, entry.rawName);
    }
    checkCrc(entry, crc);
  }

  /**
   * Many entries' contents, in file order: small entries are read with their neighbours in one positioned
   * read and inflated in memory (`visit` gets a Buffer, whose memory is reused once `visit` has returned or its
   * promise has settled: copy what must be kept); large ones are streamed (`visit` gets the chunks, and must
   * consume them before it returns). An entry that cannot be read whole and intact goes to `onError`; one that
   * `options.wanted` does not want is read and checked all the same, and a small stored one without a view of
   * its bytes.
   */
  async readAll(
    entries: readonly ZipEntry[],
    options: ReadAllOptions,
    visit: (entry: ZipEntry, content: Buffer | AsyncIterable<Buffer>) => void | Promise<void>,
    onError: (entry: ZipEntry, error: ZipError) => void,
  ): Promise<void> {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_ENTRY_BYTES;
    const layout = await this.layout();
    const order = sortedBy(entries, (e) => layout.dataStart[e.index]);
    let region: Buffer = Buffer.alloc(0);
    let regionStart = 0;
    // One buffer for every region: `visit` has done with an entry's bytes when it returns (or its promise does).
    let spare: Buffer | undefined;
    for (let i = 0; i < order.length; i++) {
      const entry = order[i];
      try {
        this.checkReadable(entry, maxBytes);
        const start = startIn(layout, entry);
        const wanted = options.wanted?.(entry) ?? true;
        if (entry.compressedSize > SMALL_STORED || entry.uncompressedSize > SMALL_EXPANDED) {
          const chunks = this.chunks(entry, { maxBytes });
          if (wanted) {
            await visit(entry, chunks);
          } else {
            for await (const chunk of chunks) {
              void chunk; // read to the end: the CRC-32 is checked as the chunks go by
            }
          }
          continue;
        }
        if (start < regionStart || start + entry.compressedSize > regionStart + region.length) {
          regionStart = start;
          const size = Math.min(Math.max(REGION, entry.compressedSize), this.cd.offset - start);
          if (spare === undefined || spare.length < size) {
            spare = Buffer.allocUnsafe(size);
          }
          region = await this.source.read(start, size, spare);
        }
        const at = start - regionStart;
        if (!wanted && entry.method === METHOD_STORED && entry.compressedSize <= SMALL_CRC) {
          if (region.length - at < entry.compressedSize) {
            throw corrupt('unexpected end of file', entry.rawName);
          }
          checkCrc(entry, crc32Range(region, at, at + entry.compressedSize));
          continue;
        }
        const content = this.expand(entry, region.subarray(at, at + entry.compressedSize));
        // Most visitors are synchronous for a whole buffer: no await, no microtask per entry.
        const pending = wanted ? visit(entry, content) : undefined;
        if (pending) {
          await pending;
        }
      } catch (e) {
        if (!(e instanceof ZipError)) {
          throw e;
        }
        onError(entry, e);
      }
    }
  }

  /** A small entry's stored bytes, inflated in memory and checked against its size and CRC-32. */
  private expand(entry: ZipEntry, raw: Buffer): Buffer {
    if (raw.length < entry.compressedSize) {
      throw corrupt('unexpected end of file', entry.rawName);
    }
    let data = raw;
    if (entry.method === METHOD_DEFLATED) {
      try {
        data = zlibModule().inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
          throw new ZipError('too-large', `inflates past its declared size of ${entry.uncompressedSize} bytes`, entry.rawName);
        }
        throw corrupt(`cannot be inflated: ${(e as Error).message}`, entry.rawName);
      }
    }
    if (data.length !== entry.uncompressedSize) {
      throw corrupt(`content is shorter than declared: expected ${entry.uncompressedSize} bytes, got ${data.length}`, entry.rawName);
    }
    checkCrc(entry, zlibModule().crc32(data));
    return data;
  }
}

function checkCrc(entry: ZipEntry, crc: number): void {
  if (crc >>> 0 !== entry.crc32 >>> 0) {
    throw corrupt(`CRC-32 mismatch (expected ${hex(entry.crc32)}, got ${hex(crc)})`, entry.rawName);
  }
}

/** Where an entry's data starts by the layout pass, or why it must not be read. */
function startIn(layout: Layout, entry: ZipEntry): number {
  const why = layout.unreadable.get(entry.index);
  if (why !== undefined) {
    throw corrupt(why, entry.rawName);
  }
  return layout.dataStart[entry.index];
}

