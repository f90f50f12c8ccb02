import { cleanNameBytes, dosFields, openCentralDirectory, type EntryType, type RawRecord, type ZipEntry } from '../core/zip';
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

const entryName = (e: ZipEntry): Buffer => Buffer.from(e.path ?? e.rawName);

/** Buffers of the few distinct mode strings and dates, made once each; neighbours mostly share theirs. */
class Texts {
  private readonly known = new Map<string | number, Buffer>();
  private lastKey: string | number | undefined;
  private last: Buffer = Buffer.alloc(0);
  get(key: string | number, make: () => string): Buffer {
    if (key !== this.lastKey) {
      let b = this.known.get(key);
      if (b === undefined) {
        b = Buffer.from(make());
        this.known.set(key, b);
      }
      this.lastKey = key;
      this.last = b;
    }
    return this.last;
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

/**
 * Second pass: the lines. A name is copied from the central directory as it is checked (cleanNameBytes); a
 * name to make safe or to decode goes through the entry.
 */
function writeLines(count: number, r: RawRecord, width: number, decoded: Map<number, ZipEntry>): Buffer {
  const modes = new Texts();
  const dates = new Texts();
  let out = Buffer.allocUnsafe(r.cd.length + count * (width + 32));
  const digits = new Uint8Array(20);
  let at = 0;
  for (let i = 0; i < count; i++) {
    r.read(i);
    const e = decoded.size > 0 ? decoded.get(i) : undefined;
    const type = e ? e.type : r.type;
    const unixMode = e ? e.mode : r.unixMode;
    const mode = modes.get(((unixMode ?? 0x1ffff) << 2) | (type === 'directory' ? 1 : type === 'symlink' ? 2 : 0), () => modeString(type, unixMode));
    const iso = e?.extraMtime?.toISOString().slice(0, 16);
    const date = iso ? dates.get(iso, () => iso.replace('T', ' ')) : dates.get(r.dosDateTime, () => dosDate(r.dosDateTime));
    at = put(out, at, mode);
    out[at++] = 0x20;
    at = putSize(out, at, e ? e.uncompressedSize : r.uncompressedSize, width, digits);
    out[at++] = 0x20;
    at = put(out, at, date);
    out[at++] = 0x20;
    const copied = e || r.nameEnd === r.nameStart ? -1 : cleanNameBytes(r.cd, r.nameStart, r.nameEnd, out, at);
    if (copied >= 0) {
      at = copied;
      if (type === 'directory' && out[at - 1] !== 0x2f) {
        out[at++] = 0x2f; // a folder by its attributes: "/" after the name, as for any folder
      }
    } else {
      const name = entryName(e ?? r.decode());
      if (out.length - at < name.length + width + 32) {
        // A decoded name can take more bytes than it was stored in (CP437 to UTF-8).
        out = Buffer.concat([out.subarray(0, at), Buffer.allocUnsafe(out.length + name.length + width + 32)]);
      }
      at = put(out, at, name);
      if (type === 'directory') {
        out[at++] = 0x2f; // a folder: "/" after the name
      }
    }
    out[at++] = 0x0a;
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
