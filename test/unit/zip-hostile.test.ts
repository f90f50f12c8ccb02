import * as assert from 'node:assert/strict';
import { compareFindings, ZERO_RANGE, type Finding } from '../../src/core/finding';
import { groupRepeated, repeatedFindings } from '../../src/core/group';
import { UNLISTED_FILE } from '../../src/core/archive/payloadRules';
import { parseLedger } from '../../src/core/ledger';
import { crc32 } from 'node:zlib';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZipPackage } from '../../src/core/package/source';
import { emptyWorkspace, reviewPackage } from '../../src/core/review';
import { defaultSettings } from '../../src/core/settings';
import { JsonDocument, MAX_JSON_DEPTH } from '../../src/core/json';
import { dosFields, ZipArchive } from '../../src/core/zip';
import { centralRecord, endRecords, localHeader, manyEntriesZip, rawZip, type RawEntry } from '../helpers/rawZip';

/**
 * Archives that other readers' test suites (Go's archive/zip, libzip, Python's zipfile, Info-ZIP) use to
 * catch hidden content and to check tolerance, restated as bytes written here.
 */
async function reviewBytes(bytes: Buffer): Promise<{ keys: string[]; messages: string[]; archive: ZipArchive }> {
  const archive = await ZipArchive.fromBuffer(bytes);
  const result = await reviewPackage(new ZipPackage(archive, 'p.zip'), emptyWorkspace(), defaultSettings({ shellcheck: { enabled: false, path: '' } }));
  const zip = result.findings.filter((f) => f.rule.startsWith('zip/') && f.rule !== 'zip/unlisted-file');
  return { keys: zip.map((f) => `${f.rule}:${f.severity} ${f.file}`), messages: zip.map((f) => f.message), archive };
}

const text = (s: string): Buffer => Buffer.from(s);
const files = (entries: RawEntry[]): Buffer => rawZip(entries);

/** An EOCD with a comment appended; the comment length field is set to match. */
function withComment(zip: Buffer, comment: Buffer): Buffer {
  const out = Buffer.concat([zip, comment]);
  out.writeUInt16LE(comment.length, zip.length - 2);
  return out;
}

/** A stored 1 MiB blob with `count` central records all pointing at it: an overlap bomb. */
function overlapBomb(count: number): Buffer {
  const data = Buffer.alloc(1024 * 1024, 0x61);
  const fields = { name: text('blob'), flags: 0, method: 0, crc: crc32(data), compressedSize: data.length, uncompressedSize: data.length };
  const local = localHeader(fields);
  const centrals = Array.from({ length: count }, (_, i) => centralRecord({ ...fields, name: text(`copy-${i}`), mode: 0o100644, offset: 0 }));
  const cd = Buffer.concat(centrals);
  return Buffer.concat([local, data, cd, endRecords(count, cd.length, local.length + data.length)]);
}

describe('ZIP reader against hostile and unusual archives', () => {
  it('finds an overlap bomb without expanding it, and reads none of the overlapping entries', async () => {
    const { keys, messages } = await reviewBytes(overlapBomb(3000));
    assert.deepEqual(keys.filter((k) => k.startsWith('zip/overlapping-entries')).length, 2);
    assert.ok(messages.some((m) => /2999 entries in all start inside another entry's data/.test(m)), messages.join('\n'));
    assert.ok(!keys.some((k) => k.startsWith('zip/corrupt')), keys.join('\n'));
  });

  it('reports a local header that names another file than the directory', async () => {
    const { keys, messages } = await reviewBytes(files([{ name: 'safe.txt', data: text('x'), local: { name: '../a.txt' } }]));
    assert.deepEqual(keys, ['zip/header-mismatch:error safe.txt']);
    assert.match(messages[0], /local header names it "\.\.\/a\.txt"/);
  });

  it('reports a local header with another compression method or CRC-32', async () => {
    const { keys } = await reviewBytes(
      files([
        { name: 'a.txt', data: text('hello'), local: { method: 8 } },
        { name: 'b.txt', data: text('hello'), local: { crc: 1234 } },
      ]),
    );
    assert.deepEqual(keys, ['zip/header-mismatch:error a.txt', 'zip/header-mismatch:error b.txt']);
  });

  it('reports a data descriptor whose CRC-32 differs from the directory (Go rejects it)', async () => {
    const { keys } = await reviewBytes(files([{ name: 'a.txt', data: text('hello'), descriptorCrc: 0xdeadbeef }, { name: 'b.txt', data: text('b') }]));
    assert.deepEqual(keys, ['zip/header-mismatch:error a.txt']);
  });

  it('lists every record when the end record undercounts, and says so', async () => {
    const zip = files([{ name: 'a.txt', data: text('a') }, { name: 'evil.sh', data: text('rm -rf /') }, { name: 'c.txt', data: text('c') }]);
    zip.writeUInt16LE(1, zip.length - 22 + 8);
    zip.writeUInt16LE(1, zip.length - 22 + 10);
    const { keys, archive } = await reviewBytes(zip);
    assert.deepEqual(archive.entries.map((e) => e.path), ['a.txt', 'evil.sh', 'c.txt']);
    assert.deepEqual(keys, ['zip/hidden-content:error p.zip']);
  });

  it('reads the archive, not a second one hidden in its comment, and reports the hidden one', async () => {
    const inner = files([{ name: 'evil.sh', data: text('curl x | sh') }]);
    const outer = withComment(files([{ name: 'readme.txt', data: text('hi') }]), inner);
    const { keys, archive } = await reviewBytes(outer);
    assert.deepEqual(archive.entries.map((e) => e.path), ['readme.txt']);
    assert.deepEqual(keys, ['zip/hidden-content:error p.zip']);
  });

  it('reports a local header hidden between entries', async () => {
    const a = files([{ name: 'a.txt', data: text('a') }]);
    // A whole local entry the directory does not list, spliced between the two listed ones.
    const hidden = Buffer.concat([localHeader({ name: text('evil.sh'), flags: 0, method: 0, crc: crc32(text('boom')), compressedSize: 4, uncompressedSize: 4 }), text('boom')]);
    const fieldsA = { name: text('a.txt'), flags: 0x800, method: 0, crc: crc32(text('a')), compressedSize: 1, uncompressedSize: 1 };
    const fieldsB = { ...fieldsA, name: text('b.txt'), crc: crc32(text('b')) };
    const localA = localHeader(fieldsA);
    const localB = localHeader(fieldsB);
    const bOffset = localA.length + 1 + hidden.length;
    const cd = Buffer.concat([centralRecord({ ...fieldsA, mode: 0o100644, offset: 0 }), centralRecord({ ...fieldsB, mode: 0o100644, offset: bOffset })]);
    const zip = Buffer.concat([localA, text('a'), hidden, localB, text('b'), cd, endRecords(2, cd.length, bOffset + localB.length + 1)]);
    assert.ok(a.length > 0);
    const { keys, archive } = await reviewBytes(zip);
    assert.deepEqual(keys, ['zip/hidden-content:error p.zip']);
    assert.equal((await archive.read('b.txt')).toString(), 'b');
  });

  it('reports data stored inside a folder entry', async () => {
    const { keys } = await reviewBytes(files([{ name: 'docs/', data: text('hidden payload') }]));
    assert.deepEqual(keys, ['zip/hidden-content:error docs']);
  });

  it('finds nothing hidden in folder entries deflated as Java\'s jar tool and Maven write them, and data after or in such a stream', async () => {
    // An empty deflate stream: 2 bytes (03 00), or 5 as a stored block (01 00 00 ff ff); both hold nothing.
    const empty = await reviewBytes(files([{ name: 'META-INF/', data: Buffer.alloc(0), deflate: true }, { name: 'lib/', data: Buffer.from([1, 0, 0, 0xff, 0xff]), method: 8, declaredSize: 0 }]));
    assert.deepEqual(empty.keys, []);
    // The same stream with bytes after its end, or one that inflates to something.
    const after = await reviewBytes(files([{ name: 'META-INF/', data: Buffer.from([3, 0, 0x41, 0x41]), method: 8, declaredSize: 0 }]));
    assert.deepEqual(after.keys, ['zip/hidden-content:error META-INF']);
    const inside = await reviewBytes(files([{ name: 'META-INF/', data: text('hidden payload'), deflate: true, declaredSize: 0 }]));
    assert.ok(inside.keys.includes('zip/hidden-content:error META-INF'), inside.keys.join(' '));
  });

  it('reads an archive behind a self-extractor stub whose offsets do not count the stub (warning naming its size)', async () => {
    const stub = Buffer.alloc(1000, 0x90);
    const { keys, messages, archive } = await reviewBytes(Buffer.concat([stub, files([{ name: 'a.txt', data: text('payload'), deflate: true }])]));
    assert.equal((await archive.read('a.txt')).toString(), 'payload');
    assert.deepEqual(keys, ['zip/hidden-content:warning p.zip']);
    assert.match(messages[0], /^1000 bytes stand in front of the first entry/);
  });

  it('reads an archive with trailing junk, warning about it; zero padding is read silently', async () => {
    const zip = files([{ name: 'a.txt', data: text('a') }]);
    const junk = await reviewBytes(Buffer.concat([zip, text('GARBAGE AFTER THE ARCHIVE')]));
    assert.deepEqual(junk.keys, ['zip/hidden-content:warning p.zip']);
    assert.equal((await junk.archive.read('a.txt')).toString(), 'a');
    const padded = await reviewBytes(Buffer.concat([zip, Buffer.alloc(512)]));
    assert.deepEqual(padded.keys, []);
  });

  it('ignores PK\\x06\\x07 bytes before the end record when no ZIP64 record is behind them (Go issue 12449)', async () => {
    // An extra field of an unknown kind ends the directory with bytes that look like a ZIP64 locator.
    const extra = Buffer.concat([Buffer.from([0xfe, 0xca, 20, 0]), Buffer.from('PK\x06\x07', 'latin1'), Buffer.alloc(16, 1)]);
    const zip = files([{ name: 'x.txt', data: text('data'), centralExtra: extra }]);
    const archive = await ZipArchive.fromBuffer(zip);
    assert.equal(archive.entries.length, 1);
    assert.equal((await archive.readEntry(archive.entries[0])).toString(), 'data');
  });

  it('reads an end record saturated in every field (0xFFFF disks too) from its ZIP64 record', async () => {
    const data = text('model');
    const fields = { name: text('3D/model.xml'), flags: 0, method: 0, crc: crc32(data), compressedSize: data.length, uncompressedSize: data.length };
    const local = localHeader(fields);
    const cd = centralRecord({ ...fields, mode: 0o100644, offset: 0 });
    const end = endRecords(1, cd.length, local.length + data.length, true);
    const eocd = end.length - 22;
    end.writeUInt16LE(0xffff, eocd + 4);
    end.writeUInt16LE(0xffff, eocd + 6);
    end.writeUInt32LE(0xffffffff, eocd + 12);
    end.writeUInt32LE(0xffffffff, eocd + 16);
    const archive = await ZipArchive.fromBuffer(Buffer.concat([local, data, cd, end]));
    assert.equal((await archive.read('3D/model.xml')).toString(), 'model');
  });

  it('refuses only the entry whose extra field is malformed, not the archive', async () => {
    const bad = Buffer.from([0x01, 0x00, 0x10, 0x00, 0x00]); // a ZIP64 field claiming 16 bytes, holding 1
    const { keys, archive } = await reviewBytes(files([{ name: 'bad.bin', data: text('x'), centralExtra: bad }, { name: 'good.txt', data: text('fine') }]));
    assert.equal((await archive.read('good.txt')).toString(), 'fine');
    assert.deepEqual(keys, ['zip/corrupt:error bad.bin']);
  });

  it('lists a bzip2 or LZMA entry and says it was not reviewed, instead of calling the archive corrupt', async () => {
    const { keys, messages, archive } = await reviewBytes(files([{ name: 'scripts/install.sh', data: text('BZh91AY&SY'), method: 12 }, { name: 'b.xz', data: text('x'), method: 14 }]));
    assert.equal(archive.entries.length, 2);
    assert.deepEqual(keys, ['zip/unsupported-method:warning b.xz', 'zip/unsupported-method:warning scripts/install.sh']);
    assert.match(messages[1], /bzip2 \(method 12\)/);
  });

  it('flags names with terminal escapes and backslashes, and Unicode twins', async () => {
    const { keys, messages } = await reviewBytes(
      files([
        { name: 'ok.txt\r\x1b[K', data: text('a') },
        { name: 'bin\\agent', data: text('b') },
        { name: 'caf\u00e9.sh', data: text('c') },
        { name: 'cafe\u0301.sh', data: text('d') },
      ]),
    );
    assert.deepEqual(keys.sort(), ['zip/unsafe-name:warning bin/agent', 'zip/unsafe-name:warning cafe\u0301.sh', 'zip/unsafe-name:warning ok.txt\\r\\e[K'].sort());
    assert.ok(messages.every((m) => !/[\r\x1b]/.test(m)), 'no raw control characters in messages');
  });

  it('gives entries made on Windows a mode, reads Info-ZIP Unix times, and never prints month 0', async () => {
    const oldUnix = Buffer.alloc(12);
    oldUnix.writeUInt16LE(0x5855, 0);
    oldUnix.writeUInt16LE(8, 2);
    oldUnix.writeUInt32LE(1_600_000_000, 4);
    oldUnix.writeUInt32LE(1_700_000_000, 8);
    const archive = await ZipArchive.fromBuffer(files([{ name: 'win.txt', data: text('w'), host: 0 }, { name: 'unix.txt', data: text('u'), centralExtra: oldUnix }]));
    assert.equal(archive.entries[0].mode, 0o100644);
    assert.equal(archive.entries[1].mtime.getTime(), 1_700_000_000_000);
    assert.equal(dosFields(0).month, 1);
  });
});

describe('findings at scale', () => {
  it('folds thousands of unlisted files into one finding with the count and the first examples', async () => {
    const entries: RawEntry[] = [{ name: 'manifest.json', data: text('{"schemaVersion":1,"product":"p","version":"1.0.0","files":[]}') }];
    for (let i = 0; i < 500; i++) {
      entries.push({ name: `data/f${String(i).padStart(3, '0')}.txt`, data: text(String(i)) });
    }
    const archive = await ZipArchive.fromBuffer(rawZip(entries));
    const result = await reviewPackage(new ZipPackage(archive, 'p.zip'), emptyWorkspace(), defaultSettings({ shellcheck: { enabled: false, path: '' } }));
    const unlisted = result.findings.filter((f) => f.rule === 'zip/unlisted-file');
    assert.equal(unlisted.length, 1);
    assert.equal(unlisted[0].file, 'data/f000.txt');
    assert.equal(unlisted[0].group?.count, 500);
    assert.match(unlisted[0].message, /^500 files: .*data\/f001\.txt, data\/f002\.txt, data\/f003\.txt, data\/f004\.txt and 495 more$/);
  });
  it('sets apart an unlisted or stale file the ledger accepts, and folds the rest and the JAR signature\'s uncovered files into one group', async () => {
    // The entries are dated 2025 (DOS date 0x5a00): more than three years before this release.
    const entries: RawEntry[] = [{ name: 'manifest.json', data: text('{"schemaVersion":1,"product":"p","version":"1.0.0","releaseDate":"2030-06-01","files":[]}') }];
    for (let i = 0; i < 300; i++) {
      entries.push({ name: `data/f${String(i).padStart(3, '0')}.txt`, data: text(String(i)) });
    }
    const archive = await ZipArchive.fromBuffer(rawZip(entries));
    const ledger = parseLedger(JSON.stringify({ accepted: [{ rule: 'zip/unlisted-file', file: 'data/f007.txt', reason: 'generated at install' }, { rule: 'zip/stale-timestamp', file: 'data/f009.txt', line: 1, reason: 'a vendored file' }] }));
    const result = await reviewPackage(new ZipPackage(archive, 'p.zip'), { ...emptyWorkspace(), ledger }, defaultSettings({ shellcheck: { enabled: false, path: '' } }));
    assert.deepEqual(result.accepted.map((f) => `${f.rule} ${f.file}`).sort(), ['zip/stale-timestamp data/f009.txt', 'zip/unlisted-file data/f007.txt']);
    assert.deepEqual(result.stale, []);
    assert.deepEqual(result.findings.filter((f) => f.rule === 'zip/stale-timestamp').map((f) => f.group?.count), [299]);
    const unlisted = result.findings.filter((f) => f.rule === 'zip/unlisted-file');
    assert.equal(unlisted.length, 1);
    assert.equal(unlisted[0].group?.count, 299);
    assert.ok(!unlisted[0].group!.files.includes('data/f007.txt'));
    // Another check's findings of the rule (a JAR signature's uncovered entries) join the group, in the order found.
    const one = (file: string): Finding => ({ rule: 'zip/unlisted-file', severity: 'warning', file, origin: 'package', range: ZERO_RANGE, message: `${file} is not covered` });
    const payload = repeatedFindings(UNLISTED_FILE, unlisted[0].group!.files.map((path) => ({ path })), (f) => `${f.path} is not listed`, undefined);
    const merged = groupRepeated([...payload, one('lib/a.jar!/x.class'), one('lib/a.jar!/y.class')]);
    assert.equal(merged.length, 1);
    assert.deepEqual(merged[0].group!.files.slice(-2), ['lib/a.jar!/x.class', 'lib/a.jar!/y.class']);
    assert.equal(merged[0].message, '301 files: data/f000.txt is not listed; the same holds for data/f001.txt, data/f002.txt, data/f003.txt, data/f004.txt and 296 more');
  });
  it('reviews a package of 140,000 files without overflowing the stack', async () => {
    // Every check's findings were spread into one push call, which throws past ~125,000 arguments ("Maximum
    // call stack size exceeded"): a package of 140,000 unlisted files crashed the review.
    const entries = [{ name: 'manifest.json', data: text('{"schemaVersion":1,"product":"p","version":"1.0.0","files":[]}') }];
    const data = text('x');
    for (let i = 0; i < 140_000; i++) {
      entries.push({ name: `d${i % 100}/f${i}`, data });
    }
    const archive = await ZipArchive.fromBuffer(manyEntriesZip(entries));
    const result = await reviewPackage(new ZipPackage(archive, 'p.zip'), emptyWorkspace(), defaultSettings({ shellcheck: { enabled: false, path: '' } }));
    assert.deepEqual(result.findings.filter((f) => f.group).map((f) => `${f.rule} ${f.group!.count}`), ['zip/unlisted-file 140000']);
  });
  it('names a group by the files the package holds first, and sorts the findings after grouping', async () => {
    const entries: RawEntry[] = [{ name: 'manifest.json', data: text('{"schemaVersion":1,"product":"p","version":"1.0.0","files":[]}') }];
    for (let i = 30; i > 0; i--) {
      entries.push({ name: `data/f${String(i).padStart(2, '0')}.txt`, data: text(String(i)) });
    }
    entries.push({ name: '../escape.txt', data: text('x') });
    const archive = await ZipArchive.fromBuffer(rawZip(entries));
    const result = await reviewPackage(new ZipPackage(archive, 'p.zip'), emptyWorkspace(), defaultSettings({ shellcheck: { enabled: false, path: '' } }));
    const unlisted = result.findings.find((f) => f.rule === 'zip/unlisted-file')!;
    assert.equal(unlisted.file, 'data/f30.txt');
    assert.match(unlisted.message, /^30 files: .*data\/f29\.txt, data\/f28\.txt, data\/f27\.txt, data\/f26\.txt and 25 more$/);
    assert.deepEqual(result.findings.map((f) => f.file), [...result.findings].sort(compareFindings).map((f) => f.file));
  });
});

/** An archive written to a temporary file and opened from it: a file is read region by region, a buffer is not. */
async function withArchiveFile(bytes: Buffer, use: (archive: ZipArchive) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ui-file-'));
  try {
    writeFileSync(join(dir, 'p.zip'), bytes);
    const archive = await ZipArchive.open(join(dir, 'p.zip'));
    try {
      await use(archive);
    } finally {
      await archive.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('reading a file region by region into reused buffers', () => {
  it('reads a local header whose name crosses from one 1 MiB window into the next', async () => {
    // The header's fixed part ends just before the window's end, its name runs into the next window: the
    // fixed part, read first, must still hold its bytes after the window is refilled for the name.
    const first = { name: 'a.bin', data: Buffer.alloc(1024 * 1024 - 40 - 35, 0x61) };
    const second = { name: `b/${'x'.repeat(30)}.txt`, data: Buffer.from('the second entry\n') };
    await withArchiveFile(manyEntriesZip([first, second, { name: 'c.bin', data: Buffer.alloc(2 * 1024 * 1024, 0x63) }]), async (archive) => {
      assert.equal(archive.entries[1].localHeaderOffset, 1024 * 1024 - 40);
      assert.deepEqual(await archive.anomalies(), []);
      assert.equal((await archive.readEntry(archive.entries[1])).toString(), 'the second entry\n');
    });
  });

  it('gives each small entry its own bytes when many are read region by region into one buffer', async () => {
    // 48 entries of 200 KB: three 4 MiB regions, each read into the buffer the one before was read into.
    const entries = Array.from({ length: 48 }, (_, i) => ({ name: `part-${i}.bin`, data: Buffer.alloc(200 * 1024, i) }));
    await withArchiveFile(manyEntriesZip(entries), async (archive) => {
      const seen: string[] = [];
      await archive.readAll(archive.entries, {}, (e, content) => void seen.push(`${e.path} ${(content as Buffer).every((b) => b === e.index) ? 'ok' : 'wrong'}`), (e, error) => seen.push(`${e.path} ${error.message}`));
      assert.deepEqual(seen, entries.map((e) => `${e.name} ok`));
    });
  });
});

describe('names as other tools write them', () => {
  it('reads a Shift-JIS (cp932) name whose trail byte is 0x5C as one name, not as folders', async () => {
    // ソフト.txt in cp932, no UTF-8 flag, made on Windows: ソ is 0x83 0x5C.
    const name = Buffer.from([0x83, 0x5c, 0x83, 0x74, 0x83, 0x67, 0x2e, 0x74, 0x78, 0x74]);
    const data = text('x');
    const fields = { name, flags: 0, method: 0, crc: crc32(data), compressedSize: 1, uncompressedSize: 1 };
    const local = localHeader(fields);
    const cd = centralRecord({ ...fields, mode: 0x20, offset: 0, host: 0 });
    const archive = await ZipArchive.fromBuffer(Buffer.concat([local, data, cd, endRecords(1, cd.length, local.length + 1)]));
    assert.equal(archive.entries[0].path, '\u30bd\u30d5\u30c8.txt');
  });
});

describe('too large to read is a finding, never silence', () => {
  it('reports a manifest and a script past the text limit instead of an all-clear', async () => {
    const big = Buffer.alloc(4096, 0x20);
    const archive = await ZipArchive.fromBuffer(
      rawZip([
        { name: 'manifest.json', data: Buffer.concat([text('{"schemaVersion":1}'), big]) },
        { name: 'scripts/install.sh', data: Buffer.concat([text('#!/bin/sh\nsudo reboot\n'), big]) },
      ]),
    );
    const settings = defaultSettings({ shellcheck: { enabled: false, path: '' } });
    settings.limits.maxTextBytes = 1024;
    const result = await reviewPackage(new ZipPackage(archive, 'p.zip'), emptyWorkspace(), settings);
    const keys = result.findings.map((f) => `${f.rule} ${f.file}`);
    assert.ok(keys.includes('manifest/invalid-json manifest.json'), keys.join('\n'));
    assert.ok(keys.includes('script/unparsed scripts/install.sh'), keys.join('\n'));
  });
});

describe('JSON nested to overflow the parser', () => {
  const review = async (manifest: string): Promise<string[]> => {
    const archive = await ZipArchive.fromBuffer(rawZip([{ name: 'manifest.json', data: text(manifest) }]));
    const result = await reviewPackage(new ZipPackage(archive, 'p.zip'), emptyWorkspace(), defaultSettings({ shellcheck: { enabled: false, path: '' } }));
    return result.findings.filter((f) => f.rule === 'manifest/invalid-json').map((f) => `${f.range.start.character} ${f.message}`);
  };

  it('reports a manifest nested 100,000 levels deep as a finding, where the review used to fail with a stack overflow', async () => {
    assert.deepEqual(await review(`${'['.repeat(100_000)}${']'.repeat(100_000)}`), [`${MAX_JSON_DEPTH} manifest.json: nested more than ${MAX_JSON_DEPTH} levels deep: not read`]);
    assert.deepEqual(await review(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`), [`${5 * MAX_JSON_DEPTH} manifest.json: nested more than ${MAX_JSON_DEPTH} levels deep: not read`]);
  });

  it('counts no bracket inside a string or a comment', async () => {
    const brackets = '[{'.repeat(MAX_JSON_DEPTH);
    assert.deepEqual(await review(`{"schemaVersion": 1, "product": "${brackets}", "version": "1.0.0", "files": []}`), []);
    const commented = new JsonDocument(`// ${brackets}\n/* ${brackets} */ {"a": "\\"${brackets}"}`, { comments: true });
    assert.deepEqual([commented.syntaxErrors, { ...(commented.value as object) }], [[], { a: `"${brackets}` }]);
  });
});
