import * as vscode from 'vscode';
import type { OpenPackage } from './packages';
import { entryUri } from './uris';

/**
 * Where a file of a package is opened: in the package's read-only filesystem, or on disk for a folder's own
 * files (a file inside an archive of the folder is read through the package's filesystem too).
 */
export function packageFileUri(pkg: Pick<OpenPackage, 'uri' | 'folder'>, path: string): vscode.Uri {
  return pkg.folder && !path.includes('!/') ? vscode.Uri.joinPath(pkg.uri, path) : entryUri(pkg.uri, path);
}
