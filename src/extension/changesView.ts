import * as vscode from 'vscode';
import type { ReleaseDiff } from '../core/diff/compare';
import type { DiffFinding } from '../core/diff/baseline';
import type { FileChange } from '../core/diff/files';
import type { ManifestChange } from '../core/diff/manifest';
import { entryUri } from './uris';

/** A comparison on show: the two packages' URIs and what the engine found. */
export interface Comparison {
  oldUri: vscode.Uri;
  newUri: vscode.Uri;
  diff: ReleaseDiff;
}

export type ChangeElement =
  | { kind: 'group'; label: string; items: ChangeElement[] }
  | { kind: 'file'; change: FileChange }
  | { kind: 'manifest'; change: ManifestChange }
  | { kind: 'finding'; finding: DiffFinding };

const ICONS = { added: 'diff-added', removed: 'diff-removed', modified: 'diff-modified', moved: 'diff-renamed' } as const;
const show = (v: unknown): string => (v === undefined ? '—' : JSON.stringify(v));

/**
 * The Changes view: what differs between two releases, files grouped by kind of change (a modified file opens
 * in VS Code's diff editor), changed manifest values, and the findings the new release brings or drops.
 */
export class ChangesView implements vscode.TreeDataProvider<ChangeElement>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ChangeElement | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private shown?: Comparison;

  get current(): Comparison | undefined {
    return this.shown;
  }

  show(comparison: Comparison): void {
    this.shown = comparison;
    this.emitter.fire(undefined);
  }

  getChildren(el?: ChangeElement): ChangeElement[] {
    if (el) {
      return el.kind === 'group' ? el.items : [];
    }
    const d = this.shown?.diff;
    if (!d) {
      return [];
    }
    const groups: ChangeElement[] = (['added', 'removed', 'modified', 'moved'] as const).map((kind) => ({
      kind: 'group',
      label: `${kind[0].toUpperCase()}${kind.slice(1)}`,
      items: d.files.filter((f) => f.change === kind).map((change) => ({ kind: 'file', change })),
    }));
    groups.push({ kind: 'group', label: 'Manifest', items: d.manifest.filter((m) => !m.key.startsWith('files[')).map((change) => ({ kind: 'manifest', change })) });
    groups.push({ kind: 'group', label: 'New findings', items: d.findings.filter((f) => f.baseline === 'new').map((finding) => ({ kind: 'finding', finding })) });
    groups.push({ kind: 'group', label: 'Findings gone', items: d.findings.filter((f) => f.baseline === 'absent').map((finding) => ({ kind: 'finding', finding })) });
    return groups.filter((g) => g.kind === 'group' && g.items.length > 0);
  }

  getTreeItem(el: ChangeElement): vscode.TreeItem {
    const c = this.shown!;
    switch (el.kind) {
      case 'group': {
        const item = new vscode.TreeItem(el.label, vscode.TreeItemCollapsibleState.Expanded);
        item.description = String(el.items.length);
        return item;
      }
      case 'file': {
        const { change } = el;
        const item = new vscode.TreeItem(change.path);
        item.iconPath = new vscode.ThemeIcon(ICONS[change.change]);
        item.contextValue = `change-${change.change}`;
        const oldUri = entryUri(c.oldUri, change.from ?? change.path);
        const newUri = entryUri(c.newUri, change.path);
        if (change.change === 'modified') {
          item.command = { command: 'vscode.diff', title: 'Compare', arguments: [oldUri, newUri, `${change.path} (${c.diff.old} ↔ ${c.diff.new})`] };
        } else {
          item.description = change.from ? `from ${change.from}` : undefined;
          item.command = { command: 'vscode.open', title: 'Open', arguments: [change.change === 'removed' ? oldUri : newUri] };
        }
        return item;
      }
      case 'manifest': {
        const item = new vscode.TreeItem(el.change.key);
        item.description = `${show(el.change.old)} → ${show(el.change.new)}`;
        return item;
      }
      case 'finding': {
        const f = el.finding;
        const item = new vscode.TreeItem(f.message);
        item.description = `${f.baseline} · ${f.rule} · ${f.file}:${f.range.start.line + 1}`;
        item.iconPath = new vscode.ThemeIcon(f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'info');
        item.contextValue = `finding-${f.baseline}`;
        if (f.origin === 'package') {
          const uri = entryUri(f.baseline === 'absent' ? c.oldUri : c.newUri, f.file);
          item.command = { command: 'vscode.open', title: 'Open', arguments: [uri, { selection: new vscode.Range(f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character) }] };
        }
        return item;
      }
    }
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
