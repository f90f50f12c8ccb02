import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ChangeElement } from '../../src/extension/changesView';
import type { UpgradeInspectorApi } from '../../src/extension/extension';
import { entryUri } from '../../src/extension/uris';
import { fixturePath, nextEvent } from './events';

describe('comparing two releases in the editor', () => {
  it('Compare with Previous Release shows each kind of change, and a modified script opens in the diff editor', async () => {
    const api = (await vscode.extensions.getExtension('upgrade-inspector.upgrade-inspector')!.activate()) as UpgradeInspectorApi;
    const current = fixturePath('packages/Full-upgrade-package-dten.zip');
    const previous = fixturePath('packages/Full-upgrade-package-dten-5.0.1.zip');
    await vscode.commands.executeCommand('upgradeInspector.openPackage', current);
    await vscode.commands.executeCommand('upgradeInspector.compareWithPrevious', current, previous);
    const view = api.changesView;
    const label = (e: ChangeElement): string => String(view.getTreeItem(e).label);
    const groups = view.getChildren();
    assert.deepEqual(groups.map(label), ['Added', 'Removed', 'Modified', 'Moved', 'Manifest', 'New findings', 'Findings gone']);
    const items = (name: string): vscode.TreeItem[] => view.getChildren(groups.find((g) => label(g) === name)).map((e) => view.getTreeItem(e));
    const added = items('Added').map((i) => String(i.label));
    assert.ok(['sql/005_hybrid_index.sql', 'debs/dten-agent_5.0.2_amd64.deb', 'debs/dten-agent_5.0.2_amd64.deb!/control/postinst'].every((p) => added.includes(p)), added.join(', '));
    // Inside a nested archive that both releases carry: compared file by file.
    assert.ok(items('Modified').some((i) => i.label === 'payload/dten-webui.tar.gz!/webui/bin/webui-start.sh'));
    assert.deepEqual(items('Removed').map((i) => i.label), ['scripts/migrate-legacy.sh']);
    assert.deepEqual(items('Moved').map((i) => `${String(i.label)} ${String(i.description)}`), ['docs/README.txt from README.txt']);
    assert.ok(items('Manifest').some((i) => i.label === 'dependencies.openssl' && i.description === '">=1.1.1" → ">=3.0.0"'));
    assert.ok(items('New findings').some((i) => /script\/external-side-effect · scripts\/postinstall\.sh:10/.test(String(i.description))));
    const post = items('Modified').find((i) => i.label === 'scripts/postinstall.sh')!;
    assert.equal(post.command?.command, 'vscode.diff');
    const opened = nextEvent(vscode.window.tabGroups.onDidChangeTabs, () => vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputTextDiff, 'the diff editor');
    await vscode.commands.executeCommand(post.command!.command, ...(post.command!.arguments ?? []));
    await opened;
    const input = vscode.window.tabGroups.activeTabGroup.activeTab!.input as vscode.TabInputTextDiff;
    assert.equal(input.original.toString(), entryUri(previous, 'scripts/postinstall.sh').toString());
    assert.equal(input.modified.toString(), entryUri(current, 'scripts/postinstall.sh').toString());
  });

  it('Compare Releases on two .zip files selected in the Explorer takes the lower version as the old release', async () => {
    const api = (await vscode.extensions.getExtension('upgrade-inspector.upgrade-inspector')!.activate()) as UpgradeInspectorApi;
    const current = fixturePath('packages/Full-upgrade-package-dten.zip');
    const previous = fixturePath('packages/Full-upgrade-package-dten-5.0.1.zip');
    // Selected newest first, as a user might.
    await vscode.commands.executeCommand('upgradeInspector.compareReleases', current, [current, previous]);
    const shown = api.changesView.current!;
    assert.equal(shown.oldUri.toString(), previous.toString());
    assert.equal(shown.diff.old, 'Full-upgrade-package-dten-5.0.1.zip');
    assert.equal(shown.diff.new, 'Full-upgrade-package-dten.zip');
  });
});
