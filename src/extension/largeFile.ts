import * as vscode from 'vscode';
import { COMMANDS } from './constants';
import type { PackageRegistry } from './packages';
import { openLimitBytes } from './settings';
import { entryUri, splitEntryUri } from './uris';

/** Open Start of Large File: the first part of a package file too large to open whole, as an untitled document. */
export function registerLargeFileCommand(registry: PackageRegistry): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.openStartOfFile, async (arg?: vscode.Uri) => {
    const limit = openLimitBytes();
    let target = arg;
    if (!target) {
      const large = registry.list().flatMap((p) => (p.source?.files() ?? []).filter((f) => f.type === 'file' && f.size > limit).map((f) => ({ label: f.path, description: `${p.name} · ${(f.size / 1024 / 1024).toFixed(0)} MB`, uri: entryUri(p.uri, f.path) })));
      if (large.length === 0) {
        void vscode.window.showInformationMessage('Upgrade Inspector: no file of the open packages is too large to open.');
        return undefined;
      }
      target = (await vscode.window.showQuickPick(large, { title: 'Open the start of which file?' }))?.uri;
    }
    if (!target) {
      return undefined;
    }
    const pkg = await registry.forEntry(target);
    const path = splitEntryUri(target).innerPath;
    const parts: Buffer[] = [];
    let size = 0;
    for await (const chunk of pkg.source!.chunks(path)) {
      parts.push(chunk);
      size += chunk.length;
      if (size >= limit) {
        break;
      }
    }
    const text = Buffer.concat(parts).subarray(0, limit).toString('utf8');
    const doc = await vscode.workspace.openTextDocument({ content: text });
    await vscode.window.showTextDocument(doc, { preview: true });
    void vscode.window.showInformationMessage(`Upgrade Inspector: the first ${(limit / 1024 / 1024).toFixed(0)} MB of ${path}, read-only copy (the file is ${((pkg.source!.file(path)?.size ?? 0) / 1024 / 1024).toFixed(0)} MB).`);
    return doc.uri.toString();
  });
}
