// The workspace the integration suite runs in: the example workspace plus packages built for the tests.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The test workspace: the example workspace plus packages built for the tests. */
export async function prepareWorkspace(dir) {
  cpSync(join(root, 'examples', 'workspace'), dir, { recursive: true });
  const pkgDir = join(dir, 'packages');
  mkdirSync(pkgDir, { recursive: true });
  const { buildExamplePackage } = await import(join(root, 'out', 'examples', 'build-package.js'));
  await buildExamplePackage({ outDir: pkgDir, workspaceDir: dir });
  await buildExamplePackage({ outDir: pkgDir, fileName: 'variant-with-new-file.zip', tamper: (files) => files.set('NEW-FILE.txt', { data: Buffer.from('added in the new build\n'), date: new Date(), mode: 0o644 }) });
  await buildExamplePackage({ outDir: pkgDir, previous: true });
  await buildExamplePackage({ outDir: pkgDir, fileName: 'schema-version-2.zip', mutateManifest: (m) => (m.schemaVersion = 2) });
  const odd = join(pkgDir, 'odd dir #1 ?q=%20 ünï.zip.d');
  mkdirSync(odd, { recursive: true });
  cpSync(join(pkgDir, 'Full-upgrade-package-dten.zip'), join(odd, 'pkg 七.zip'));
  // An unpacked copy of the example package, for the folder review (unzip is a test tool here).
  const { execFileSync } = await import('node:child_process');
  execFileSync('unzip', ['-q', '-o', join(pkgDir, 'Full-upgrade-package-dten.zip'), '-d', join(dir, 'unpacked')]);
  const JSZip = (await import('jszip')).default;
  const inner = new JSZip();
  inner.file('hello.txt', 'hello from inside\n');
  const outer = new JSZip();
  outer.file('nested/inner.zip', await inner.generateAsync({ type: 'nodebuffer' }));
  writeFileSync(join(pkgDir, 'outer.zip'), await outer.generateAsync({ type: 'nodebuffer' }));
  // A package with 1,200 findings on lines (not grouped), in paths that sort before the example's files.
  const crowd = new JSZip();
  for (let i = 0; i < 1200; i++) {
    crowd.file(`agent-hooks/step-${String(i).padStart(4, '0')}.sh`, `#!/bin/sh\nset -e\nsudo rm -f /run/dten/step-${i}.lock\n`);
  }
  writeFileSync(join(pkgDir, 'many-findings.zip'), await crowd.generateAsync({ type: 'nodebuffer' }));
  // A log larger than the open limit the test sets (1 MiB).
  const big = new JSZip();
  big.file('logs/upgrade.log', Buffer.from('line of the upgrade log\n'.repeat(70_000)));
  writeFileSync(join(pkgDir, 'big-log.zip'), await big.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  writeFileSync(join(pkgDir, 'garbage.zip'), Buffer.from('PK\u0003\u0004 not really a zip, and truncated'));
  const { rawZip } = await import(join(root, 'out', 'test', 'helpers', 'rawZip.js'));
  writeFileSync(join(pkgDir, 'traversal.zip'), rawZip([{ name: '../../etc/cron.d/evil', data: Buffer.from('* * * * * root sh\n') }, { name: 'ok.txt', data: Buffer.from('ok') }]));
}

