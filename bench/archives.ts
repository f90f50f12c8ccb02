import { openSync, closeSync, writeSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { rawZip } from '../test/helpers/rawZip';
import { writeFileSync } from 'node:fs';

/** A package with `count` small entries in nested folders (built in memory: ~10 MB for 100,000). */
export function writeManyEntries(path: string, count: number): void {
  const entries = Array.from({ length: count }, (_, i) => ({ name: `payload/d${Math.floor(i / 1000)}/f${i}.txt`, data: Buffer.from(`file ${i}\n`) }));
  entries.splice(count >> 1, 0, { name: 'scripts/middle.sh', data: Buffer.from('#!/bin/sh\necho middle\n') });
  writeFileSync(path, rawZip(entries));
}

/**
 * A package of about `bytes` bytes, streamed to disk: stored 64 MiB blobs plus a small entry in the
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
  for (let i = 0; i < blobSize / block.length; i++) {
    blockCrc = crc32(block, blockCrc);
  }
  const central: Buffer[] = [];
  let offset = 0;
  const add = (name: string, size: number, crc: number, write: () => void): void => {
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(size, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(n.length, 26);
    writeSync(fd, local);
    writeSync(fd, n);
    write();
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE((3 << 8) | 20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x5a00, 14);
    c.writeUInt32LE(crc >>> 0, 16);
    c.writeUInt32LE(size, 20);
    c.writeUInt32LE(size, 24);
    c.writeUInt16LE(n.length, 28);
    c.writeUInt32LE((0o100644 << 16) >>> 0, 38);
    c.writeUInt32LE(offset, 42);
    central.push(c, n);
    offset += 30 + n.length + size;
  };
  const blobs = Math.max(1, Math.round(bytes / blobSize));
  for (let b = 0; b < blobs; b++) {
    if (b === blobs >> 1) {
      const small = Buffer.from('the small entry in the middle\n');
      add('docs/middle.txt', small.length, crc32(small), () => writeSync(fd, small));
    }
    add(`bin/blob-${b}.bin`, blobSize, blockCrc, () => {
      for (let i = 0; i < blobSize / block.length; i++) {
        writeSync(fd, block);
      }
    });
  }
  const cd = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(central.length / 2, 8);
  eocd.writeUInt16LE(central.length / 2, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  writeSync(fd, cd);
  writeSync(fd, eocd);
  closeSync(fd);
}
