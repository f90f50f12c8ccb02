import * as assert from 'node:assert/strict';
import { pbkdf2 } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { ZipArchive } from '../../src/core/zip';

/**
 * Keeps every thread of Node's pool busy for a while; resolves with the order in which `read` and the
 * blockers finished.
 */
async function raceWithBusyPool(read: () => Promise<Buffer>): Promise<string[]> {
  const order: string[] = [];
  const threads = Number(process.env.UV_THREADPOOL_SIZE) || 4;
  const blockers = Array.from({ length: threads * 2 }, () => new Promise<void>((resolve) => pbkdf2('x', 'y', 100_000, 32, 'sha256', () => resolve(void order.push('pool')))));
  const reading = read().then((bytes) => void order.push(`read ${bytes.length}`));
  await Promise.all([...blockers, reading]);
  return order;
}

describe('ZIP file source', () => {
  let dir: string;
  let path: string;
  const small = Buffer.from('#!/bin/sh\necho hello\n');
  const large = Buffer.alloc(256 * 1024, 0x61);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ui-source-'));
    path = join(dir, 'pkg.zip');
    const zip = new JSZip();
    zip.file('scripts/install.sh', small);
    zip.file('payload/blob.bin', large, { compression: 'STORE' });
    writeFileSync(path, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('opened for the CLI, reads a small entry without waiting for a busy thread pool', async () => {
    const archive = await ZipArchive.open(path, { blockingSmallReads: true });
    try {
      const order = await raceWithBusyPool(() => archive.read('scripts/install.sh'));
      assert.equal(order[0], `read ${small.length}`);
    } finally {
      await archive.close();
    }
  });

  it('opened for the editor, reads through the pool: the host thread, shared by every extension, never blocks', async () => {
    const archive = await ZipArchive.open(path);
    try {
      const order = await raceWithBusyPool(() => archive.read('scripts/install.sh'));
      assert.equal(order[0], 'pool');
      assert.ok(order.includes(`read ${small.length}`));
    } finally {
      await archive.close();
    }
  });

  it('opened for the CLI, still reads a large entry through the pool', async () => {
    const archive = await ZipArchive.open(path, { blockingSmallReads: true });
    try {
      const order = await raceWithBusyPool(() => archive.read('payload/blob.bin'));
      assert.equal(order[0], 'pool');
      assert.ok(order.includes(`read ${large.length}`));
    } finally {
      await archive.close();
    }
  });
});
