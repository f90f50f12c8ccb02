/**
 * Builds and signs examples/dist/Full-upgrade-package-dten.zip from examples/package/.
 * Keys and certificates are made here, at build time, in memory (examples/certs.ts; never committed): a root CA the
 * reviewer does not know, an intermediate, and an ECDSA signer. Binaries are generated stand-ins with
 * timestamps from three product cycles ago.
 */
import { createHash, sign } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import JSZip from 'jszip';
import { CertLab } from './certs';
import { debBytes, tarGzBytes } from './archives';

export interface PackageFileSpec { data: Buffer; date: Date; mode: number }

export interface BuildOptions {
  outDir?: string;
  fileName?: string;
  /** Change the package's files before the manifest is made (tests). */
  mutate?: (files: Map<string, PackageFileSpec>) => void;
  /** Change the manifest object before it is signed (tests). */
  mutateManifest?: (manifest: Record<string, unknown>) => void;
  /** Change files after signing (tests: tampering). */
  tamper?: (files: Map<string, PackageFileSpec>) => void;
  /** Sign with the intermediate CA instead of the signer (tests: key usage). */
  signWithCa?: boolean;
  /** Build the release before this one (5.0.1, examples/previous/) instead of the current one. */
  previous?: boolean;
  /** Sign with this key and ship these certificates instead of the example chain (tests: path validation). */
  signWith?: { key: string; certificates: string };
  /**
   * The team's workspace, given the story's certificates: the old root it has trusted for years
   * (trust/northwind-root-r1.pem, named by the workspace's settings) and what the vendor sent with its advisory
   * (vendor-advisory/northwind-r2-cross-signed-by-r1.pem, for Add Vendor Chain… or --chain).
   */
  workspaceDir?: string;
}

/** What the previous release changes: examples/previous/release.json, and its files in examples/previous/files/. */
interface PreviousRelease {
  version: string;
  releaseDate: string;
  remove: string[];
  rename: Record<string, string>;
  binaries: Record<string, string>;
  manifest: Record<string, unknown>;
}

export interface BuiltPackage { zipPath: string; rootPem: string; dir: string }

const EXAMPLES = resolve(__dirname, '..', '..', 'examples');
const RELEASE = new Date('2026-10-30T09:00:00Z');
const OLD_BINARIES = new Date('2022-03-14T16:20:00Z');

function binary(seed: string, size: number): Buffer {
  const out = Buffer.alloc(size);
  out.write('\x7fELF\x02\x01\x01', 0, 'latin1');
  let block = createHash('sha256').update(seed).digest();
  for (let at = 16; at < size; at += block.length) {
    block.copy(out, at);
    block = createHash('sha256').update(block).digest();
  }
  return out;
}

/** The files of a folder of examples/, by package path (the manifest template left out). */
function readTree(root: string, date: Date, files = new Map<string, PackageFileSpec>()): Map<string, PackageFileSpec> {
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const rel = relative(root, full).split(sep).join('/');
      if (statSync(full).isDirectory()) {
        walk(full);
      } else if (rel !== 'manifest.template.json') {
        files.set(rel, { data: readFileSync(full), date, mode: rel.endsWith('.sh') ? 0o755 : 0o644 });
      }
    }
  };
  walk(root);
  return files;
}

function sourceFiles(previous?: PreviousRelease): Map<string, PackageFileSpec> {
  const date = previous ? new Date(`${previous.releaseDate}T09:00:00Z`) : RELEASE;
  const files = readTree(join(EXAMPLES, 'package'), date);
  files.set('bin/dten-agent', { data: binary('dten-agent', 48_000), date: OLD_BINARIES, mode: 0o755 });
  files.set('bin/dtenctl', { data: binary('dtenctl', 21_000), date: OLD_BINARIES, mode: 0o755 });
  files.set('lib/libdten.so.5', { data: binary('libdten', 64_000), date: OLD_BINARIES, mode: 0o644 });
  if (previous) {
    previous.remove.forEach((p) => files.delete(p));
    for (const [from, to] of Object.entries(previous.rename)) {
      files.set(to, files.get(from)!);
      files.delete(from);
    }
    for (const [path, seed] of Object.entries(previous.binaries)) {
      files.set(path, { ...files.get(path)!, data: binary(seed, files.get(path)!.data.length) });
    }
    readTree(join(EXAMPLES, 'previous', 'files'), date, files);
  }
  return files;
}

/** The vendor's chain: root R2 → intermediate → ECDSA signer, and the story's rotation beside it. */
export interface Chain {
  root: string;
  intermediate: string;
  signer: string;
  signerKey: string;
  intermediateKey: string;
  /** The vendor's previous root, which customers trusted for years. */
  oldRoot: string;
  /** Root R2 cross-signed by the old root: what the vendor sent with its advisory. */
  crossSigned: string;
}

/** Root → intermediate → signer, valid 2025-06-01 to 2030-06-01, and the old root R1 that cross-signed R2. */
export async function makeChain(): Promise<Chain> {
  const lab = new CertLab();
  const oldRoot = await lab.make('root-r1', '/CN=Northwind Code Signing Root CA R1/O=Northwind Networks', 'root');
  const root = await lab.make('root', '/CN=Northwind Code Signing Root CA R2/O=Northwind Networks', 'root');
  const intermediate = await lab.make('intermediate', '/CN=Northwind Code Signing CA 2026/O=Northwind Networks', 'intermediate', 'root');
  const signer = await lab.make('signer', '/CN=dten release signing/O=Northwind Networks', 'signer', 'intermediate', true);
  return { root, intermediate, signer, signerKey: lab.key('signer'), intermediateKey: lab.key('intermediate'), oldRoot, crossSigned: await lab.crossSign('root', 'root-r1') };
}

/**
 * The archives a real vendor package carries: the agent as a .deb (its postinst opens the state folder to
 * every user) and the web UI as a tarball (its start script waits for Enter). The release before had the
 * tarball only, with a start script that did not wait.
 */
async function addArchives(files: Map<string, PackageFileSpec>, previous: boolean, date: Date): Promise<void> {
  const start = previous ? '#!/bin/sh\nset -e\nexec /opt/dten/webui/bin/server --port 8443\n' : '#!/bin/sh\nset -e\nread -r -p "Press Enter to start the web UI" _\nexec /opt/dten/webui/bin/server --port 8443\n';
  const webui = await tarGzBytes([
    { name: 'webui/', type: 'directory' },
    { name: 'webui/bin/webui-start.sh', data: start, mode: 0o755 },
    { name: 'webui/etc/webui.conf', data: 'dten.webui.port=8443\ndten.webui.tls=true\n' },
  ]);
  files.set('payload/dten-webui.tar.gz', { data: webui, date, mode: 0o644 });
  if (!previous) {
    const postinst = '#!/bin/sh\nset -e\nmkdir -p /var/lib/dten\nchmod 777 /var/lib/dten\ndeb-systemd-helper enable dten-agent.service\ndeb-systemd-invoke restart dten-agent.service\n';
    const deb = await debBytes(
      [
        { name: 'control', data: 'Package: dten-agent\nVersion: 5.0.2\nArchitecture: amd64\nMaintainer: Northwind Networks <release@northwind.example>\nDescription: dten agent\n' },
        { name: 'postinst', data: postinst, mode: 0o755 },
      ],
      [{ name: 'lib/systemd/system/dten-agent.service', data: '[Unit]\nDescription=dten agent\n[Service]\nExecStart=/opt/dten/bin/dten-agent\n' }],
    );
    files.set('debs/dten-agent_5.0.2_amd64.deb', { data: deb, date, mode: 0o644 });
  }
}

export async function buildExamplePackage(options: BuildOptions = {}): Promise<BuiltPackage> {
  const outDir = options.outDir ?? join(EXAMPLES, 'dist');
  mkdirSync(outDir, { recursive: true });
  const chain = await makeChain();
  const previous = options.previous ? (JSON.parse(readFileSync(join(EXAMPLES, 'previous', 'release.json'), 'utf8')) as PreviousRelease) : undefined;
  const files = sourceFiles(previous);
  await addArchives(files, previous !== undefined, previous ? new Date(`${previous.releaseDate}T09:00:00Z`) : RELEASE);
  options.mutate?.(files);
  const template = JSON.parse(readFileSync(join(EXAMPLES, 'package', 'manifest.template.json'), 'utf8')) as Record<string, unknown>;
  const manifest = previous ? { ...template, version: previous.version, releaseDate: previous.releaseDate, ...previous.manifest } : template;
  manifest.files = [...files.entries()]
    .filter(([path]) => path !== 'docs/RELEASE-NOTES.txt') // the vendor forgot to list it
    .map(([path, f]) => ({ path, sha256: createHash('sha256').update(f.data).digest('hex'), ...(f.mode === 0o755 ? { mode: '0755' } : {}) }));
  options.mutateManifest?.(manifest);
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2) + '\n');
  const key = options.signWith?.key ?? (options.signWithCa ? chain.intermediateKey : chain.signerKey);
  const signature = sign('sha256', manifestBytes, key).toString('base64') + '\n';
  files.set('manifest.json', { data: manifestBytes, date: RELEASE, mode: 0o644 });
  files.set('manifest.json.sig', { data: Buffer.from(signature), date: RELEASE, mode: 0o644 });
  // The vendor ships signer and intermediate; the root is what the reviewer must decide to trust.
  const shipped = options.signWith?.certificates ?? (options.signWithCa ? chain.intermediate : chain.signer + chain.intermediate);
  files.set('certs/signer.pem', { data: Buffer.from(shipped), date: RELEASE, mode: 0o644 });
  options.tamper?.(files);
  const zip = new JSZip();
  const order = ['manifest.json', 'manifest.json.sig', ...[...files.keys()].filter((p) => !p.startsWith('manifest.json')).sort()].filter((p) => files.has(p));
  for (const path of order) {
    const f = files.get(path)!;
    zip.file(path, f.data, { date: f.date, unixPermissions: 0o100000 | f.mode, compression: 'DEFLATE' });
  }
  const bytes = await zip.generateAsync({ type: 'nodebuffer', platform: 'UNIX' });
  const zipPath = join(outDir, options.fileName ?? (previous ? `Full-upgrade-package-dten-${previous.version}.zip` : 'Full-upgrade-package-dten.zip'));
  writeFileSync(zipPath, bytes);
  writeFileSync(join(outDir, 'vendor-root.pem'), chain.root);
  if (options.workspaceDir) {
    for (const [folder, file, pem] of [['trust', 'northwind-root-r1.pem', chain.oldRoot], ['vendor-advisory', 'northwind-r2-cross-signed-by-r1.pem', chain.crossSigned]]) {
      mkdirSync(join(options.workspaceDir, folder), { recursive: true });
      writeFileSync(join(options.workspaceDir, folder, file), pem);
    }
  }
  return { zipPath, rootPem: chain.root, dir: outDir };
}

if (require.main === module) {
  // The previous release first: the vendor root of the current build is the one left in dist/.
  buildExamplePackage({ previous: true })
    .then(() => buildExamplePackage({ workspaceDir: join(EXAMPLES, 'workspace') }))
    .then(
    (built) => process.stdout.write(`built ${relative(process.cwd(), built.zipPath)} and the release before it (vendor root: ${relative(process.cwd(), join(built.dir, 'vendor-root.pem'))})\n`),
    (e: Error) => {
      process.stderr.write(`build-package: ${e.message.split('\n')[0]}\n`);
      process.exitCode = 1;
    },
  );
}
