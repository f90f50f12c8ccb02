/**
 * Tarballs and .deb packages written in memory, for the example package and the tests: tar through
 * tar-stream, the `ar` container of a .deb by its 60-byte headers. Nothing here touches the disk.
 */
import { gzipSync } from 'node:zlib';
import { pack, type Headers } from 'tar-stream';

export interface TarEntry {
  name: string;
  data?: Buffer | string;
  type?: Headers['type'];
  linkname?: string;
  mode?: number;
}

/** The bytes of a tar archive holding these entries, in order. */
export async function tarBytes(entries: readonly TarEntry[]): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  p.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    p.on('end', resolve);
    p.on('error', reject);
  });
  for (const e of entries) {
    const data = e.data === undefined ? undefined : Buffer.from(e.data);
    await new Promise<void>((resolve, reject) => {
      p.entry({ name: e.name, type: e.type ?? 'file', linkname: e.linkname, mode: e.mode ?? (e.type === 'directory' ? 0o755 : 0o644), mtime: new Date('2026-10-30T09:00:00Z'), size: data?.length ?? 0 }, data, (err) => (err ? reject(err) : resolve()));
    });
  }
  p.finalize();
  await ended;
  return Buffer.concat(chunks);
}

export async function tarGzBytes(entries: readonly TarEntry[]): Promise<Buffer> {
  return gzipSync(await tarBytes(entries));
}

/** An `ar` archive: the magic line, then each member behind a 60-byte header, padded to an even length. */
export function arBytes(members: readonly { name: string; data: Buffer }[]): Buffer {
  const parts: Buffer[] = [Buffer.from('!<arch>\n')];
  for (const m of members) {
    const field = (value: string, width: number): string => value.padEnd(width, ' ').slice(0, width);
    const header = field(`${m.name}/`, 16) + field('1730278800', 12) + field('0', 6) + field('0', 6) + field('100644', 8) + field(String(m.data.length), 10) + '`\n';
    parts.push(Buffer.from(header, 'latin1'), m.data);
    if (m.data.length % 2 === 1) {
      parts.push(Buffer.from('\n'));
    }
  }
  return Buffer.concat(parts);
}

/** A .deb as dpkg-deb writes it: debian-binary, control.tar.gz, data.tar.gz. */
export async function debBytes(control: readonly TarEntry[], data: readonly TarEntry[]): Promise<Buffer> {
  return arBytes([
    { name: 'debian-binary', data: Buffer.from('2.0\n') },
    { name: 'control.tar.gz', data: await tarGzBytes([{ name: './', type: 'directory' }, ...control.map((e) => ({ ...e, name: `./${e.name}` }))]) },
    { name: 'data.tar.gz', data: await tarGzBytes([{ name: './', type: 'directory' }, ...data.map((e) => ({ ...e, name: `./${e.name}` }))]) },
  ]);
}
