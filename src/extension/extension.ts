import * as vscode from 'vscode';
import { CompatibilityView, type CompatElement } from './compatibilityView';
import { SCHEME, SETTINGS, VIEWS } from './constants';
import { CronHover } from './cronHover';
import { FindingHover } from './findingHover';
import { Diagnostics, useShippedRuleDocs } from './diagnostics';
import { FindingActions } from './codeActions';
import { PackageFileSystem } from './fileSystem';
import { LiveConfigLint } from './liveConfig';
import { LiveScriptLint } from './liveScripts';
import { WorkspaceScriptLint } from './workspaceScripts';
import { PackageRegistry } from './packages';
import { PackagesView } from './packagesView';
import { ReviewView } from './reviewView';
import { ReviewIndicators } from './statusBar';
import { registerCommands } from './commands';
import { ChangesView, type ChangeElement } from './changesView';
import { registerCompareCommands } from './compareCommands';
import { registerTrustCommands } from './trustCommands';
import { registerLargeFileCommand } from './largeFile';
import { ReviewLog } from './reviewLog';

export interface UpgradeInspectorApi {
  registry: PackageRegistry;
  packagesView: PackagesView;
  compatibility: CompatibilityView;
  compatibilityTree: vscode.TreeView<CompatElement>;
  reviewView: ReviewView;
  changesView: ChangesView;
  log: ReviewLog;
  indicators: ReviewIndicators;
}

export async function activate(context: vscode.ExtensionContext): Promise<UpgradeInspectorApi> {
  useShippedRuleDocs(context.extensionUri);
  const log = new ReviewLog();
  const registry = new PackageRegistry(context.workspaceState, log, context.globalState);
  const fileSystem = new PackageFileSystem(registry);
  const diagnostics = new Diagnostics();
  const packagesView = new PackagesView(registry);
  const compatibility = new CompatibilityView(registry);
  const reviewView = new ReviewView(registry);
  const changesView = new ChangesView();
  const compatibilityTree = vscode.window.createTreeView(VIEWS.compatibility, { treeDataProvider: compatibility });
  const indicators = new ReviewIndicators(registry);
  const packagesTree = vscode.window.createTreeView(VIEWS.packages, { treeDataProvider: packagesView, showCollapseAll: true });
  const reviewWatcher = vscode.workspace.createFileSystemWatcher('**/.upgrade-inspector/*.json');
  const reReview = (): void => void registry.review();

  context.subscriptions.push(
    log,
    registry,
    fileSystem,
    diagnostics,
    packagesView,
    compatibility,
    reviewView,
    indicators,
    packagesTree,
    reviewWatcher,
    vscode.workspace.registerFileSystemProvider(SCHEME, fileSystem, { isCaseSensitive: true, isReadonly: new vscode.MarkdownString('A vendor package is reviewed, never changed: files inside it are read-only.') }),
    compatibilityTree,
    // The view follows the most recent package with a matrix: it says which one, and for which host.
    compatibility.onDidChangeTreeData(() => {
      const pkg = compatibility.current();
      const host = pkg?.review?.matrix?.host;
      compatibilityTree.description = pkg ? `${pkg.name}${host ? ` → ${host}` : ''}` : undefined;
    }),
    vscode.window.createTreeView(VIEWS.review, { treeDataProvider: reviewView }),
    changesView,
    vscode.window.createTreeView<ChangeElement>(VIEWS.changes, { treeDataProvider: changesView }),
    vscode.window.registerFileDecorationProvider(indicators),
    vscode.languages.registerCodeActionsProvider({ scheme: '*' }, new FindingActions(), { providedCodeActionKinds: FindingActions.kinds }),
    vscode.languages.registerHoverProvider([{ language: 'crontab' }, { language: 'shellscript' }], new CronHover()),
    vscode.languages.registerHoverProvider({ scheme: '*' }, new FindingHover()),
    new LiveConfigLint(registry, diagnostics),
    new LiveScriptLint(registry, diagnostics),
    new WorkspaceScriptLint(registry),
    registry.onDidReview(() => diagnostics.show(registry.list())),
    registry.onDidChange(() => {
      diagnostics.show(registry.list());
      // Close Package is offered in the palette only while a package is open.
      void vscode.commands.executeCommand('setContext', 'upgradeInspector.hasPackages', registry.list().length > 0);
    }),
    reviewWatcher.onDidChange(reReview),
    reviewWatcher.onDidCreate(reReview),
    reviewWatcher.onDidDelete(reReview),
    vscode.workspace.onDidSaveTextDocument((d) => d.uri.scheme === 'file' && reReview()),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(SETTINGS.section) && reReview()),
    ...registerCommands({ registry, packagesView, packagesTree, compatibility }),
    ...registerCompareCommands(registry, changesView),
    ...registerTrustCommands(registry),
    registerLargeFileCommand(registry),
  );
  void vscode.commands.executeCommand('setContext', 'upgradeInspector.ready', true);
  await registry.restore();
  return { registry, packagesView, compatibility, compatibilityTree, reviewView, changesView, log, indicators };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

