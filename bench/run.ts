/**
 * `npm run bench`: our reader against the alternatives, side by side in one run, as ratios.
 * Packages are generated outside the repo (in the system temp folder) and removed afterwards.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import JSZip from 'jszip';
import { ZipArchive } from '../src/core/zip';
import { lockFile, writeLargePackage, writeManyEntries, writeOverlapBomb, writeUnpacked } from './archives';
import { peakRss, peakRssOf, timeAlternating, timeIt, timeProcess, type Proc } from './measure';

const root = resolve(__dirname, '..', '..');
const RUNS = 7;

interface Row { what: string; ours: string; other?: string; ratio?: string; target: string; ok: boolean }

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ui-bench-'));
  const rows: Row[] = [];
  try {
    const many = join(dir, 'many-100k.zip');
    const large = join(dir, 'large-1g.zip');
    writeManyEntries(many, 100_000);
    writeLargePackage(large, 1024 * 1024 * 1024);
    process.stderr.write(`generated ${statSync(many).size >> 20} MB (100k entries) and ${statSync(large).size >> 20} MB packages in ${dir}\n`);

    // Let the kernel write the 1 GB out now rather than during the measurements.
    spawnSync('sync');
    // In a fresh process, like the 1 GB case: this one's heap still holds the generator's garbage. Listing
    // means every entry's path and size are read; the garbage of the run before is collected untimed.
    const reader = join(root, 'out', 'src', 'core', 'zip', 'index.js');
    const timedOpen = (file: string): { ms: number; rssMb: number } =>
      peakRss(`const {ZipArchive}=require(${JSON.stringify(reader)});(async()=>{const ts=[];for(let i=0;i<=${RUNS};i++){gc();const t=process.hrtime.bigint();const a=await ZipArchive.open(${JSON.stringify(file)});let n=0;for(const e of a.entries)n+=(e.path??'').length+e.uncompressedSize;await a.close();if(i>0)ts.push(Number(process.hrtime.bigint()-t)/1e6)}ts.sort((a,b)=>a-b);console.log(JSON.stringify({ms:ts[${RUNS >> 1}],rssMb:process.resourceUsage().maxRSS/1024}))})()`);
    const oursList = timedOpen(many).ms;
    const bytes = readFileSync(many);
    const jszip = await timeIt(3, async () => Object.keys((await JSZip.loadAsync(bytes)).files).length);
    rows.push({ what: 'in-process listing, 100k entries', ours: `${oursList.toFixed(1)} ms`, other: `JSZip load+list ${jszip.toFixed(0)} ms`, ratio: `${(oursList / jszip).toFixed(3)}×`, target: '≤ 150 ms', ok: oursList <= 150 });

    const cli = join(root, 'dist', 'cli.js');
    // NODE_EXTRA_CA_CERTS makes every Node process parse a certificate bundle before it starts (35–55 ms here,
    // where it is set for the package proxy); the CLI never uses it. The issue measures `ls` with the
    // environment as it is, so both are measured, each pair in turn, and the row is met only if both are.
    const plainEnv = { ...process.env };
    delete plainEnv.NODE_EXTRA_CA_CERTS;
    const lsPair = (env: NodeJS.ProcessEnv): number[] => timeAlternating(RUNS * 2, [{ cmd: process.execPath, args: [cli, 'ls', many], env }, { cmd: 'unzip', args: ['-l', many], env }]);
    const [ourLs, unzipLs] = lsPair(plainEnv);
    const [ourLsAsIs, unzipLsAsIs] = process.env.NODE_EXTRA_CA_CERTS ? lsPair(process.env) : [ourLs, unzipLs];
    const asIs = process.env.NODE_EXTRA_CA_CERTS ? `; with this machine's NODE_EXTRA_CA_CERTS, as it is: ${ourLsAsIs.toFixed(0)} ms against ${unzipLsAsIs.toFixed(0)}` : '';
    const lsRatio = process.env.NODE_EXTRA_CA_CERTS ? `${(ourLs / unzipLs).toFixed(2)}× (${(ourLsAsIs / unzipLsAsIs).toFixed(2)}× as it is)` : `${(ourLs / unzipLs).toFixed(2)}×`;
    rows.push({ what: 'CLI `ls` vs `unzip -l`, 100k entries, whole processes', ours: `${ourLs.toFixed(0)} ms`, other: `unzip -l ${unzipLs.toFixed(0)} ms${asIs}`, ratio: lsRatio, target: '≤ 0.5×', ok: ourLs / unzipLs <= 0.5 && ourLsAsIs / unzipLsAsIs <= 0.5 });

    const openLarge = timedOpen(large);
    const unzipLarge = timeProcess(RUNS, 'unzip', ['-l', large]);
    rows.push({ what: 'open the 1 GB package (peak RSS of the process)', ours: `${openLarge.ms.toFixed(2)} ms, ${openLarge.rssMb.toFixed(0)} MB`, other: `unzip -l ${unzipLarge.toFixed(0)} ms`, target: '< 50 ms, < 100 MB', ok: openLarge.ms < 50 && openLarge.rssMb < 100 });

    const a = await ZipArchive.open(large);
    const middle = a.getEntry('docs/middle.txt')!;
    const readSmall = await timeIt(RUNS * 3, () => a.readEntry(middle));
    await a.close();
    const unzipP = timeProcess(RUNS, 'unzip', ['-p', large, 'docs/middle.txt']);
    rows.push({ what: 'read one small entry from the middle of 1 GB', ours: `${readSmall.toFixed(2)} ms`, other: `unzip -p ${unzipP.toFixed(0)} ms`, ratio: `${(readSmall / unzipP).toFixed(3)}×`, target: '< 5 ms', ok: readSmall < 5 });

    // Whole reviews, whole processes, each beside the peer that does the nearest thing; both sides run in an
    // empty folder (no workspace) and without NODE_EXTRA_CA_CERTS, whose cost is shown beside.
    const ws = join(dir, 'ws');
    mkdirSync(ws);
    const lint = (file: string, runs: number, env = plainEnv): number => timeProcess(runs, process.execPath, [cli, 'lint', file, '--workspace', ws], env, [0, 1]);
    const lintProc = (file: string, ...more: string[]): Proc => ({ cmd: process.execPath, args: [cli, 'lint', file, '--workspace', ws, ...more], env: plainEnv, ok: [0, 1] });
    const example = join(root, 'examples', 'dist', 'Full-upgrade-package-dten.zip');
    // The ratios' two sides are run in turn (see timeAlternating). ShellCheck is another program's work, on the
    // other core: the review alone is shown beside.
    const [nodeStart, lintExample, ownExample] = timeAlternating(RUNS * 2, [{ cmd: process.execPath, args: ['-e', '0'], env: plainEnv }, lintProc(example), lintProc(example, '--no-shellcheck')]);
    const certs = process.env.NODE_EXTRA_CA_CERTS ? `; with this machine's NODE_EXTRA_CA_CERTS: lint ${lint(example, RUNS, process.env).toFixed(0)} ms, node -e 0 ${timeProcess(RUNS, process.execPath, ['-e', '0']).toFixed(0)} ms` : '';
    rows.push({ what: '`lint` of the example package, whole process', ours: `${lintExample.toFixed(0)} ms`, other: `node -e 0 ${nodeStart.toFixed(0)} ms; without ShellCheck: lint ${ownExample.toFixed(0)} ms (${(ownExample / nodeStart).toFixed(1)}×)${certs}`, ratio: `${(lintExample / nodeStart).toFixed(1)}×`, target: '≤ 4×', ok: lintExample / nodeStart <= 4 });

    // The user's workspace holds other tools' files too: a lock file of 800 KB should cost its read, no more.
    const userWs = join(dir, 'user-ws');
    const lockWs = join(dir, 'user-ws-lock');
    cpSync(join(root, 'examples', 'workspace'), userWs, { recursive: true });
    cpSync(userWs, lockWs, { recursive: true });
    writeFileSync(join(lockWs, 'app', 'package-lock.json'), lockFile(800 * 1024));
    const inWorkspace = (folder: string): Proc => ({ cmd: process.execPath, args: [cli, 'lint', example, '--workspace', folder, '--no-shellcheck'], env: plainEnv, ok: [0, 1] });
    const [lintUserWs, lintLockWs] = timeAlternating(RUNS * 2, [inWorkspace(userWs), inWorkspace(lockWs)]);
    rows.push({ what: '`lint` of the example in its workspace with an 800 KB package-lock.json added', ours: `${lintLockWs.toFixed(0)} ms`, other: `without it ${lintUserWs.toFixed(0)} ms`, ratio: `${(lintLockWs / lintUserWs).toFixed(2)}×`, target: '≤ 1.2×', ok: lintLockWs / lintUserWs <= 1.2 });

    // An unpacked package of 20,000 small files: listing and reading them, against C tools reading the same files.
    const unpacked = join(dir, 'unpacked');
    writeUnpacked(unpacked, 200, 100);
    const [lintFolder, catFolder] = timeAlternating(RUNS, [lintProc(unpacked), { cmd: 'sh', args: ['-c', 'find "$1" -type f -exec cat {} + > /dev/null', 'sh', unpacked], env: plainEnv }]);
    rows.push({ what: '`lint` of an unpacked package of 20,000 files vs `find -exec cat` reading them', ours: `${lintFolder.toFixed(0)} ms`, other: `find -exec cat ${catFolder.toFixed(0)} ms`, ratio: `${(lintFolder / catFolder).toFixed(2)}×`, target: '≤ 2×', ok: lintFolder / catFolder <= 2 });

    const [lintMany, unzipT] = timeAlternating(RUNS, [lintProc(many), { cmd: 'unzip', args: ['-tq', many], env: plainEnv }]);
    const lintManyRss = peakRssOf(process.execPath, [cli, 'lint', many, '--workspace', ws], plainEnv);
    const python = timeProcess(3, 'python3', ['-c', `import zipfile,hashlib\nz=zipfile.ZipFile(${JSON.stringify(many)})\nfor i in z.infolist(): hashlib.sha256(z.read(i)).hexdigest()`], plainEnv);
    rows.push({ what: '`lint` of 100k entries vs Python zipfile read+SHA-256 of every entry', ours: `${lintMany.toFixed(0)} ms, ${lintManyRss.toFixed(0)} MB peak`, other: `python ${python.toFixed(0)} ms`, ratio: `${(lintMany / python).toFixed(2)}×`, target: '≤ 0.5×, < 250 MB', ok: lintMany / python <= 0.5 && lintManyRss < 250 });
    rows.push({ what: '`lint` of 100k entries vs `unzip -tq` (C: inflate + CRC of every entry, no hash, no review)', ours: `${lintMany.toFixed(0)} ms`, other: `unzip -tq ${unzipT.toFixed(0)} ms`, ratio: `${(lintMany / unzipT).toFixed(0)}×`, target: '≤ 20×', ok: lintMany / unzipT <= 20 });

    // Two releases of 100k entries: each is reviewed once, and a file kept at its path is compared by size,
    // CRC-32 and its stored bytes (src/core/diff/files.ts).
    const many2 = join(dir, 'many-100k-next.zip');
    writeManyEntries(many2, 100_000);
    const [diffMany, lintBeside] = timeAlternating(RUNS, [{ cmd: process.execPath, args: [cli, 'diff', many, many2, '--workspace', ws], env: plainEnv, ok: [0, 1] }, lintProc(many)]);
    rows.push({ what: '`diff` of two 100k-entry packages vs `lint` of one', ours: `${diffMany.toFixed(0)} ms`, other: `lint ${lintBeside.toFixed(0)} ms`, ratio: `${(diffMany / lintBeside).toFixed(2)}×`, target: '< 2×', ok: diffMany / lintBeside < 2 });

    const lintLarge = lint(large, 3);
    const sha = timeProcess(3, 'sha256sum', [large], plainEnv);
    rows.push({ what: '`lint` of the 1 GB package vs `sha256sum` of the same file', ours: `${lintLarge.toFixed(0)} ms`, other: `sha256sum ${sha.toFixed(0)} ms`, ratio: `${(lintLarge / sha).toFixed(2)}×`, target: '≤ 1.5×', ok: lintLarge / sha <= 1.5 });

    const bomb = join(dir, 'overlap-bomb.zip');
    writeOverlapBomb(bomb, 7800);
    const lintBomb = lint(bomb, 3);
    const bombRss = peakRssOf(process.execPath, [cli, 'lint', bomb, '--workspace', ws], plainEnv);
    rows.push({ what: '`lint` of an overlap bomb (7,800 entries over one 1 MiB blob, 7.6 GiB expanded)', ours: `${lintBomb.toFixed(0)} ms, ${bombRss.toFixed(0)} MB peak`, other: '', target: '< 2 s, bounded memory', ok: lintBomb < 2000 && bombRss < 250 });

    // The two goals bound by Node's own start, on other Node versions too (UI_BENCH_NODES: their paths, ':' between):
    // Node 20 parses NODE_EXTRA_CA_CERTS's bundle at start-up, later versions only when TLS is used.
    for (const other of (process.env.UI_BENCH_NODES ?? '').split(':').filter(Boolean)) {
      const version = spawnSync(other, ['--version'], { encoding: 'utf8' }).stdout.trim();
      const [start, lintOther] = timeAlternating(RUNS * 2, [{ cmd: other, args: ['-e', '0'], env: plainEnv }, { cmd: other, args: [cli, 'lint', example, '--workspace', ws], env: plainEnv, ok: [0, 1] }]);
      rows.push({ what: `\`lint\` of the example package, whole process, on Node ${version}`, ours: `${lintOther.toFixed(0)} ms`, other: `node -e 0 ${start.toFixed(0)} ms`, ratio: `${(lintOther / start).toFixed(1)}×`, target: '≤ 4×', ok: lintOther / start <= 4 });
      const [lsOther, unzipOther] = timeAlternating(RUNS * 2, [{ cmd: other, args: [cli, 'ls', many] }, { cmd: 'unzip', args: ['-l', many] }]);
      rows.push({ what: `CLI \`ls\` vs \`unzip -l\`, 100k entries, on Node ${version}, the environment as it is`, ours: `${lsOther.toFixed(0)} ms`, other: `unzip -l ${unzipOther.toFixed(0)} ms`, ratio: `${(lsOther / unzipOther).toFixed(2)}×`, target: '≤ 0.5×', ok: lsOther / unzipOther <= 0.5 });
    }

    const relint = spawnSync(process.execPath, [join(root, 'out', 'bench', 'relint.js'), String(RUNS)], { encoding: 'utf8' });
    if (relint.status !== 0) {
      throw new Error(relint.stderr);
    }
    const { incremental, full, parseOnly } = JSON.parse(relint.stdout) as { incremental: number; full: number; parseOnly: number };
    rows.push({ what: 're-lint a 5,000-line script after an edit (re-parse + all script rules)', ours: `${incremental.toFixed(1)} ms`, other: `from scratch ${full.toFixed(1)} ms (parse alone ${parseOnly.toFixed(1)} ms)`, ratio: `${(incremental / full).toFixed(2)}×`, target: '< 30 ms', ok: incremental < 30 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  const table = [
    '| measurement | ours | alternative | ratio | target | met |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.what} | ${r.ours} | ${r.other ?? ''} | ${r.ratio ?? ''} | ${r.target} | ${r.ok ? 'yes' : '**no**'} |`),
  ].join('\n');
  process.stdout.write(`\nMachine: ${machine}\nMedians of ${RUNS} runs (after a warm-up).\n\n${table}\n`);
  if (process.argv.includes('--write')) {
    const doc = join(root, 'docs', 'performance.md');
    const before = readFileSync(doc, 'utf8').split('<!-- bench -->')[0];
    writeFileSync(doc, `${before}<!-- bench -->\nMeasured ${new Date().toISOString().slice(0, 10)} on ${machine}; medians of ${RUNS} runs.\n\n${table}\n`);
  }
  process.exitCode = rows.every((r) => r.ok) ? 0 : 1;
}

void main();
