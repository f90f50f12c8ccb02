import * as vscode from 'vscode';
import type { DependencyRow, ProductRow } from '../core/compat/matrix';
import { MANIFEST_PATH } from '../core/manifest/model';
import { COMMANDS } from './constants';
import type { OpenPackage, PackageRegistry } from './packages';
import { entryUri } from './uris';

export type CompatElement =
  | { kind: 'product'; pkg: OpenPackage; row: ProductRow }
  | { kind: 'dependency'; pkg: OpenPackage; row: DependencyRow }
  | { kind: 'detail'; parent: CompatElement; label: string; value: string };

const ICONS: Record<string, [string, string]> = {
  ok: ['pass', 'testing.iconPassed'],
  'same-version': ['pass', 'testing.iconPassed'],
  unsatisfied: ['error', 'problemsErrorIcon.foreground'],
  downgrade: ['error', 'problemsErrorIcon.foreground'],
  'no-upgrade-path': ['error', 'problemsErrorIcon.foreground'],
  'not-installed': ['warning', 'problemsWarningIcon.foreground'],
  'loose-range': ['warning', 'problemsWarningIcon.foreground'],
  unknown: ['question', 'descriptionForeground'],
};

/** The compatibility matrix of the reviewed package: product row first, then each dependency. */
export class CompatibilityView implements vscode.TreeDataProvider<CompatElement>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<CompatElement | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly registry: PackageRegistry) {
    this.subscriptions = [registry.onDidReview(() => this.emitter.fire(undefined)), registry.onDidChange(() => this.emitter.fire(undefined))];
  }

  /** The package the view shows: the most recently opened one with a matrix. */
  current(): OpenPackage | undefined {
    return [...this.registry.list()].reverse().find((p) => p.review?.matrix);
  }

  getChildren(el?: CompatElement): CompatElement[] {
    if (!el) {
      const pkg = this.current();
      const m = pkg?.review?.matrix;
      if (!pkg || !m) {
        return [];
      }
      return [{ kind: 'product', pkg, row: m.product }, ...m.rows.map((row) => ({ kind: 'dependency' as const, pkg, row }))];
    }
    if (el.kind === 'product') {
      return [
        { kind: 'detail', parent: el, label: 'installed', value: el.row.installed ?? '—' },
        { kind: 'detail', parent: el, label: 'target', value: el.row.target },
        { kind: 'detail', parent: el, label: 'upgrade path', value: el.row.via ?? 'none' },
      ];
    }
    if (el.kind === 'dependency') {
      return [
        { kind: 'detail', parent: el, label: 'required', value: el.row.required },
        { kind: 'detail', parent: el, label: 'installed', value: el.row.installed ?? 'not installed' },
        ...(el.row.installedSemver && el.row.installedSemver !== el.row.installed ? [{ kind: 'detail' as const, parent: el, label: 'compared as', value: el.row.installedSemver }] : []),
      ];
    }
    return [];
  }

  getParent(el: CompatElement): CompatElement | undefined {
    return el.kind === 'detail' ? el.parent : undefined;
  }

  getTreeItem(el: CompatElement): vscode.TreeItem {
    if (el.kind === 'detail') {
      const item = new vscode.TreeItem(el.label, vscode.TreeItemCollapsibleState.None);
      item.description = el.value;
      item.contextValue = 'compatDetail';
      return item;
    }
    const row = el.row;
    const [icon, colour] = ICONS[row.status];
    const label = el.kind === 'product' ? `${row.name} (product)` : row.name;
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
    item.description = el.kind === 'product' ? `${row.installed ?? '?'} → ${(row as ProductRow).target} · ${row.status}` : `${(row as DependencyRow).required} · ${row.installed ?? 'not installed'}`;
    item.tooltip = new vscode.MarkdownString(`**${label}**: ${row.status}\n\n${row.detail}`);
    item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(colour));
    item.contextValue = `compat-${row.status}`;
    const path = el.kind === 'product' ? ['version'] : (row as DependencyRow).path;
    item.command = { command: COMMANDS.revealManifestLine, title: 'Show in manifest', arguments: [el.pkg.uri.toString(), path] };
    item.resourceUri = entryUri(el.pkg.uri, MANIFEST_PATH).with({ fragment: path.join('/') });
    return item;
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.emitter.dispose();
  }
}
