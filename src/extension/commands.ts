import * as vscode from 'vscode';
import type { JSONPath } from 'jsonc-parser';
import type { Finding } from '../core/finding';
import { ledgerWithAcceptance, LEDGER_PATH } from '../core/ledger';
import { parsePackageList } from '../core/compat/inventory';
import { fixConfigDrift } from '../core/config/fixAll';
import { configDriftEdit, workspaceText } from './editorText';
import { matrixMarkdownTable } from '../core/compat/matrixTable';
import { reviewReport } from '../core/report';
import { MANIFEST_PATH, Manifest } from '../core/manifest/model';
import { INVENTORY_PATH } from '../core/workspace';
import { COMMANDS, SCHEME, VIEWS } from './constants';
import type { CompatibilityView } from './compatibilityView';
import type { PackageRegistry, OpenPackage } from './packages';
import type { PackageElement, PackagesView } from './packagesView';
import { loadReviewWorkspace, setInventorySetting, workspaceRoot } from './settings';
import { entryUri, packageRootUri, splitEntryUri } from './uris';

interface Deps {
  registry: PackageRegistry;
  packagesView: PackagesView;
  packagesTree: vscode.TreeView<PackageElement>;
  compatibility: CompatibilityView;
}

function pickPackage(registry: PackageRegistry, arg: unknown): OpenPackage | undefined {
  if (arg && typeof arg === 'object' && 'pkg' in arg) {
    return (arg as PackageElement).pkg;
  }
  if (arg instanceof vscode.Uri) {
    // A nested package's own URI is an upgrade-zip URI too: it names that package, not its parent.
    return registry.get(arg) ?? (arg.scheme === SCHEME ? registry.get(splitEntryUri(arg).archive) : undefined);
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === SCHEME) {
    return registry.get(splitEntryUri(active).archive);
  }
  return registry.list()[registry.list().length - 1];
}

async function openUntitled(content: string, language: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ content, language });
  await vscode.window.showTextDocument(doc);
}

/** Writes a workspace file through a WorkspaceEdit, so the change is undoable. Its text is built on `workspaceText`: the edit replaces the editor's whole text. */
async function writeWorkspaceFile(uri: vscode.Uri, text: string): Promise<boolean> {
  const edit = new vscode.WorkspaceEdit();
  let exists = true;
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    exists = false;
  }
  if (exists) {
    const doc = await vscode.workspace.openTextDocument(uri);
    edit.replace(uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
  } else {
    edit.createFile(uri, { ignoreIfExists: true, contents: Buffer.from(text) });
  }
  const ok = await vscode.workspace.applyEdit(edit);
  if (ok && exists) {
    await (await vscode.workspace.openTextDocument(uri)).save();
  }
  return ok;
}

export function registerCommands({ registry, packagesView, packagesTree, compatibility }: Deps): vscode.Disposable[] {
  const needRoot = (): vscode.Uri | undefined => {
    const root = workspaceRoot();
    if (!root) {
      void vscode.window.showWarningMessage('Upgrade Inspector: open a folder first; its .upgrade-inspector/ files hold the review.');
    }
    return root;
  };
  const register = (id: string, fn: (...args: never[]) => unknown): vscode.Disposable => vscode.commands.registerCommand(id, fn as (...args: unknown[]) => unknown);

  return [
    register(COMMANDS.openPackage, async (arg?: vscode.Uri | PackageElement) => {
      // From the Packages tree: a .zip inside a package, opened as a package of its own.
      const fromTree = arg && !(arg instanceof vscode.Uri) && arg.kind === 'node' ? entryUri(arg.pkg.uri, arg.node.path) : undefined;
      const target = fromTree ?? (arg instanceof vscode.Uri ? arg : undefined) ?? (await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'Upgrade packages': ['zip'] }, openLabel: 'Open Package' }))?.[0];
      if (target) {
        const pkg = await registry.open(target);
        await vscode.commands.executeCommand(`${VIEWS.packages}.focus`);
        return pkg.uri.toString();
      }
      return undefined;
    }),
    register(COMMANDS.openPackageFromExplorer, (uri: vscode.Uri) => vscode.commands.executeCommand(COMMANDS.openPackage, uri)),
    register(COMMANDS.reviewFolder, async (uri?: vscode.Uri) => {
      const target = uri ?? (await vscode.window.showOpenDialog({ canSelectFiles: false, canSelectFolders: true, openLabel: 'Review Folder' }))?.[0];
      if (!target) {
        return undefined;
      }
      try {
        await vscode.workspace.fs.stat(vscode.Uri.joinPath(target, MANIFEST_PATH));
      } catch {
        void vscode.window.showWarningMessage('Upgrade Inspector: that folder has no manifest.json, so it is not an unpacked package.');
        return undefined;
      }
      return (await registry.open(target)).uri.toString();
    }),
    register(COMMANDS.closePackage, async (arg?: unknown) => {
      const pkg = pickPackage(registry, arg);
      if (pkg) {
        // Its editors go with it: left open, one would reopen the package silently after a reload.
        const key = pkg.uri.toString();
        const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => {
          const uri = t.input instanceof vscode.TabInputText ? t.input.uri : undefined;
          return uri?.scheme === SCHEME && splitEntryUri(uri).archive.toString() === key;
        });
        await vscode.window.tabGroups.close(tabs);
        await registry.close(pkg.uri);
      }
    }),
    register(COMMANDS.addPackageToWorkspace, async (arg?: unknown) => {
      const pkg = pickPackage(registry, arg);
      if (pkg) {
        const folders = vscode.workspace.workspaceFolders?.length ?? 0;
        // Without a workspace file VS Code reloads into a new, untitled workspace: hand the open packages over.
        if (!vscode.workspace.workspaceFile) {
          await registry.handOff();
        }
        vscode.workspace.updateWorkspaceFolders(folders, 0, { uri: packageRootUri(pkg.uri), name: pkg.name });
      }
    }),
    register(COMMANDS.revealInPackagesView, async (uri?: vscode.Uri) => {
      const target = uri ?? vscode.window.activeTextEditor?.document.uri;
      if (target?.scheme !== SCHEME) {
        return;
      }
      const pkg = await registry.forEntry(target);
      const node = pkg.source?.node(splitEntryUri(target).innerPath);
      if (node) {
        await packagesTree.reveal(packagesView.element(pkg, node), { select: true, focus: true, expand: true });
      }
    }),
    register(COMMANDS.openEntry, async (uri: vscode.Uri) => {
      // VS Code's own editor shows a binary file as binary, never as garbled text.
      await vscode.commands.executeCommand('vscode.open', uri, { preview: true });
    }),
    register(COMMANDS.revealManifestLine, async (archive: string, path: JSONPath) => {
      const pkg = registry.get(vscode.Uri.parse(archive, true));
      if (!pkg?.archive) {
        return;
      }
      const uri = entryUri(pkg.uri, MANIFEST_PATH);
      const manifest = new Manifest(Buffer.from(await vscode.workspace.fs.readFile(uri)));
      const r = manifest.doc.keyRange(path);
      await vscode.window.showTextDocument(uri, { selection: new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character) });
    }),
    register(COMMANDS.acceptFinding, async (finding: Finding) => {
      const root = needRoot();
      if (!root || !finding) {
        return;
      }
      const reason = await vscode.window.showInputBox({ title: `Accept ${finding.rule} at ${finding.file}:${finding.range.start.line + 1}`, prompt: 'Why is this acceptable? (recorded in .upgrade-inspector/review.json)', ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : 'A reason is required') });
      if (!reason) {
        return;
      }
      const uri = vscode.Uri.joinPath(root, LEDGER_PATH);
      const current = await workspaceText(uri);
      const by = process.env.USER ?? process.env.USERNAME ?? 'reviewer';
      await writeWorkspaceFile(uri, ledgerWithAcceptance(current, finding, reason.trim(), by, new Date().toISOString().slice(0, 10)));
      await registry.review();
    }),
    register(COMMANDS.fixConfigDrift, async () => {
      const root = needRoot();
      const drift = registry.list().find((p) => p.review?.drift)?.review?.drift;
      if (!root || !drift) {
        void vscode.window.showInformationMessage('Upgrade Inspector: open a package with a deprecation matrix first.');
        return;
      }
      const ws = await loadReviewWorkspace();
      const { changes } = fixConfigDrift(ws.configFiles, drift);
      if (changes.length === 0) {
        void vscode.window.showInformationMessage('Upgrade Inspector: no config drift to fix.');
        return;
      }
      const picked = await vscode.window.showQuickPick(
        changes.map((c) => ({ label: c.title, description: `${c.file}:${c.line}`, picked: true, change: c })),
        { canPickMany: true, title: 'Fix Config Drift: these changes will be made (undoable)' },
      );
      if (!picked?.length) {
        return;
      }
      // Only what is still ticked: the changes are worked out again without the unticked ones.
      const chosen = new Set(picked.map((p) => `${p.change.file}\n${p.change.title}`));
      const edit = await configDriftEdit(root, ws.configFiles, drift, (c) => chosen.has(`${c.file}\n${c.title}`));
      await vscode.workspace.applyEdit(edit);
    }),
    register(COMMANDS.exportReviewReport, async (arg?: unknown) => {
      const pkg = pickPackage(registry, arg);
      if (!pkg?.review) {
        void vscode.window.showInformationMessage(pkg ? `Upgrade Inspector: ${pkg.name} is still being reviewed; export the report when the review is done.` : 'Upgrade Inspector: open a package first (Open Package…); the report is the review of one package.');
        return undefined;
      }
      await openUntitled(reviewReport(pkg.review, new Date()), 'markdown');
      return pkg.name;
    }),
    register(COMMANDS.importInventory, async () => {
      const root = needRoot();
      const picked = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Import', title: 'Output of dpkg-query -W or rpm -qa --qf "%{NAME} %{VERSION}\\n"' });
      if (!root || !picked) {
        return;
      }
      const packages = parsePackageList(Buffer.from(await vscode.workspace.fs.readFile(picked[0])).toString('utf8'));
      const host = await vscode.window.showInputBox({ prompt: 'Host name of the target', value: 'target' });
      const uri = vscode.Uri.joinPath(root, INVENTORY_PATH);
      let existing: Record<string, unknown> = {};
      try {
        existing = JSON.parse((await workspaceText(uri)) ?? '{}') as Record<string, unknown>;
      } catch {
        existing = {};
      }
      await writeWorkspaceFile(uri, JSON.stringify({ ...existing, host: host ?? existing.host, packages }, null, 2) + '\n');
      await registry.review();
    }),
    register(COMMANDS.pickInventory, async () => {
      const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { Inventory: ['json'] }, openLabel: 'Use Inventory' });
      if (picked?.[0].scheme === 'file') {
        await setInventorySetting(picked[0].fsPath);
        await registry.review();
      }
    }),
    register(COMMANDS.refresh, () => registry.review()),
    register(COMMANDS.copyMatrix, async () => {
      const m = compatibility.current()?.review?.matrix;
      if (!m) {
        void vscode.window.showInformationMessage('Upgrade Inspector: no compatibility matrix yet: open a package and pick an inventory.');
        return undefined;
      }
      await vscode.env.clipboard.writeText(matrixMarkdownTable(m));
      vscode.window.setStatusBarMessage(`$(check) Compatibility matrix copied (${m.rows.length + 1} rows, Markdown)`, 4000);
      return m.rows.length + 1;
    }),
    register(COMMANDS.exportMatrix, async () => {
      const m = compatibility.current()?.review?.matrix;
      if (m) {
        await openUntitled(`# Compatibility on ${m.host ?? 'the target'}\n\n${matrixMarkdownTable(m)}`, 'markdown');
      }
    }),
  ];
}
