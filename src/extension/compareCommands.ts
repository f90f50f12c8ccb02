import * as semver from 'semver';
import * as vscode from 'vscode';
import { compareReleases } from '../core/diff/compare';
import { Manifest, MANIFEST_PATH } from '../core/manifest/model';
import type { ChangesView } from './changesView';
import { COMMANDS, VIEWS } from './constants';
import type { OpenPackage, PackageRegistry } from './packages';
import type { PackageElement } from './packagesView';
import { loadReviewWorkspace, reviewSettings } from './settings';

async function versionOf(pkg: OpenPackage): Promise<string | undefined> {
  try {
    return semver.valid(new Manifest(await pkg.source!.read(MANIFEST_PATH, 8 * 1024 * 1024)).version ?? '') ?? undefined;
  } catch {
    return undefined;
  }
}

/** Compare with Previous Release… (an open package against a .zip the user picks) and Compare Releases (two .zip files). */
export function registerCompareCommands(registry: PackageRegistry, changes: ChangesView): vscode.Disposable[] {
  const compare = async (oldPkg: OpenPackage, newPkg: OpenPackage): Promise<void> => {
    if (!oldPkg.source || !newPkg.source) {
      void vscode.window.showErrorMessage(`Upgrade Inspector: ${(oldPkg.source ? newPkg : oldPkg).name} is not a readable package, so there is nothing to compare.`);
      return;
    }
    const [workspace, settings] = await Promise.all([loadReviewWorkspace(), reviewSettings()]);
    const diff = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Comparing ${oldPkg.name} with ${newPkg.name}` }, () => compareReleases(oldPkg.source!, newPkg.source!, workspace, settings));
    changes.show({ oldUri: oldPkg.uri, newUri: newPkg.uri, diff });
    // The view is shown once there is a comparison to show.
    await vscode.commands.executeCommand('setContext', 'upgradeInspector.hasComparison', true);
    await vscode.commands.executeCommand(`${VIEWS.changes}.focus`);
  };

  return [
    vscode.commands.registerCommand(COMMANDS.compareWithPrevious, async (arg?: PackageElement | vscode.Uri, previous?: vscode.Uri) => {
      const current = arg && 'pkg' in arg ? arg.pkg : arg instanceof vscode.Uri ? await registry.open(arg) : registry.list().at(-1);
      if (!current) {
        void vscode.window.showInformationMessage('Upgrade Inspector: open a package first, then compare it with the release before it.');
        return;
      }
      const old = previous ?? (await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'Upgrade packages': ['zip'] }, openLabel: `Compare with ${current.name}` }))?.[0];
      if (old) {
        await compare(await registry.open(old), current);
      }
    }),
    // Two .zip files selected in the Explorer: the one with the lower manifest version is the old release.
    vscode.commands.registerCommand(COMMANDS.compareReleases, async (_clicked?: vscode.Uri, selected?: vscode.Uri[]) => {
      if (selected?.length !== 2) {
        void vscode.window.showInformationMessage('Upgrade Inspector: select two .zip packages to compare.');
        return;
      }
      let [a, b] = [await registry.open(selected[0]), await registry.open(selected[1])];
      const [va, vb] = [await versionOf(a), await versionOf(b)];
      if (va && vb && semver.gt(va, vb)) {
        [a, b] = [b, a];
      }
      await compare(a, b);
    }),
  ];
}
