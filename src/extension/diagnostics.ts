import * as vscode from 'vscode';
import type { Finding, Range } from '../core/finding';
import { ruleDocUrl } from '../core/rules';
import { SOURCE } from './constants';
import type { OpenPackage } from './packages';
import { workspaceRoot } from './settings';
import { packageFileUri } from './packageUris';

const SEVERITY = { error: vscode.DiagnosticSeverity.Error, warning: vscode.DiagnosticSeverity.Warning, info: vscode.DiagnosticSeverity.Information };

export function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/** Where a finding's file is: inside the package, in the workspace, or the .zip itself. */
export function findingUri(pkg: OpenPackage | undefined, f: Pick<Finding, 'file' | 'origin'>): vscode.Uri | undefined {
  if (f.origin === 'workspace') {
    const root = workspaceRoot();
    return root && vscode.Uri.joinPath(root, f.file);
  }
  if (!pkg) {
    return undefined;
  }
  return !pkg.source || (!pkg.folder && f.file === pkg.name) ? pkg.uri : packageFileUri(pkg, f.file);
}

/** What makes two findings of one file the same (config drift is judged once per open package). */
export function findingKey(f: Finding): string {
  return `${f.rule}|${f.range.start.line}:${f.range.start.character}|${f.message}`;
}

/** Where the rule pages shipped inside the extension are; unset, rule links go to the published pages. */
let shippedDocs: vscode.Uri | undefined;

/** Rule links open the pages shipped with the extension (docs/rules/), which match the version installed. */
export function useShippedRuleDocs(extensionUri: vscode.Uri): void {
  shippedDocs = vscode.Uri.joinPath(extensionUri, 'docs', 'rules');
}

function ruleLink(rule: string): vscode.Uri {
  return shippedDocs && !rule.startsWith('shellcheck/') ? vscode.Uri.joinPath(shippedDocs, `${rule}.md`) : vscode.Uri.parse(ruleDocUrl(rule));
}

/** The fixes of a diagnostic, kept beside it (engine data, not vscode objects). */
export const findingOf = new WeakMap<vscode.Diagnostic, Finding>();

/** A finding as a diagnostic; `pkg` places what it says about package files (none for a workspace script). */
export function toDiagnostic(pkg: OpenPackage | undefined, f: Finding): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(f.range), f.message, SEVERITY[f.severity]);
  d.source = SOURCE;
  d.code = { value: f.rule, target: ruleLink(f.rule) };
  d.relatedInformation = f.related?.flatMap((r) => {
    const uri = findingUri(pkg, r);
    return uri ? [new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, toRange(r.range)), r.message)] : [];
  });
  findingOf.set(d, f);
  return d;
}

/** One collection for everything: every finding of every open package, across all its files. */
export class Diagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(SOURCE);
  show(packages: readonly OpenPackage[]): void {
    const byUri = new Map<string, { uri: vscode.Uri; list: vscode.Diagnostic[] }>();
    const seen = new Set<string>();
    for (const pkg of packages) {
      for (const f of pkg.review?.findings ?? []) {
        const uri = findingUri(pkg, f);
        // Workspace findings (config drift) come from every open package: show each once.
        const id = `${uri?.toString()}|${findingKey(f)}`;
        if (!uri || seen.has(id)) {
          continue;
        }
        seen.add(id);
        const key = uri.toString();
        const slot = byUri.get(key) ?? { uri, list: [] };
        slot.list.push(toDiagnostic(pkg, f));
        byUri.set(key, slot);
      }
    }
    this.collection.clear();
    this.collection.set([...byUri.values()].map((s) => [s.uri, s.list]));
  }

  /** Replaces one workspace file's config diagnostics as the user types. */
  replace(uri: vscode.Uri, diagnostics: vscode.Diagnostic[], rulePrefix: string): void {
    const keep = (this.collection.get(uri) ?? []).filter((d) => !(typeof d.code === 'object' && String(d.code.value).startsWith(rulePrefix)));
    this.collection.set(uri, [...keep, ...diagnostics]);
  }

  dispose(): void {
    this.collection.dispose();
  }
}
