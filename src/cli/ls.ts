import { cleanNameBytes, dosFields, openCentralDirectory, type EntryType, type RawRecord, type ZipEntry } from '../core/zip';
import { escapeControls } from '../core/text';
import { CliError, explainZipError, openFileOrExplain, openZipOrExplain, write } from './io';

const PERMS = 'rwxrwxrwx';

function modeString(type: EntryType, mode: number | undefined): string {
  const kind = type === 'directory' ? 'd' : type === 'symlink' ? 'l' : '-';
  if (mode === undefined) {
    return kind + (type === 'directory' ? 'rwxr-xr-x' : 'rw-r--r--');
  }
  let s = kind;
  for (let i = 0; i < 9; i++) {
    s += mode & (1 << (8 - i)) ? PERMS[i] : '-';
  }
  return s;
}

const two = (n: number): string => (n < 10 ? '0' : '') + n;

function dosDate(dos: number): string {
  const f = dosFields(dos);
  return `${f.year}-${two(f.month)}-${two(f.day)} ${two(f.hour)}:${two(f.minute)}`;
}

/** Copies bytes one by one: for the few bytes of a name or a field this beats Buffer#copy's call. */
function put(out: Buffer, at: number, from: Uint8Array, start = 0, end = from.length): number {
  for (let i = start; i < end; i++) {
    out[at++] = from[i];
  }
  return at;
}

/** The name `ls` prints: control characters escaped, so a name cannot rewrite the terminal (cat accepts it). */
const entryName = (e: ZipEntry): Buffer => Buffer.from(escapeControls(e.path ?? e.rawName));

/** Buffers of the few distinct mode strings and dates, made once each; neighbours mostly share theirs. */
class Texts {
  private readonly known = new Map<number | string, Buffer>();
  private lastKey: number | string | undefined;
  private last: Buffer = Buffer.alloc(0);
  /** The text for a key, or undefined the first time (then `set` it). */
  get(key: number | string): Buffer | undefined {
    if (key === this.lastKey) {
      return this.last;
    }
    const b = this.known.get(key);
    if (b !== undefined) {
      this.lastKey = key;
      this.last = b;
    }
    return b;
  }
  set(key: number | string, text: string): Buffer {
    const b = Buffer.from(text);
    this.known.set(key, b);
    return b;
  }
}

/** First pass: the widest size, and the records that had to be decoded (extra fields), by index. */
function survey(count: number, r: RawRecord): { largest: number; decoded: Map<number, ZipEntry> } {
  const decoded = new Map<number, ZipEntry>();
  let largest = 0;
  for (let i = 0; i < count; i++) {
    r.read(i);
    let size = r.uncompressedSize;
    if (!r.plain) {
      const e = r.decode();
      decoded.set(i, e);
      size = e.uncompressedSize;
    }
    largest = Math.max(largest, size);
  }
  return { largest, decoded };
}

/** The digits of n, right-aligned to `width` with spaces. */
function putSize(out: Buffer, at: number, n: number, width: number, digits: Uint8Array): number {
  let d = digits.length;
  do {
    digits[--d] = 0x30 + (n % 10);
    n = Math.floor(n / 10);
  } while (n > 0);
  for (let pad = width - (digits.length - d); pad > 0; pad--) {
    out[at++] = 0x20;
  }
  return put(out, at, digits, d);
}

/** Writes "mode size date " at the start of a line; mode strings and dates are made once each. */
class Prefix {
  private readonly modes = new Texts();
  private readonly dates = new Texts();
  private readonly digits = new Uint8Array(20);
  constructor(private readonly width: number) {}

  put(out: Buffer, at: number, type: EntryType, unixMode: number | undefined, size: number, dateKey: number | string): number {
    const modeKey = ((unixMode ?? 0x1ffff) << 2) | (type === 'directory' ? 1 : type === 'symlink' ? 2 : 0);
    at = put(out, at, this.modes.get(modeKey) ?? this.modes.set(modeKey, modeString(type, unixMode)));
    out[at++] = 0x20;
    at = putSize(out, at, size, this.width, this.digits);
    out[at++] = 0x20;
    at = put(out, at, this.dates.get(dateKey) ?? this.dates.set(dateKey, typeof dateKey === 'string' ? dateKey.replace('T', ' ') : dosDate(dateKey)));
    out[at++] = 0x20;
    return at;
  }
}

/** Where the listing is written; it grows only for a decoded name longer than its stored bytes. */
interface Sink {
  out: Buffer;
  at: number;
}

/** One line of a record that was decoded (extra fields, or a name to make safe or to decode): the cold path. */
function putEntryLine(sink: Sink, e: ZipEntry, prefix: Prefix, width: number): void {
  const name = entryName(e);
  if (sink.out.length - sink.at < name.length + width + 32) {
    // A decoded name can take more bytes than it was stored in (CP437 to UTF-8).
    sink.out = Buffer.concat([sink.out.subarray(0, sink.at), Buffer.allocUnsafe(sink.out.length + name.length + width + 32)]);
  }
  const out = sink.out;
  let at = prefix.put(out, sink.at, e.type, e.mode, e.uncompressedSize, e.extraMtime ? e.extraMtime.toISOString().slice(0, 16) : e.dosDateTime);
  at = put(out, at, name);
  if (e.type === 'directory') {
    out[at++] = 0x2f; // a folder: "/" after the name
  }
  out[at++] = 0x0a;
  sink.at = at;
}

/**
 * Second pass: the lines. A name is copied from the central directory as it is checked (cleanNameBytes);
 * a record decoded in the first pass, or whose name must be made safe or decoded, goes through its entry.
 */
function writeLines(count: number, r: RawRecord, width: number, decoded: Map<number, ZipEntry>): Buffer {
  const prefix = new Prefix(width);
  const sink: Sink = { out: Buffer.allocUnsafe(r.cd.length + count * (width + 32)), at: 0 };
  let out = sink.out;
  let at = 0;
  for (let i = 0; i < count; i++) {
    r.read(i);
    const e = decoded.size > 0 ? decoded.get(i) : undefined;
    let copied = -1;
    if (!e && r.nameEnd > r.nameStart) {
      const type = r.type;
      const named = prefix.put(out, at, type, r.unixMode, r.uncompressedSize, r.dosDateTime);
      copied = cleanNameBytes(r.cd, r.nameStart, r.nameEnd, out, named);
      if (copied >= 0) {
        at = copied;
        if (type === 'directory' && out[at - 1] !== 0x2f) {
          out[at++] = 0x2f; // a folder by its attributes: "/" after the name, as for any folder
        }
        out[at++] = 0x0a;
      }
    }
    if (copied < 0) {
      sink.at = at;
      putEntryLine(sink, e ?? r.decode(), prefix, width);
      out = sink.out;
      at = sink.at;
    }
  }
  return out.subarray(0, at);
}

/**
 * `ls` as text, written straight from the central directory's bytes into one buffer. Most records are never
 * decoded: their fixed fields give size, date and mode, and their name bytes are checked as they are copied.
 * Each pass has a function of its own, so the optimizing compiler takes each loop on early.
 */
async function listText(path: string): Promise<Buffer> {
  const source = await openFileOrExplain(path);
  try {
    const { count, record } = await openCentralDirectory(source);
    const { largest, decoded } = survey(count, record);
    return writeLines(count, record, String(largest).length, decoded);
  } catch (e) {
    throw e instanceof CliError ? e : explainZipError(path, e);
  } finally {
    await source.close();
  }
}

/** `ls`: every central-directory entry in order (explicit folders included, implied ones not). */
export async function runLs(path: string, json: boolean): Promise<number> {
  if (!json) {
    await write(await listText(path));
    return 0;
  }
  const archive = await openZipOrExplain(path);
  try {
    const entries = archive.entries.map((e) => ({
      path: e.path ?? e.rawName,
      size: e.uncompressedSize,
      compressedSize: e.compressedSize,
      mtime: e.mtime.toISOString(),
      mode: e.mode ?? null,
      type: e.type,
    }));
    await write(JSON.stringify({ entries }, null, 2) + '\n');
  } finally {
    await archive.close();
  }
  return 0;
}
