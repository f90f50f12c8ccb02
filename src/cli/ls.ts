import { dosFields, type ZipEntry } from '../core/zip';
import { openZipOrExplain, write } from './io';

const PERMS = 'rwxrwxrwx';

export function modeString(entry: ZipEntry): string {
  const kind = entry.type === 'directory' ? 'd' : entry.type === 'symlink' ? 'l' : '-';
  if (entry.mode === undefined) {
    return kind + (entry.type === 'directory' ? 'rwxr-xr-x' : 'rw-r--r--');
  }
  let s = kind;
  for (let i = 0; i < 9; i++) {
    s += entry.mode & (1 << (8 - i)) ? PERMS[i] : '-';
  }
  return s;
}

const two = (n: number): string => (n < 10 ? '0' : '') + n;

/** "YYYY-MM-DD HH:MM", straight from the DOS fields when there is no extra-field time (no Date built). */
function date(e: ZipEntry, cache: Map<number, string>): string {
  if (e.extraMtime) {
    const iso = e.extraMtime.toISOString();
    return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
  }
  let text = cache.get(e.dosDateTime);
  if (text === undefined) {
    const f = dosFields(e.dosDateTime);
    text = `${f.year}-${two(f.month)}-${two(f.day)} ${two(f.hour)}:${two(f.minute)}`;
    cache.set(e.dosDateTime, text);
  }
  return text;
}

/** `ls`: every central-directory entry in order (explicit folders included, implied ones not). */
export async function runLs(path: string, json: boolean): Promise<number> {
  const archive = await openZipOrExplain(path);
  try {
    if (json) {
      const entries = archive.entries.map((e) => ({
        path: e.path ?? e.rawName,
        size: e.uncompressedSize,
        compressedSize: e.compressedSize,
        mtime: e.mtime.toISOString(),
        mode: e.mode ?? null,
        type: e.type,
      }));
      await write(JSON.stringify({ entries }, null, 2) + '\n');
    } else {
      let largest = 0;
      for (const e of archive.entries) {
        largest = Math.max(largest, e.uncompressedSize);
      }
      const width = String(largest).length;
      const dates = new Map<number, string>();
      const modes = new Map<string, string>();
      let out = '';
      for (const e of archive.entries) {
        const key = `${e.type}${e.mode}`;
        let mode = modes.get(key);
        if (mode === undefined) {
          mode = modeString(e);
          modes.set(key, mode);
        }
        out += `${mode} ${String(e.uncompressedSize).padStart(width)} ${date(e, dates)} ${e.path ?? e.rawName}${e.type === 'directory' ? '/' : ''}\n`;
      }
      await write(out);
    }
  } finally {
    await archive.close();
  }
  return 0;
}
