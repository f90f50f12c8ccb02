import type * as vscode from 'vscode';

/**
 * The version of each document being edited that its diagnostics were worked out from. A fix carries the
 * ranges of the text it was made for: applied to a newer text (typed since, the re-lint still waiting for a
 * pause, or fix-all on save right after typing) it would change the wrong lines.
 */
const linted = new Map<string, number>();

export function markLinted(doc: vscode.TextDocument, version: number): void {
  linted.set(doc.uri.toString(), version);
}

/** The document is saved or closed: its diagnostics are a review's of the file again. */
export function forgetLinted(doc: Pick<vscode.TextDocument, 'uri'>): void {
  linted.delete(doc.uri.toString());
}

/** Whether the fixes of a document's diagnostics fit its text: they were made for this version, or for the saved file. */
export function fixesFit(doc: vscode.TextDocument): boolean {
  const version = linted.get(doc.uri.toString());
  return version === undefined ? !doc.isDirty : version === doc.version;
}
