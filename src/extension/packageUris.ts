import * as vscode from 'vscode';
import type { OpenPackage } from './packages';
import { entryUri } from './uris';

/** Where a file of a package is opened: in the package's read-only filesystem, or on disk for a folder. */
export function packageFileUri(pkg: Pick<OpenPackage, 'uri' | 'folder'>, path: string): vscode.Uri {
  return pkg.folder ? vscode.Uri.joinPath(pkg.uri, path) : entryUri(pkg.uri, path);
}
