import * as vscode from 'vscode';
import { SCHEME } from './constants';

/**
 * A file inside a package: `upgrade-zip://<package file name>/inner/path?<archive uri>`. The archive's own URI
 * rides in the query, so any path (spaces, #, ?, %, unicode, ".zip" in folder names) and any scheme (file,
 * vscode-remote, or upgrade-zip for a package inside a package) round-trips exactly. The authority is only
 * for people: the label formatter in package.json shows it before the path, so Problems, tabs and
 * breadcrumbs say which package a "manifest.json" is from.
 */
export function entryUri(archive: vscode.Uri, innerPath: string): vscode.Uri {
  return vscode.Uri.from({ scheme: SCHEME, authority: archive.path.split('/').pop(), path: '/' + innerPath.replace(/^\/+/, ''), query: archive.toString() });
}

export function packageRootUri(archive: vscode.Uri): vscode.Uri {
  return entryUri(archive, '');
}

export function splitEntryUri(uri: vscode.Uri): { archive: vscode.Uri; innerPath: string } {
  if (uri.scheme !== SCHEME || !uri.query) {
    throw vscode.FileSystemError.FileNotFound(uri);
  }
  return { archive: vscode.Uri.parse(uri.query, true), innerPath: uri.path.replace(/^\/+|\/+$/g, '') };
}

export function displayName(archive: vscode.Uri): string {
  const base = archive.path.split('/').pop() ?? archive.path;
  return archive.scheme === SCHEME ? `${base} (in ${displayName(splitEntryUri(archive).archive)})` : base;
}

/** The '/'-separated path of a local file inside a local folder, or undefined when it is not inside it. */
export function relativePath(folder: vscode.Uri, uri: vscode.Uri): string | undefined {
  if (uri.scheme !== 'file' || folder.scheme !== 'file' || !uri.path.startsWith(folder.path + '/')) {
    return undefined;
  }
  return uri.path.slice(folder.path.length + 1);
}
