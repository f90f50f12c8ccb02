import * as vscode from 'vscode';
import type { OpenPackage, PackageRegistry } from './packages';

/**
 * Scripts of an unpacked package, re-reviewed as the user types: the unsaved text stands in for the file
 * and the package is reviewed again (debounced), so every rule sees the edit. Other shell scripts of the
 * workspace are left alone.
 */
export class LiveScriptLint implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[];
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly registry: PackageRegistry) {
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidSaveTextDocument((d) => this.forget(d)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d)),
    ];
  }

  private owner(doc: vscode.TextDocument): { pkg: OpenPackage; path: string } | undefined {
    if (doc.uri.scheme !== 'file') {
      return undefined;
    }
    for (const pkg of this.registry.list()) {
      if (pkg.folder && doc.uri.fsPath.startsWith(pkg.uri.fsPath + '/')) {
        const path = doc.uri.fsPath.slice(pkg.uri.fsPath.length + 1);
        const hooks = Object.values(pkg.review?.manifest?.scripts ?? {});
        if (/\.(sh|bash)$/.test(path) || hooks.includes(path) || path === 'manifest.json') {
          return { pkg, path };
        }
      }
    }
    return undefined;
  }

  private schedule(doc: vscode.TextDocument): void {
    const owner = this.owner(doc);
    if (!owner) {
      return;
    }
    owner.pkg.folder!.overlay.set(owner.path, doc.getText());
    const key = owner.pkg.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => void this.registry.review(owner.pkg), 150));
  }

  private forget(doc: vscode.TextDocument): void {
    const owner = this.owner(doc);
    owner?.pkg.folder!.overlay.delete(owner.path);
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.timers.forEach((t) => clearTimeout(t));
  }
}
