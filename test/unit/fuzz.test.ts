import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { BuiltPackage } from '../../examples/build-package';
import { ZipPackage } from '../../src/core/package/source';
import { emptyWorkspace, reviewPackage } from '../../src/core/review';
import { defaultSettings } from '../../src/core/settings';
import { ZipArchive, ZipError } from '../../src/core/zip';
import { buildVariant } from '../helpers/example';
import { prng } from '../helpers/random';

/**
 * Thousands of byte-mutated, truncated and spliced copies of the example package: each opens with a
 * ZipError or yields a review; nothing else escapes, nothing hangs, memory stays bounded.
 */
describe('robustness: mutated copies of the example package', function () {
  this.timeout(180_000);
  let built: BuiltPackage;
  let original: Buffer;
  before(async () => {
    built = await buildVariant();
    original = readFileSync(built.zipPath);
  });

  function mutate(rand: () => number): Buffer {
    const bytes = Buffer.from(original);
    const kind = rand();
    if (kind < 0.15) {
      return bytes.subarray(0, Math.floor(rand() * bytes.length));
    }
    // Bias mutations towards the central directory and headers, where they do the most harm.
    const cdStart = bytes.length - Math.min(bytes.length, 4000);
    const flips = 1 + Math.floor(rand() * 8);
    for (let i = 0; i < flips; i++) {
      const at = rand() < 0.7 ? cdStart + Math.floor(rand() * (bytes.length - cdStart)) : Math.floor(rand() * bytes.length);
      bytes[at] = rand() < 0.5 ? Math.floor(rand() * 256) : [0x00, 0xff, 0x7f, 0x80][Math.floor(rand() * 4)];
    }
    return bytes;
  }

  it('2,000 mutants: findings or a clear ZipError, never a crash', async () => {
    const rand = prng(20261123);
    const settings = defaultSettings({ shellcheck: { enabled: false, path: '' } });
    let opened = 0;
    let refused = 0;
    for (let i = 0; i < 2000; i++) {
      const bytes = mutate(rand);
      let archive: ZipArchive;
      try {
        archive = await ZipArchive.fromBuffer(bytes);
      } catch (e) {
        assert.ok(e instanceof ZipError, `mutant ${i}: ${String(e)}`);
        assert.doesNotMatch(e.message, /\n/);
        refused++;
        continue;
      }
      opened++;
      try {
        const result = await reviewPackage(new ZipPackage(archive, 'mutant.zip'), emptyWorkspace(), settings);
        assert.ok(Array.isArray(result.findings));
      } catch (e) {
        assert.fail(`mutant ${i} escaped the review: ${(e as Error).stack}`);
      }
    }
    assert.ok(opened > 100 && refused > 100, `opened ${opened}, refused ${refused}`);
    assert.ok(process.memoryUsage().rss < 1024 * 1024 * 1024, `rss ${process.memoryUsage().rss}`);
  });

  it('random bytes and empty files are refused at once', async () => {
    const rand = prng(7);
    for (let i = 0; i < 200; i++) {
      const bytes = Buffer.from(Array.from({ length: Math.floor(rand() * 5000) }, () => Math.floor(rand() * 256)));
      await assert.rejects(ZipArchive.fromBuffer(bytes), ZipError);
    }
  });
});
