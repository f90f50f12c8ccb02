import * as vscode from 'vscode';
import type { Finding, Fix } from '../core/finding';
import { COMMANDS, FIX_ALL_KIND, SOURCE } from './constants';
import { findingOf, toRange } from './diagnostics';
import { fixesFit } from './lintedVersions';
import { append } from '../core/append';

function editFor(uri: vscode.Uri, fix: Fix): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of fix.edits) {
    edit.replace(uri, toRange(e.range), e.newText);
  }
  return edit;
}

function ours(diagnostics: readonly vscode.Diagnostic[]): { d: vscode.Diagnostic; f: Finding }[] {
  return diagnostics.flatMap((d) => {
    const f = d.source === SOURCE ? findingOf.get(d) : undefined;
    return f ? [{ d, f }] : [];
  });
}

/** Quick fixes carried by findings, "Accept finding…" on every finding, and fix-all for the safe ones. */
const FIX_ALL = vscode.CodeActionKind.Empty.append(FIX_ALL_KIND);

export class FindingActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix, FIX_ALL];

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only && FIX_ALL.intersects(context.only)) {
      return this.fixAll(doc);
    }
    if (context.only && !vscode.CodeActionKind.QuickFix.intersects(context.only)) {
      return [];
    }
    const actions: vscode.CodeAction[] = [];
    // A fix made for an older text of the document is left out until the re-lint catches up (see lintedVersions).
    const writable = doc.uri.scheme !== 'upgrade-zip' && fixesFit(doc);
    for (const { d, f } of ours(context.diagnostics)) {
      if (writable) {
        for (const fix of f.fixes ?? []) {
          const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
          action.diagnostics = [d];
          action.isPreferred = fix.safe;
          action.edit = editFor(doc.uri, fix);
          actions.push(action);
        }
      }
      const accept = new vscode.CodeAction(`Accept finding ${f.rule}…`, vscode.CodeActionKind.QuickFix);
      accept.diagnostics = [d];
      accept.command = { command: COMMANDS.acceptFinding, title: 'Accept finding…', arguments: [f] };
      actions.push(accept);
    }
    return actions;
  }

  /** One action applying every safe fix in the file (the first fix of each finding, edits not overlapping). */
  private fixAll(doc: vscode.TextDocument): vscode.CodeAction[] {
    if (doc.uri.scheme === 'upgrade-zip' || !fixesFit(doc)) {
      return [];
    }
    const diagnostics = vscode.languages.getDiagnostics(doc.uri);
    const edit = new vscode.WorkspaceEdit();
    const taken: vscode.Range[] = [];
    for (const { f } of ours(diagnostics)) {
      const fix = f.fixes?.find((x) => x.safe);
      const ranges = fix?.edits.map((e) => toRange(e.range)) ?? [];
      if (!fix || ranges.some((r) => taken.some((t) => t.intersection(r)))) {
        continue;
      }
      append(taken, ranges);
      fix.edits.forEach((e) => edit.replace(doc.uri, toRange(e.range), e.newText));
    }
    if (edit.size === 0) {
      return [];
    }
    const action = new vscode.CodeAction('Fix config drift (Upgrade Inspector)', FIX_ALL);
    action.edit = edit;
    return [action];
  }
}
