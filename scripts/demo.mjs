// `npm run demo`: builds and signs the example package (and the release before it), reviews it against the
// example workspace, confirms the vendor's CA rotation the way the story did, and compares the two releases.
import { spawnSync } from 'node:child_process';

const step = (args) => spawnSync(process.execPath, args, { stdio: 'inherit' }).status;
const quiet = (args) => spawnSync(process.execPath, args, { encoding: 'utf8' });
if (step(['out/examples/build-package.js']) !== 0) {
  process.exit(1);
}
const pkg = 'examples/dist/Full-upgrade-package-dten.zip';
process.stdout.write(`\n$ upgrade-inspector lint ${pkg} --workspace examples/workspace\n\n`);
const status = step(['dist/cli.js', 'lint', pkg, '--workspace', 'examples/workspace', '--show-accepted']);
process.stdout.write(`\n(exit status ${status}: ${status === 1 ? 'error findings, as the story expects' : 'no error findings'})\n`);

// The story: the signer's root is unknown; the vendor confirms it rotated CAs and sends R2 cross-signed by R1.
// The workspace holds both: the old root the team trusts (its settings name it) and the vendor's certificate.
const rotation = ['--trusted-root', 'examples/workspace/trust/northwind-root-r1.pem', '--chain', 'examples/workspace/vendor-advisory/northwind-r2-cross-signed-by-r1.pem'];
process.stdout.write(`\n$ upgrade-inspector lint ${pkg} --workspace examples/workspace ${rotation.join(' ')}\n`);
const confirmed = JSON.parse(quiet(['dist/cli.js', 'lint', pkg, '--workspace', 'examples/workspace', '--format', 'json', ...rotation]).stdout);
const left = confirmed.findings.filter((f) => f.rule.startsWith('signature/'));
process.stdout.write(left.length === 0 ? '  the signature is trusted: signer → CA 2026 → Root R2 (cross-signed by R1, from the vendor) → Root R1 (trusted)\n' : left.map((f) => `  ${f.rule}: ${f.message}\n`).join(''));

process.stdout.write(`\n$ upgrade-inspector diff examples/dist/Full-upgrade-package-dten-5.0.1.zip ${pkg} --workspace examples/workspace\n\n`);
const diff = quiet(['dist/cli.js', 'diff', 'examples/dist/Full-upgrade-package-dten-5.0.1.zip', pkg, '--workspace', 'examples/workspace']).stdout;
process.stdout.write(diff.split('\n').filter((l) => /^(Files|Manifest|Findings):|^ {2}new /.test(l)).join('\n') + '\n');
process.stdout.write('\nThe report for the change ticket: add --format markdown to lint or diff.\n');
