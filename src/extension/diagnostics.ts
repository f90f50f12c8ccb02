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

/**
 * Diagnostics grouped by file, as a collection takes them. Findings of the workspace's own files (config drift)
 * are judged by every open package: added with `once`, each is kept once per file.
 */
export class ByFile {
  private readonly slots = new Map<string, { uri: vscode.Uri; list: vscode.Diagnostic[]; seen: Set<string> }>();

  /** The file's slot, made empty when new: a file left with no diagnostics is cleared. */
  file(uri: vscode.Uri): { list: vscode.Diagnostic[]; seen: Set<string> } {
    const key = uri.toString();
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { uri, list: [], seen: new Set() };
      this.slots.set(key, slot);
    }
    return slot;
  }

  add(uri: vscode.Uri, pkg: OpenPackage | undefined, f: Finding, once = false): void {
    const slot = this.file(uri);
    if (once) {
      const id = findingKey(f);
      if (slot.seen.has(id)) {
        return;
      }
      slot.seen.add(id);
    }
    slot.list.push(toDiagnostic(pkg, f));
  }

  entries(): [vscode.Uri, vscode.Diagnostic[]][] {
    return [...this.slots.values()].map((s) => [s.uri, s.list]);
  }
}

/**
 * Each open package has a collection of its own, and the workspace's files one more: VS Code shows at most
 * about 1,100 diagnostics of one collection (the files sorted by URI, the rest dropped), so in one shared
 * collection a package with thousands of findings would hide another package's errors.
 */
export class Diagnostics implements vscode.Disposable {
  /** Findings in the workspace's own files (config drift), which every open package judges: shown once. */
  private readonly workspace = vscode.languages.createDiagnosticCollection(SOURCE);
  private readonly perPackage = new Map<string, vscode.DiagnosticCollection>();

  show(packages: readonly OpenPackage[]): void {
    const inWorkspace = new ByFile();
    const open = new Set<string>();
    for (const pkg of packages) {
      const own = new ByFile();
      for (const f of pkg.review?.findings ?? []) {
        const uri = findingUri(pkg, f);
        if (uri) {
          (f.origin === 'workspace' ? inWorkspace : own).add(uri, pkg, f, f.origin === 'workspace');
        }
      }
      open.add(pkg.uri.toString());
      const collection = this.collectionOf(pkg);
      collection.clear();
      collection.set(own.entries());
    }
    for (const [key, collection] of this.perPackage) {
      if (!open.has(key)) {
        collection.dispose();
        this.perPackage.delete(key);
      }
    }
    this.workspace.clear();
    this.workspace.set(inWorkspace.entries());
  }

  private collectionOf(pkg: OpenPackage): vscode.DiagnosticCollection {
    const key = pkg.uri.toString();
    let collection = this.perPackage.get(key);
    if (!collection) {
      collection = vscode.languages.createDiagnosticCollection();
      this.perPackage.set(key, collection);
    }
    return collection;
  }

  /** Replaces one file's diagnostics of a rule family as the user types: a package's file, or (no package) a workspace file. */
  replace(pkg: OpenPackage | undefined, uri: vscode.Uri, diagnostics: vscode.Diagnostic[], rulePrefix: string): void {
    const collection = pkg ? this.collectionOf(pkg) : this.workspace;
    const keep = (collection.get(uri) ?? []).filter((d) => !(typeof d.code === 'object' && String(d.code.value).startsWith(rulePrefix)));
    collection.set(uri, [...keep, ...diagnostics]);
  }

  dispose(): void {
    this.workspace.dispose();
    this.perPackage.forEach((c) => c.dispose());
  }
}
