import * as vscode from 'vscode';
import { ZipError } from '../core/zip';
import { openLimitBytes } from './settings';

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0);
import type { PackageNode } from '../core/package/tree';
import type { PackageRegistry } from './packages';
import { entryUri, splitEntryUri } from './uris';

/**
 * The read-only `upgrade-zip` filesystem over the engine's reader: entries are read on demand, writes are
 * refused, and a replaced .zip fires batched change events for what the editor watches.
 */
export class PackageFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;
  private readonly watched = new Map<string, { uri: vscode.Uri; count: number }>();
  private pending: vscode.FileChangeEvent[] = [];
  private flush: NodeJS.Timeout | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly registry: PackageRegistry) {
    this.subscription = registry.onDidChange((pkg) => {
      if (!pkg) {
        return;
      }
      const prefix = pkg.uri.toString();
      for (const { uri } of this.watched.values()) {
        if (uri.query === prefix) {
          this.pending.push({ type: vscode.FileChangeType.Changed, uri });
        }
      }
      this.pending.push({ type: vscode.FileChangeType.Changed, uri: entryUri(pkg.uri, '') });
      // Batch: one event per burst of changes, not one per file.
      this.flush ??= setTimeout(() => {
        this.flush = undefined;
        const events = this.pending;
        this.pending = [];
        this.emitter.fire(events);
      }, 5);
    });
  }

  private async node(uri: vscode.Uri): Promise<{ node: PackageNode; pkg: Awaited<ReturnType<PackageRegistry['forEntry']>> }> {
    let pkg;
    try {
      pkg = await this.registry.forFileSystem(uri);
    } catch {
      throw vscode.FileSystemError.FileNotFound(uri);
    }
    const node = pkg.source?.node(splitEntryUri(uri).innerPath);
    if (!node) {
      throw vscode.FileSystemError.FileNotFound(uri);
    }
    return { node, pkg };
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const { node, pkg } = await this.node(uri);
    const mtime = node.file?.mtime.getTime() ?? 0;
    return {
      type: node.type === 'directory' ? vscode.FileType.Directory : vscode.FileType.File,
      ctime: mtime,
      mtime: mtime + pkg.generation, // a replaced package is newer even with the same entry dates
      size: node.file?.size ?? 0,
      permissions: vscode.FilePermission.Readonly,
    };
  }

  async readDirectory(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
    const { node } = await this.node(uri);
    if (node.type !== 'directory') {
      throw vscode.FileSystemError.FileNotADirectory(uri);
    }
    return [...node.children!.values()].map((c) => [c.name, c.type === 'directory' ? vscode.FileType.Directory : vscode.FileType.File]);
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const { node, pkg } = await this.node(uri);
    // An opened nested archive is a folder, and still a file to whoever reads it whole (Open as Package).
    if ((node.type === 'directory' && !node.archive) || !node.file) {
      throw vscode.FileSystemError.FileIsADirectory(uri);
    }
    const limit = openLimitBytes();
    if (node.file.size > limit) {
      // VS Code shows this message in the editor: the size and the way out, in words.
      throw vscode.FileSystemError.Unavailable(
        `${node.path} is ${mb(node.file.size)} MB, more than the ${mb(limit)} MB a file of a package is opened up to (setting upgradeInspector.limits.maxOpenSizeMB). Run "Upgrade Inspector: Open Start of Large File" to read its first ${mb(limit)} MB.`,
      );
    }
    try {
      return await pkg.source!.read(node.path, limit);
    } catch (e) {
      if (e instanceof ZipError) {
        throw vscode.FileSystemError.Unavailable(`${e.message}`);
      }
      throw e;
    }
  }

  watch(uri: vscode.Uri): vscode.Disposable {
    const key = uri.toString();
    const entry = this.watched.get(key) ?? { uri, count: 0 };
    entry.count++;
    this.watched.set(key, entry);
    return new vscode.Disposable(() => {
      if (--entry.count === 0) {
        this.watched.delete(key);
      }
    });
  }

  writeFile(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  createDirectory(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  delete(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  rename(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
    if (this.flush) {
      clearTimeout(this.flush);
    }
  }
}
