import { WorkspaceScripts } from '../core/engine';
import * as vscode from 'vscode';
import { SETTINGS, SOURCE } from './constants';
import { toDiagnostic } from './diagnostics';
import { LatestOnly } from './latestOnly';
import type { PackageRegistry } from './packages';
import { loadReviewWorkspace, workspaceRoot } from './settings';
import { relativePath } from './uris';
import { forgetLinted, markLinted } from './lintedVersions';

/**
 * The workspace's own shell scripts (not part of a package), linted with the script rules as the user types,
 * when the user opts in (upgradeInspector.scripts.lintWorkspaceScripts). They have a diagnostic collection of
 * their own: a package review replaces the package's diagnostics, never these.
 */
export class WorkspaceScriptLint implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(`${SOURCE}-workspace-scripts`);
  private readonly scripts = new WorkspaceScripts();
  private readonly subscriptions: vscode.Disposable[];
  /** The workspace (its inventory) handed to the engine, loaded again when it changes. */
  private loaded: Promise<void> | undefined;

  constructor(private readonly registry: PackageRegistry) {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((d) => void this.lint(d)),
      vscode.workspace.onDidChangeTextDocument((e) => void this.lint(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (/inventory[^/]*\.json$/.test(d.uri.path)) {
          this.loaded = undefined;
        }
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SETTINGS.section)) {
          this.loaded = undefined;
          this.lintAll();
        }
      }),
    ];
    this.lintAll();
  }

  private enabled(): boolean {
    return vscode.workspace.getConfiguration(SETTINGS.section).get<boolean>(SETTINGS.lintWorkspaceScripts, false);
  }

  /** A shell script of the workspace that no open package holds. */
  private path(doc: vscode.TextDocument): string | undefined {
    const root = workspaceRoot();
    if (doc.languageId !== 'shellscript' || !root) {
      return undefined;
    }
    if (this.registry.list().some((p) => p.folder && relativePath(p.uri, doc.uri) !== undefined)) {
      return undefined; // a script of an unpacked package: reviewed with its package
    }
    return relativePath(root, doc.uri);
  }

  private lintAll(): void {
    if (!this.enabled()) {
      this.collection.clear();
      this.scripts.clear();
      return;
    }
    vscode.workspace.textDocuments.forEach((d) => void this.lint(d));
  }

  private lint(doc: vscode.TextDocument): Promise<void> {
    const path = this.path(doc);
    if (path === undefined || !this.enabled()) {
      return Promise.resolve();
    }
    return this.latest.run(doc.uri.toString(), async () => {
      this.loaded ??= loadReviewWorkspace().then((ws) => this.scripts.setWorkspace(ws));
      await this.loaded;
      const version = doc.version;
      const findings = await this.scripts.lint(path, doc.getText());
      if (version === doc.version && !doc.isClosed && this.enabled()) {
        markLinted(doc, version);
        this.collection.set(doc.uri, findings.map((f) => toDiagnostic(undefined, f)));
      }
    });
  }

  private readonly latest = new LatestOnly();

  private forget(uri: vscode.Uri): void {
    forgetLinted({ uri });
    this.collection.delete(uri);
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.scripts.dispose();
    this.collection.dispose();
  }
}
