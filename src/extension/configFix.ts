import * as vscode from 'vscode';
import { fixConfigDrift, type DriftInputs } from '../core/config/fixAll';
import type { TextFile } from '../core/textFile';

/**
 * The edit that makes the config fixes `accept` keeps, worked out on the text of each file as its editor holds
 * it: unsaved edits are kept, and the characters are those VS Code decoded (the bytes on disk may be older, or
 * in another encoding). Worked out on the files as read from disk, a fix replaced the editor's whole text.
 */
export async function configDriftEdit(root: vscode.Uri, files: readonly TextFile[], drift: DriftInputs, accept: (change: { file: string; title: string }) => boolean): Promise<vscode.WorkspaceEdit> {
  const docs = new Map<string, vscode.TextDocument>();
  const open = async (file: string): Promise<vscode.TextDocument> => docs.get(file) ?? (await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root, file)));
  for (const file of fixConfigDrift(files, drift, accept).texts.keys()) {
    docs.set(file, await open(file));
  }
  const asEdited = files.map((f) => ({ path: f.path, text: docs.get(f.path)?.getText() ?? f.text }));
  const edit = new vscode.WorkspaceEdit();
  for (const [file, text] of fixConfigDrift(asEdited, drift, accept).texts) {
    const doc = await open(file);
    edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
  }
  return edit;
}
