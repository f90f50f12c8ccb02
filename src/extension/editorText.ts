import * as vscode from 'vscode';
import { fixConfigDrift, type DriftInputs } from '../core/config/fixAll';
import type { TextFile } from '../core/textFile';

// Edits to the user's own files are built on the text each editor holds, never on the file's older bytes: the
// editor's whole text is then replaced (undoable), and unsaved edits stay.

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

/** A workspace file's text as the user has it: its editor's, unsaved edits included, else the file's; undefined if neither. */
export async function workspaceText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) {
    return open.getText();
  }
  try {
    return Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
  } catch {
    return undefined;
  }
}
