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

/** The members of a tar archive held in memory (already decompressed, within the limits). */
export async function readTar(bytes: Buffer): Promise<TarMember[]> {
  const out: TarMember[] = [];
  const ex = archiveLibraries().tarStream.extract();
  const done = new Promise<void>((resolve, reject) => {
    ex.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        out.push({
          name: header.name,
          type: TYPES[header.type ?? 'file'] ?? 'other',
          mode: header.mode ?? 0o644,
          mtime: header.mtime ?? new Date(0),
          linkname: header.linkname ?? undefined,
          data: Buffer.concat(chunks),
        });
        next();
      });
      stream.on('error', reject);
    });
    ex.on('finish', resolve);
    ex.on('error', reject);
  });
  ex.end(bytes);
  await done;
  return out;
}
