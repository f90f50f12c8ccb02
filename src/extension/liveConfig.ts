import * as vscode from 'vscode';
import { configDrift } from '../core/config/drift';
import { matchesConfigPattern } from '../core/config/findFiles';
import { applyLedger } from '../core/ledger';
import type { PackageRegistry } from './packages';
import { configPatterns, workspaceRoot } from './settings';
import { Diagnostics, findingKey, toDiagnostic } from './diagnostics';
import { Debounce } from './debounce';
import { relativePath } from './uris';

/** Re-lints a config file of the workspace as the user types, against the open packages' matrices. */
export class LiveConfigLint implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[];
  private readonly pause = new Debounce(150);

  constructor(
    private readonly registry: PackageRegistry,
    private readonly diagnostics: Diagnostics,
  ) {
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d)),
    ];
  }

  private schedule(doc: vscode.TextDocument): void {
    const root = workspaceRoot();
    const path = root && relativePath(root, doc.uri);
    if (path === undefined || !matchesConfigPattern(doc.uri.path.split('/').pop()!, configPatterns())) {
      return;
    }
    this.pause.schedule(doc.uri.toString(), () => this.lint(doc, path));
  }

  private lint(doc: vscode.TextDocument, path: string): void {
    const diagnostics: vscode.Diagnostic[] = [];
    const seen = new Set<string>();
    for (const pkg of this.registry.list()) {
      const drift = pkg.review?.drift;
      if (!drift) {
        continue;
      }
      // Findings the team accepted in the ledger stay out of the Problems panel while typing, as after a review.
      for (const f of applyLedger(configDrift([{ path, text: doc.getText() }], drift.matrix, drift.target, drift.product), pkg.review?.ledger).open) {
        const id = findingKey(f);
        if (!seen.has(id)) {
          seen.add(id);
          diagnostics.push(toDiagnostic(pkg, f));
        }
      }
    }
    this.diagnostics.replace(doc.uri, diagnostics, 'config/');
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.pause.dispose();
  }
}
