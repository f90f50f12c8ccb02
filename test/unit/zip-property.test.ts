import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import JSZip from 'jszip';
import { crc32 } from 'node:zlib';
import { ZipArchive } from '../../src/core/zip';
import { crc32Range } from '../../src/core/zip/crc';
import { pick, prng } from '../helpers/random';

const SEGMENTS = ['bin', 'scripts', 'données', '七个房间', 'a b', 'x#y', 'ünï', 'lib', 'etc', 'README.md', 'v1.2', 'é'];

function randomTree(rand: () => number): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const count = 1 + Math.floor(rand() * 40);
  for (let i = 0; i < count; i++) {
    const depth = 1 + Math.floor(rand() * 4);
    const parts = Array.from({ length: depth }, () => pick(rand, SEGMENTS));
    parts[parts.length - 1] += `-${i}`;
    const size = Math.floor(rand() ** 3 * 200_000);
    const bytes = Buffer.alloc(size);
    const repetitive = rand() < 0.5;
    for (let b = 0; b < size; b++) {
      bytes[b] = repetitive ? (b % 7) + 65 : Math.floor(rand() * 256);
    }
    files.set(parts.join('/'), bytes);
  }
  return files;
}

describe('ZIP reader property: same names and bytes as the writer', () => {
  for (let seed = 1; seed <= 25; seed++) {
    it(`random tree #${seed} written by JSZip`, async () => {
      const rand = prng(seed);
      const files = randomTree(rand);
      const zip = new JSZip();
      for (const [name, bytes] of files) {
        zip.file(name, bytes, { compression: rand() < 0.5 ? 'STORE' : 'DEFLATE' });
      }
      const buf = await zip.generateAsync({ type: 'nodebuffer' });
      const archive = await ZipArchive.fromBuffer(buf);
      const read = new Map<string, Buffer>();
      for (const entry of archive.entries) {
        if (entry.type === 'file') {
          read.set(entry.path!, await archive.readEntry(entry));
        }
      }
      assert.deepEqual([...read.keys()].sort(), [...files.keys()].sort());
      for (const [name, bytes] of files) {
        assert.ok(read.get(name)!.equals(bytes), name);
      }
    });
  }

  it('sums a byte range as zlib does, without a view of it', () => {
    const rand = prng(7);
    const bytes = Buffer.from(Array.from({ length: 4096 }, () => Math.floor(rand() * 256)));
    for (let i = 0; i < 300; i++) {
      const from = Math.floor(rand() * bytes.length);
      const to = Math.min(bytes.length, from + Math.floor(rand() * 300));
      assert.equal(crc32Range(bytes, from, to), crc32(bytes.subarray(from, to)), `${from}..${to}`);
    }
  });

  it('reads an archive forced to ZIP64 by Info-ZIP (zip -fz)', async function () {
    const dir = mkdtempSync(join(tmpdir(), 'ui-zip64-'));
    try {
      const files = randomTree(prng(99));
      for (const [name, bytes] of files) {
        mkdirSync(join(dir, 'src', dirname(name)), { recursive: true });
        writeFileSync(join(dir, 'src', name), bytes);
      }
      execFileSync('zip', ['-q', '-r', '-fz', join(dir, 'out.zip'), '.'], { cwd: join(dir, 'src') });
      const archive = await ZipArchive.open(join(dir, 'out.zip'));
      assert.equal(archive.isZip64, true);
      for (const [name, bytes] of files) {
        assert.ok((await archive.read(name)).equals(bytes), name);
      }
      await archive.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
