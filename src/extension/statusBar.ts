import * as vscode from 'vscode';
import type { PackageRegistry } from './packages';
import { packageFileUri } from './packageUris';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Which packages are open and whether they need attention (status bar), and badges on the folders that
 * hold findings. Files get no badge of ours: VS Code already counts a file's problems, and two badges on one
 * file disagree. The status bar names packages instead of counting problems beside VS Code's own counter.
 */
export class ReviewIndicators implements vscode.FileDecorationProvider, vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('upgradeInspector.status', vscode.StatusBarAlignment.Left, 50);
  private readonly emitter = new vscode.EventEmitter<vscode.Uri[] | undefined>();
  readonly onDidChangeFileDecorations = this.emitter.event;
  private counts = new Map<string, { errors: number; warnings: number }>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly registry: PackageRegistry) {
    this.item.name = 'Upgrade Inspector';
    this.item.command = 'workbench.actions.view.problems';
    this.subscription = vscode.Disposable.from(registry.onDidReview(() => this.update()), registry.onDidChange(() => this.update()));
  }

  private update(): void {
    const packages = this.registry.list();
    this.counts = new Map();
    let errors = 0;
    let warnings = 0;
    for (const pkg of packages) {
      for (const f of pkg.review?.findings ?? []) {
        errors += f.severity === 'error' ? 1 : 0;
        warnings += f.severity === 'warning' ? 1 : 0;
        if (f.origin !== 'package' || !pkg.source) {
          continue;
        }
        // Count on the file and on every folder above it, so a collapsed folder still shows trouble.
        const parts = f.file.split('/');
        for (let i = parts.length - 1; i >= 0; i--) {
          const key = packageFileUri(pkg, parts.slice(0, i).join('/')).toString();
          const c = this.counts.get(key) ?? { errors: 0, warnings: 0 };
          c.errors += f.severity === 'error' ? 1 : 0;
          c.warnings += f.severity === 'warning' ? 1 : 0;
          this.counts.set(key, c);
        }
      }
    }
    if (packages.length === 0) {
      this.item.hide();
    } else {
      const blocked = packages.filter((p) => p.review?.findings.some((f) => f.severity === 'error'));
      const name = packages.length === 1 ? packages[0].name : `${packages.length} packages`;
      this.item.text = `$(package) ${name}: ${blocked.length ? 'errors to review' : 'no errors'}`;
      this.item.tooltip = `Upgrade Inspector: ${plural(errors, 'error')} and ${plural(warnings, 'warning')} in the review of ${packages.map((p) => p.name).join(', ')} (the Problems counter also counts other problems). Click for the Problems panel.`;
      this.item.show();
    }
    this.emitter.fire(undefined);
  }

  /** What the status bar item says, for the API. */
  get status(): { text: string; tooltip: string } {
    return { text: this.item.text, tooltip: String(this.item.tooltip ?? '') };
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    const c = this.counts.get(uri.toString());
    if (!c || c.errors + c.warnings === 0) {
      return undefined;
    }
    const n = c.errors || c.warnings;
    return new vscode.FileDecoration(n > 99 ? '99+' : String(n), `${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')} inside`, new vscode.ThemeColor(c.errors ? 'list.errorForeground' : 'list.warningForeground'));
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
    this.emitter.dispose();
  }
}

