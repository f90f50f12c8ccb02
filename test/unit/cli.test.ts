import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, cpSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { BuiltPackage } from '../../examples/build-package';
import { buildVariant, exampleWorkspace } from '../helpers/example';
import { corpusDir, hasCorpus, repoRoot } from '../helpers/paths';
import { rawZip } from '../helpers/rawZip';
import { standInShellcheck } from '../helpers/standInShellcheck';
import { runMeasuringPeak } from '../helpers/peakRss';
import { COMPRESSED_TARS } from '../helpers/compressedTars';
import { escapeControls } from '../../src/core/text';

const CLI = join(repoRoot, 'out', 'src', 'cli', 'main.js');

function run(args: string[], cwd = repoRoot): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function oneCleanLine(stderr: string): void {
  assert.equal(stderr.trim().split('\n').length, 1, stderr);
  assert.doesNotMatch(stderr, /\n\s+at /);
  assert.match(stderr, /^upgrade-inspector: /);
}

describe('CLI', () => {
  let built: BuiltPackage;
  let tmp: string;
  before(async () => {
    built = await buildVariant();
    tmp = mkdtempSync(join(tmpdir(), 'ui-cli-'));
  });

  it('ls --json lists every central-directory entry in order, explicit folders included', async () => {
    const r = run(['ls', built.zipPath, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const listed = (JSON.parse(r.stdout) as { entries: { path: string; type: string; size: number; mode: number }[] }).entries;
    const zip = await JSZip.loadAsync(readFileSync(built.zipPath));
    assert.deepEqual(listed.map((e) => e.path + (e.type === 'directory' ? '/' : '')), Object.keys(zip.files));
    const agent = listed.find((e) => e.path === 'bin/dten-agent')!;
    assert.equal(agent.size, 48_000);
    assert.equal(agent.mode & 0o777, 0o755);
  });

  it('ls prints mode, size, date and path', () => {
    const r = run(['ls', built.zipPath]);
    assert.match(r.stdout, /^-rwxr-xr-x 48000 2022-03-14 16:20 bin\/dten-agent$/m);
  });

  it('ls prints, line for line, what ls --json lists: every corpus archive and hostile names', () => {
    const hostile = join(tmp, 'hostile.zip');
    writeFileSync(
      hostile,
      rawZip([
        { name: '../evil.txt', data: Buffer.from('x') },
        { name: '/abs.txt', data: Buffer.from('x') },
        { name: 'C:/drive.txt', data: Buffer.from('x') },
        { name: 'back\\slash.txt', data: Buffer.from('x') },
        { name: 'ctl\u0001.txt', data: Buffer.from('x') },
        { name: 'dir/', mode: 0o040755 },
        { name: 'a/./b.txt', data: Buffer.from('x') },
        { name: 'ünïcode flagged.txt', data: Buffer.from('xy'), flags: 0x800 },
        { name: 'ünïcode unflagged.txt', data: Buffer.from('xyz') },
      ]),
    );
    const corpus = join(corpusDir, 'success');
    const archives = hasCorpus ? readdirSync(corpus).filter((f) => f.endsWith('.zip')).map((f) => join(corpus, f)) : [];
    for (const file of [hostile, built.zipPath, ...archives]) {
      const text = run(['ls', file]);
      const json = run(['ls', file, '--json']);
      assert.equal(text.code, 0, text.stderr);
      const listed = (JSON.parse(json.stdout) as { entries: { path: string; size: number; type: string }[] }).entries;
      const lines = text.stdout.split('\n').slice(0, -1).map((l) => /^(\S{10}) +(\d+) \d{4}-\d\d-\d\d \d\d:\d\d (.*)$/.exec(l)?.slice(2).join(' ') ?? `unparsed: ${l}`);
      assert.deepEqual(lines, listed.map((e) => `${e.size} ${escapeControls(e.path)}${e.type === 'directory' ? '/' : ''}`), file);
    }
  });

  it('cat refuses an entry whose data descriptor or local header disagrees with the directory, as Go does', () => {
    const zip = join(tmp, 'bad-descriptor.zip');
    writeFileSync(zip, rawZip([{ name: 'a.txt', data: Buffer.from('hello'), descriptorCrc: 0xdeadbeef }, { name: 'b.txt', data: Buffer.from('fine'), local: { name: 'c.txt' } }, { name: 'ok.txt', data: Buffer.from('ok') }]));
    for (const name of ['a.txt', 'b.txt']) {
      const r = run(['cat', zip, name]);
      assert.equal(r.code, 2, name);
      oneCleanLine(r.stderr);
      assert.match(r.stderr, /zip\/header-mismatch/);
    }
    assert.equal(run(['cat', zip, 'ok.txt']).stdout, 'ok');
  });

  it('never passes a name\'s control characters to the terminal, and cat takes every name ls prints', () => {
    const nasty = join(tmp, 'nasty.zip');
    writeFileSync(nasty, rawZip([{ name: 'ok.txt\r\x1b[2Kall clear', data: Buffer.from('payload') }, { name: 'two\nlines.sh', data: Buffer.from('x') }]));
    for (const args of [['ls', nasty], ['lint', nasty, '--workspace', tmp], ['lint', nasty, '--workspace', tmp, '--format', 'markdown']]) {
      const r = run(args);
      assert.doesNotMatch(r.stdout + r.stderr, /[\x00-\x09\x0b-\x1f\x7f]/, args.join(' '));
    }
    const listed = run(['ls', nasty]).stdout.split('\n').filter(Boolean).map((l) => l.replace(/^\S+ +\d+ \S+ \S+ /, ''));
    assert.deepEqual(listed, ['ok.txt\\r\\e[2Kall clear', 'two\\nlines.sh']);
    const cat = run(['cat', nasty, listed[0]]);
    assert.equal(cat.code, 0, cat.stderr);
    assert.equal(cat.stdout, 'payload');
    const json = JSON.parse(run(['ls', nasty, '--json']).stdout) as { entries: { path: string }[] };
    assert.equal(json.entries[0].path, 'ok.txt\r\x1b[2Kall clear');
  });

  it('the bundled CLI keeps the review engine apart: ls runs without it, lint loads it', () => {
    const bundled = (args: string[]): { code: number; stdout: string } => {
      const r = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), ...args], { encoding: 'utf8' });
      return { code: r.status ?? -1, stdout: r.stdout };
    };
    assert.match(bundled(['ls', built.zipPath]).stdout, /bin\/dten-agent$/m);
    assert.doesNotMatch(readFileSync(join(repoRoot, 'dist', 'cli.js'), 'utf8'), /tree-sitter|cronstrue/);
    // Libraries only some packages need stay in bundles of their own, loaded on first use.
    const review = readFileSync(join(repoRoot, 'dist', 'review.js'), 'utf8');
    assert.doesNotMatch(review, /OpenPGP\.js|FixedFIFO/);
    assert.match(readFileSync(join(repoRoot, 'dist', 'openpgp-lib.js'), 'utf8'), /OpenPGP\.js/);
    const lint = bundled(['lint', built.zipPath, '--format', 'json']);
    assert.equal(lint.code, 1);
    assert.ok((JSON.parse(lint.stdout) as { findings: unknown[] }).findings.length > 5);
  });

  /**
   * The bundled CLI run with a probe on V8's flags: every flag it sets, and Node's modules it loaded after the
   * first (stderr carries the probe's JSON).
   */
  const probeFlags = (args: string[]): { flags: string[]; late: string[] | 'no flag set' } => {
    const probe = join(tmp, 'flags.js');
    writeFileSync(probe, [
      "const v8 = require('node:v8');",
      'const set = v8.setFlagsFromString;',
      'let before;',
      'const flags = [];',
      'v8.setFlagsFromString = (f) => { before ??= new Set(process.moduleLoadList); flags.push(...f.split(/\\s+/)); return set.call(v8, f); };',
      "const late = () => (before ? process.moduleLoadList.filter((m) => !before.has(m) && m.startsWith('NativeModule')) : 'no flag set');",
      "process.on('exit', () => process.stderr.write(JSON.stringify({ flags, late: late() })));",
    ].join('\n'));
    const r = spawnSync(process.execPath, ['--require', probe, join(repoRoot, 'dist', 'cli.js'), ...args], { encoding: 'utf8' });
    return JSON.parse(r.stderr) as { flags: string[]; late: string[] | 'no flag set' };
  };

  it('the bundled CLI loads Node\'s modules before it changes V8\'s flags, while Node\'s own code cache still fits', () => {
    // A module of Node's loaded after `--liftoff-only` is set is compiled from its source: `lint` slows down.
    for (const args of [['lint', built.zipPath], ['diff', built.zipPath, built.zipPath]]) {
      assert.deepEqual(probeFlags(args).late, [], args[0]);
    }
  });

  it('the bundled CLI keeps the shell parser\'s wasm at the baseline tier on every Node it runs on', () => {
    // V8 13 (Node 24) applies a flag's implications only at start-up: `--liftoff-only` alone, set at run time,
    // left the grammar tiering up after the review (the example: 0.8 s and 580 MB instead of 0.2 s and 80).
    // UI_TEST_NODES names more Node binaries to run it on (.ci/run fetches Node 24).
    const { flags } = probeFlags(['lint', built.zipPath, '--no-shellcheck']);
    for (const flag of ['--liftoff-only', '--no-wasm-tier-up', '--no-wasm-dynamic-tiering']) {
      assert.ok(flags.includes(flag), `${flag} in ${flags.join(' ')}`);
    }
    const nodes = [process.execPath, ...(process.env.UI_TEST_NODES ?? '').split(':').filter(Boolean)];
    for (const node of nodes) {
      const r = runMeasuringPeak(node, [join(repoRoot, 'dist', 'cli.js'), 'lint', built.zipPath, '--no-shellcheck', '--format', 'json']);
      assert.equal(r.status, 1, `${node}: ${r.stderr}`);
      assert.ok((JSON.parse(r.stdout) as { findings: unknown[] }).findings.length > 5, node);
      assert.ok(r.peakMb < 250, `${node}: ${r.peakMb.toFixed(0)} MB at its peak`);
    }
  });

  it('the bundled CLI reviews the same from its code cache, cold, warm, or spoilt', () => {
    const cache = mkdtempSync(join(tmpdir(), 'ui-code-cache-'));
    const lint = (): string => {
      const r = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'lint', built.zipPath, '--no-shellcheck', '--format', 'json'], { encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: cache } });
      assert.equal(r.stderr, '');
      return r.stdout;
    };
    const cold = lint();
    const dir = join(cache, 'upgrade-inspector', 'code-cache');
    // The example holds a raw signature with its certificate and .tar.gz archives inside: the tar reader is
    // loaded and cached; pkijs (CMS only) and the xz decoder (with Node's web streams) are not.
    assert.deepEqual(readdirSync(dir).map((f) => f.replace(/-\w+$/, '')).sort(), ['archive-libs.js', 'review.js']);
    assert.equal(lint(), cold);
    for (const f of readdirSync(dir)) {
      const bytes = readFileSync(join(dir, f));
      bytes.fill(7, 40, 400);
      writeFileSync(join(dir, f), bytes);
    }
    assert.equal(lint(), cold);
    rmSync(cache, { recursive: true, force: true });
  });

  it('the bundled CLI keeps a code cache for each Node that runs it', () => {
    // Run by two Nodes in turn, each found its cache rejected (made by the other) and wrote it again, every run.
    const nodes = [process.execPath, ...(process.env.UI_TEST_NODES ?? '').split(':').filter(Boolean)];
    const cache = mkdtempSync(join(tmpdir(), 'ui-code-cache-'));
    const dir = join(cache, 'upgrade-inspector', 'code-cache');
    const lint = (node: string): void => {
      spawnSync(node, [join(repoRoot, 'dist', 'cli.js'), 'lint', built.zipPath, '--no-shellcheck'], { env: { ...process.env, XDG_CACHE_HOME: cache } });
    };
    nodes.forEach(lint);
    const written = new Map(readdirSync(dir).map((f) => [f, statSync(join(dir, f)).mtimeMs]));
    assert.equal(written.size, 2 * nodes.length, [...written.keys()].join(' '));
    // The cache is written again by the first runs after it is made (it learns), then left alone.
    for (let i = 0; i < 3; i++) {
      nodes.forEach(lint);
    }
    const settled = new Map(readdirSync(dir).map((f) => [f, statSync(join(dir, f)).mtimeMs]));
    nodes.forEach(lint);
    assert.deepEqual(new Map(readdirSync(dir).map((f) => [f, statSync(join(dir, f)).mtimeMs])), settled);
    rmSync(cache, { recursive: true, force: true });
  });

  it('the code cache of a first run that did little grows with the runs after it, then stays', () => {
    const cache = mkdtempSync(join(tmpdir(), 'ui-code-cache-'));
    const notZip = join(cache, 'notes.txt');
    writeFileSync(notZip, 'not a package\n');
    const lint = (file: string): void => {
      spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'lint', file, '--no-shellcheck'], { env: { ...process.env, XDG_CACHE_HOME: cache } });
    };
    const dir = join(cache, 'upgrade-inspector', 'code-cache');
    const reviewCache = (): Buffer => readFileSync(join(dir, readdirSync(dir).find((f) => f.startsWith('review.js-'))!));
    lint(notZip);
    const first = reviewCache().length;
    lint(built.zipPath);
    // The run that reviewed a whole package compiled the rules, the signature check, the script parser…
    assert.ok(reviewCache().length > 2 * first, `${reviewCache().length} bytes after a review, ${first} after the first run`);
    lint(built.zipPath);
    const learnt = reviewCache();
    lint(built.zipPath);
    assert.ok(reviewCache().equals(learnt), 'a cache written by three runs is not written again');
    rmSync(cache, { recursive: true, force: true });
  });

  it('writes nothing but its own lines to stderr, not the deprecation warnings of a library (the bzip2 reader)', async () => {
    const zip = new JSZip();
    zip.file('payload/app.tar.bz2', Buffer.from(COMPRESSED_TARS['app.tar.bz2'], 'base64'));
    const path = join(tmp, 'bz2.zip');
    writeFileSync(path, await zip.generateAsync({ type: 'nodebuffer' }));
    // The bundle: Node warns of Buffer() only where the caller is not under node_modules.
    const r = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'lint', path, '--no-shellcheck'], { encoding: 'utf8' });
    assert.match(r.stdout, /payload\/app\.tar\.bz2!\/bin\/x\.sh/);
    assert.equal(r.stderr, '');
  });

  it('says so, and fails, when a command stops before it finishes instead of exiting 0 with no output', () => {
    // Every stat of the process never answers, as a reader that stops without an end or an error did.
    const stall = join(tmp, 'stall.js');
    writeFileSync(stall, "const fsp = require('node:fs/promises'); fsp.stat = () => new Promise(() => {});\n");
    const r = spawnSync(process.execPath, ['-r', stall, CLI, 'lint', built.zipPath, '--no-shellcheck'], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'upgrade-inspector: internal error: the command stopped before it finished, and nothing was reported: treat the package as not reviewed\n');
  });

  it('the code cache keeps a few files per bundle, not one for every install ever run', () => {
    const cache = mkdtempSync(join(tmpdir(), 'ui-code-cache-'));
    const dir = join(cache, 'upgrade-inspector', 'code-cache');
    mkdirSync(dir, { recursive: true });
    // The caches of six older installs of the engine (npx fetches each version to a path of its own), a
    // temporary file a killed run left, and one of another bundle.
    const old = ['review.js-0000000000a1', 'review.js-0000000000a2', 'review.js-0000000000a3', 'review.js-0000000000a4', 'review.js-0000000000a5', 'review.js-0000000000a6', 'review.js-0000000000a7.4242', 'archive-libs.js-0000000000b1'];
    old.forEach((f, i) => {
      writeFileSync(join(dir, f), 'stale');
      utimesSync(join(dir, f), new Date(2026, 0, 1 + i), new Date(2026, 0, 1 + i));
    });
    spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'lint', built.zipPath, '--no-shellcheck'], { env: { ...process.env, XDG_CACHE_HOME: cache } });
    const left = readdirSync(dir).sort();
    const engine = left.filter((f) => f.startsWith('review.js-'));
    assert.equal(engine.length, 4, left.join(' '));
    // This run's own, and the newest three of the others.
    assert.deepEqual(engine.filter((f) => old.includes(f)), ['review.js-0000000000a5', 'review.js-0000000000a6', 'review.js-0000000000a7.4242']);
    assert.ok(readFileSync(join(dir, engine.find((f) => !old.includes(f))!)).length > 100_000);
    // The other bundle's files are its own count: the old one and this run's are both kept.
    assert.equal(left.filter((f) => f.startsWith('archive-libs.js-')).length, 2);
    rmSync(cache, { recursive: true, force: true });
  });

  it('the bundled CLI verifies an OpenPGP signature (openpgp loads in the bundle)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ui-pgp-'));
    const fixtures = join(repoRoot, 'test', 'fixtures', 'signatures');
    const zip = join(dir, 'signed.zip');
    spawnSync('zip', ['-q', '-j', zip, join(fixtures, 'manifest.json'), join(fixtures, 'manifest.json.asc')]);
    const r = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'lint', zip, '--no-shellcheck', '--format', 'json', '--trusted-key', join(fixtures, 'vendor-key.asc')], { encoding: 'utf8' });
    assert.equal(r.stderr, '');
    const found = (JSON.parse(r.stdout) as { findings: { rule: string }[] }).findings.map((f) => f.rule);
    assert.deepEqual(found.filter((f) => f.startsWith('signature/') || f === 'zip/unlisted-file'), []);
  });

  it('the bundled review commands say a bad path in one line, not as an internal error', () => {
    for (const args of [['lint', 'no-such.zip'], ['diff', 'no-such.zip', 'other.zip']]) {
      const r = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), ...args], { encoding: 'utf8' });
      assert.equal(r.status, 2);
      assert.equal(r.stderr, 'upgrade-inspector: no-such.zip: no such file\n');
    }
  });

  it('workspace files that cannot be read are notes; a file named on the command line that cannot be read is one clear line', () => {
    // Folders where .upgrade-inspector/ has files.
    const ws = join(tmp, 'ws-unreadable');
    mkdirSync(join(ws, '.upgrade-inspector', 'review.json'), { recursive: true });
    mkdirSync(join(ws, '.upgrade-inspector', 'inventory.json'));
    const r = run(['lint', built.zipPath, '--workspace', ws, '--no-shellcheck']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /note: \.upgrade-inspector\/review\.json is a folder, so it was not used\n/);
    assert.match(r.stdout, /note: \.upgrade-inspector\/inventory\.json is a folder, so it was not used\n/);
    const matrix = run(['matrix', built.zipPath, '--workspace', ws]);
    assert.equal(matrix.code, 2);
    assert.equal(matrix.stderr, 'upgrade-inspector: .upgrade-inspector/inventory.json is a folder, so it was not used\n');
    const folder = join(ws, '.upgrade-inspector', 'inventory.json');
    // /dev/zero never ends: read, it took a gigabyte before failing with an internal error.
    for (const [args, said] of [
      [['lint', built.zipPath, '--inventory', folder], `${folder}: the inventory is a folder`],
      [['matrix', built.zipPath, '--inventory', folder], `${folder}: the inventory is a folder`],
      [['lint', built.zipPath, '--inventory', '/dev/zero'], '/dev/zero: the inventory is not a regular file'],
      [['lint', built.zipPath, '--trusted-root', '/dev/zero'], '/dev/zero: is not a regular file'],
      [['lint', built.zipPath, '--chain', ws], `${ws}: is a folder`],
    ] as const) {
      const given = run([...args]);
      assert.equal(given.code, 2, args.join(' '));
      assert.equal(given.stderr, `upgrade-inspector: ${said}\n`);
    }
  });

  it('a package path that is a pipe (lint <(curl …)) is one clear line, not a command that waits for ever', () => {
    const fifo = join(tmp, 'pipe.zip');
    execFileSync('mkfifo', [fifo]);
    for (const args of [['lint', fifo], ['ls', fifo], ['cat', fifo, 'manifest.json'], ['diff', fifo, built.zipPath]]) {
      // Nothing ever writes the fifo: the time limit is what a command that waits for it would run into.
      const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 10_000 });
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.error?.message ?? r.stderr}`);
      assert.equal(r.stderr, `upgrade-inspector: ${fifo}: cannot be opened (${fifo} is a pipe, and a ZIP is read from its end: save it to a file first)\n`);
    }
  });

  it('output that cannot be written (a full disk) is a failed command with one line, never exit 0', () => {
    for (const args of [['cat', built.zipPath, 'manifest.json'], ['ls', built.zipPath], ['lint', built.zipPath, '--no-shellcheck']]) {
      const full = openSync('/dev/full', 'w');
      const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', stdio: ['ignore', full, 'pipe'] });
      closeSync(full);
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stderr, 'upgrade-inspector: cannot write the output (ENOSPC)\n');
    }
  });

  it('cat writes the exact bytes of an entry', async () => {
    const r = spawnSync(process.execPath, [CLI, 'cat', built.zipPath, 'bin/dtenctl']);
    const zip = await JSZip.loadAsync(readFileSync(built.zipPath));
    assert.ok(r.stdout.equals(await zip.file('bin/dtenctl')!.async('nodebuffer')));
  });

  it('cat of a missing entry, and ls/cat of a file that is not a ZIP, exit 2 with one clear line', () => {
    const garbage = join(tmp, 'random.zip');
    writeFileSync(garbage, Buffer.from('PK\u0003\u0004 this is not really a zip at all'));
    for (const args of [['cat', built.zipPath, 'nope.txt'], ['ls', garbage], ['cat', garbage, 'x'], ['ls', join(tmp, 'missing.zip')], ['lint', join(tmp, 'missing.zip')], ['frobnicate'], ['ls']]) {
      const r = run(args);
      assert.equal(r.code, 2, args.join(' '));
      oneCleanLine(r.stderr);
    }
  });

  it('lint of a file that is not a ZIP is a zip/corrupt finding, exit 1, in the chosen format', () => {
    const empty = join(tmp, 'empty.zip');
    writeFileSync(empty, '');
    const r = run(['lint', empty, '--format', 'json', '--workspace', tmp]);
    assert.equal(r.code, 1);
    const json = JSON.parse(r.stdout) as { findings: { rule: string }[]; summary: { error: number } };
    assert.deepEqual(json.findings.map((f) => f.rule), ['zip/corrupt']);
    assert.equal(json.summary.error, 1);
  });

  it('lint --format json follows the contract: 1-based lines, origin, summary', () => {
    const r = run(['lint', built.zipPath, '--workspace', exampleWorkspace, '--format', 'json']);
    assert.equal(r.code, 1);
    const json = JSON.parse(r.stdout) as { package: string; findings: Record<string, unknown>[]; summary: Record<string, number> };
    const sudo = json.findings.find((f) => f.rule === 'script/sudo')!;
    assert.deepEqual(
      { file: sudo.file, origin: sudo.origin, line: sudo.line, column: sudo.column, endLine: sudo.endLine, endColumn: sudo.endColumn, severity: sudo.severity },
      { file: 'scripts/postinstall.sh', origin: 'package', line: 11, column: 1, endLine: 11, endColumn: 5, severity: 'warning' },
    );
    assert.equal(json.findings.find((f) => f.rule === 'config/removed-key')!.origin, 'workspace');
    assert.deepEqual(Object.keys(json.summary), ['error', 'warning', 'info']);
    assert.equal(json.summary.error, json.findings.filter((f) => f.severity === 'error').length);
  });

  it('lint orders findings by path the same way whatever the machine\'s locale (code units, as `LC_ALL=C sort`)', async () => {
    const zip = new JSZip();
    zip.file('manifest.json', JSON.stringify({ name: 'order', version: '1.0.0', files: {} }));
    for (const name of ['alpha.txt', 'Zeta.txt', '_b.txt', '9.txt', '10.txt']) {
      zip.file(name, 'x');
    }
    const path = join(tmp, 'order.zip');
    writeFileSync(path, await zip.generateAsync({ type: 'nodebuffer' }));
    for (const locale of ['C', 'en_US.UTF-8', 'sv_SE.UTF-8']) {
      const r = spawnSync(process.execPath, [CLI, 'lint', path, '--workspace', tmp, '--no-shellcheck', '--format', 'json'], { encoding: 'utf8', env: { ...process.env, LANG: locale, LC_ALL: locale } });
      const files = (JSON.parse(r.stdout) as { findings: { rule: string; file: string }[] }).findings.filter((f) => f.rule === 'zip/unlisted-file').map((f) => f.file);
      assert.deepEqual(files, ['10.txt', '9.txt', 'Zeta.txt', '_b.txt', 'alpha.txt'], locale);
    }
  });

  it('lint exits 0 when every error is accepted or resolved', () => {
    const r = run(['lint', built.zipPath, '--workspace', tmp, '--trusted-root', join(built.dir, 'vendor-root.pem')]);
    // Without the example workspace: no inventory and no config, so only package findings remain.
    assert.equal(r.code, 1, 'the unlocked schema changes are still errors');
    assert.match(r.stdout, /errors?, \d+ warnings?, \d+ info in /);
  });

  it('lint --format sarif is SARIF 2.1.0 with rules, help URIs and suppressions for accepted findings', () => {
    const r = run(['lint', built.zipPath, '--workspace', exampleWorkspace, '--format', 'sarif']);
    const sarif = JSON.parse(r.stdout) as { version: string; runs: { tool: { driver: { rules: { id: string; helpUri: string }[] } }; results: { ruleId: string; level: string; suppressions?: unknown[]; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
    assert.equal(sarif.version, '2.1.0');
    const run0 = sarif.runs[0];
    // Our rules link to their doc page, ShellCheck codes to ShellCheck's wiki.
    assert.ok(run0.tool.driver.rules.every((rule) => (rule.id.startsWith('shellcheck/') ? /^https:\/\/www\.shellcheck\.net\/wiki\/SC\d+$/ : /^https:\/\/.+\.md$/).test(rule.helpUri)), JSON.stringify(run0.tool.driver.rules.map((r) => r.helpUri)));
    const sudo = run0.results.filter((x) => x.ruleId === 'script/sudo');
    assert.equal(sudo.filter((x) => x.suppressions).length, 1);
    assert.ok(run0.results.every((x) => ['error', 'warning', 'note'].includes(x.level) && x.locations[0].physicalLocation.region.startLine >= 1));
  });

  it('lint --show-accepted lists accepted findings with their reason', () => {
    const r = run(['lint', built.zipPath, '--workspace', exampleWorkspace, '--show-accepted']);
    assert.match(r.stdout, /preinstall\.sh:7:1 warning .* \[script\/sudo\] \(accepted: the upgrade runs as root/);
  });

  it('lint reports a ledger entry that matches nothing as stale', () => {
    const ws = join(tmp, 'stale-ws');
    cpSync(exampleWorkspace, ws, { recursive: true });
    writeFileSync(join(ws, '.upgrade-inspector', 'review.json'), JSON.stringify({ accepted: [{ rule: 'script/sudo', file: 'scripts/gone.sh', line: 3, reason: 'old' }] }));
    const r = run(['lint', built.zipPath, '--workspace', ws]);
    assert.match(r.stdout, /stale acceptance: script\/sudo at scripts\/gone\.sh:3/);
  });

  it('lint --fix applies the safe config fixes, keeps comments and leaves unrelated files alone', () => {
    const ws = join(tmp, 'fix-ws');
    cpSync(exampleWorkspace, ws, { recursive: true });
    const unrelated = readFileSync(join(ws, 'app', 'package.json'), 'utf8');
    const r = run(['lint', built.zipPath, '--workspace', ws, '--fix']);
    assert.match(r.stdout, /fixed: etc\/dten\/agent\.properties:4: Rename to dten\.hybrid\.enable/);
    assert.doesNotMatch(r.stdout, /\[config\//);
    const props = readFileSync(join(ws, 'etc', 'dten', 'agent.properties'), 'utf8');
    assert.match(props, /# poll every 30 s \(ticket NET-1422\)\ndten\.agent\.pollInterval=30/);
    assert.match(props, /^dten\.hybrid\.enable=true$/m);
    assert.match(readFileSync(join(ws, 'etc', 'dten', 'routing.yaml'), 'utf8'), /enable: true # switched off during the 4\.3 incident/);
    assert.equal(readFileSync(join(ws, 'app', 'package.json'), 'utf8'), unrelated);
  });

  it('lint --fix reviews the package again with the fixed files, without running ShellCheck again', () => {
    const ws = join(tmp, 'fix-once');
    cpSync(exampleWorkspace, ws, { recursive: true });
    const { bin, runs, dispose } = standInShellcheck();
    const r = spawnSync(process.execPath, [CLI, 'lint', built.zipPath, '--workspace', ws, '--fix', '--format', 'json'], { encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
    const out = JSON.parse(r.stdout) as { findings: { rule: string; file: string }[]; fixed: string[] };
    assert.ok(out.fixed.some((f) => f.startsWith('etc/dten/agent.properties:4: Rename to dten.hybrid.enable')), out.fixed.join('\n'));
    assert.deepEqual(out.findings.filter((f) => f.rule.startsWith('config/')), []);
    assert.ok(out.findings.filter((f) => f.rule === 'shellcheck/SC1000').length >= 5);
    assert.equal(readFileSync(runs, 'utf8'), 'run\n');
    dispose();
  });

  it('lint --fix keeps the bytes of a config file that is not UTF-8 (an ISO-8859-1 .properties) and a BOM', () => {
    const ws = join(tmp, 'fix-latin1');
    cpSync(exampleWorkspace, ws, { recursive: true });
    const agent = join(ws, 'etc', 'dten', 'agent.properties');
    // "café", "René": one byte each for é, as Java writes a .properties file.
    writeFileSync(agent, Buffer.concat([Buffer.from('# caf\xe9, owner Ren\xe9\n', 'latin1'), Buffer.from('dten.agent.name=edge-01\ndten.sftp.host=sftp-legacy.example.net\n')]));
    const bom = join(ws, 'etc', 'dten', 'collector.properties');
    writeFileSync(bom, '\ufeffdten.collector.interval=30\n');
    const r = run(['lint', built.zipPath, '--workspace', ws, '--fix', '--no-shellcheck']);
    assert.match(r.stdout, /fixed: etc\/dten\/agent\.properties:3: Remove dten\.sftp\.host\n/);
    assert.deepEqual(readFileSync(agent), Buffer.from('# caf\xe9, owner Ren\xe9\ndten.agent.name=edge-01\n', 'latin1'));
    assert.equal(readFileSync(bom, 'utf8'), '\ufeffdten.agent.pollInterval=30\n');
  });

  it('lint --fix fixes the files it can write, and says which it could not, whose findings stay', function () {
    // A read-only file, for a user who is not root: run as nobody when the tests run as root, where nobody can
    // read this checkout (not under a private home folder).
    const asRoot = process.getuid?.() === 0;
    if (asRoot && spawnSync(process.execPath, ['-e', `require(${JSON.stringify(CLI)})`], { uid: 65534, gid: 65534 }).status !== 0) {
      this.skip();
    }
    const dir = mkdtempSync(join(tmpdir(), 'ui-fix-'));
    const ws = join(dir, 'ws');
    cpSync(exampleWorkspace, ws, { recursive: true });
    cpSync(built.zipPath, join(dir, 'pkg.zip'));
    const agent = join(ws, 'etc', 'dten', 'agent.properties');
    if (asRoot) {
      execFileSync('chmod', ['-R', 'a+rwX', dir]);
    }
    chmodSync(agent, 0o444);
    const before = readFileSync(agent, 'utf8');
    const r = spawnSync(process.execPath, [CLI, 'lint', join(dir, 'pkg.zip'), '--workspace', ws, '--fix', '--no-shellcheck'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, ...(asRoot ? { uid: 65534, gid: 65534 } : {}) });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /\nnote: etc\/dten\/agent\.properties could not be written \(EACCES\), so its fixes were not made\n/);
    assert.match(r.stdout, /\nfixed: etc\/dten\/routing\.yaml:7: Set dten\.hybrid\.enable to true\n/);
    assert.doesNotMatch(r.stdout, /fixed: etc\/dten\/agent\.properties/);
    assert.match(r.stdout, /etc\/dten\/agent\.properties:7:1 error dten\.sftp\.host was removed/);
    assert.equal(readFileSync(agent, 'utf8'), before);
    rmSync(dir, { recursive: true, force: true });
  });

  it('lint reviews an unpacked package folder like the ZIP (archive-only rules aside)', () => {
    const folder = join(tmp, 'unpacked');
    spawnSync('unzip', ['-q', '-o', built.zipPath, '-d', folder]);
    const fromZip = JSON.parse(run(['lint', built.zipPath, '--workspace', exampleWorkspace, '--format', 'json']).stdout) as { findings: { rule: string; file: string; line: number }[] };
    const fromFolder = JSON.parse(run(['lint', folder, '--workspace', exampleWorkspace, '--format', 'json']).stdout) as { findings: { rule: string; file: string; line: number }[] };
    const key = (f: { rule: string; file: string; line: number }): string => `${f.rule} ${f.file}:${f.line}`;
    const scripts = (list: { rule: string; file: string; line: number }[]): string[] => list.filter((f) => f.rule.startsWith('script/') || f.rule.startsWith('manifest/')).map(key).sort();
    assert.ok(scripts(fromFolder.findings).length > 5);
    assert.deepEqual(scripts(fromFolder.findings), scripts(fromZip.findings));
  });

  it('matrix prints the contract JSON', () => {
    const r = run(['matrix', built.zipPath, '--inventory', join(exampleWorkspace, '.upgrade-inspector', 'inventory.json'), '--format', 'json']);
    const json = JSON.parse(r.stdout) as { product: { status: string }; rows: { name: string; required: string; installed: string | null; status: string }[] };
    assert.equal(r.code, 1);
    assert.equal(json.product.status, 'ok');
    assert.deepEqual(json.rows[3], { name: 'libdten-proto', required: '*', installed: null, status: 'not-installed' });
  });

  it('matrix says on stderr what of an inventory of the wrong shape it did not use; stdout keeps the format', () => {
    const inventory = join(tmp, 'numbered-inventory.json');
    writeFileSync(inventory, JSON.stringify({ product: { name: 'dten', version: 4.3 }, packages: { openssl: '3.0.11-1~deb12u2' } }));
    const r = run(['matrix', built.zipPath, '--inventory', inventory, '--format', 'json']);
    assert.equal((JSON.parse(r.stdout) as { product: { installed: string | null } }).product.installed, null);
    assert.equal(r.stderr, `upgrade-inspector: note: ${inventory}: "product" must be {"name": "…", "version": "…"}, both strings: the installed version of the product is not known\n`);
  });

  it('lint --format markdown writes a report with the matrix and the checklist', () => {
    const r = run(['lint', built.zipPath, '--workspace', exampleWorkspace, '--format', 'markdown']);
    assert.match(r.stdout, /^# Upgrade review: /);
    assert.match(r.stdout, /\| ✗ \| python3 \| `~3\.11` \| 3\.9\.2-3 \| unsatisfied \|/);
    assert.match(r.stdout, /- \[ \] Reboot: the manifest says `"recommended"`/);
    assert.match(r.stdout, /registers a webhook at hooks\.partner\.example/);
    assert.match(r.stdout, /## Accepted \(1\)/);
  });
});
