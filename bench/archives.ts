import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { centralRecord, endRecords, localHeader, manyEntriesZip } from '../test/helpers/rawZip';

/** A package with `count` small entries in nested folders (built in memory: ~10 MB for 100,000). */
export function writeManyEntries(path: string, count: number): void {
  const entries = Array.from({ length: count }, (_, i) => ({ name: `payload/d${Math.floor(i / 1000)}/f${i}.txt`, data: Buffer.from(`file ${i}\n`) }));
  entries.splice(count >> 1, 0, { name: 'scripts/middle.sh', data: Buffer.from('#!/bin/sh\necho middle\n') });
  // A manifest that lists none of them: the review reports every payload file as unlisted (grouped).
  entries.unshift({ name: 'manifest.json', data: Buffer.from(JSON.stringify({ schemaVersion: 1, product: 'bench', version: '1.0.0', files: [] })) });
  writeFileSync(path, manyEntriesZip(entries));
}

/**
 * A package of about `bytes` bytes, streamed to disk: a manifest listing every file with its SHA-256 (so that
 * `lint` hashes them all, as it would a vendor's package), stored 64 MiB blobs plus a small entry in the
 * middle. Never held in memory whole.
 */
export function writeLargePackage(path: string, bytes: number): void {
  const fd = openSync(path, 'w');
  const block = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < block.length; i++) {
    block[i] = (i * 2654435761) >>> 24;
  }
  const blobSize = 64 * 1024 * 1024;
  let blockCrc = 0;
  const blockSha = createHash('sha256');
  for (let i = 0; i < blobSize / block.length; i++) {
    blockCrc = crc32(block, blockCrc);
    blockSha.update(block);
  }
  const blobDigest = blockSha.digest('hex');
  const central: Buffer[] = [];
  let offset = 0;
  const add = (name: string, size: number, crc: number, write: () => void): void => {
    const fields = { name: Buffer.from(name), flags: 0, method: 0, crc, compressedSize: size, uncompressedSize: size };
    const local = localHeader(fields);
    writeSync(fd, local);
    write();
    central.push(centralRecord({ ...fields, mode: 0o100644, offset }));
    offset += local.length + size;
  };
  const blobs = Math.max(1, Math.round(bytes / blobSize));
  const small = Buffer.from('the small entry in the middle\n');
  const listed = Array.from({ length: blobs }, (_, b) => ({ path: `bin/blob-${b}.bin`, sha256: blobDigest }));
  listed.push({ path: 'docs/middle.txt', sha256: createHash('sha256').update(small).digest('hex') });
  const manifest = Buffer.from(JSON.stringify({ schemaVersion: 1, product: 'bench', version: '1.0.0', files: listed }));
  add('manifest.json', manifest.length, crc32(manifest), () => writeSync(fd, manifest));
  for (let b = 0; b < blobs; b++) {
    if (b === blobs >> 1) {
      add('docs/middle.txt', small.length, crc32(small), () => writeSync(fd, small));
    }
    add(`bin/blob-${b}.bin`, blobSize, blockCrc, () => {
      for (let i = 0; i < blobSize / block.length; i++) {
        writeSync(fd, block);
      }
    });
  }
  const cd = Buffer.concat(central);
  writeSync(fd, cd);
  writeSync(fd, endRecords(central.length, cd.length, offset));
  closeSync(fd);
}

/** An overlap bomb: `count` central records that all point at one stored 1 MiB entry. */
export function writeOverlapBomb(path: string, count: number): void {
  const data = Buffer.alloc(1024 * 1024, 0x61);
  const fields = { name: Buffer.from('blob'), flags: 0, method: 0, crc: crc32(data), compressedSize: data.length, uncompressedSize: data.length };
  const local = localHeader(fields);
  const cd = Buffer.concat(Array.from({ length: count }, (_, i) => centralRecord({ ...fields, name: Buffer.from(`copy-${i}`), mode: 0o100644, offset: 0 })));
  writeFileSync(path, Buffer.concat([local, data, cd, endRecords(count, cd.length, local.length + data.length)]));
}

/** An npm lock file of about `bytes`: a workspace's file of another tool, with no key of the product. */
export function lockFile(bytes: number): string {
  const packages: Record<string, unknown> = { '': { name: 'app', version: '1.0.0' } };
  for (let i = 0, size = 0; size < bytes; i++) {
    const entry = { version: `1.${i % 40}.${i % 7}`, resolved: `https://registry.npmjs.org/pkg-${i}/-/pkg-${i}-1.0.0.tgz`, integrity: `sha512-${'A'.repeat(86)}${i}`, dev: i % 3 === 0 };
    packages[`node_modules/pkg-${i}`] = entry;
    size += JSON.stringify(entry, null, 6).length + 30;
  }
  return JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2) + '\n';
}

/** An unpacked package: a manifest and `folders` × `files` small text files under data/. */
export function writeUnpacked(root: string, folders: number, files: number): void {
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'manifest.json'), JSON.stringify({ product: 'dten', version: '5.0.2', files: [] }, null, 2));
  for (let d = 0; d < folders; d++) {
    mkdirSync(join(root, 'data', `d${d}`), { recursive: true });
    for (let i = 0; i < files; i++) {
      writeFileSync(join(root, 'data', `d${d}`, `f${i}.txt`), `file ${i} of folder ${d}\n`);
    }
  }
}
