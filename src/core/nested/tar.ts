import { archiveLibraries } from '../lazy';

/** One member of a tar archive, as tar-stream reads its header, with its bytes for regular files. */
export interface TarMember {
  name: string;
  type: 'file' | 'directory' | 'symlink' | 'link' | 'device' | 'other';
  mode: number;
  mtime: Date;
  linkname?: string;
  data: Buffer;
}

const TYPES: Record<string, TarMember['type']> = {
  file: 'file',
  'contiguous-file': 'file',
  directory: 'directory',
  symlink: 'symlink',
  link: 'link',
  'character-device': 'device',
  'block-device': 'device',
  fifo: 'device',
};

/**
 * The members of a tar archive held in memory (already decompressed, within the limits). tar-stream gives a
 * member it thinks holds no data (a folder, a size of 0) a stream that never ends when the header says
 * otherwise (Python's test tarball has a folder of 255 bytes): such a member is taken at once. And a reader
 * that stops on a member it cannot place, with neither an end nor an error, is an error here: a turn of the
 * event loop that sees no progress after the last byte is in means it will not finish (every byte is in
 * memory), where waiting for it ended the whole review without a word.
 */
export async function readTar(parts: Buffer[]): Promise<TarMember[]> {
  const out: TarMember[] = [];
  const ex = archiveLibraries().tarStream.extract();
  let progress = 0;
  let settled = false;
  const done = new Promise<void>((resolve, reject) => {
    ex.on('entry', (header, stream, next) => {
      progress++;
      const member = { name: header.name, type: TYPES[header.type ?? 'file'] ?? 'other', mode: header.mode ?? 0o644, mtime: header.mtime ?? new Date(0), linkname: header.linkname ?? undefined };
      if (header.size === 0 || header.type === 'directory') {
        stream.resume();
        out.push({ ...member, data: Buffer.alloc(0) });
        next();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => {
        progress++;
        chunks.push(c);
      });
      stream.on('end', () => {
        out.push({ ...member, data: Buffer.concat(chunks) });
        next();
      });
      stream.on('error', reject);
    });
    ex.on('finish', resolve);
    // tar-stream's own words guess at a cause ("Maybe the tar is corrupted or it needs to be gunzipped?", of a
    // gunzipped tarball): say what failed, and where.
    ex.on('error', (e: Error) => reject(new Error(`${e.message.split(/\.\s/)[0].replace(/\.$/, '')}, after ${out.length} member${out.length === 1 ? '' : 's'}`)));
    const watch = (seen: number): void => {
      setImmediate(() => {
        if (settled) {
          return;
        }
        if (progress === seen) {
          ex.destroy();
          reject(new Error(`the tar reader stopped after ${out.length} member${out.length === 1 ? '' : 's'} without reaching the end`));
          return;
        }
        watch(progress);
      });
    };
    watch(-1);
  });
  // Each part is let go here as it is handed over (`parts` is emptied): tar-stream drops it once it is read.
  for (let part = parts.shift(); part; part = parts.shift()) {
    ex.write(part);
  }
  ex.end();
  try {
    await done;
  } finally {
    settled = true;
  }
  return out;
}
