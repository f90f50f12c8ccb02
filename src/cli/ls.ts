import { cleanNameBytes, dosFields, scanCentralDirectory, type EntryType, type RawRecord, type ZipEntry } from '../core/zip';
import { explainZipError, openFileOrExplain, openZipOrExplain, write } from './io';

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

/**
 * `ls` as text, written straight from the central directory's bytes into one buffer. Most records are never
 * decoded: their fixed fields give size, date and mode, and their name bytes are checked as they are copied.
 * Each line is kept as a few numbers until it is written.
 */
async function listText(path: string): Promise<Buffer> {
  const source = await openFileOrExplain(path);
  // Distinct mode strings and dates are few: lines point at them by number.
  const texts: Buffer[] = [];
  const known = new Map<string | number, number>();
  let lastKey: string | number | undefined;
  let lastId = 0;
  const textId = (key: string | number, make: () => string): number => {
    if (key === lastKey) {
      return lastId; // neighbours mostly share their mode or date
    }
    let id = known.get(key);
    if (id === undefined) {
      id = texts.push(Buffer.from(make())) - 1;
      known.set(key, id);
    }
    lastKey = key;
    lastId = id;
    return id;
  };
  const modes: number[] = [];
  const dates: number[] = [];
  const sizes: number[] = [];
  const records: number[] = [];
  const decoded = new Map<number, Buffer>();
  let raw: RawRecord | undefined;
  let largest = 0;
  const line = (type: EntryType, mode: number | undefined, size: number, date: number): void => {
    modes.push(textId(-1 - (((mode ?? 0x1ffff) << 2) | (type === 'directory' ? 1 : type === 'symlink' ? 2 : 0)), () => modeString(type, mode)));
    largest = Math.max(largest, size);
    sizes.push(size);
    dates.push(date);
  };
  const name = (e: ZipEntry): Buffer => Buffer.from(e.path ?? e.rawName);
  const visit = (r: RawRecord): void => {
    raw = r;
    records.push(r.at);
    if (r.plain) {
      line(r.type, r.unixMode, r.uncompressedSize, textId(r.dosDateTime, () => dosDate(r.dosDateTime)));
    } else {
      const e = r.decode();
      const iso = e.extraMtime?.toISOString().slice(0, 16);
      line(e.type, e.mode, e.uncompressedSize, iso ? textId(iso, () => iso.replace('T', ' ')) : textId(r.dosDateTime, () => dosDate(r.dosDateTime)));
      decoded.set(sizes.length - 1, name(e));
    }
  };
  try {
    await scanCentralDirectory(source, visit);
  } catch (e) {
    throw explainZipError(path, e);
  } finally {
    await source.close();
  }
  if (!raw) {
    return Buffer.alloc(0);
  }
  const r = raw;
  const width = String(largest).length;
  let total = 0;
  for (let i = 0; i < sizes.length; i++) {
    total += texts[modes[i]].length + width + texts[dates[i]].length + 6;
  }
  total += r.cd.length;
  decoded.forEach((b) => (total += b.length));
  let out = Buffer.allocUnsafe(total);
  const digits = new Uint8Array(20);
  let at = 0;
  for (let i = 0; i < sizes.length; i++) {
    const mode = texts[modes[i]];
    at = put(out, at, mode);
    out[at++] = 0x20;
    let n = sizes[i];
    let d = digits.length;
    do {
      digits[--d] = 0x30 + (n % 10);
      n = Math.floor(n / 10);
    } while (n > 0);
    for (let pad = width - (digits.length - d); pad > 0; pad--) {
      out[at++] = 0x20;
    }
    at = put(out, at, digits, d);
    out[at++] = 0x20;
    at = put(out, at, texts[dates[i]]);
    out[at++] = 0x20;
    let given = decoded.get(i);
    // The name's bytes follow the record's 46 fixed bytes; its length is at offset 28.
    const nameStart = records[i] + 46;
    const nameEnd = nameStart + (r.cd[records[i] + 28] | (r.cd[records[i] + 29] << 8));
    const copied = given || nameEnd === nameStart ? -1 : cleanNameBytes(r.cd, nameStart, nameEnd, out, at);
    if (copied >= 0) {
      at = copied;
      if (mode[0] === 0x64 && out[at - 1] !== 0x2f) {
        out[at++] = 0x2f; // a folder by its attributes: "/" after the name, as for any folder
      }
    } else {
      if (!given) {
        // A name to make safe or to decode: the entry says what to print.
        r.readAt(records[i], i);
        given = name(r.decode());
        if (out.length - at < given.length + 2) {
          // A decoded name can take more bytes than it was stored in (CP437 to UTF-8).
          out = Buffer.concat([out.subarray(0, at), Buffer.allocUnsafe(out.length + given.length)]);
        }
      }
      at = put(out, at, given);
      if (mode[0] === 0x64) {
        out[at++] = 0x2f; // a folder: "d" mode, "/" after the name
      }
    }
    out[at++] = 0x0a;
  }
  return out.subarray(0, at);
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
