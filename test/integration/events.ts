import * as vscode from 'vscode';

/** Resolves when an event fires with a value that passes the check (never a sleep or a retry). */
export function nextEvent<T>(event: vscode.Event<T>, check: (value: T) => boolean = () => true, what = 'event', ms = 30_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, ms);
    const sub = event((value) => {
      if (check(value)) {
        clearTimeout(timer);
        sub.dispose();
        resolve(value);
      }
    });
  });
}

/** Waits until the Problems data for a URI passes the check, checking the current state first. */
export async function diagnosticsFor(uri: vscode.Uri, check: (d: readonly vscode.Diagnostic[]) => boolean, what: string): Promise<readonly vscode.Diagnostic[]> {
  const now = vscode.languages.getDiagnostics(uri);
  if (check(now)) {
    return now;
  }
  await nextEvent(vscode.languages.onDidChangeDiagnostics, (e) => e.uris.some((u) => u.toString() === uri.toString()) && check(vscode.languages.getDiagnostics(uri)), what);
  return vscode.languages.getDiagnostics(uri);
}

export function fixturePath(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders![0].uri;
  return vscode.Uri.joinPath(folder, name);
}
