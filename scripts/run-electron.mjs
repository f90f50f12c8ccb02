// The same integration suite under @vscode/test-electron, for machines that can download VS Code.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';
import { prepareWorkspace } from './integration-workspace.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ws = join(mkdtempSync(join(tmpdir(), 'ui-electron-')), 'workspace');
await prepareWorkspace(ws);
try {
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out', 'test', 'integration', 'index.js'),
    launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (e) {
  process.stderr.write(`test:electron: ${e.message}\n`);
  process.exitCode = 1;
}
