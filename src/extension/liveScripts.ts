import * as vscode from 'vscode';
import { toDiagnostic, type Diagnostics } from './diagnostics';
import { Debounce } from './debounce';
import { LatestOnly } from './latestOnly';
import type { OpenPackage, PackageRegistry } from './packages';
import { relativePath } from './uris';
import { forgetLinted, markLinted } from './lintedVersions';

/** After the last keystroke, the whole package is reviewed again (other scripts, ShellCheck, the manifest). */
const FULL_REVIEW_DELAY_MS = 400;

/**
 * Scripts of an unpacked package, re-linted as the user types. At once: the edited script alone, through its
 * session (only the statements the edit touches are parsed again) with the environment of the last review.
 * When typing pauses: the whole package, with the unsaved text standing in for the file, so every rule sees
 * the edit. Other shell scripts of the workspace are left alone.
 */
export class LiveScriptLint implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[];
  private readonly pause = new Debounce(FULL_REVIEW_DELAY_MS);

  constructor(
    private readonly registry: PackageRegistry,
    private readonly diagnostics: Diagnostics,
  ) {
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((e) => void this.changed(e.document)),
      vscode.workspace.onDidSaveTextDocument((d) => this.forget(d)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d)),
    ];
  }

  private owner(doc: vscode.TextDocument): { pkg: OpenPackage; path: string } | undefined {
    for (const pkg of this.registry.list()) {
      const path = pkg.folder && relativePath(pkg.uri, doc.uri);
      if (path) {
        const hooks = Object.values(pkg.review?.manifest?.scripts ?? {});
        if (/\.(sh|bash)$/.test(path) || hooks.includes(path) || path === 'manifest.json') {
          return { pkg, path };
        }
      }
    }
    return undefined;
  }

  private async changed(doc: vscode.TextDocument): Promise<void> {
    const owner = this.owner(doc);
    if (!owner) {
      return;
    }
    const { pkg, path } = owner;
    // The unsaved text stands in for the file at once, so the review when typing pauses sees it too.
    pkg.session?.setPackageText(path, doc.getText());
    this.pause.schedule(pkg.uri.toString(), () => void this.registry.review(pkg));
    await this.relint(pkg, path, doc);
  }

  /** The edited script alone, through its session, on its latest text (see LatestOnly). */
  private relint(pkg: OpenPackage, path: string, doc: vscode.TextDocument): Promise<void> {
    return this.latest.run(doc.uri.toString(), async () => {
      if (doc.isClosed) {
        return;
      }
      const version = doc.version;
      const answer = await pkg.session?.updatePackageScript(path, doc.getText());
      const open = answer?.get(path);
      if (open && version === doc.version) {
        markLinted(doc, version);
        this.diagnostics.replace(pkg, doc.uri, open.map((f) => toDiagnostic(pkg, f)), 'script/');
      }
    });
  }

  private readonly latest = new LatestOnly();

  private forget(doc: vscode.TextDocument): void {
    forgetLinted(doc);
    const owner = this.owner(doc);
    owner?.pkg.session?.forgetPackageFile(owner.path);
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.pause.dispose();
  }
}
