// `npm run demo`: builds and signs the example package, then reviews it against the example workspace.
import { spawnSync } from 'node:child_process';

const step = (args) => spawnSync(process.execPath, args, { stdio: 'inherit' }).status;
if (step(['out/examples/build-package.js']) !== 0) {
  process.exit(1);
}
process.stdout.write('\n$ upgrade-inspector lint examples/dist/Full-upgrade-package-dten.zip --workspace examples/workspace\n\n');
const status = step(['dist/cli.js', 'lint', 'examples/dist/Full-upgrade-package-dten.zip', '--workspace', 'examples/workspace', '--show-accepted']);
process.stdout.write(`\n(exit status ${status}: ${status === 1 ? 'error findings, as the story expects' : 'no error findings'})\n`);
process.stdout.write('Next: trust the vendor root after checking its fingerprint:\n  node dist/cli.js lint examples/dist/Full-upgrade-package-dten.zip --workspace examples/workspace --trusted-root examples/dist/vendor-root.pem\n');
process.stdout.write('Or the report for the change ticket: add --format markdown\n');
