import * as vscode from 'vscode';
import type { Finding } from '../core/finding';
import type { LedgerEntry } from '../core/ledger';
import type { PackageRegistry } from './packages';

export type ReviewElement = { kind: 'group'; label: string; items: ReviewElement[] } | { kind: 'accepted'; finding: Finding } | { kind: 'stale'; entry: LedgerEntry };

/** Accepted findings (with reasons) and stale ledger entries: what the Problems panel leaves out. */
export class ReviewView implements vscode.TreeDataProvider<ReviewElement>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ReviewElement | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly registry: PackageRegistry) {
    const refresh = (): void => this.emitter.fire(undefined);
    this.subscription = vscode.Disposable.from(registry.onDidReview(refresh), registry.onDidChange(refresh));
  }

  /**
   * Ledger entries that match nothing in any open package. The ledger belongs to the workspace, not to one
   * package: an acceptance of the example's finding is not stale because a second package lacks that file.
   */
  private staleEntries(): LedgerEntry[] {
    const reviews = this.registry.list().flatMap((p) => (p.review ? [p.review] : []));
    const key = (e: LedgerEntry): string => `${e.rule}\n${e.file}\n${e.line ?? ''}\n${e.range.start.line}`;
    const staleIn = reviews.map((r) => new Set(r.stale.map(key)));
    const seen = new Set<string>();
    return reviews.flatMap((r) => r.stale).filter((e) => {
      const k = key(e);
      if (seen.has(k) || !staleIn.every((s) => s.has(k))) {
        return false;
      }
      seen.add(k);
      return true;
    });
  }

  getChildren(el?: ReviewElement): ReviewElement[] {
    if (el) {
      return el.kind === 'group' ? el.items : [];
    }
    const accepted = this.registry.list().flatMap((p) => p.review?.accepted ?? []);
    const stale = this.staleEntries();
    const groups: ReviewElement[] = [];
    if (accepted.length) {
      groups.push({ kind: 'group', label: `Accepted (${accepted.length})`, items: accepted.map((finding) => ({ kind: 'accepted', finding })) });
    }
    if (stale.length) {
      groups.push({ kind: 'group', label: `Stale acceptances (${stale.length})`, items: stale.map((entry) => ({ kind: 'stale', entry })) });
    }
    return groups;
  }

  getTreeItem(el: ReviewElement): vscode.TreeItem {
    if (el.kind === 'group') {
      const item = new vscode.TreeItem(el.label, vscode.TreeItemCollapsibleState.Expanded);
      item.contextValue = 'reviewGroup';
      return item;
    }
    if (el.kind === 'accepted') {
      const f = el.finding;
      const item = new vscode.TreeItem(`${f.rule} · ${f.file}:${f.range.start.line + 1}`);
      item.description = f.accepted?.reason;
      item.tooltip = `${f.message}\n\nAccepted${f.accepted?.by ? ` by ${f.accepted.by}` : ''}${f.accepted?.date ? ` on ${f.accepted.date}` : ''}: ${f.accepted?.reason}`;
      item.iconPath = new vscode.ThemeIcon('check');
      item.contextValue = 'acceptedFinding';
      return item;
    }
    const e = el.entry;
    const item = new vscode.TreeItem(`${e.rule} · ${e.file}${e.line ? `:${e.line}` : ''}`);
    item.description = 'matches no finding any more';
    item.iconPath = new vscode.ThemeIcon('warning');
    item.contextValue = 'staleAcceptance';
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
