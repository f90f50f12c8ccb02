import type { ZipEntry } from '../core/zip';
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

function date(d: Date): string {
  const iso = d.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
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
      const width = String(Math.max(0, ...archive.entries.map((e) => e.uncompressedSize))).length;
      const lines = archive.entries.map(
        (e) => `${modeString(e)} ${String(e.uncompressedSize).padStart(width)} ${date(e.mtime)} ${e.path ?? e.rawName}${e.type === 'directory' ? '/' : ''}`,
      );
      await write(lines.join('\n') + (lines.length ? '\n' : ''));
    }
  } finally {
    await archive.close();
  }
  return 0;
}
