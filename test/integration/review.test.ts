import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { UpgradeInspectorApi } from '../../src/extension/extension';
import { entryUri } from '../../src/extension/uris';
import { configDriftEdit, workspaceText } from '../../src/extension/editorText';
import { loadReviewWorkspace } from '../../src/extension/settings';
import { diagnosticsFor, fixturePath } from './events';

const entry = entryUri;
const codeOf = (d: vscode.Diagnostic): string => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

describe('the review in the editor', () => {
  let api: UpgradeInspectorApi;
  const example = fixturePath('packages/Full-upgrade-package-dten.zip');

  before(async () => {
    api = (await vscode.extensions.getExtension('upgrade-inspector.upgrade-inspector')!.activate()) as UpgradeInspectorApi;
    await vscode.commands.executeCommand('upgradeInspector.openPackage', example);
  });

  it('puts every finding of the package in the Problems panel, with rule links, and leaves accepted ones out', async () => {
    const manifest = await diagnosticsFor(entry(example, 'manifest.json'), (d) => d.some((x) => codeOf(x) === 'manifest/ambiguous-flag'), 'manifest findings');
    const flag = manifest.find((x) => codeOf(x) === 'manifest/ambiguous-flag')!;
    assert.equal(flag.source, 'upgrade-inspector');
    assert.equal(flag.range.start.line, 14);
    // The page shipped inside the extension, matching the version installed.
    const target = (flag.code as { target: vscode.Uri }).target;
    assert.match(String(target), /docs\/rules\/manifest\/ambiguous-flag\.md$/);
    assert.equal(target.scheme, 'file');
    assert.match(Buffer.from(await vscode.workspace.fs.readFile(target)).toString(), /# `manifest\/ambiguous-flag`/);
    const post = vscode.languages.getDiagnostics(entry(example, 'scripts/postinstall.sh'));
    assert.deepEqual(post.map((d) => `${codeOf(d)}@${d.range.start.line + 1}`).sort(), ['script/cron-job@7', 'script/external-side-effect@10', 'script/retired-host@7', 'script/sudo@11']);
    const pre = vscode.languages.getDiagnostics(entry(example, 'scripts/preinstall.sh'));
    assert.deepEqual(pre.map(codeOf), ['script/unknown-systemd-unit'], 'the accepted sudo finding is not a problem');
  });

  it('offers Accept finding… from the hover in a read-only package file, where there is no lightbulb', async () => {
    const script = entry(example, 'scripts/postinstall.sh');
    await diagnosticsFor(script, (d) => d.some((x) => codeOf(x) === 'script/sudo'), 'the sudo finding');
    await vscode.workspace.openTextDocument(script);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', script, new vscode.Position(10, 2));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\[Accept finding script\/sudo…\]\(command:upgradeInspector\.acceptFinding\?/);
  });

  it('badges folders, not files (VS Code counts a file itself), and names the package in the status bar', () => {
    assert.equal(api.indicators.provideFileDecoration(entry(example, 'scripts/postinstall.sh')), undefined);
    const folder = api.indicators.provideFileDecoration(entry(example, 'scripts'))!;
    assert.match(String(folder.tooltip), /^\d+ errors?, \d+ warnings? inside$/);
    assert.match(api.indicators.status.text, /Full-upgrade-package-dten\.zip: errors to review|\d+ packages: errors to review/);
    assert.doesNotMatch(api.indicators.status.tooltip, /\b1 errors\b/);
  });

  it('writes what each review did and could not do to the Output channel', () => {
    assert.ok(api.log.recent.some((l) => /reviewed Full-upgrade-package-dten\.zip in \d+ ms: \d+ errors, \d+ warnings, \d+ info, 1 accepted$/.test(l)), api.log.recent.join('\n'));
  });

  it('lists the accepted finding with its reason', async () => {
    const pkg = api.registry.get(example)!;
    assert.equal(pkg.review!.accepted.length, 1);
    assert.match(pkg.review!.accepted[0].accepted!.reason, /runbook/);
  });

  it('shows the compatibility matrix with the right status on every row', () => {
    const rows = api.compatibility.getChildren();
    const items = rows.map((r) => api.compatibility.getTreeItem(r));
    assert.deepEqual(items.map((i) => `${String(i.label)}:${i.contextValue}`), [
      'dten (product):compat-ok',
      'openssl:compat-loose-range',
      'postgresql:compat-ok',
      'python3:compat-unsatisfied',
      'libdten-proto:compat-not-installed',
    ]);
    assert.equal(items[3].description, '~3.11 · 3.9.2-3');
    assert.equal(api.compatibilityTree.description, 'Full-upgrade-package-dten.zip → edge-01', 'the view names the package it shows');
  });

  it('judges config drift as the user types against every config file, not the edited one alone', async () => {
    const props = fixturePath('etc/dten/agent.properties');
    await diagnosticsFor(props, (list) => list.some((x) => codeOf(x) === 'config/removed-key' && x.range.start.line === 3), 'the review of agent.properties');
    const doc = await vscode.workspace.openTextDocument(props);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(props, new vscode.Position(0, 0), '# edited\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const typed = await diagnosticsFor(props, (list) => list.some((x) => codeOf(x) === 'config/removed-key' && x.range.start.line === 4), 'the live lint of the edited file');
    // routing.yaml sets dten.hybrid.enable: the edited file alone must not be judged as if nothing did.
    assert.deepEqual(typed.filter((x) => /no config file sets it/.test(x.message)).map((x) => x.message), []);
    const undo = new vscode.WorkspaceEdit();
    undo.delete(props, new vscode.Range(0, 0, 1, 0));
    assert.ok(await vscode.workspace.applyEdit(undo));
    await diagnosticsFor(props, (list) => list.some((x) => codeOf(x) === 'config/removed-key' && x.range.start.line === 3), 'the edit undone');
    assert.equal(doc.lineAt(0).text, '# dten agent — edge-01');
  });

  it('flags config drift in the workspace and fixes it with the preferred quick fix', async () => {
    const props = fixturePath('etc/dten/agent.properties');
    const d = await diagnosticsFor(props, (list) => list.some((x) => codeOf(x) === 'config/removed-key'), 'config drift in agent.properties');
    const removed = d.find((x) => codeOf(x) === 'config/removed-key' && x.range.start.line === 3)!;
    const doc = await vscode.workspace.openTextDocument(props);
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', props, removed.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    // legacyMode=true maps to enable=false, but 5.0.2 requires enable=true: the safe fix writes that, and says why.
    const renames = actions.filter((a) => a.title === 'Rename to dten.hybrid.enable = true (required from dten 5.0.0)');
    assert.equal(renames.length, 1, actions.map((a) => `${a.title}${a.isPreferred ? ' (preferred)' : ''}`).join(' | '));
    const preferred = renames[0];
    assert.equal(preferred.isPreferred, true);
    assert.ok(actions.some((a) => /^Accept finding/.test(a.title)));
    assert.ok(await vscode.workspace.applyEdit(preferred.edit!));
    assert.equal(doc.lineAt(3).text, 'dten.hybrid.enable=true');
    assert.equal(doc.lineAt(0).text, '# dten agent — edge-01', 'comments kept');
    // Live: the drift re-lints as the text changes, without a save.
    const after = await diagnosticsFor(props, (list) => !list.some((x) => codeOf(x) === 'config/removed-key' && x.range.start.line === 3), 'the fixed key to clear');
    assert.ok(!after.some((x) => x.range.start.line === 3), 'the preferred fix creates no new finding');
  });

  it('Fix Config Drift works on the text the editor holds: an unsaved edit stays', async () => {
    const props = fixturePath('etc/dten/agent.properties');
    await diagnosticsFor(props, (list) => list.some((x) => codeOf(x) === 'config/removed-key' && /dten\.sftp\.host/.test(x.message)), 'dten.sftp.host removed');
    const doc = await vscode.workspace.openTextDocument(props);
    const typed = new vscode.WorkspaceEdit();
    typed.insert(props, new vscode.Position(0, 0), '# unsaved: ticket NET-2001\n');
    assert.ok(await vscode.workspace.applyEdit(typed));
    const drift = api.registry.list().find((p) => p.review?.drift)?.review?.drift;
    assert.ok(drift, 'a review with a deprecation matrix');
    const edit = await configDriftEdit(vscode.workspace.workspaceFolders![0].uri, (await loadReviewWorkspace()).configFiles, drift, (c) => c.file === 'etc/dten/agent.properties');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.equal(doc.lineAt(0).text, '# unsaved: ticket NET-2001');
    assert.doesNotMatch(doc.getText(), /dten\.sftp\.host/);
    // Back as it was on disk, for the tests after this one.
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(doc.isDirty, false);
  });

  it('Accept finding and Import Inventory start from the ledger or inventory as its editor holds it, unsaved edits included', async () => {
    const ledger = fixturePath('.upgrade-inspector/review.json');
    const onDisk = Buffer.from(await vscode.workspace.fs.readFile(ledger)).toString('utf8');
    assert.equal(await workspaceText(ledger), onDisk, 'not open: the file');
    const doc = await vscode.workspace.openTextDocument(ledger);
    const typed = new vscode.WorkspaceEdit();
    typed.insert(ledger, new vscode.Position(0, 0), '// unsaved\n');
    assert.ok(await vscode.workspace.applyEdit(typed));
    assert.equal(await workspaceText(ledger), `// unsaved\n${onDisk}`);
    assert.equal(await workspaceText(fixturePath('.upgrade-inspector/none.json')), undefined);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(doc.getText(), onDisk);
  });

  it('fix-all right after typing (as on save) never applies fixes made for the text before', async () => {
    const props = fixturePath('etc/dten/agent.properties');
    await diagnosticsFor(props, (list) => list.some((x) => codeOf(x) === 'config/removed-key' && x.range.start.line === 3), 'legacyMode removed, on line 4');
    const doc = await vscode.workspace.openTextDocument(props);
    const before = doc.getText();
    const typed = new vscode.WorkspaceEdit();
    typed.insert(props, new vscode.Position(0, 0), '# typed\n');
    assert.ok(await vscode.workspace.applyEdit(typed));
    // At once: the re-lint waits for a pause in typing, so the diagnostics are still those of the text before.
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', props, new vscode.Range(0, 0, 0, 0), 'source.fixAll.upgradeInspector')) ?? [];
    for (const action of actions) {
      assert.ok(await vscode.workspace.applyEdit(action.edit!));
    }
    // Whatever was applied, the lines the fixes do not touch are as they were, one line down.
    const lines = doc.getText().split('\n');
    assert.equal(lines[0], '# typed');
    for (const kept of ['# dten agent — edge-01', 'dten.agent.name=edge-01']) {
      assert.ok(lines.includes(kept), `${kept} is gone:\n${doc.getText()}`);
    }
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(doc.getText(), before);
  });

  it('shows a cron schedule in words on hover', async () => {
    const script = entry(example, 'scripts/postinstall.sh');
    await vscode.workspace.openTextDocument(script);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', script, new vscode.Position(6, 2));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /At 03:00/);
  });

  it('fixes all config drift of a file with source.fixAll.upgradeInspector, comments kept', async () => {
    const yaml = fixturePath('etc/dten/routing.yaml');
    await diagnosticsFor(yaml, (list) => list.some((x) => codeOf(x) === 'config/required-key'), 'the required key in routing.yaml');
    const doc = await vscode.workspace.openTextDocument(yaml);
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', yaml, new vscode.Range(0, 0, 0, 0), 'source.fixAll.upgradeInspector')) ?? [];
    assert.equal(actions.length, 1, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(actions[0].edit!));
    assert.equal(doc.lineAt(6).text, '    enable: true # switched off during the 4.3 incident');
  });

  it('reviews an unpacked package folder and re-lints its scripts as the user types, with quick fixes', async () => {
    const folder = fixturePath('unpacked');
    await vscode.commands.executeCommand('upgradeInspector.reviewFolder', folder);
    const script = fixturePath('unpacked/scripts/install.sh');
    const before = await diagnosticsFor(script, (d) => d.some((x) => codeOf(x) === 'script/no-errexit'), 'no-errexit on the unpacked install.sh');
    const errexit = before.find((x) => codeOf(x) === 'script/no-errexit')!;
    // Shown, as the user has it: a document only opened in the background may be dropped by VS Code.
    const doc = (await vscode.window.showTextDocument(script)).document;
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', script, errexit.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    const fix = actions.find((a) => a.title === 'Add "set -euo pipefail" after the shebang')!;
    assert.ok(fix, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.equal(doc.lineAt(1).text, 'set -euo pipefail');
    // Unsaved: the review reads the editor's text, not the file.
    await diagnosticsFor(script, (d) => !d.some((x) => codeOf(x) === 'script/no-errexit') && d.some((x) => codeOf(x) === 'script/unlocked-schema-change'), 'no-errexit to clear while typing');
    assert.equal(doc.isDirty, true);
  });

  it('re-lints an unpacked script at once as the user types, and keeps accepted findings out', async () => {
    await vscode.commands.executeCommand('upgradeInspector.reviewFolder', fixturePath('unpacked'));
    const script = fixturePath('unpacked/scripts/preinstall.sh');
    await diagnosticsFor(script, (d) => d.some((x) => codeOf(x) === 'script/unknown-systemd-unit'), 'the review of preinstall.sh');
    const doc = await vscode.workspace.openTextDocument(script);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(script, new vscode.Position(doc.lineCount, 0), 'sudo systemctl restart nginx.service\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const after = await diagnosticsFor(script, (d) => d.some((x) => codeOf(x) === 'script/sudo' && x.range.start.line === 8), 'sudo on the typed line 9');
    // The sudo on line 7 is accepted in the ledger: typing does not bring it back.
    assert.deepEqual(after.filter((x) => codeOf(x) === 'script/sudo').map((x) => x.range.start.line + 1), [9]);
  });

  it('shows the tree of an unpacked package folder in the Packages view, its files opened from disk', async () => {
    const folder = fixturePath('unpacked');
    await vscode.commands.executeCommand('upgradeInspector.reviewFolder', folder);
    const view = api.packagesView;
    const pkg = view.getChildren().find((e) => e.kind === 'package' && e.pkg.uri.toString() === folder.toString())!;
    assert.equal(view.getTreeItem(pkg).collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    const top = view.getChildren(pkg);
    assert.ok(['manifest.json', 'scripts'].every((n) => top.some((e) => view.getTreeItem(e).label === n)), top.map((e) => view.getTreeItem(e).label).join(', '));
    const scripts = top.find((e) => view.getTreeItem(e).label === 'scripts')!;
    const install = view.getChildren(scripts).map((e) => view.getTreeItem(e)).find((i) => i.label === 'install.sh')!;
    assert.equal(install.resourceUri!.toString(), fixturePath('unpacked/scripts/install.sh').toString());
  });

  it('follows an unpacked package whose files change on disk, without a manual refresh', async () => {
    await vscode.commands.executeCommand('upgradeInspector.reviewFolder', fixturePath('unpacked'));
    const script = fixturePath('unpacked/scripts/postinstall.sh');
    const before = await diagnosticsFor(script, (d) => d.some((x) => codeOf(x) === 'script/cron-job'), 'the review of the unpacked postinstall.sh');
    const line = before.find((x) => codeOf(x) === 'script/cron-job')!.range.start.line;
    // A new release unpacked over the folder: two lines more at the top of the script.
    const text = Buffer.from(await vscode.workspace.fs.readFile(script)).toString('utf8');
    const [shebang, ...rest] = text.split('\n');
    await vscode.workspace.fs.writeFile(script, Buffer.from([shebang, '# release 5.0.3', '# built by the vendor', ...rest].join('\n')));
    const after = await diagnosticsFor(script, (d) => d.some((x) => codeOf(x) === 'script/cron-job' && x.range.start.line === line + 2), 'the findings to follow the new text');
    assert.ok(!after.some((x) => codeOf(x) === 'script/cron-job' && x.range.start.line === line), 'no finding left at the old line');
  });

  it('validates a manifest inside a package against the contributed schema, with its descriptions on hover, and leaves "reboot" to the rule', async () => {
    const pkg = fixturePath('packages/schema-version-2.zip');
    await vscode.commands.executeCommand('upgradeInspector.openPackage', pkg);
    const manifest = entry(pkg, 'manifest.json');
    const doc = await vscode.workspace.openTextDocument(manifest);
    assert.equal(doc.languageId, 'json');
    // VS Code's own JSON language server, not ours, checks documents shown in an editor.
    await vscode.window.showTextDocument(doc);
    const fromServer = (x: vscode.Diagnostic): boolean => x.source !== 'upgrade-inspector';
    const found = await diagnosticsFor(manifest, (d) => d.some(fromServer) && d.some((x) => codeOf(x) === 'manifest/schema'), 'schema validation of the packaged manifest, by the editor and by the rule');
    const schemaVersion = found.filter((x) => x.range.start.line === doc.getText().split('\n').findIndex((l) => l.includes('"schemaVersion"')));
    assert.ok(schemaVersion.some(fromServer) && schemaVersion.some((x) => codeOf(x) === 'manifest/schema'), 'the editor and the rule agree on schemaVersion');
    // One judgment of "reboot": "recommended": the rule's, with its advice; the schema adds no second one.
    const line = doc.getText().split('\n').findIndex((l) => l.includes('"reboot": "recommended"'));
    assert.deepEqual(found.filter((x) => x.range.start.line === line).map(codeOf), ['manifest/ambiguous-flag']);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', manifest, new vscode.Position(line, doc.lineAt(line).text.indexOf('"reboot"') + 2));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))).join(' ');
    assert.match(text, /Whether a reboot is required/);
  });

  it('lints the shell scripts of the workspace itself only when the user opts in', async () => {
    const script = fixturePath('tools/rotate-logs.sh');
    await vscode.workspace.fs.writeFile(script, Buffer.from('#!/bin/bash\nsudo find /var/log/app -mtime +30 -delete\n'));
    const doc = await vscode.workspace.openTextDocument(script);
    await vscode.window.showTextDocument(doc);
    const settings = vscode.workspace.getConfiguration('upgradeInspector');
    assert.equal(settings.get('scripts.lintWorkspaceScripts'), false, 'off by default');
    await settings.update('scripts.lintWorkspaceScripts', true, vscode.ConfigurationTarget.Workspace);
    const on = await diagnosticsFor(script, (d) => d.some((x) => codeOf(x) === 'script/no-errexit'), 'the opted-in lint of a workspace script');
    assert.deepEqual(on.map((x) => `${codeOf(x)}@${x.range.start.line + 1}`).sort(), ['script/no-errexit@1', 'script/sudo@2']);
    await settings.update('scripts.lintWorkspaceScripts', false, vscode.ConfigurationTarget.Workspace);
    await diagnosticsFor(script, (d) => d.length === 0, 'the workspace script left alone again');
  });
});
