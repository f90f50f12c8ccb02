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

  /** What finished first: the read of `entry` or the jobs keeping Node's thread pool busy; the read finishes either way. */
  async function firstDone(entry: string, options: { blockingSmallReads?: boolean }, size: number): Promise<string> {
    const archive = await ZipArchive.open(path, options);
    try {
      const order = await raceWithBusyPool(() => archive.read(entry));
      assert.ok(order.includes(`read ${size}`));
      return order[0];
    } finally {
      await archive.close();
    }
  }

  it('opened for the CLI, reads a small entry without waiting for a busy thread pool', async () => {
    assert.equal(await firstDone('scripts/install.sh', { blockingSmallReads: true }, small.length), `read ${small.length}`);
  });

  it('opened for the editor, reads through the pool: the host thread, shared by every extension, never blocks', async () => {
    assert.equal(await firstDone('scripts/install.sh', {}, small.length), 'pool');
  });

  it('opened for the CLI, still reads a large entry through the pool', async () => {
    assert.equal(await firstDone('payload/blob.bin', { blockingSmallReads: true }, large.length), 'pool');
  });
});
