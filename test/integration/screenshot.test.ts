import { existsSync, watch, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import { entryUri } from '../../src/extension/uris';
import { fixturePath } from './events';

/** Only with UI_SCREENSHOT_SIGNAL: arranges the window for the README picture, then waits for the runner. */
describe('screenshot for the README', () => {
  it('shows the example package in the Packages view with its problems', async () => {
    const signal = process.env.UI_SCREENSHOT_SIGNAL!;
    const example = fixturePath('packages/Full-upgrade-package-dten.zip');
    await vscode.commands.executeCommand('upgradeInspector.openPackage', example);
    const script = entryUri(example, 'scripts/postinstall.sh');
    await vscode.window.showTextDocument(script);
    await vscode.commands.executeCommand('upgradeInspector.revealInPackagesView', script);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.window.showTextDocument(script, { preserveFocus: false });
    const done = new Promise<void>((resolve) => {
      const w = watch(dirname(signal), (_, name) => {
        if (name === basename(signal) + '.done' && existsSync(signal + '.done')) {
          w.close();
          resolve();
        }
      });
    });
    writeFileSync(signal + '.ready', '');
    await done;
  });
});
