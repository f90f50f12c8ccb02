import { existsSync, readFileSync, renameSync, watch, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
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

let queries = 0;

/**
 * An attribute (or "textContent") of the workbench's own DOM, answered by scripts/run-integration.mjs: what the
 * editor shows, not the extension's copy of it. The harness waits (up to 20 s) for an element whose value
 * matches `pattern` and answers that value, or, when none does in time, every element's value joined by " | ".
 */
export function pageAttribute(selector: string, attribute: string, pattern: RegExp): Promise<string | null> {
  const dir = process.env.UI_PAGE_QUERIES!;
  const id = `${process.pid}x${++queries}`;
  const answer = join(dir, `answer-${id}.json`);
  const got = new Promise<string | null>((resolve) => {
    const w = watch(dir, (_, name) => {
      if (name === basename(answer) && existsSync(answer)) {
        w.close();
        resolve((JSON.parse(readFileSync(answer, 'utf8')) as { value: string | null }).value);
      }
    });
  });
  writeFileSync(join(dir, `query-${id}.tmp`), JSON.stringify({ selector, attribute, pattern: pattern.source }));
  renameSync(join(dir, `query-${id}.tmp`), join(dir, `query-${id}.json`));
  return got;
}
