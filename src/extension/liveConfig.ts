import * as vscode from 'vscode';
import { matchesConfigPattern } from '../core/config/findFiles';
import type { PackageRegistry } from './packages';
import { configPatterns, workspaceRoot } from './settings';
import { ByFile, Diagnostics } from './diagnostics';
import { Debounce } from './debounce';
import { relativePath } from './uris';
import { forgetLinted, markLinted } from './lintedVersions';

/**
 * Config drift as the user types in a config file of the workspace. Every open package's session judges all
 * config files together with the unsaved text standing in for the edited one (a key may be set in another
 * file), and answers for every config file, so a finding that the edit resolves elsewhere goes too.
 */
export class LiveConfigLint implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[];
  private readonly pause = new Debounce(150);

  constructor(
    private readonly registry: PackageRegistry,
    private readonly diagnostics: Diagnostics,
  ) {
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length > 0 && this.schedule(e.document)),
      vscode.workspace.onDidSaveTextDocument((d) => this.forget(d)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d)),
    ];
  }

  private pathOf(doc: vscode.TextDocument): string | undefined {
    const root = workspaceRoot();
    const path = root && relativePath(root, doc.uri);
    return path !== undefined && matchesConfigPattern(doc.uri.path.split('/').pop()!, configPatterns()) ? path : undefined;
  }

  private schedule(doc: vscode.TextDocument): void {
    const path = this.pathOf(doc);
    if (path !== undefined) {
      this.pause.schedule(doc.uri.toString(), () => this.lint(doc, path));
    }
  }

  private lint(doc: vscode.TextDocument, path: string): void {
    const root = workspaceRoot();
    if (!root || doc.isClosed) {
      return;
    }
    // Config drift is judged by every open package: each finding shows once.
    markLinted(doc, doc.version);
    const byFile = new ByFile();
    for (const pkg of this.registry.list()) {
      const answer = pkg.session?.updateWorkspaceFile(path, doc.getText());
      for (const [file, findings] of answer ?? []) {
        const uri = vscode.Uri.joinPath(root, file);
        byFile.file(uri);
        findings.forEach((f) => byFile.add(uri, pkg, f, true));
      }
    }
    for (const [uri, list] of byFile.entries()) {
      this.diagnostics.replace(undefined, uri, list, 'config/');
    }
  }

  private forget(doc: vscode.TextDocument): void {
    forgetLinted(doc);
    const path = this.pathOf(doc);
    if (path !== undefined) {
      this.registry.list().forEach((p) => p.session?.forgetWorkspaceFile(path));
    }
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.pause.dispose();
  }
}
