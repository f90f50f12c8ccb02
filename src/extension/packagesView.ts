import * as vscode from 'vscode';
import type { PackageNode } from '../core/package/tree';
import { ExpandedPackage } from '../core/nested/expand';
import { COMMANDS } from './constants';
import type { OpenPackage, PackageRegistry } from './packages';
import { packageFileUri } from './packageUris';

/** Plain data elements: a package, a node of its tree, its signature and the certificates of its path. */
export type PackageElement =
  | { kind: 'package'; pkg: OpenPackage }
  | { kind: 'node'; pkg: OpenPackage; node: PackageNode }
  | { kind: 'signature'; pkg: OpenPackage }
  | { kind: 'certificate'; pkg: OpenPackage; index: number };

const VERDICT = { trusted: 'trusted', untrusted: 'not trusted', invalid: 'does not verify', missing: 'not signed' } as const;
const SOURCE = { shipped: 'in the package', chain: 'vendor chain you added', trusted: 'your trusted root' } as const;

const NOT_OPENED: Record<string, string> = { 'too-deep': 'deeper than upgradeInspector.limits.maxDepth', 'not-readable': 'not readable (see Problems)', 'not-reviewed': 'format not read (RPM)', opened: 'opened' };

function size(bytes: number): string {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  const units = ['KB', 'MB', 'GB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

export class PackagesView implements vscode.TreeDataProvider<PackageElement>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<PackageElement | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly elements = new Map<string, PackageElement>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly registry: PackageRegistry) {
    this.subscriptions = [registry.onDidChange(() => this.refresh()), registry.onDidReview(() => this.refresh())];
  }

  refresh(): void {
    this.elements.clear();
    this.emitter.fire(undefined);
  }

  /** One element object per path, so reveal() and getParent() agree. */
  element(pkg: OpenPackage, node?: PackageNode): PackageElement {
    const key = `${pkg.uri.toString()}\u0000${node?.path ?? ''}`;
    let el = this.elements.get(key);
    if (!el) {
      el = node && node.path !== '' ? { kind: 'node', pkg, node } : { kind: 'package', pkg };
      this.elements.set(key, el);
    }
    return el;
  }

  getChildren(el?: PackageElement): PackageElement[] {
    if (!el) {
      return this.registry.list().map((pkg) => this.element(pkg));
    }
    if (el.kind === 'signature') {
      return (el.pkg.review?.signer?.path ?? []).map((_, index) => this.special({ kind: 'certificate', pkg: el.pkg, index }));
    }
    if (el.kind === 'certificate') {
      return [];
    }
    const node = el.kind === 'package' ? el.pkg.source?.tree() : el.node;
    const children = [...(node?.children?.values() ?? [])];
    children.sort((a, b) => Number(b.type === 'directory') - Number(a.type === 'directory') || a.name.localeCompare(b.name));
    const files = children.map((c) => this.element(el.pkg, c));
    // The package's signature first: who signed, and the path to a root.
    return el.kind === 'package' && el.pkg.review?.signer ? [this.special({ kind: 'signature', pkg: el.pkg }), ...files] : files;
  }

  /** One element object per signature node, so reveal() and getParent() agree. */
  private special(el: Extract<PackageElement, { kind: 'signature' | 'certificate' }>): PackageElement {
    const key = `${el.pkg.uri.toString()}\u0000${el.kind}${el.kind === 'certificate' ? el.index : ''}`;
    const known = this.elements.get(key);
    if (known) {
      return known;
    }
    this.elements.set(key, el);
    return el;
  }

  private signatureItem(el: Extract<PackageElement, { kind: 'signature' | 'certificate' }>): vscode.TreeItem {
    const signer = el.pkg.review!.signer!;
    if (el.kind === 'signature') {
      const item = new vscode.TreeItem('Signature', signer.path?.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      item.description = `${VERDICT[signer.verdict]}${signer.subject ? ` · ${signer.subject}` : ''}`;
      item.tooltip = signer.rootFingerprint ? `${signer.issuer}\nSHA-256 of the last certificate: ${signer.rootFingerprint}` : signer.issuer;
      item.iconPath = new vscode.ThemeIcon(signer.verdict === 'trusted' ? 'verified' : 'unverified');
      item.contextValue = `signature-${signer.verdict}`;
      return item;
    }
    const c = signer.path![el.index];
    const item = new vscode.TreeItem(c.name);
    item.description = `${SOURCE[c.source]} · until ${new Date(c.validTo).toISOString().slice(0, 10)}`;
    const problems = c.problems ?? [];
    item.tooltip = [...problems.map((p) => p.message), `${c.usage}\nValid ${c.validFrom} to ${c.validTo}\nSHA-256 ${c.fingerprint}`].join('\n\n');
    // A certificate the review found wrong shows it at a glance; the others show their role.
    const worst = problems.some((p) => p.severity === 'error') ? 'error' : problems.length > 0 ? 'warning' : undefined;
    item.iconPath = worst
      ? new vscode.ThemeIcon(worst, new vscode.ThemeColor(worst === 'error' ? 'problemsErrorIcon.foreground' : 'problemsWarningIcon.foreground'))
      : new vscode.ThemeIcon(el.index === 0 ? 'key' : 'shield');
    return item;
  }

  getParent(el: PackageElement): PackageElement | undefined {
    if (el.kind === 'package') {
      return undefined;
    }
    if (el.kind === 'signature') {
      return this.element(el.pkg);
    }
    if (el.kind === 'certificate') {
      return this.special({ kind: 'signature', pkg: el.pkg });
    }
    const parentPath = el.node.path.split('/').slice(0, -1).join('/');
    return parentPath === '' ? this.element(el.pkg) : this.element(el.pkg, el.pkg.source?.node(parentPath));
  }

  getTreeItem(el: PackageElement): vscode.TreeItem {
    if (el.kind === 'signature' || el.kind === 'certificate') {
      return this.signatureItem(el);
    }
    if (el.kind === 'package') {
      const folder = !!el.pkg.folder;
      const item = new vscode.TreeItem(el.pkg.name, el.pkg.source ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
      const r = el.pkg.review;
      const errors = r?.findings.filter((f) => f.severity === 'error').length ?? 0;
      const warnings = r?.findings.filter((f) => f.severity === 'warning').length ?? 0;
      const counts = r ? `${errors} errors · ${warnings} warnings` : el.pkg.cancelled ? 'review cancelled' : 'reviewing…';
      item.description = folder ? `folder · ${counts}` : !el.pkg.archive ? 'not a readable ZIP' : counts;
      item.tooltip = el.pkg.uri.scheme === 'file' ? el.pkg.uri.fsPath : el.pkg.uri.toString();
      item.iconPath = new vscode.ThemeIcon(folder ? 'file-directory' : !el.pkg.archive ? 'error' : 'package');
      item.contextValue = 'package';
      item.id = el.pkg.uri.toString();
      return item;
    }
    const { node, pkg } = el;
    const folder = node.type === 'directory';
    const item = new vscode.TreeItem(node.name, folder ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.resourceUri = packageFileUri(pkg, node.path);
    item.id = `${pkg.uri.toString()}\u0000${node.path}`;
    if (node.file && !(pkg.folder && folder && !node.archive)) {
      const date = node.file.mtime.toISOString().slice(0, 10);
      item.description = folder && !node.archive ? date : `${size(node.file.size)} · ${date}`;
    }
    // An archive inside the package: opened (a folder), or why not.
    const nested = pkg.source instanceof ExpandedPackage ? pkg.source.nested.find((n) => n.path === node.path) : undefined;
    if (node.archive) {
      item.description = `archive · ${item.description ?? ''}`;
      item.iconPath = new vscode.ThemeIcon('file-zip');
    } else if (nested) {
      item.description = `not opened: ${NOT_OPENED[nested.status]}`;
      item.tooltip = nested.detail;
      item.iconPath = new vscode.ThemeIcon('warning');
    }
    const isZip = /\.(zip|jar|war|ear|vsix)$/i.test(node.path);
    item.contextValue = isZip ? 'packageArchive' : folder ? 'packageFolder' : node.type === 'symlink' ? 'packageSymlink' : 'packageFile';
    if (!folder) {
      item.command = { command: COMMANDS.openEntry, title: 'Open', arguments: [item.resourceUri] };
    }
    return item;
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.emitter.dispose();
  }
}
